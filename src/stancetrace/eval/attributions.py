"""Score attributions against gold (SCHEMA.md 'Matching').

A prediction and a gold line match when they are in the same document and their content
spans overlap by at least half of the shorter span. Each gold line pairs with the
matching prediction of highest overlap-over-union; a prediction that matches any gold
line is correct. Gold lines whose note starts with `borderline:` are not required (not
in the recall denominator) and a prediction matching only them is not a false positive.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, InputError, StanceTraceError

# Spans match when they overlap by at least this share of the shorter one (SCHEMA.md).
MIN_OVERLAP_OF_SHORTER = 0.5
BORDERLINE = "borderline:"


@dataclass
class Line:
    """The fields scoring reads, from gold or from a prediction."""

    doc: str
    start: int
    end: int
    type: str | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    said_on: str | None = None
    borderline: bool = False
    quoted: bool | None = None

    @classmethod
    def from_record(cls, r: dict) -> "Line":
        return cls(r["doc"], int(r["content_start"]), int(r["content_end"]), r.get("type"), r.get("speaker"),
                   r.get("speaker_start"), r.get("speaker_end"), r.get("said_on"),
                   str(r.get("note") or "").startswith(BORDERLINE))


def spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shorter = min(a[1] - a[0], b[1] - b[0])
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return shorter > 0 and overlap >= MIN_OVERLAP_OF_SHORTER * shorter


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    overlap = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return overlap / (max(a[1], b[1]) - min(a[0], b[0]) or 1)


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def score(gold: Iterable[Line], predicted: Iterable[Line], *, canonical: bool = True) -> dict:
    """P/R/F1, recall by type, speaker accuracies, said_on accuracy, misattributions."""
    by_doc: dict[str, tuple[list[Line], list[Line]]] = {}
    for g in gold:
        by_doc.setdefault(g.doc, ([], []))[0].append(g)
    for p in predicted:
        if p.doc in by_doc:
            by_doc[p.doc][1].append(p)
    tp = fp = neutral = 0
    found, needed = Counter(), Counter()
    pairs: list[tuple[Line, Line]] = []
    for golds, preds in by_doc.values():
        for p in preds:
            hits = [g for g in golds if spans_match((p.start, p.end), (g.start, g.end))]
            if any(not g.borderline for g in hits):
                tp += 1
            elif hits:
                neutral += 1
            else:
                fp += 1
        for g in golds:
            cands = [p for p in preds if spans_match((p.start, p.end), (g.start, g.end))]
            best = max(cands, key=lambda p: _iou((p.start, p.end), (g.start, g.end)), default=None)
            key = g.type or "all"
            if not g.borderline:
                needed[key] += 1
                if g.quoted is not None:
                    needed["quoted" if g.quoted else "unquoted"] += 1
            if best is None:
                continue
            pairs.append((g, best))
            if not g.borderline:
                found[key] += 1
                if g.quoted is not None:
                    found["quoted" if g.quoted else "unquoted"] += 1
    gold_n = sum(v for k, v in needed.items() if k not in ("quoted", "unquoted"))
    gold_found = sum(v for k, v in found.items() if k not in ("quoted", "unquoted"))
    precision, recall = _ratio(tp, tp + fp), _ratio(gold_found, gold_n)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else 0.0
    with_mention = [(g, p) for g, p in pairs if g.speaker_start is not None and g.speaker_end is not None]
    mention_ok = sum(1 for g, p in with_mention if p.speaker_start is not None
                     and spans_match((g.speaker_start, g.speaker_end), (p.speaker_start, p.speaker_end)))
    report = {
        "gold": gold_n, "gold_borderline": sum(1 for golds, _ in by_doc.values() for g in golds if g.borderline),
        "predicted": tp + fp + neutral, "true_positive": tp, "false_positive": fp, "borderline_matches": neutral,
        "precision": precision, "recall": recall, "f1": f1,
        "recall_by_type": {k: _ratio(found[k], n) for k, n in sorted(needed.items())},
        "found_by_type": {k: [found[k], n] for k, n in sorted(needed.items())},
        "speaker_mention_accuracy": _ratio(mention_ok, len(with_mention)),
    }
    if canonical:
        report["canonical_speaker_accuracy"] = _ratio(sum(1 for g, p in pairs if g.speaker == p.speaker), len(pairs))
        report["said_on_accuracy"] = _ratio(sum(1 for g, p in pairs if g.said_on == p.said_on), len(pairs))
        report["misattributions"] = sum(1 for g, p in pairs if p.speaker not in (None, "unknown") and p.speaker != g.speaker)
        report["misattributed"] = [
            {"doc": g.doc, "content_start": g.start, "gold": g.speaker, "predicted": p.speaker}
            for g, p in pairs if p.speaker not in (None, "unknown") and p.speaker != g.speaker
        ]
    report["paired"] = len(pairs)
    return report


def read_gold(path: Path) -> list[dict]:
    records = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise StanceTraceError(Errors.E031.format(path=path, line=0, detail=exc.strerror)) from exc
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            r = json.loads(raw)
            int(r["content_start"]), int(r["content_end"]), r["doc"]
        except (ValueError, KeyError, TypeError) as exc:
            raise StanceTraceError(Errors.E031.format(path=path, line=n, detail=f"{type(exc).__name__}: {exc}")) from exc
        records.append(r)
    return records


def predict(paths: list[Path], nlp=None, extract_options=None) -> dict[str, list]:
    """Our attributions (records) for each file, keyed by file name."""
    from ..pipeline import analyse_many, load_document

    documents = []
    for path in paths:
        try:
            documents.append(load_document(path))
        except InputError:
            continue
    out = {}
    for document, atts in zip(documents, analyse_many(documents, nlp=nlp, extract_options=extract_options)):
        out[document.doc] = atts
    return out


def run(gold_path: Path, docs: Path, extract_options=None) -> dict:
    """`stancetrace eval attributions`: score extraction over the gold's documents."""
    gold = read_gold(gold_path)
    names = sorted({r["doc"] for r in gold})
    missing = [n for n in names if not (Path(docs) / n).is_file()]
    if missing:
        raise StanceTraceError(Errors.E304.format(doc=missing[0], docs=docs))
    predicted = predict([Path(docs) / n for n in names], extract_options=extract_options)
    preds = [Line.from_record(a.to_record()) for atts in predicted.values() for a in atts]
    report = score([Line.from_record(r) for r in gold], preds)
    report["documents"] = len(names)
    return report


def render(report: dict) -> str:
    lines = [f"documents {report.get('documents', '?')}  gold {report['gold']} (+{report['gold_borderline']} borderline)"
             f"  predicted {report['predicted']}"]
    lines.append(f"precision {report['precision']}  recall {report['recall']}  F1 {report['f1']}")
    lines.append("recall by type: " + ", ".join(f"{k} {v} ({report['found_by_type'][k][0]}/{report['found_by_type'][k][1]})"
                                                for k, v in report["recall_by_type"].items()))
    lines.append(f"speaker-mention accuracy {report['speaker_mention_accuracy']}")
    if "canonical_speaker_accuracy" in report:
        lines.append(f"canonical-speaker accuracy {report['canonical_speaker_accuracy']}")
        lines.append(f"said_on accuracy {report['said_on_accuracy']}")
        lines.append(f"misattributions {report['misattributions']}")
        for m in report["misattributed"]:
            lines.append(f"  {m['doc']}@{m['content_start']}: gold {m['gold']}, predicted {m['predicted']}")
    return "\n".join(lines)
