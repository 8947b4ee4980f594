"""Published-date accuracy on the htmldate "mediacloud 2020" test set.

Gold is `{url: {"file": name, "date": "YYYY-MM-DD" | NaN}}`; NaN (a bare token that
Python's json reads as float nan) means the page has no identifiable date.

How a page counts (the README's "fairer alternative", stated in every report):
  gold date, same date predicted   -> tp (correct)
  gold date, other date predicted  -> fp (wrong)
  gold date, no date predicted     -> fn (wrong)
  gold NaN,  no date predicted     -> tn (correct: abstaining is the right answer)
  gold NaN,  a date predicted      -> fp (wrong)
accuracy = (tp + tn) / pages; precision = tp / (tp + fp); recall = tp / (tp + fn).
The upstream convention (abstention on a NaN page is an fn, not a tn) is reported too.

Our figure comes from the HTML reader's date step (`ingest.html.page_published`); the
comparison is plain `htmldate.find_date(html, url=url)` with its defaults, on the same
pages in the same run.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import Errors, StanceTraceError

CONVENTION = "null prediction on a NaN-gold page = tn (correct); null on a dated page = fn; wrong date = fp"


def read_gold(gold: Path) -> list[tuple[str, str, str | None]]:
    """(url, file name, date or None) per page, in the file's order."""
    try:
        raw = json.loads(Path(gold).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StanceTraceError(Errors.E031.format(path=gold, line=0, detail=str(exc))) from None
    rows = []
    for url, entry in raw.items():
        date = entry.get("date")
        if not isinstance(date, str):  # NaN (a float) or null: the page has no date
            date = None
        rows.append((url, entry["file"], date))
    return rows


def outcome(gold: str | None, predicted: str | None) -> str:
    """tp / tn / fp / fn of one page under the convention above."""
    if gold is None:
        return "tn" if predicted is None else "fp"
    if predicted is None:
        return "fn"
    return "tp" if predicted == gold else "fp"


def scores(outcomes: list[str]) -> dict[str, float | int]:
    counts = {key: outcomes.count(key) for key in ("tp", "tn", "fp", "fn")}
    tp, tn, fp, fn = counts["tp"], counts["tn"], counts["fp"], counts["fn"]
    pages = len(outcomes)
    return {
        "accuracy": (tp + tn) / pages if pages else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
        # Upstream counts abstention on a NaN page as fn, so such a page is never correct.
        "accuracy_upstream": tp / pages if pages else 0.0,
        **counts,
    }


def our_date(path: Path, url: str) -> str | None:
    """What our HTML reader stores as `published`, computed without the body extraction.

    The reader is given the page alone: the gold URL is not passed (a user's file has
    none either); the reader finds the page's own canonical URL in its markup.
    """
    from ..ingest.html import page_published

    found = page_published(path.read_bytes())
    return found.value if found else None


def htmldate_date(path: Path, url: str) -> str | None:
    from htmldate import find_date

    return find_date(path.read_text(encoding="utf-8", errors="replace"), url=url)


def run(gold: Path, html_dir: Path, limit: int | None = None) -> dict:
    rows = read_gold(gold)[:limit]
    systems: dict[str, Callable[[Path, str], str | None]] = {"stancetrace": our_date, "htmldate": htmldate_date}
    outcomes: dict[str, list[str]] = {name: [] for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    misses: list[dict] = []
    for url, name, date in rows:
        path = Path(html_dir) / name
        predictions = {}
        for system, predict in systems.items():
            started = time.perf_counter()
            predictions[system] = predict(path, url) if path.is_file() else None
            seconds[system] += time.perf_counter() - started
            outcomes[system].append(outcome(date, predictions[system]))
        if outcomes["stancetrace"][-1] not in ("tp", "tn"):
            misses.append({"file": name, "gold": date, "predicted": predictions["stancetrace"]})
    return {
        "benchmark": "htmldate-mediacloud-2020",
        "pages": len(rows),
        "convention": CONVENTION,
        "systems": {name: {**scores(o), "seconds": round(seconds[name], 2)} for name, o in outcomes.items()},
        "stancetrace_misses": misses,
    }


def render(report: dict) -> str:
    lines = [
        f"published dates: {report['pages']} pages ({report['convention']})",
        f"{'system':<13}{'accuracy':>9}{'precision':>10}{'recall':>8}{'F1':>7}"
        f"{'tp':>5}{'tn':>4}{'fp':>4}{'fn':>4}{'acc(upstream)':>15}{'seconds':>9}",
    ]
    for name, s in report["systems"].items():
        lines.append(
            f"{name:<13}{s['accuracy']:>9.3f}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}"
            f"{s['tp']:>5}{s['tn']:>4}{s['fp']:>4}{s['fn']:>4}{s['accuracy_upstream']:>15.3f}{s['seconds']:>9.1f}"
        )
    return "\n".join(lines)
