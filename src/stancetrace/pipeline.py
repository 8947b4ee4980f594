"""The flow from paths to stored records, composed from the stages.

This module is the only place that strings the stages together; each stage stays
ignorant of the ones after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .errors import InputError
from .ingest import discover, read_document
from .ingest.collections import Manifest, ReadOptions, file_metadata, is_dataset, load_manifest, read_collection
from .ingest.metadata import apply_metadata, complete_basis
from .records import BASIS_INFERRED, BASIS_UNKNOWN, Attribution, Document

# Documents analysed inside one spaCy memory zone (`nlp.parsing_zone`): the words their
# parses add to the model are freed together when the zone ends. Four of extract's parse
# batches (16 pieces); the words of a zone are held until it ends, so keep it small.
ZONE_DOCUMENTS = 64


@dataclass
class IngestSummary:
    ingested: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def line(self) -> str:
        return f"ingested {self.ingested}, unchanged {self.unchanged}, failed {self.failed}"


def read_documents(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Document | InputError]:
    """Every document under `paths`, or the error that stopped one, in a stable order.

    Dataset files (CSV/JSONL/Parquet) give one document per row; loose files get their
    NAME.meta.json sidecar and the `options.meta` manifest applied (metadata wins).
    """
    options = options or ReadOptions()
    manifest, manifest_errors = load_manifest(options.meta) if options.meta else (None, [])
    yield from manifest_errors
    for found in discover(paths):
        if isinstance(found, InputError):
            yield found
        else:
            yield from read_found(found, manifest, options)


def read_found(found: Path, manifest: Manifest | None, options: ReadOptions) -> Iterator[Document | InputError]:
    """The documents of one discovered file: one, or one per row of a dataset file."""
    if is_dataset(found):
        yield from read_collection(found, options)
    else:
        yield _read_file(found, manifest, options)


def load_document(path: Path | str, options: ReadOptions | None = None) -> Document:
    """One file read as the product reads it (reader, metadata, inferred date); raises InputError."""
    result = _read_file(Path(path), None, options or ReadOptions())
    if isinstance(result, InputError):
        raise result
    return result


def _read_file(found: Path, manifest: Manifest | None, options: ReadOptions) -> Document | InputError:
    try:
        document = read_document(found)
        metadata = file_metadata(found, document.doc, manifest, options.sidecars)
        return infer_publication_date(complete_basis(apply_metadata(document, metadata)))
    except InputError as error:
        return error
    except (ValueError, OSError, RecursionError, MemoryError) as exc:
        # A reader failing on input we did not foresee is still one file's problem.
        return InputError(str(found), f"unreadable: {type(exc).__name__}: {exc}")


def infer_publication_date(document: Document) -> Document:
    """Date an undated document by the offices its people hold (actors stage).

    Only a document whose date nobody gave (no dateline, no metadata) is dated this
    way; the result is a range with basis `inferred`, and `published` is set only to
    the coarsest calendar unit the whole range shares (a year, a month), never a guess.
    """
    if document.published or document.published_basis != BASIS_UNKNOWN:
        return document
    from .actors import load_kb
    from .time.calendar import Interval

    body = "\n".join(span.text(document.text) for span in document.body_spans)
    found = load_kb().infer_date_range(body)
    if found is None:
        return document
    earliest, latest = found
    document.published_range = (earliest.isoformat(), latest.isoformat())
    document.published, _ = Interval(earliest, latest).value()
    document.published_basis = BASIS_INFERRED
    document.basis["published"] = BASIS_INFERRED
    return document


def analyse(document: Document, extract_options=None) -> list[Attribution]:
    """Attributions of one document, through every stage (see analyse_many)."""
    return next(analyse_many([document], extract_options=extract_options))


def analyse_many(documents: Iterable[Document], nlp=None, extract_options=None) -> Iterator[list[Attribution]]:
    """Attributions of each document (parses batched): extract, date the statements,
    resolve the speakers that only the statement's date can decide, then code target
    and event. Every caller (ingest, extract, eval) goes through here.

    Documents stream: `ZONE_DOCUMENTS` at a time are read from `documents` and analysed
    inside one `parsing_zone`, whose end frees the words their parses added to the model,
    so memory does not grow with the corpus. Only plain records leave a zone."""
    from .nlp import parsing_zone

    if nlp is None:
        from .nlp import load_model

        nlp = load_model()
    pending = iter(documents)
    while chunk := list(islice(pending, ZONE_DOCUMENTS)):
        with parsing_zone(nlp):
            results = list(_analyse_parsed(chunk, nlp, extract_options))  # no Doc outlives the zone
        yield from results


def _analyse_parsed(documents: list[Document], nlp, extract_options=None) -> Iterator[list[Attribution]]:
    from .attribution import extract_many
    from .attribution.speakers import refine_speakers
    from .coding import code_attributions
    from .coding.parsed import ParseRecorder
    from .time import date_attributions

    recorder = ParseRecorder(nlp)  # keeps extract's Docs so that coding reuses the parse
    for document, attributions in zip(documents, extract_many(documents, nlp=recorder, options=extract_options)):
        dated = refine_speakers(document, date_attributions(document, attributions))
        yield code_attributions(document, dated, doc=recorder.take(document))


def ingest(
    paths: Iterable[str],
    store,
    *,
    with_attributions: bool = True,
    options: ReadOptions | None = None,
    extract_options=None,
    on_error: Callable[[InputError], None] = lambda e: None,
    on_document: Callable[[Path | str], None] = lambda p: None,
) -> IngestSummary:
    """Read, analyse and store every document; one transaction per document."""
    summary = IngestSummary()
    for item in read_documents(paths, options):
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
            attributions = analyse(item, extract_options) if with_attributions else []
            if store.add_document(item, attributions):
                summary.ingested += 1
            else:
                summary.unchanged += 1
        on_document(item.source)
    return summary
