"""HTML pages (.html/.htm, also gzip-compressed): the article body and its metadata.

The stored document text is the extracted article, one paragraph per block separated
by blank lines; every offset indexes into it. trafilatura finds the body and the
metadata (title, authors, site name, URL); htmldate, through `html_dates`, the
published date. We add two things on top of trafilatura's defaults, each measured on
the article-extraction benchmark (`stancetrace eval html`):

* reader comments are not the article, so they are left out;
* trafilatura's precision mode drops boilerplate its default keeps, but on a few pages
  it drops the article too; there we keep the default extraction instead.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import Errors, InputError
from ..records import BASIS_EXPLICIT, Document, Span
from .base import Layout, make_document

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "ingest" / "html.yaml"
MEDIA_TYPE = "text/html"
GZIP_MAGIC = b"\x1f\x8b"
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# How far into the page a <meta charset> is looked for. The HTML standard says 1,024
# bytes; real pages put long <script> blocks first, so we read further.
CHARSET_SNIFF_BYTES = 16_384
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Keep trafilatura's precision-mode text unless it is shorter than this share of its
# default-mode text. On the benchmark the F1 is flat for any cut-off from 0.3 to 0.6
# (precision mode either trims boilerplate, keeping most of the text, or loses the
# article, keeping a small part); 0.5 sits in the middle of that plateau.
PRECISION_KEEP_RATIO = 0.5
PARAGRAPH_BREAK = "\n\n"
# Fewer words than this is a menu or a caption, not an article body (trafilatura returns
# the lone "Home" of an empty page's <nav>). One short sentence has five words; the
# shortest gold body of the article-extraction benchmark has about sixty.
MIN_BODY_WORDS = 5
WORD = re.compile(r"\w+")


@cache
def _settings() -> dict:
    import yaml

    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or {}


def read_html_document(path: Path, data: bytes) -> Document:
    """Read one HTML page into a Document, or raise InputError (E008) when it has no body."""
    html = decode_html(_gunzip(path, data))
    page = extract_page(html)
    if page is None:
        raise InputError(str(path), Errors.E008)
    return make_document(path, data, MEDIA_TYPE, page.text, page.layout)


def _gunzip(path: Path, data: bytes) -> bytes:
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(str(path), Errors.E004.format(detail=f"broken gzip stream ({exc})")) from None


def decode_html(data: bytes) -> str:
    """Decode page bytes: a BOM, else valid UTF-8, else the declared charset, else a guess.

    Valid UTF-8 wins over a declared single-byte charset because mislabelled pages are
    common and text in a single-byte encoding almost never happens to be valid UTF-8.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(data)
    if declared:
        return data.decode(declared, errors="replace")
    return _guess_decode(data)


def declared_encoding(data: bytes) -> str | None:
    """The codec a page's <meta charset> or http-equiv declares, if Python knows it."""
    match = META_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").strip().lower()
    label = _settings().get("encoding_aliases", {}).get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _guess_decode(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")


@dataclass
class Page:
    text: str
    layout: Layout


def extract_page(html: str) -> Page | None:
    """The article text and its layout, or None when the page has no article body."""
    metadata = _metadata(html)
    url = metadata.url if metadata else None
    body = extract_body(html, url)
    if not body:
        return None
    text, layout = _lay_out(body, metadata)
    _add_published(layout, html, url, text)
    return Page(text, layout)


def page_published(data: bytes):
    """Only the published date the reader would give these page bytes (for evaluation)."""
    from .html_dates import find_published

    html = decode_html(gzip.decompress(data) if data.startswith(GZIP_MAGIC) else data)
    metadata = _metadata(html)
    return find_published(html, metadata.url if metadata else None)


def _metadata(html: str):
    import trafilatura

    # The date trafilatura's metadata would carry is ignored (html_dates decides), so its
    # own htmldate call is kept to the cheap markup-only search.
    return trafilatura.extract_metadata(html, date_config={"extensive_search": False})


def extract_body(html: str, url: str | None = None) -> str | None:
    """Paragraphs of the article separated by blank lines, or None when there are none."""
    import trafilatura

    common = {"url": url, "include_comments": False, "with_metadata": False}
    regular = trafilatura.extract(html, **common)
    precise = trafilatura.extract(html, favor_precision=True, **common)
    if precise and len(precise) >= PRECISION_KEEP_RATIO * len(regular or ""):
        chosen = precise
    else:
        chosen = regular
    if not chosen:
        # trafilatura gives up on short pages in its default modes; recall mode still
        # returns what it is unsure about, which beats calling a real page empty.
        chosen = trafilatura.extract(html, favor_recall=True, **common)
    text = _paragraphs(chosen or "")
    return text if len(WORD.findall(text)) >= MIN_BODY_WORDS else None


def _paragraphs(extracted: str) -> str:
    blocks = [line.strip() for line in extracted.splitlines()]
    return PARAGRAPH_BREAK.join(block for block in blocks if block)


def _lay_out(text: str, metadata) -> tuple[str, Layout]:
    """Body span over the text; the title, when it is the text's first paragraph, before it."""
    layout = Layout(0, len(text))
    if metadata is None:
        return text, layout
    title = _clean(metadata.title)
    if title:
        layout.title = title
        first = text.split(PARAGRAPH_BREAK, 1)[0]
        if first == title:
            layout.title_span = Span(0, len(title))
            layout.body_start = min(len(text), len(title) + len(PARAGRAPH_BREAK))
    layout.authors = [name for name in (_clean(a) for a in (metadata.author or "").split(";")) if name]
    layout.publisher = _clean(metadata.sitename)
    layout.url = _clean(metadata.url)
    if layout.body_start >= layout.body_end:
        layout.body_start = 0  # a page that is only its title: the title is the body
    return text, layout


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _add_published(layout: Layout, html: str, url: str | None, text: str) -> None:
    from .html_dates import find_published, written_forms

    found = find_published(html, url)
    if found is None:
        return
    layout.published = found.value
    layout.published_basis = BASIS_EXPLICIT
    # Evidence: the date as the page wrote it, else a usual rendering, where the stored text has it.
    for form in filter(None, (found.evidence, *written_forms(found.value))):
        where = text.find(form)
        if where >= 0:
            layout.published_span = Span(where, where + len(form))
            return
