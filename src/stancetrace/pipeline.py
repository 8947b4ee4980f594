"""The flow from paths to stored records, composed from the stages.

This module is the only place that strings the stages together; each stage stays
ignorant of the ones after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .ingest import discover, read_document
from .records import Attribution, Document


@dataclass
class IngestSummary:
    ingested: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def line(self) -> str:
        return f"ingested {self.ingested}, unchanged {self.unchanged}, failed {self.failed}"


def read_documents(paths: Iterable[str]) -> Iterator[Document | InputError]:
    """Every document under `paths`, or the error that stopped one, in a stable order."""
    for found in discover(paths):
        if isinstance(found, InputError):
            yield found
            continue
        try:
            yield read_document(found)
        except InputError as error:
            yield error
        except (ValueError, OSError, RecursionError, MemoryError) as exc:
            # A reader failing on input we did not foresee is still one file's problem.
            yield InputError(str(found), f"unreadable: {type(exc).__name__}: {exc}")


def analyse(document: Document) -> list[Attribution]:
    """Attributions of a document (the NLP stages). Empty until the attribution stage lands."""
    return []


def ingest(
    paths: Iterable[str],
    store,
    *,
    with_attributions: bool = True,
    on_error: Callable[[InputError], None] = lambda e: None,
    on_document: Callable[[Path | str], None] = lambda p: None,
) -> IngestSummary:
    """Read, analyse and store every document; one transaction per document."""
    summary = IngestSummary()
    for item in read_documents(paths):
        if isinstance(item, InputError):
            summary.failed += 1
            summary.errors.append(item)
            store.record_error(item.source, item.reason)
            on_error(item)
            on_document(item.source)
            continue
        if store.has_document(item.id):
            summary.unchanged += 1
        else:
            attributions = analyse(item) if with_attributions else []
            if store.add_document(item, attributions):
                summary.ingested += 1
            else:
                summary.unchanged += 1
        on_document(item.source)
    return summary
