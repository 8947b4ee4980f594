"""`stancetrace eval documents`: our document metadata and body spans against gold.

Per document and averaged over documents (macro): title exact match (whitespace and
quote marks normalised), authors (same set), publisher, published value and basis,
and body-span character precision / recall / F1. Predicted body characters are the
body span minus `body_excluded`; gold characters are [body_start, body_end).

For comparison the same run scores trafilatura on the same texts, twice: on the plain
text as it is (trafilatura expects HTML and usually returns nothing), and on the text
wrapped as one `<p>` per non-blank line (no `<title>` or other hint added). Its output
text is located back in the document line by line; characters it outputs that cannot
be located count as predicted and wrong.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from ..errors import Errors, InputError, StanceTraceError
from ..pipeline import load_document
from ..records import BASIS_EXPLICIT, Document, Span

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})
SYSTEMS = ("stancetrace", "trafilatura_text", "trafilatura_paragraphs")


def run(gold: Path, docs: Path) -> dict[str, Any]:
    """Score every gold document found under `docs`; the report as a plain dict."""
    rows = _read_gold(gold)
    documents = []
    for row in rows:
        path = docs / row["doc"]
        try:
            ours = load_document(path)
        except InputError as error:
            documents.append({"doc": row["doc"], "error": error.reason})
            continue
        documents.append(_score_document(row, ours))
    return {"gold": str(gold), "docs": str(docs), "documents": documents, "summary": _summary(documents)}


def _read_gold(gold: Path) -> list[dict[str, Any]]:
    try:
        lines = gold.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise StanceTraceError(Errors.E031.format(path=gold, line=0, detail=exc.strerror)) from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise StanceTraceError(Errors.E031.format(path=gold, line=number, detail=exc.msg)) from None
        missing = [key for key in ("doc", "body_start", "body_end") if key not in row]
        if missing:
            raise StanceTraceError(Errors.E031.format(path=gold, line=number, detail=f"missing {', '.join(missing)}"))
        rows.append(row)
    return rows


def _score_document(row: dict[str, Any], ours: Document) -> dict[str, Any]:
    gold_span = Span(row["body_start"], row["body_end"])
    gold_explicit = row.get("published_basis") == BASIS_EXPLICIT
    scored = {
        "doc": row["doc"],
        "title": {"gold": row.get("title"), "ours": ours.title, "correct": same_text(row.get("title"), ours.title)},
        "authors": {"gold": row.get("authors", []), "ours": ours.authors,
                    "correct": _name_set(row.get("authors", [])) == _name_set(ours.authors)},
        "publisher": {"gold": row.get("publisher"), "ours": ours.publisher,
                      "correct": same_text(row.get("publisher"), ours.publisher)},
        "published": {
            "gold": row.get("published"), "gold_basis": row.get("published_basis"),
            "ours": ours.published, "ours_basis": ours.published_basis,
            "value_correct": row.get("published") == ours.published,
            "basis_correct": row.get("published_basis") == ours.published_basis,
            # The ingest stage only reads dates the text states; inferred ones are later work.
            "explicit_correct": (ours.published == row.get("published")) if gold_explicit else None,
            "invented": ours.published_basis == BASIS_EXPLICIT and not gold_explicit,
        },
        "body": {"stancetrace": span_scores(ours.body_spans, gold_span)},
    }
    for system, result in _trafilatura_runs(ours.text).items():
        scored["body"][system] = span_scores(result["spans"], gold_span, result["unlocated"])
        scored["body"][system]["title_correct"] = same_text(row.get("title"), result["title"])
        scored["body"][system]["published"] = result["date"]
    return scored


def same_text(gold: str | None, ours: str | None) -> bool:
    """Equal after folding whitespace runs and curly quotes; None equals only None."""
    if gold is None or ours is None:
        return gold is None and ours is None
    return _normalise(gold) == _normalise(ours)


def _normalise(value: str) -> str:
    return " ".join(value.translate(_QUOTES).split())


def _name_set(names: list[str]) -> set[str]:
    return {_normalise(n).casefold() for n in names}


def span_scores(predicted: list[Span], gold: Span, unlocated: int = 0) -> dict[str, float]:
    """Character precision, recall and F1 of predicted spans against one gold span."""
    predicted_chars = sum(s.end - s.start for s in predicted) + unlocated
    overlap = sum(max(0, min(s.end, gold.end) - max(s.start, gold.start)) for s in predicted)
    gold_chars = gold.end - gold.start
    precision = overlap / predicted_chars if predicted_chars else 0.0
    recall = overlap / gold_chars if gold_chars else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


# --- trafilatura, for comparison ----------------------------------------------------


def _trafilatura_runs(text: str) -> dict[str, dict[str, Any]]:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    inputs = {
        "trafilatura_text": text,
        "trafilatura_paragraphs": f"<html><body><article>{paragraphs}</article></body></html>",
    }
    return {system: _trafilatura(source, text) for system, source in inputs.items()}


def _trafilatura(source: str, text: str) -> dict[str, Any]:
    import trafilatura  # imported on use: slow to import and only this command needs it

    result = trafilatura.bare_extraction(source, with_metadata=True)
    if result is None:
        return {"spans": [], "unlocated": 0, "title": None, "date": None}
    extracted = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    spans, unlocated = locate_lines(extracted.get("text") or "", text)
    return {"spans": spans, "unlocated": unlocated, "title": extracted.get("title"), "date": extracted.get("date")}


def locate_lines(output: str, text: str) -> tuple[list[Span], int]:
    """Find each output line in `text`, in order; (spans found, characters not found)."""
    spans, unlocated, cursor = [], 0, 0
    for line in output.splitlines():
        line = line.strip()
        if not line:
            continue
        pattern = r"\s+".join(map(re.escape, line.split()))
        match = re.compile(pattern).search(text, cursor)
        if match is None:
            unlocated += len(line)
            continue
        spans.append(Span(match.start(), match.end()))
        cursor = match.end()
    return spans, unlocated


# --- summary and text report --------------------------------------------------------


def _summary(documents: list[dict[str, Any]]) -> dict[str, Any]:
    scored = [d for d in documents if "error" not in d]
    summary: dict[str, Any] = {"documents": len(documents), "errors": len(documents) - len(scored)}
    if not scored:
        return summary
    with_title = [d for d in scored if d["title"]["gold"] is not None]
    explicit = [d for d in scored if d["published"]["explicit_correct"] is not None]
    summary.update({
        "title_accuracy": _mean(d["title"]["correct"] for d in scored),
        "titles_correct": f"{sum(d['title']['correct'] for d in with_title)}/{len(with_title)}",
        "authors_accuracy": _mean(d["authors"]["correct"] for d in scored),
        "publisher_accuracy": _mean(d["publisher"]["correct"] for d in scored),
        "published_value_accuracy": _mean(d["published"]["value_correct"] for d in scored),
        "published_basis_accuracy": _mean(d["published"]["basis_correct"] for d in scored),
        "explicit_dates_correct": f"{sum(d['published']['explicit_correct'] for d in explicit)}/{len(explicit)}",
        "invented_dates": sum(d["published"]["invented"] for d in scored),
    })
    for system in SYSTEMS:
        summary[system] = {
            metric: _mean(d["body"][system][metric] for d in scored) for metric in ("precision", "recall", "f1")
        }
    for system in SYSTEMS[1:]:
        summary[system]["title_accuracy"] = _mean(d["body"][system]["title_correct"] for d in scored)
    return summary


def _mean(values) -> float:
    values = [float(v) for v in values]
    return round(sum(values) / len(values), 4) if values else 0.0


def render(report: dict[str, Any]) -> str:
    """The report as an aligned text table, then the averages."""
    lines = [f"{'doc':<28} {'title':<6} {'authors':<8} {'publ.':<6} {'published':<22} "
             f"{'body P':>7} {'R':>6} {'F1':>6}   {'traf.F1 text':>12} {'traf.F1 <p>':>11}"]
    for doc in report["documents"]:
        if "error" in doc:
            lines.append(f"{doc['doc']:<28} error: {doc['error']}")
            continue
        body, published = doc["body"], doc["published"]
        date = f"{published['ours'] or '-'} ({published['ours_basis']})"
        mark = "ok" if published["value_correct"] else f"gold {published['gold'] or '-'}"
        lines.append(
            f"{doc['doc'][:28]:<28} {_tick(doc['title']['correct']):<6} {_tick(doc['authors']['correct']):<8} "
            f"{_tick(doc['publisher']['correct']):<6} {date + ' ' + mark:<22} "
            f"{body['stancetrace']['precision']:>7.3f} {body['stancetrace']['recall']:>6.3f} "
            f"{body['stancetrace']['f1']:>6.3f}   {body['trafilatura_text']['f1']:>12.3f} "
            f"{body['trafilatura_paragraphs']['f1']:>11.3f}"
        )
    summary = report["summary"]
    lines.append("")
    for key, value in summary.items():
        if isinstance(value, dict):
            figures = ", ".join(f"{k} {v}" for k, v in value.items())
            lines.append(f"{key:<26} {figures}")
        else:
            lines.append(f"{key:<26} {value}")
    return "\n".join(lines)


def _tick(value: bool) -> str:
    return "ok" if value else "no"
