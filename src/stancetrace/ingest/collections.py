"""Article collections: CSV, JSONL and Parquet datasets with one article per row.

Rows are streamed, never loaded whole: JSONL line by line, CSV with the csv module (field
size limit raised for long articles), Parquet in row batches of only the columns used.
Each row becomes a Document through the same reader as a loose file (plain text or
HTML), then the row's metadata columns replace what the text suggested.

How a dataset file is recognised
- named explicitly (`stancetrace ingest data.csv`): by its suffix, one of DATASET_SUFFIXES;
- found in a folder walk: by its suffix *and* its columns: it must have a text or html
  column and none of the gold-annotation columns (`content_start` ...). Gold files
  (`*.attributions.jsonl`) and manifests (`path`, `published`, no text) that live next to
  the articles are therefore skipped, as before.

A row's document name (`doc`) is its `id` column, or `FILE#ROW` where ROW counts from 1:
the line number for JSONL, the record number (header not counted) for CSV and Parquet.
Its id is the sha256 of a canonical serialisation of its content and metadata, so the
same article gives the same id from a CSV, a JSONL or a Parquet file.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Errors, InputError
from ..records import Document
from . import READERS
from .metadata import (
    METADATA_FIELDS,
    Metadata,
    apply_metadata,
    column_names,
    complete_basis,
    parse_metadata,
    read_sidecar,
    resolve_columns,
    text_value,
)

DATASET_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")

# Raised from the csv module's default of 131,072 characters, which one long article
# exceeds. 2**31 - 1 is the largest value every platform's C long accepts.
CSV_FIELD_LIMIT = 2**31 - 1

# Rows per Parquet batch. Articles run to tens of kilobytes, so 256 rows keep a batch
# at a few megabytes while amortising pyarrow's per-batch cost.
PARQUET_BATCH_ROWS = 256

# Bad JSONL lines skipped while looking for the first record's keys, before the file is
# judged unreadable: a few broken lines at the top of a dump should not hide the rest.
HEADER_SNIFF_ROWS = 10

# Bumped when the canonical row serialisation changes (it changes every row's id).
ROW_ID_VERSION = "stancetrace.row.v1"

# The reader a row's content goes through, by which column held it.
ROW_READER_SUFFIX = {"text": ".txt", "html": ".html"}


@dataclass(frozen=True)
class ReadOptions:
    """How to read the inputs of one `ingest` or `extract` run."""

    columns: Mapping[str, str] = field(default_factory=dict)  # --columns: {field: column}
    meta: str | Path | None = None  # --meta: manifest of per-file metadata
    sidecars: bool = True  # pick up NAME.meta.json next to NAME.txt


Row = tuple[int, dict[str, Any] | InputError]  # (row number, values or the row's error)


def is_dataset(path: Path) -> bool:
    return path.name.lower().endswith(DATASET_SUFFIXES)


def looks_like_collection(path: Path) -> bool:
    """For folder walks: a dataset suffix, a text or html column and no gold columns."""
    if not is_dataset(path):
        return False
    try:
        columns = header(path)
    except (InputError, OSError, ValueError):
        return False
    mapping, _ = resolve_columns(columns, fields=("text", "html"))
    return bool(mapping) and _gold_marker(columns) is None


def header(path: Path) -> list[str]:
    """The column names: CSV header, Parquet schema, keys of the first JSONL record."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    for checked, (_, row) in enumerate(iter_rows(path), start=1):
        if not isinstance(row, InputError):
            return list(row)
        if checked >= HEADER_SNIFF_ROWS:
            raise row
    return []


def iter_rows(path: Path, columns: list[str] | None = None) -> Iterator[Row]:
    """Stream the rows of a table as dicts; a bad row is yielded as its InputError.

    `columns` limits Parquet reads to the columns used. A file that cannot be read at
    all raises InputError.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl_rows(path)
    if suffix == ".parquet":
        return _parquet_rows(path, columns)
    raise InputError(str(path), Errors.E516.format(suffix=suffix, expected=", ".join(DATASET_SUFFIXES)))


def _jsonl_rows(path: Path) -> Iterator[Row]:
    with open(path, "rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                values = json.loads(line)
            except ValueError as exc:  # also UnicodeDecodeError
                yield number, InputError(f"{path}#{number}", Errors.E507.format(detail=exc))
                continue
            if not isinstance(values, dict):
                yield number, InputError(f"{path}#{number}", Errors.E508.format(found=type(values).__name__))
                continue
            yield number, values


def _csv_rows(path: Path) -> Iterator[Row]:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    # surrogateescape: a row with bad bytes is reported by that row (E517), not the file.
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
        reader = csv.reader(stream)
        try:
            names = next(reader)
        except StopIteration:
            raise InputError(str(path), Errors.E519) from None
        except csv.Error as exc:
            raise InputError(str(path), Errors.E510.format(detail=exc)) from None
        number = 0
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield number, InputError(f"{path}#{number}", Errors.E510.format(detail=exc))
                continue
            if len(cells) != len(names):
                if not any(cells):  # a blank line
                    continue
                error = Errors.E509.format(found=len(cells), expected=len(names))
                yield number, InputError(f"{path}#{number}", error)
                continue
            yield number, dict(zip(names, cells))


def _parquet_rows(path: Path, columns: list[str] | None) -> Iterator[Row]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
        batches = table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns)
        number = 0
        for batch in batches:
            for values in batch.to_pylist():
                number += 1
                yield number, values
    except (pa.ArrowException, OSError) as exc:
        raise InputError(str(path), Errors.E511.format(detail=exc)) from None


def read_collection(path: Path, options: ReadOptions | None = None) -> Iterator[Document | InputError]:
    """Every row of a dataset file as a Document, or the InputError of that row."""
    options = options or ReadOptions()
    try:
        yield from _read_rows(path, options)
    except InputError as error:
        yield error


def _read_rows(path: Path, options: ReadOptions) -> Iterator[Document | InputError]:
    # Checked on the header (JSONL: the first record) even where rows map themselves.
    mapping = _file_mapping(path, options)
    if path.suffix.lower() not in (".csv", ".parquet"):
        mapping = None  # JSONL: records may differ in their keys, each is mapped on its own
    rows = iter_rows(path, sorted(set(mapping.values())) if mapping else None)
    mappings: dict[frozenset[str], dict[str, str]] = {}
    for number, values in rows:
        if isinstance(values, InputError):
            yield values
            continue
        if mapping is None:
            keys = frozenset(values)
            if keys not in mappings:
                mappings[keys] = resolve_columns(keys, options.columns)[0]
            row_mapping = mappings[keys]
        else:
            row_mapping = mapping
        try:
            yield row_document(path, number, values, row_mapping)
        except InputError as error:
            yield error


def column_mapping(path: Path, options: ReadOptions | None = None) -> dict[str, str]:
    """Which column each field is read from ({field: column}); JSONL: the first record's.

    Raises InputError when the file has no text or html column, or when --columns names
    a column it does not have.
    """
    return _file_mapping(path, options or ReadOptions())


def _file_mapping(path: Path, options: ReadOptions) -> dict[str, str]:
    columns = header(path)
    mapping, missing = resolve_columns(columns, options.columns)
    for name, column in missing:
        raise InputError(str(path), Errors.E504.format(column=column, field=name, found=", ".join(columns)))
    if "text" not in mapping and "html" not in mapping:
        raise InputError(str(path), Errors.E503.format(found=", ".join(columns) or "no columns"))
    _refuse_gold(path, columns, options)
    return mapping


def _refuse_gold(path: Path, columns: list[str], options: ReadOptions) -> None:
    marker = _gold_marker(columns)
    if marker and "text" not in options.columns and "html" not in options.columns:
        raise InputError(str(path), Errors.E518.format(column=marker))


def _gold_marker(columns: list[str]) -> str | None:
    lower = {c.lower() for c in columns}
    return next((m for m in column_names().gold_markers if m in lower), None)


def row_document(path: Path, number: int, values: Mapping[str, Any], mapping: Mapping[str, str]) -> Document:
    """One row as a Document: read by the text or HTML reader, then its metadata applied."""
    source = f"{path}#{number}"
    name, content = _row_content(values, mapping, source)
    metadata = parse_metadata(values, mapping, source)
    row_id = _row_id(values, mapping, source)
    document = _reader(ROW_READER_SUFFIX[name], source)(Path(source), content)
    document = dataclasses.replace(
        document,
        doc=row_id or f"{path.name}#{number}",
        id=canonical_row_id(name, content, row_id, metadata),
        source=source,
    )
    return complete_basis(apply_metadata(document, metadata))


def _row_content(values: Mapping[str, Any], mapping: Mapping[str, str], source: str) -> tuple[str, bytes]:
    """("text" or "html", its UTF-8 bytes). Text wins when a row has both."""
    for name in ROW_READER_SUFFIX:
        column = mapping.get(name)
        value = values.get(column) if column else None
        if isinstance(value, bytes) and name == "html":  # a binary Parquet column
            if value.strip():
                return name, value
            continue
        text = text_value(value, column, source) if column else None
        if text:
            return name, value.encode("utf-8")
    columns = " and ".join(f"'{mapping[n]}'" for n in ROW_READER_SUFFIX if n in mapping)
    raise InputError(source, Errors.E500.format(columns=columns or "no text or html column"))


def _row_id(values: Mapping[str, Any], mapping: Mapping[str, str], source: str) -> str | None:
    column = mapping.get("id")
    value = values.get(column) if column else None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text_value(value, column, source) if column else None


def canonical_row_id(name: str, content: bytes, row_id: str | None, metadata: Metadata) -> str:
    """sha256 of the row's content and metadata as canonical JSON (stable across formats)."""
    record = {
        "version": ROW_ID_VERSION,
        "id": row_id,
        name: hashlib.sha256(content).hexdigest(),
        **metadata.canonical(),
    }
    serialised = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(serialised.encode("utf-8")).hexdigest()


def _reader(suffix: str, source: str):
    module_name, function_name = READERS[suffix]
    try:
        module = __import__(f"{__package__}.{module_name}", fromlist=[function_name])
    except ImportError as exc:
        raise InputError(source, Errors.E006.format(suffix=suffix, expected=f"a working reader ({exc})")) from None
    return getattr(module, function_name)


# -- manifests (--meta) ---------------------------------------------------------------


@dataclass
class Manifest:
    """Per-file metadata from a --meta table, looked up by path or by document name."""

    source: str
    by_path: dict[Path, Metadata | InputError] = field(default_factory=dict)
    by_doc: dict[str, Metadata | InputError] = field(default_factory=dict)
    first_row: dict[tuple[str, str], int] = field(default_factory=dict)

    def lookup(self, path: Path, doc: str) -> Metadata | InputError | None:
        found = self.by_path.get(path.resolve())
        return found if found is not None else self.by_doc.get(doc)


def load_manifest(path: str | Path) -> tuple[Manifest, list[InputError]]:
    """Read a --meta table. A bad row is returned as an error and poisons its file's entry,
    so that file fails rather than being stored without the metadata meant for it."""
    path = Path(path)
    if not path.is_file() or not is_dataset(path):
        detail = "not a file" if not path.is_file() else f"expected one of {', '.join(DATASET_SUFFIXES)}"
        raise ConfigError(Errors.E512.format(path=path, detail=detail))
    manifest, errors = Manifest(str(path)), []
    try:
        for number, values in iter_rows(path):
            error = _add_manifest_row(manifest, path, number, values)
            if error is not None:
                errors.append(error)
    except InputError as error:
        raise ConfigError(Errors.E512.format(path=path, detail=error.reason)) from None
    return manifest, errors


def _add_manifest_row(manifest: Manifest, path: Path, number: int, values) -> InputError | None:
    if isinstance(values, InputError):
        return values
    source = f"{path}#{number}"
    keys = column_names().manifest_keys
    key_columns = _manifest_key_columns(values, keys)
    where = {k: text_value(values.get(c), c, source) for k, c in key_columns.items()}
    where = {k: v for k, v in where.items() if v}
    if not where:
        expected = ", ".join(c for names in keys.values() for c in names)
        return InputError(source, Errors.E513.format(expected=expected))
    kind, value = next(iter(where.items()))  # path before doc
    first = manifest.first_row.setdefault((kind, value), number)
    if first != number:
        return InputError(source, Errors.E514.format(key=kind, value=value, first=first))
    try:
        columns, _ = resolve_columns(values, fields=METADATA_FIELDS)
        entry: Metadata | InputError = parse_metadata(values, columns, source)
        error = None
    except InputError as bad:
        entry, error = InputError(source, Errors.E515.format(where=source)), bad
    if kind == "path":
        target = Path(value) if Path(value).is_absolute() else path.parent / value
        manifest.by_path[target.resolve()] = entry
    else:
        manifest.by_doc[value] = entry
    return error


def _manifest_key_columns(values: Mapping[str, Any], keys: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """{"path": column, "doc": column} for the key columns this row has."""
    by_lower = {str(k).lower(): k for k in values}
    found = {}
    for kind, names in keys.items():
        column = next((by_lower[n] for n in names if n in by_lower), None)
        if column is not None:
            found[kind] = column
    return found


def file_metadata(path: Path, doc: str, manifest: Manifest | None, sidecars: bool = True) -> Metadata | None:
    """Sidecar metadata overridden by the manifest's, for one loose file. InputError when
    either is invalid: the file fails rather than being stored without its metadata."""
    metadata = read_sidecar(path) if sidecars else None
    entry = manifest.lookup(path, doc) if manifest else None
    if isinstance(entry, InputError):
        raise InputError(str(path), entry.reason)
    return (metadata or Metadata()).merged(entry) if (metadata or entry) else None
