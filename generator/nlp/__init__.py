"""Stage 2, extraction: an `Article` -> its records (actors, quotes with speakers, dated events, figures),
each with its sentence. spaCy's English pipeline plus the project's components and rules; the word
lists and patterns the rules use are data files in `data/`. Cached per article."""
