"""Stage 4, the site: briefing data -> a tree of Markdown pages through Jinja2 templates (builder-neutral),
and the thin MkDocs plugin that runs the pipeline inside `mkdocs build` and `mkdocs serve`."""
