#!/usr/bin/env python3
"""Build the demo corpus's PDF and DOCX files from their plain-text sources.

Sources live in examples/corpus-src/ (outside examples/corpus, so `stancetrace ingest`
never sees them) and are named `<stem>.pdf.txt` or `<stem>.docx.txt`. Each starts with
a small header (`title:`, `author:`, `publisher:`, `date:`), then a line `---`, then the
article: `# ` starts the heading line, blank lines separate paragraphs, and a paragraph
that follows one ending in a colon and does not itself end in a colon is set off as a
block quotation (indented, no quote marks), which is how the block-quote case is built.

Output is deterministic: the same sources give byte-identical files (fixed PDF dates via
reportlab's invariant mode; fixed ZIP timestamps for DOCX), so document ids stay stable.

    .venv/bin/python tools/build_corpus_binaries.py            # build all
    .venv/bin/python tools/build_corpus_binaries.py --check    # fail if a built file is stale

Needs reportlab (a dev dependency in pyproject.toml) and python-docx.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC_DIR = ROOT / "examples" / "corpus-src"
OUT_DIR = ROOT / "examples" / "corpus"

# ZIP entry timestamp for DOCX parts (the zip format cannot store dates before 1980).
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# What reportlab writes as CreationDate/ModDate in invariant mode.
INVARIANT_PDF_DATE = b"D:20000101000000+00'00'"


@dataclass
class Source:
    path: Path
    meta: dict[str, str]
    heading: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (kind, text); kind: para|block

    @property
    def out_name(self) -> str:
        return self.path.name[: -len(".txt")]


def parse_source(path: Path) -> Source:
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise SystemExit(f"{path}: missing '---' line after the header")
    meta = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            raise SystemExit(f"{path}: bad header line {line!r}")
        meta[key.strip()] = value.strip()
    for key in ("title", "author", "publisher", "date"):
        if key not in meta:
            raise SystemExit(f"{path}: header lacks {key!r}")
    blocks = [b.strip() for b in body.strip().split("\n\n") if b.strip()]
    if not blocks or not blocks[0].startswith("# "):
        raise SystemExit(f"{path}: the article must start with a '# ' heading")
    src = Source(path, meta, blocks[0][2:].strip())
    previous = ""
    for block in blocks[1:]:
        text = " ".join(line.strip() for line in block.splitlines())
        kind = "block" if previous.endswith(":") and not text.endswith(":") else "para"
        src.paragraphs.append((kind, text))
        previous = text
    return src


def build_pdf(src: Source) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from xml.sax.saxutils import escape

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
        title=src.meta["title"], author=src.meta["author"], subject=src.meta["publisher"],
        creator=src.meta["publisher"], invariant=1,
    )
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14)
    block = ParagraphStyle("block", parent=body, leftIndent=1.2 * cm, rightIndent=1.2 * cm, fontName="Helvetica-Oblique")
    story = [Paragraph(escape(src.heading), styles["Title"]), Spacer(1, 6)]
    for kind, text in src.paragraphs:
        story.append(Paragraph(escape(text), block if kind == "block" else body))
        story.append(Spacer(1, 4))
    doc.build(story)
    data = buf.getvalue()
    # invariant mode stamps 2000-01-01 on the document; put the article's own date there
    # instead (same byte length, so the cross-reference offsets stay valid)
    stamp = dt.date.fromisoformat(src.meta["date"]).strftime("D:%Y%m%d090000+00'00'").encode()
    fixed = INVARIANT_PDF_DATE
    if len(stamp) != len(fixed) or fixed not in data:
        raise SystemExit(f"{src.path}: reportlab's invariant date stamp not found; cannot set the PDF date")
    return data.replace(fixed, stamp)


def build_docx(src: Source) -> bytes:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    props = document.core_properties
    props.title = src.meta["title"]
    props.author = src.meta["author"]
    props.last_modified_by = src.meta["author"]
    props.comments = src.meta["publisher"]
    when = dt.datetime.fromisoformat(src.meta["date"] + "T09:00:00")
    props.created = when
    props.modified = when
    props.revision = 1
    document.add_heading(src.heading, level=0)
    for kind, text in src.paragraphs:
        para = document.add_paragraph(text)
        if kind == "block":
            para.paragraph_format.left_indent = Cm(1.2)
            para.paragraph_format.right_indent = Cm(1.2)
    buf = io.BytesIO()
    document.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed timestamps and a fixed entry order (byte-stable output)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():  # keep [Content_Types].xml first, as Word expects
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


BUILDERS = {".pdf": build_pdf, ".docx": build_docx}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if any built file differs")
    args = ap.parse_args(argv)
    stale = 0
    sources = sorted(SRC_DIR.glob("*.txt"))
    if not sources:
        print(f"no sources in {SRC_DIR}", file=sys.stderr)
        return 1
    for path in sources:
        src = parse_source(path)
        suffix = Path(src.out_name).suffix
        if suffix not in BUILDERS:
            print(f"{path.name}: name must end in .pdf.txt or .docx.txt", file=sys.stderr)
            return 1
        data = BUILDERS[suffix](src)
        out = OUT_DIR / src.out_name
        if args.check:
            if not out.exists() or out.read_bytes() != data:
                print(f"STALE {out.relative_to(ROOT)}")
                stale += 1
            continue
        out.write_bytes(data)
        print(f"wrote {out.relative_to(ROOT)} ({len(data)} bytes)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
