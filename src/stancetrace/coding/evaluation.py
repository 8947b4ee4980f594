"""Scoring the event coder: the PLOVER gold sentences, and the `event` field of attribution
gold (our coder run over the gold attributions themselves, so extraction errors do not count)."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from ..errors import ConfigError, Errors
from ..records import Attribution
from .rules import Rules, load_rules

NONE = "(none)"  # the label of "no event"


def _prf(gold: list[str], pred: list[str], label: str) -> dict:
    tp = sum(1 for g, p in zip(gold, pred) if g == p == label)
    fp = sum(1 for g, p in zip(gold, pred) if p == label != g)
    fn = sum(1 for g, p in zip(gold, pred) if g == label != p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"label": label, "support": tp + fn, "predicted": tp + fp, "precision": precision, "recall": recall, "f1": f1}


def score(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict:
    per = [_prf(gold, pred, label) for label in labels]
    scored = [p for p in per if p["support"]]
    return {"n": len(gold), "accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0,
            "macro_f1": sum(p["f1"] for p in scored) / len(scored) if scored else 0.0, "per_category": per}


def run_plover(path: Path, rules: Rules | None = None) -> dict:
    """Every PLOVER gold sentence coded; labels mapped to our names (0.5b1 DISAPPROVE, DEMAND ...;
    FIGHT -> ASSAULT); macro-F1 over the verbal categories, computed on all sentences."""
    from . import code_sentence

    rules = rules or load_rules()
    try:
        records = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(Errors.E609.format(path=path, detail=exc)) from exc
    gold, pred = [], []
    for record in records:
        if not isinstance(record, dict) or not record.get("event") or record.get("event") == "DOCUMENT":
            continue
        gold.append(rules.canonical(record["event"]))
        pred.append(code_sentence(record.get("text", ""), rules=rules).event or NONE)
    report = score(gold, pred, rules.verbal)
    report["all_categories"] = score(gold, pred, tuple(sorted(set(gold))))["per_category"]
    report["source"] = str(path)
    return report


def run_gold(path: Path, docs: Path, rules: Rules | None = None) -> dict:
    """Event accuracy of our coder over the gold attributions of `path` (documents in `docs`).
    Lines marked `borderline:` are left out, as in attribution scoring. Each document is parsed
    as the pipeline parses it, so the coder sees what it sees in `ingest`."""
    from ..ingest import read_document
    from ..nlp import load_model
    from . import code_attributions
    from .parsed import parse

    rules = rules or load_rules()
    rows = [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc"]].append(row)
    gold, pred, target_ok = [], [], 0
    fields = Attribution.__dataclass_fields__
    nlp = load_model()
    for name in sorted(by_doc):
        document = read_document(Path(docs) / name)
        lines = by_doc[name]
        coded = code_attributions(document, [Attribution(**{k: v for k, v in r.items() if k in fields}) for r in lines], rules=rules,
                                  doc=parse(document, nlp))
        for row, attribution in zip(lines, coded):
            if (row.get("note") or "").startswith("borderline"):
                continue
            gold.append(rules.canonical(row.get("event")) or NONE)
            pred.append(attribution.event or NONE)
            target_ok += attribution.target == row.get("target")
    labels = tuple(sorted(set(gold) | set(pred)))
    report = score(gold, pred, labels)
    report["target_accuracy"] = target_ok / len(gold) if gold else 0.0
    report["source"] = str(path)
    report["confusion"] = Counter(f"{g} -> {p}" for g, p in zip(gold, pred) if g != p).most_common(10)
    return report


def render(report: dict) -> str:
    lines = [f"{report['source']}: n={report['n']}  accuracy {report['accuracy']:.3f}  macro-F1 {report['macro_f1']:.3f}"]
    if "target_accuracy" in report:
        lines[0] += f"  target accuracy {report['target_accuracy']:.3f}"
    lines.append(f"{'category':<12} {'support':>7} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for p in report["per_category"]:
        lines.append(f"{p['label']:<12} {p['support']:>7} {p['predicted']:>5} {p['precision']:>6.3f} {p['recall']:>6.3f} {p['f1']:>6.3f}")
    for pair, n in report.get("confusion", []):
        lines.append(f"  confused {pair}: {n}")
    return "\n".join(lines)


# ---- PETRARCH-2 validation sentences (CAMEO-coded), mapped to PLOVER ---------------------------
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)/>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
ROOT_DIGITS = 2  # a CAMEO code falls back to its two-digit root in the mapping table


def read_cameo_map(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER event from CAMEO2PLOVER-2021.txt (`code: EVENT, mode, context # ...`;
    root header lines `NN: EVENT`). Codes with no line (roots 01, 02) have no PLOVER event."""
    table = {}
    for line in Path(path).read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        code, rest = line.split(":", 1)
        event = rest.split(",", 1)[0].strip()
        if code.strip().isdigit() and event:
            table[code.strip()] = event
    return table


def read_petrarch(path: Path) -> list[tuple[str, list[str]]]:
    """(sentence text, CAMEO event codes) of each PETR2 validation sentence; the file is not
    well-formed XML, so it is read with patterns (comments stripped first)."""
    text = _COMMENT.sub("", Path(path).read_text("utf-8"))
    out = []
    for _, body in _SENTENCE.findall(text):
        found = _TEXT.search(body)
        if not found:
            continue
        codes = [dict(_ATTR.findall(c)).get("eventcode") for c in _CODING.findall(body)]
        out.append((" ".join(found.group(1).split()), [c for c in codes if c]))
    return out


def run_petrarch(path: Path, mapping: Path, rules: Rules | None = None) -> dict:
    """Our coder over the PETRARCH-2 validation sentences, gold CAMEO codes mapped to PLOVER
    (full code, else its root). A sentence with several expected events is right when we
    predict any of them, and is scored against that one (else its first); "no event" and
    codes PLOVER drops (01, 02) are the label (none). Macro-F1 over the verbal categories."""
    from . import code_sentence

    rules = rules or load_rules()
    table = read_cameo_map(mapping)
    gold, pred = [], []
    for text, codes in read_petrarch(path):
        events = [rules.canonical(table.get(c) or table.get(c[:ROOT_DIGITS])) for c in codes]
        events = [e for e in events if e] or [NONE]
        guess = code_sentence(text, rules=rules).event or NONE
        gold.append(guess if guess in events else events[0])
        pred.append(guess)
    report = score(gold, pred, rules.verbal)
    report["all_categories"] = score(gold, pred, tuple(sorted(set(gold) | set(pred))))["per_category"]
    report["source"] = str(path)
    return report
