"""Ingest: find input files and read each into a Document.

`discover()` expands files, folders (recursively) and globs; `read_document()` picks
the reader by file suffix. Both report bad input as `InputError(source, reason)`
rather than raising out of a batch.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..records import Document

# Suffix -> (module, function). Readers are imported on use so a missing optional
# dependency only affects its own format.
READERS = {
    ".txt": ("plaintext", "read_text_document"),
    ".md": ("plaintext", "read_text_document"),
    ".text": ("plaintext", "read_text_document"),
    ".html": ("html", "read_html_document"),
    ".htm": ("html", "read_html_document"),
    ".pdf": ("pdf", "read_pdf_document"),
    ".docx": ("docx", "read_docx_document"),
}

# Sidecar files that sit next to articles but are not articles themselves.
IGNORED_NAMES = ("SOURCES.md", "README.md")
IGNORED_SUFFIXES = (".meta.json", ".gold.jsonl", ".jsonl")

# Files above this size are refused before reading (bytes). 1 GiB keeps a 100 MB
# article well inside while stopping a mistaken disk image; override by env.
MAX_BYTES = int(os.environ.get("STANCETRACE_MAX_BYTES", str(1 << 30)))


def discover(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Yield every article file under the given paths, in a stable order."""
    for given in paths:
        matches = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
        if not matches:
            yield InputError(given, Errors.E001)
        for match in matches:
            yield from _walk(Path(match), explicit=True)


def _walk(path: Path, explicit: bool, seen: set[tuple[int, int]] | None = None) -> Iterator[Path | InputError]:
    if not path.exists() and not path.is_symlink():
        yield InputError(str(path), Errors.E001)
        return
    if path.is_dir():
        seen = set() if seen is None else seen
        try:
            st = path.stat()
        except OSError as exc:
            yield InputError(str(path), f"{Errors.E001}: {exc.strerror}")
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield InputError(str(path), Errors.E014)
            return
        seen = seen | {key}
        try:
            children = sorted(path.iterdir())
        except PermissionError:
            yield InputError(str(path), Errors.E007)
            return
        for child in children:
            if child.name.startswith("."):
                continue
            yield from _walk(child, explicit=False, seen=seen)
        return
    if not explicit and _is_collection(path):
        yield path
        return
    if not explicit and (path.name in IGNORED_NAMES or path.name.endswith(IGNORED_SUFFIXES)):
        return
    if not explicit and path.suffix.lower() not in READERS:
        return
    yield path


def _is_collection(path: Path) -> bool:
    """A dataset file in a folder: recognised by suffix and columns (see collections.py)."""
    from .collections import looks_like_collection

    return looks_like_collection(path)


def read_document(path: Path) -> Document:
    """Read one file into a Document, or raise InputError naming the file and reason."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InputError(str(path), Errors.E006.format(suffix=suffix, expected=", ".join(sorted(READERS))))
    data = read_bytes(path)
    module_name, function_name = READERS[suffix]
    module = __import__(f"{__name__}.{module_name}", fromlist=[function_name])
    return getattr(module, function_name)(path, data)


def read_bytes(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise InputError(str(path), Errors.E015)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), Errors.E005.format(size=size, limit=MAX_BYTES))
        data = path.read_bytes()
    except PermissionError:
        raise InputError(str(path), Errors.E007) from None
    except FileNotFoundError:
        raise InputError(str(path), Errors.E001) from None
    except IsADirectoryError:
        raise InputError(str(path), Errors.E015) from None
    if not data:
        raise InputError(str(path), Errors.E002)
    return data
