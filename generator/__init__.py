"""Event-briefing generator: news articles in, a curated briefing site out."""

__version__ = "0.1.0"
