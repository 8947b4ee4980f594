"""Bytes of a plain-text file -> str, with the encoding detected and bad input refused.

The order of checks, and why:

1. A byte-order mark is a declaration by the writer, so it wins (UTF-32 marks are
   checked before UTF-16 because FF FE 00 00 starts with FF FE).
2. NUL bytes never occur in UTF-8 or single-byte text; they mean UTF-16 without a mark
   (NULs in every other byte) or binary data.
3. Strict UTF-8 next: it is what nearly every file is, and random bytes almost never
   decode as valid UTF-8.
4. Only when UTF-8 fails do we ask charset-normalizer, on a *sample* (running it over a
   100 MB file costs minutes and gigabytes), then decode the whole file strictly with
   its answer. A file that is mostly valid UTF-8 with a few broken sequences is damaged
   UTF-8, not Latin-1: guessing a single-byte code page would turn every accented
   letter into mojibake, so we refuse it with the byte offset instead.

Offsets. SCHEMA.md counts offsets in the file "decoded as UTF-8", and Python's
`utf-8` codec keeps a UTF-8 byte-order mark as U+FEFF at index 0. We keep it too, and
keep the mark as U+FEFF for UTF-16/UTF-32 as well, so there is one rule: a file that
starts with a byte-order mark has `text[0] == "\\ufeff"`. The cleaner never puts that
character in a span, and gold offsets computed with `open(..., encoding="utf-8")` match
ours exactly.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import Errors, InputError
from .markers import load_rules

# Marks in the order they must be tested (longest first where one is a prefix of another).
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes looked at by charset-normalizer and by the plausibility checks. 64 KiB is ~10
# pages of prose: detection on the seeds and on test files in cp1252/latin-1 is the
# same from 4 KiB up, so 64 KiB leaves a wide margin at a cost of milliseconds.
SAMPLE_BYTES = 64 * 1024

# Share of NUL bytes at odd (LE) or even (BE) positions above which mark-less data is
# read as UTF-16. English text in UTF-16 has a NUL in ~every high byte (share ~1.0);
# binary formats we tried (PNG, gzip, ELF) stay below 0.3. 0.6 sits well between.
UTF16_NUL_SHARE = 0.6

# Control characters (other than tab, newlines, form feed) allowed in decoded text, as a
# share of the sample. Real articles have none; a stray escape or two from a terminal
# copy must not fail a file; random bytes decoded as a single-byte code page give ~12%.
MAX_CONTROL_SHARE = 0.01

# Damaged UTF-8: at least this many valid multi-byte sequences in the sample ...
MIN_UTF8_SEQUENCES_FOR_DAMAGE = 3
# ... and invalid sequences at most this share of them. A cp1252 file has no valid
# multi-byte sequences (its accented letters are single bytes), so it never qualifies;
# a UTF-8 file truncated mid-character or with one pasted Latin-1 byte always does.
MAX_INVALID_SHARE_FOR_DAMAGE = 0.2

# Searched, not `text.strip()`ed: strip would copy a 100 MB text to learn it is not blank.
_NOT_BLANK = re.compile(r"[^\ufeff \t\r\n\f\v\u00a0]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class Decoded:
    """A decoded text and how it was decoded."""

    text: str
    encoding: str  # a Python codec name: utf-8, utf-16-le, cp1252, ...
    byte_order_mark: bool = False


def decode_text(data: bytes, source: str = "<bytes>") -> Decoded:
    """Decode a plain-text file, or raise InputError(source, reason) saying why not."""
    if not data:
        raise InputError(source, Errors.E002)
    decoded = _decode_marked(data, source) or _decode_unmarked(data, source)
    _check_plausible(decoded, source)
    if not _NOT_BLANK.search(decoded.text):
        raise InputError(source, Errors.E104)
    return decoded


def _decode_marked(data: bytes, source: str) -> Decoded | None:
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                # The mark decodes to U+FEFF and stays (see the module docstring).
                return Decoded(data.decode(encoding), encoding, byte_order_mark=True)
            except UnicodeDecodeError as exc:
                raise InputError(source, Errors.E105.format(encoding=encoding, detail=_describe(exc))) from None
    return None


def _decode_unmarked(data: bytes, source: str) -> Decoded:
    if b"\x00" in data:
        return _decode_nul_bearing(data, source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        return _decode_not_utf8(data, source, exc)


def _decode_nul_bearing(data: bytes, source: str) -> Decoded:
    encoding = _utf16_without_mark(data[:SAMPLE_BYTES])
    if encoding is None:
        count = data.count(b"\x00", 0, SAMPLE_BYTES)
        raise InputError(source, Errors.E100.format(detail=f"{count} NUL byte(s) in the first {SAMPLE_BYTES} bytes"))
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, Errors.E100.format(detail=f"looks like {encoding} but {_describe(exc)}")) from None


def _utf16_without_mark(sample: bytes) -> str | None:
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    odd_nuls = sample[1::2].count(0) / pairs
    even_nuls = sample[0::2].count(0) / pairs
    if odd_nuls >= UTF16_NUL_SHARE and even_nuls < UTF16_NUL_SHARE:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE and odd_nuls < UTF16_NUL_SHARE:
        return "utf-16-be"
    return None


def _decode_not_utf8(data: bytes, source: str, error: UnicodeDecodeError) -> Decoded:
    sample = _sample_around(data, error.start)
    _refuse_damaged_utf8(sample, source, error.start)
    encoding = _detect_encoding(sample)
    if encoding is None:
        raise InputError(source, Errors.E101.format(offset=error.start, detail=""))
    try:
        return Decoded(data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        detail = f" (detected {encoding}, but {exc})"
        raise InputError(source, Errors.E101.format(offset=error.start, detail=detail)) from None


def _sample_around(data: bytes, offset: int) -> bytes:
    """The head of the file plus a window at the first undecodable byte."""
    head = data[:SAMPLE_BYTES]
    if offset < SAMPLE_BYTES:
        return head
    half = SAMPLE_BYTES // 2
    return head + b"\n" + data[max(0, offset - half) : offset + half]


def _refuse_damaged_utf8(sample: bytes, source: str, first_bad: int) -> None:
    valid = len(_UTF8_MULTIBYTE.findall(sample))
    invalid = sample.decode("utf-8", errors="replace").count("\ufffd") - sample.decode("utf-8", "ignore").count("\ufffd")
    if valid >= MIN_UTF8_SEQUENCES_FOR_DAMAGE and invalid <= MAX_INVALID_SHARE_FOR_DAMAGE * valid:
        raise InputError(source, Errors.E102.format(count=invalid, offset=first_bad))


def _detect_encoding(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported on use: only non-UTF-8 files need it

    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    tied = {m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    for preferred in load_rules("encodings", ("prefer_on_tie",))["prefer_on_tie"]:
        if preferred in tied:
            return preferred
    return best.encoding


def _check_plausible(decoded: Decoded, source: str) -> None:
    text = decoded.text
    sample = text[:SAMPLE_BYTES] if len(text) <= 2 * SAMPLE_BYTES else text[:SAMPLE_BYTES] + text[-SAMPLE_BYTES:]
    if not sample:
        return
    controls = len(_CONTROL.findall(sample))
    if controls > MAX_CONTROL_SHARE * len(sample):
        share = f"{controls / len(sample):.0%}"
        detail = f"{share} control characters"
        if decoded.encoding == "utf-8":
            raise InputError(source, Errors.E100.format(detail=detail))
        raise InputError(source, Errors.E103.format(encoding=decoded.encoding, detail=detail))


def _describe(exc: UnicodeDecodeError) -> str:
    return f"byte {exc.start} cannot be decoded ({exc.reason})"
