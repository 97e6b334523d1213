"""Finding an item's id by its words: what an editor needs to write a curation entry."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import printable

SHOWN_CHARS = 100


def _words(*parts: object) -> str:
    return " ".join(" ".join(str(p).split()) for p in parts if p)


def find_items(data: dict, text: str) -> Iterator[tuple[str, str, str]]:
    """(kind, id, what it says) for every story, actor, quote, event, figure and article whose words
    contain `text`, case-insensitively, in the briefing's order."""
    needle = " ".join(text.lower().split())
    events = {e["id"]: e for e in data.get("events", [])}
    candidates = (
        [("story", st["id"], _words(st["date"], st.get("headline") or "(no headline)", *(
            s["sentence"] for i in st.get("events", []) for s in events.get(i, {}).get("sources", []))))
         for st in data.get("stories", [])]
        + [("actor", a["id"], _words(a["name"], ", ".join(a.get("aliases", [])))) for a in data.get("actors", [])]
        + [("quote", q["id"], _words((q.get("speaker_name") or "unattributed") + ":", q["text"]))
           for q in data.get("quotes", [])]
        + [("event", e["id"], _words(e["date"], e["title"], *(s["sentence"] for s in e.get("sources", []))))
           for e in data.get("events", [])]
        + [("figure", f["id"], _words(f["value"], (f.get("what") or "") + ":", f.get("sentence")))
           for f in data.get("figures", [])]
        + [("article", a["id"], _words(a["date"], a["title"])) for a in data.get("articles", [])])
    for kind, item_id, words in candidates:
        at = words.lower().find(needle) if needle else -1
        if at >= 0:
            yield kind, item_id, printable(_around(words, at, len(needle)))


def _around(words: str, at: int, length: int) -> str:
    """The words with the match in view: the start, or a window around the match when it is far in."""
    if len(words) <= SHOWN_CHARS:
        return words
    if at + length <= SHOWN_CHARS - 1:
        return words[:SHOWN_CHARS - 1] + "…"
    start = max(0, at - (SHOWN_CHARS - length) // 2)
    return "…" + words[start:start + SHOWN_CHARS - 2] + "…"
