"""Metadata given by the user, and how it overrides what a reader found in the text.

Metadata comes from three places: the columns of a dataset row, a `--meta` manifest
(one row per file) and a `NAME.meta.json` sidecar next to `NAME.txt`. All three use the
column names of `data/ingest/columns.yaml` and the same value rules:

- a date is `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, an ISO 8601 timestamp, an RFC 2822 date or
  a layout listed in the data file; its granularity is kept (`2024-05` stays a month).
  A timestamp keeps the calendar date as written (no conversion to UTC): the outlet's
  own date is what "yesterday" in its article counts from. A date that cannot be parsed
  is an error, never a guess;
- authors are a list of names, or one string split at `;` or `|`;
- empty values mean "not given" and leave the text's own finding in place.

Whatever metadata gives wins over the text, and `Document.basis` records `metadata` for
that field (`published_basis` too, for the date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError, Errors, InputError
from ..records import BASIS_EXPLICIT, BASIS_METADATA, BASIS_UNKNOWN, Document

COLUMNS_FILE = ("data", "ingest", "columns.yaml")

# The metadata fields a user can give, in record order.
METADATA_FIELDS = ("title", "authors", "publisher", "published", "url")
# Fields of a dataset row that are content rather than metadata.
CONTENT_FIELDS = ("id", "text", "html")

# One author string is split at these: "A. Writer; B. Writer". Commas are not among
# them because "Writer, Anna" is one name in many newspaper databases.
AUTHOR_SEPARATORS = re.compile(r"\s*[;|]\s*")

# Sidecar next to NAME.txt / NAME.html / NAME.pdf: NAME.meta.json.
SIDECAR_SUFFIX = ".meta.json"

_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ColumnNames:
    """The contents of columns.yaml: synonyms per field, gold markers, manifest keys, dates."""

    fields: dict[str, tuple[str, ...]]
    gold_markers: tuple[str, ...]
    manifest_keys: dict[str, tuple[str, ...]]
    date_formats: tuple[tuple[str, str], ...]  # (strptime format, granularity)
    version: str


@lru_cache(maxsize=1)
def column_names() -> ColumnNames:
    """Load and check data/ingest/columns.yaml (once per process)."""
    resource = resources.files("stancetrace").joinpath(*COLUMNS_FILE)
    try:
        raw = yaml.safe_load(resource.read_text(encoding="utf-8"))
        fields = {name: tuple(str(c).lower() for c in raw["fields"][name]) for name in raw["fields"]}
        names = ColumnNames(
            fields=fields,
            gold_markers=tuple(str(c).lower() for c in raw["gold_markers"]),
            manifest_keys={k: tuple(str(c).lower() for c in v) for k, v in raw["manifest_keys"].items()},
            date_formats=tuple((d["format"], d["granularity"]) for d in raw["date_formats"]),
            version=str(raw["version"]),
        )
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{'/'.join(COLUMNS_FILE)}: {type(exc).__name__}: {exc}") from exc
    missing = [f for f in CONTENT_FIELDS + METADATA_FIELDS if not fields.get(f)]
    if missing:
        raise ConfigError(f"{'/'.join(COLUMNS_FILE)}: no column names for {', '.join(missing)}")
    return names


def resolve_columns(
    available: Iterable[str], overrides: Mapping[str, str] | None = None, fields: Iterable[str] | None = None
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Map each field to the column holding it: {field: column as spelled in the file}.

    `overrides` ({field: column}) win over the well-known names. Returns the mapping and
    the overrides whose column is not available, as (field, column) pairs.
    """
    by_lower: dict[str, str] = {}
    for name in available:
        by_lower.setdefault(str(name).lower(), str(name))
    synonyms = column_names().fields
    mapping, missing = {}, []
    for name in fields if fields is not None else synonyms:
        column = next((by_lower[c] for c in synonyms[name] if c in by_lower), None)
        if column is not None:
            mapping[name] = column
    for name, column in (overrides or {}).items():
        found = column if column in by_lower.values() else by_lower.get(column.lower())
        if found is None:
            missing.append((name, column))
            mapping.pop(name, None)
        else:
            mapping[name] = found
    return mapping, missing


def parse_column_overrides(spec: str | None) -> dict[str, str]:
    """`"text=body,published=pubdate"` -> {"text": "body", "published": "pubdate"}."""
    overrides: dict[str, str] = {}
    known = column_names().fields
    for item in (spec or "").split(","):
        if not item.strip():
            continue
        name, sep, column = item.partition("=")
        name, column = name.strip().lower(), column.strip()
        if not sep or not name or not column:
            raise ConfigError(Errors.E506.format(item=item.strip()))
        if name not in known:
            raise ConfigError(Errors.E505.format(field=name, expected=", ".join(known)))
        overrides[name] = column
    return overrides


@dataclass(frozen=True)
class Metadata:
    """Metadata fields given by the user; None means not given."""

    title: str | None = None
    authors: tuple[str, ...] | None = None
    publisher: str | None = None
    published: str | None = None  # normalised: YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None = None

    def given(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in METADATA_FIELDS if getattr(self, f) is not None}

    def merged(self, later: Metadata | None) -> Metadata:
        """These fields, with those `later` gives replacing them."""
        return self if later is None else dataclasses.replace(self, **later.given())

    def canonical(self) -> dict[str, Any]:
        return {f: list(v) if isinstance(v, tuple) else v for f, v in self.given().items()}


def parse_metadata(values: Mapping[str, Any], columns: Mapping[str, str], source: str) -> Metadata:
    """Normalise the metadata fields of one row (or sidecar); InputError names the reason."""
    found = {}
    for name in METADATA_FIELDS:
        column = columns.get(name)
        if column is None:
            continue
        value = values.get(column)
        if name == "published":
            found[name] = parse_date(value, column, source)
        elif name == "authors":
            found[name] = parse_authors(value, column, source)
        else:
            found[name] = text_value(value, column, source)
    return Metadata(**found)


def text_value(value: Any, column: str, source: str) -> str | None:
    """A string field: stripped, None when empty; anything but a string is an error."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(source, Errors.E502.format(column=column, found=type(value).__name__, expected="a string"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # CSV read with surrogateescape: the row has bad bytes
        raise InputError(source, Errors.E517.format(column=column)) from None
    return value.strip() or None


def parse_authors(value: Any, column: str, source: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):  # a JSON list stored in a CSV cell
            try:
                value = json.loads(stripped)
            except ValueError:
                value = stripped
        if isinstance(value, str):
            value = AUTHOR_SEPARATORS.split(text_value(value, column, source) or "")
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) or v is None for v in value):
        found = type(value).__name__
        raise InputError(source, Errors.E502.format(column=column, found=found, expected="a list of names or a string"))
    names = tuple(v.strip() for v in value if v and v.strip())
    return names or None


def parse_date(value: Any, column: str, source: str) -> str | None:
    """A metadata date, normalised with its granularity kept; never guessed."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # a timestamp column: its own calendar date
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        found = type(value).__name__
        raise InputError(source, Errors.E502.format(column=column, found=found, expected="a date string like 2024-05-14"))
    text = text_value(value, column, source)
    if text is None:
        return None
    parsed = _parse_date_text(text)
    if parsed is None:
        raise InputError(source, Errors.E501.format(value=text, column=column))
    return parsed


def _parse_date_text(text: str) -> str | None:
    try:
        if _YEAR.fullmatch(text):
            return dt.date(int(text), 1, 1).strftime("%Y")
        if match := _MONTH.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), 1).strftime("%Y-%m")
        if _DAY.fullmatch(text):
            return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None  # 2024-13 or 2024-02-30: looks like ISO but is no date
    for parse in (_iso_timestamp, _rfc2822, _listed_format):
        found = parse(text)
        if found is not None:
            return found
    return None


def _iso_timestamp(text: str) -> str | None:
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None


def _rfc2822(text: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _listed_format(text: str) -> str | None:
    for layout, granularity in column_names().date_formats:
        try:
            parsed = dt.datetime.strptime(text, layout)
        except ValueError:
            continue
        return parsed.strftime("%Y-%m" if granularity == "month" else "%Y-%m-%d")
    return None


def apply_metadata(document: Document, metadata: Metadata | None) -> Document:
    """The document with the given metadata fields replacing what the text suggested."""
    given = metadata.given() if metadata else {}
    if not given:
        return document
    changes: dict[str, Any] = {}
    basis = dict(document.basis)
    for name, value in given.items():
        changes[name] = list(value) if name == "authors" else value
        basis[name] = BASIS_METADATA
    if "published" in given:
        changes.update(published_basis=BASIS_METADATA, published_range=None, published_span=None)
    if "title" in given and document.title_span is not None:
        if document.title_span.text(document.text) != given["title"]:
            changes["title_span"] = None  # the text's title is no evidence for another title
    return dataclasses.replace(document, basis=basis, **changes)


def complete_basis(document: Document) -> Document:
    """Give every metadata field a basis: what readers did not mark is explicit or unknown."""
    basis = dict(document.basis)
    for name in METADATA_FIELDS:
        if name not in basis:
            basis[name] = BASIS_EXPLICIT if getattr(document, name) else BASIS_UNKNOWN
    basis["published"] = document.published_basis
    return dataclasses.replace(document, basis=basis)


def sidecar_path(path: Path) -> Path:
    """NAME.meta.json for NAME.txt (also for NAME.html, NAME.pdf ...)."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> Metadata | None:
    """The metadata of the file's NAME.meta.json, None if there is none."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return None
    try:
        values = json.loads(sidecar.read_bytes())
    except (OSError, ValueError) as exc:
        raise InputError(str(sidecar), Errors.E507.format(detail=exc)) from None
    if not isinstance(values, dict):
        raise InputError(str(sidecar), Errors.E508.format(found=type(values).__name__))
    columns, _ = resolve_columns(values, fields=METADATA_FIELDS)
    return parse_metadata(values, columns, str(sidecar))
