"""The tree's files for machines: story feeds (site-wide and per actor) and the open exports
(TimelineJS, CSV tables with their Data Package). Pages link to them; render.py adds them to the tree.

Every feed is bounded (the newest stories); the exports hold every story, quote, actor, figure and
source, as the data files do, but never an article's text.
"""
from __future__ import annotations

import json

from generator.site.exports import csv_cells, csv_tables, datapackage, timelinejs
from generator.site.feeds import BriefingIndex, atom_feed, feed_stories, json_feed

SITE_FEED = "feed"  # feed.xml and feed.json at the root (see head.py for why the root)
ACTOR_FEED = "feeds/actors/{id}"
SITE_FEED_ENTRIES = 50
ACTOR_FEED_ENTRIES = 30
EXPORTS = "data"  # timeline.json, the CSV tables and datapackage.json


def feeds(data: dict, stories_by_actor: dict[str, list[dict]], actor_pages: set[str], *, site_url: str,
          site_name: str) -> dict[str, str]:
    """Atom and JSON Feed of the newest stories, and of each actor with a page."""
    index = BriefingIndex(data)
    out: dict[str, str] = {}

    def both(base: str, title: str, stories: list[dict]) -> None:
        for ext, write in (("xml", atom_feed), ("json", json_feed)):
            out[f"{base}.{ext}"] = write(data, stories, title=title, own_path=f"{base}.{ext}", site_url=site_url,
                                         actor_pages=actor_pages, index=index)

    both(SITE_FEED, site_name, feed_stories(data, limit=SITE_FEED_ENTRIES))
    names = {a["id"]: a["name"] for a in data.get("actors", [])}
    for actor_id in sorted(actor_pages):
        stories = feed_stories(data, actor_id, ACTOR_FEED_ENTRIES, candidates=stories_by_actor.get(actor_id, []))
        both(ACTOR_FEED.format(id=actor_id), f"{site_name}: {names.get(actor_id, actor_id)}", stories)
    return out


def exports(data: dict, *, site_url: str) -> dict[str, str]:
    """TimelineJS JSON and the CSV tables described by datapackage.json, under data/."""
    out = {f"{EXPORTS}/timeline.json": _json(timelinejs(data, site_url=site_url, own_path=f"{EXPORTS}/timeline.json"))}
    cells = csv_cells(data)
    tables = csv_tables(data, cells)
    out.update({f"{EXPORTS}/{name}": text for name, text in tables.items()})
    out[f"{EXPORTS}/datapackage.json"] = _json(datapackage(data, tables, cells))
    return out


def _json(value: object) -> str:
    """Compact: these are for programs (and the C encoder is used only without indentation)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"

