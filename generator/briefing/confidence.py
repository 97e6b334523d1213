"""Confidence: how far a reader may trust an extracted speaker, actor or figure.

Each item records the method that found it (`Quote.method`: the speaker rule; `Actor.method`: how its
mentions were found; `Figure.method`: the figure rule). `data/confidence.yml` says, per method, how
often that method was right on the hand-annotated gold sets (made by `python -m tools.calibrate
--corpus ../shared/corpus`; see tools/calibrate.py for what "right" means per category), and
`apply_confidence` copies that share onto each item. A method the table does not know gets its
category's overall share. The gold sets are also the sets the rules were tuned on, so the shares are
optimistic (the README's first blind runs are the honest numbers); they rank methods, they are no
promise about a new article.
"""
from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Optional

import yaml

from generator.briefing.records import Actor, Briefing, Figure, Quote

CONFIDENCE_PATH = Path(__file__).parent / "data" / "confidence.yml"
CATEGORIES = ("speakers", "actors", "figures", "events")

# The confidence an item needs to be shown as certain (on the home page, without a caveat). Chosen
# with the calibration numbers (data/confidence.yml): the methods at or above 0.8 hold
# 96% of the named speakers, 98% of the actors and 96% of the figures, and are right 95%, 95% and 98%
# of the time; the methods below it are right only 72% (13/18 speakers), 82% (14/17 actors) and 75%
# (3/4 figures) of the time. 0.85 would also drop the described speakers ("Ukrainian military
# intelligence", right 84%): a quarter of all speakers, for three points of precision. A method seen
# only a few times stays below 0.8 until it has been right at least 3 times out of 3 ((3+1)/(3+2) = 0.8).
FRONT_PAGE_THRESHOLD = 0.8


class ConfidenceError(RuntimeError):
    """The confidence table is missing or malformed (a packaging or calibration fault)."""


@functools.lru_cache(maxsize=1)
def table() -> dict[str, dict]:
    """Category -> {"default": confidence, "methods": {method: confidence}}, from data/confidence.yml."""
    try:
        data = yaml.safe_load(CONFIDENCE_PATH.read_text(encoding="utf-8"))
        return {category: {"default": float(data[category]["default"]["confidence"]),
                           "methods": {str(method): float(entry["confidence"])
                                       for method, entry in (data[category].get("methods") or {}).items()}}
                for category in CATEGORIES if category in data or category != "events"}
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        problem = f"{CONFIDENCE_PATH.name}: not a confidence table ({exc.__class__.__name__}: {exc})"
        raise ConfidenceError(problem) from exc


def confidence_of(category: str, method: str) -> float:
    """The share of the gold sets' items of `category` found by `method` that were right (the
    category's default for a method the table does not know)."""
    if method == "editor":
        return 1.0  # an editor said so
    rates = table()[category]
    return rates["methods"].get(method or "", rates["default"])


def event_table() -> dict[str, float]:
    """How often an event dated each way was right ("" -> the default): the story stage's input."""
    rates = table().get("events")  # absent only while tools/calibrate makes the first table
    return {"": rates["default"], **rates["methods"]} if rates else {}


def _quote(quote: Quote) -> Quote:
    speaker = quote.speaker or quote.speaker_name
    return dataclasses.replace(quote, confidence=confidence_of("speakers", quote.method) if speaker else None)


def _actor(actor: Actor) -> Actor:
    return dataclasses.replace(actor, confidence=confidence_of("actors", actor.method))


def _figure(figure: Figure) -> Figure:
    return dataclasses.replace(figure, confidence=confidence_of("figures", figure.method))


def apply_confidence(briefing: Briefing) -> Briefing:
    """A copy of the briefing whose quotes, actors and figures carry their method's confidence (a
    quote without a speaker: None, there is nothing to trust)."""
    return dataclasses.replace(briefing, quotes=[_quote(q) for q in briefing.quotes],
                               actors=[_actor(a) for a in briefing.actors],
                               figures=[_figure(f) for f in briefing.figures])


def confident(confidence: Optional[float]) -> bool:
    """Whether an item with this confidence may be shown as certain (`FRONT_PAGE_THRESHOLD`)."""
    return confidence is not None and confidence >= FRONT_PAGE_THRESHOLD
