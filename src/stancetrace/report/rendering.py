"""Jinja2 environments for briefs: HTML autoescaped, Markdown with an escaping filter."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!{}])")


def md_escape(value: object) -> str:
    """Text as Markdown shows it literally: punctuation with a meaning is backslashed,
    so HTML or links inside a quote stay inert in any renderer."""
    return _MD_SPECIAL.sub(r"\\\1", "" if value is None else str(value)).replace("\n", " ")


def actor_label(value: str | None) -> str:
    """'issue:negotiation-with-us' -> 'negotiation with us (issue)'; ids stay readable."""
    if not value:
        return "(no target coded)"
    if value.startswith("issue:"):
        return value[len("issue:"):].replace("-", " ") + " (issue)"
    return value


@lru_cache(maxsize=2)
def environment(fmt: str):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=fmt == "html",
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["label"] = actor_label
    return env
