"""Score attributions against brat standoff gold in the PolNeAR layout.

`DIR/text/<article>.txt` and `DIR/attributions/<article>_<annotator>.ann`. One annotator
per article (the first file in name order), so agreement articles are not counted twice.
Each relation's content becomes one gold line (its extent when discontinuous; a
`Content2` span is a line of its own) with the Source span as the speaker mention.
PolNeAR has no canonical speakers or dates, so only P/R/F1, recall of quoted and
unquoted content, and speaker-mention accuracy are reported.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Errors, StanceTraceError
from .attributions import Line, predict, score

_RECORD = re.compile(r"^(?:T\d+|E\d+|#\d+)\t", re.M)
QUOTE_MARKS = "“”\"«»"


def _records(text: str) -> list[str]:
    starts = [m.start() for m in _RECORD.finditer(text)]
    return [text[a:b].rstrip("\n") for a, b in zip(starts, starts[1:] + [len(text)])]


def read_ann(path: Path, doc: str, text: str) -> list[Line]:
    """Gold lines of one .ann file against its article text."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for n, rec in enumerate(_records(path.read_text(encoding="utf-8")), 1):
        ident, rest = rec.split("\t", 1)
        try:
            if ident.startswith("T"):
                label_offsets = rest.split("\t", 1)[0]
                _, offsets = label_offsets.split(" ", 1)
                spans[ident] = [(int(a), int(b)) for a, b in (p.split() for p in offsets.split(";"))]
            elif ident.startswith("E"):
                args = dict(part.split(":", 1) for part in rest.split())
                relations.append(args)
        except ValueError as exc:
            raise StanceTraceError(Errors.E302.format(path=path, line=n, detail=f"cannot read '{rec[:60]}': {exc}")) from exc
    lines = []
    for rel in relations:
        source = spans.get(rel.get("Source", ""))
        s_start, s_end = (min(a for a, _ in source), max(b for _, b in source)) if source else (None, None)
        for key in ("Content", "Content2"):
            content = spans.get(rel.get(key, ""))
            if not content:
                continue
            start, end = min(a for a, _ in content), max(b for _, b in content)
            quoted = any(text[a:b].count(m) for a, b in content for m in QUOTE_MARKS)
            lines.append(Line(doc, start, end, None, None, s_start, s_end, quoted=quoted))
    return lines


def load_gold(folder: Path) -> tuple[list[Line], list[Path]]:
    text_dir, ann_dir = Path(folder) / "text", Path(folder) / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise StanceTraceError(Errors.E303.format(path=folder))
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(stem, ann)
    gold, texts = [], []
    for stem, ann in sorted(chosen.items()):
        path = text_dir / f"{stem}.txt"
        if not path.is_file():
            continue
        gold.extend(read_ann(ann, path.name, path.read_text(encoding="utf-8")))
        texts.append(path)
    return gold, texts


def run(folder: Path, limit: int | None = None, extract_options=None) -> dict:
    """`stancetrace eval brat`: score extraction over a PolNeAR split."""
    gold, texts = load_gold(folder)
    if limit:
        texts = texts[:limit]
        keep = {p.name for p in texts}
        gold = [g for g in gold if g.doc in keep]
    predicted = predict(texts, extract_options=extract_options)
    preds = [Line.from_record(a.to_record()) for atts in predicted.values() for a in atts]
    report = score(gold, preds, canonical=False)
    report["documents"] = len(texts)
    return report


def render(report: dict) -> str:
    from .attributions import render as render_attributions

    return render_attributions(report)
