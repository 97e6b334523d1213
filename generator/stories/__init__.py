"""The story stage: events of all articles grouped into stories (one happening, one or more sources),
each dated, headlined and counted by outlet. Runs over the merged briefing, before curation."""
