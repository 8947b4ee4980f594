"""Reading a scenario's evidence: the sentences its inputs cite.

A document span ``{doc, start, end}`` is read from ``docs_dir / doc`` (the file decoded as
UTF-8, so offsets are Python string indices as everywhere in stancetrace) or, when no
folder is given, from the store's document of that name. An ``{attribution: ID}`` is read
from the store's attributions table.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError, Errors, StanceTraceError
from .scenario import Evidence, Scenario

WHITESPACE = re.compile(r"\s+")


def _document_text(doc: str, docs_dir: Path | None, store, cache: dict) -> str:
    if doc in cache:
        return cache[doc]
    text = None
    if docs_dir is not None:
        path = Path(docs_dir) / doc
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            if store is None:
                raise ConfigError(Errors.E408.format(ref=doc, detail=f"cannot read {path}: {error.strerror}")) from error
    if text is None and store is not None:
        try:
            text = store.document(doc).text
        except StanceTraceError as error:
            raise ConfigError(Errors.E408.format(ref=doc, detail=str(error))) from error
    if text is None:
        raise ConfigError(Errors.E408.format(ref=doc, detail="no --docs folder or --db store to read it from"))
    cache[doc] = text
    return text


def resolve(evidence: Evidence, docs_dir: Path | None = None, store=None, cache: dict | None = None) -> str:
    """The cited text, whitespace collapsed to single spaces."""
    cache = {} if cache is None else cache
    if evidence.attribution is not None:
        if store is None:
            raise ConfigError(Errors.E408.format(ref=evidence.ref, detail="attribution ids need a store (--db FILE)"))
        said = store.attribution_by_id(evidence.attribution)
        if said is None:
            raise ConfigError(Errors.E408.format(ref=evidence.ref, detail="no such attribution in the store"))
        return f"{said.speaker}: {WHITESPACE.sub(' ', said.content).strip()}"
    text = _document_text(evidence.doc, docs_dir, store, cache)
    if evidence.end > len(text):
        raise ConfigError(Errors.E408.format(
            ref=evidence.ref, detail=f"span ends after the document's {len(text)} characters"))
    return WHITESPACE.sub(" ", text[evidence.start : evidence.end]).strip()


def evidence_rows(scenario: Scenario, docs_dir: Path | None = None, store=None) -> list[dict]:
    """Every cited input with its evidence text, in scenario order."""
    cache: dict = {}
    rows = []
    for actor in scenario.actors:
        for key in ("position", "salience", "capability", "reservation"):
            quantity = getattr(actor, key)
            for item in quantity.evidence if quantity else ():
                rows.append({"actor": actor.name, "input": key, "ref": item.ref,
                             "text": resolve(item, docs_dir, store, cache)})
    for pressure in scenario.pressures:
        for item in pressure.evidence:
            rows.append({"actor": "—", "input": f"pressure {pressure.name}", "ref": item.ref,
                         "text": resolve(item, docs_dir, store, cache)})
    return rows
