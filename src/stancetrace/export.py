"""Write stored records as JSONL, CSV or Parquet for pandas, R or a spreadsheet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import ConfigError, Errors

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("documents", "attributions")

# Long texts are left out of document exports by default: the text is in the DB and
# a spreadsheet cell cannot hold a long article anyway.
DOCUMENT_TEXT_FIELD = "text"


def document_rows(store, with_text: bool = False) -> Iterator[dict[str, Any]]:
    for document in store.documents():
        row = document.to_record()
        if with_text:
            row[DOCUMENT_TEXT_FIELD] = document.text
        yield row


def attribution_rows(store) -> Iterator[dict[str, Any]]:
    for attribution in store.attributions():
        yield attribution.to_record()


# Document metadata added to each attribution by `export --table attributions
# --join-documents`, as columns named "document_<field>" so they never clash with the
# attribution's own fields.
JOINED_DOCUMENT_FIELDS = ("title", "authors", "publisher", "published", "published_basis", "url", "source", "basis")
JOINED_PREFIX = "document_"


def joined_attribution_rows(store) -> Iterator[dict[str, Any]]:
    """Attributions, each with its document's metadata (one document lookup per document)."""
    current_id, joined = None, {}
    for attribution in store.attributions():
        if attribution.doc_id != current_id:
            current_id = attribution.doc_id
            record = store.document(current_id).to_record()
            joined = {JOINED_PREFIX + name: record[name] for name in JOINED_DOCUMENT_FIELDS}
        yield {**attribution.to_record(), **joined}


def export(
    store, table: str, fmt: str, out: Path | None, with_text: bool = False, join_documents: bool = False
) -> int:
    """Write one table; return the number of rows written.

    `join_documents` adds the document's metadata to each attribution row.
    """
    if fmt not in FORMATS:
        raise ConfigError(Errors.E030.format(fmt=fmt, expected=", ".join(FORMATS)))
    if table not in TABLES:
        raise ConfigError(f"unknown table '{table}', expected one of {', '.join(TABLES)}")
    if table == "documents":
        rows = document_rows(store, with_text)
    else:
        rows = joined_attribution_rows(store) if join_documents else attribution_rows(store)
    if fmt == "parquet":
        if out is None:
            raise ConfigError("parquet output needs --out FILE")
        return write_parquet(rows, out)
    stream: IO[str] = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        return write_jsonl(rows, stream) if fmt == "jsonl" else write_csv(rows, stream)
    finally:
        if out:
            stream.close()


def write_jsonl(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def write_csv(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    writer, count = None, 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(row))
            writer.writeheader()
        writer.writerow({k: _flat(v) for k, v in row.items()})
        count += 1
    return count


def write_parquet(rows: Iterable[dict[str, Any]], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    flat = [{k: _flat(v) for k, v in row.items()} for row in rows]
    pq.write_table(pa.Table.from_pylist(flat), out)
    return len(flat)
