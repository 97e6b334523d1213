"""Stage 1, sources: seed files -> `Article` records (seed forms, encodings, typography repair, page
furniture that is shown but not analysed)."""
