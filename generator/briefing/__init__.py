"""Stage 3, the briefing: the record schema, the merge of all articles' records, the editor's curation
and the YAML/JSON data layer with its JSON Schema."""
