"""Import a Phoenix / PETRARCH-2 `.actors` dictionary into a user KB.

The format (see ../shared/data/phoenix/README.md): a line starting a new entry holds a
phrase with words joined by `_` and maybe a code (`IRAN_ [IRN]`); `+PHRASE` lines add
synonyms; indented `[CODE]` / `[CODE <date]` / `[CODE >date]` / `[CODE a-b]` lines give
dated codes. PETRARCH reads `a-b` as a <= d < b, so the inclusive end we store is b - 1.

An entry becomes an actor whose tenures are its dated codes, as roles named
`phoenix/<CODE>` (declared in a roles file written next to the actors, multi-holder).
Curated entries win: when a Phoenix phrase already names exactly one KB actor, its
names and codes are added to that actor (loader merge: curated fields kept); when it
could name several, the entry is skipped rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from ..errors import ConfigError, Errors
from .kb import KnowledgeBase
from .names import plain_key

PHOENIX_SOURCE = "../shared/data/phoenix ({file}; PETRARCH-2 dictionaries, Open Event Data Alliance, MIT)"
# KEDS/TABARI convention for six-digit dates: YY from 00 to 30 is 20YY, otherwise 19YY.
TWO_DIGIT_YEAR_PIVOT = 30
COUNTRY_CODE_LENGTH = 3
_CODE_LINE = re.compile(r"^\s*\[([A-Z0-9~]+)\s*([<>]?\s*[\d\-]*)\s*\]")
_INLINE_CODE = re.compile(r"\[([A-Z0-9~]+)\]")
# ISO-3 codes of the curated states, so "IRN" entries merge into `iran`.
CURATED_STATES = {"IRN": "iran", "USA": "united-states", "ISR": "israel", "IRQ": "iraq", "SYR": "syria",
                  "LBN": "lebanon", "SAU": "saudi-arabia", "ESP": "spain", "KWT": "kuwait",
                  "AFG": "afghanistan", "RUS": "russia", "GBR": "united-kingdom", "PSE": "palestine"}


@dataclass
class PhoenixEntry:
    phrase: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)


@dataclass
class ImportSummary:
    actors: int = 0
    merged: int = 0
    skipped_ambiguous: int = 0
    bad_dates: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def line(self) -> str:
        return (f"{self.actors} actors written ({self.merged} merged into curated entries), "
                f"{self.skipped_ambiguous} ambiguous entries skipped, {self.bad_dates} malformed or empty date ranges skipped")


def parse_phoenix(text: str, summary: ImportSummary | None = None) -> list[PhoenixEntry]:
    """Entries of a Phoenix `.actors` file, in file order."""
    summary = summary or ImportSummary()
    entries: list[PhoenixEntry] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("+") and entries:
            entries[-1].synonyms.append(_phrase(line[1:]))
        elif line[0].isspace() or line.startswith("["):
            if entries:
                _add_code(entries[-1], line, summary)
        else:
            phrase, _, rest = line.partition("[")
            entry = PhoenixEntry(_phrase(phrase))
            inline = _INLINE_CODE.search(line)
            if inline:
                entry.codes.append((inline.group(1), None, None))
            entries.append(entry)
    return entries


def _phrase(raw: str) -> str:
    return " ".join(raw.strip().replace("_", " ").split())


def _add_code(entry: PhoenixEntry, line: str, summary: ImportSummary) -> None:
    found = _CODE_LINE.match(line)
    if not found:
        return
    code, restriction = found.group(1), found.group(2).replace(" ", "")
    try:
        start, end = _restriction(restriction)
    except ValueError:
        summary.bad_dates += 1
        return
    if start and end and end < start:  # "[C A-A]" never applies in PETRARCH; some are typos
        summary.bad_dates += 1
        return
    entry.codes.append((code, start, end))


def _restriction(text: str) -> tuple[date | None, date | None]:
    if not text:
        return None, None
    if text.startswith("<"):
        return None, _date(text[1:]) - timedelta(days=1)
    if text.startswith(">"):
        return _date(text[1:]), None
    first, _, last = text.partition("-")
    return _date(first), _date(last) - timedelta(days=1)


def _date(token: str) -> date:
    if len(token) == 6:
        yy = int(token[:2])
        year = 2000 + yy if yy <= TWO_DIGIT_YEAR_PIVOT else 1900 + yy
        return date(year, int(token[2:4]), int(token[4:6]))
    if len(token) == 8:
        return date(int(token[:4]), int(token[4:6]), int(token[6:8]))
    raise ValueError(token)


# ---- conversion to our YAML ---------------------------------------------------------------

def import_phoenix(path: Path, out_dir: Path, kb: KnowledgeBase, countries: set[str] | None = None) -> ImportSummary:
    """Convert `path` into `<out_dir>/phoenix-<name>.actors.yaml` and a roles file beside it."""
    summary = ImportSummary()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Errors.E207.format(path=path, detail=exc)) from exc
    entries = parse_phoenix(text, summary)
    if not entries:
        raise ConfigError(Errors.E207.format(path=path, detail="no actor entries found"))
    source = PHOENIX_SOURCE.format(file=path.name)
    actors, roles = _convert(entries, kb, source, countries, summary)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = path.name.split(".actors")[0].replace(".", "-").lower()
    actor_file = out_dir / f"{stem}.actors.yaml"
    role_file = out_dir / f"{stem}.roles.yaml"
    _dump(actor_file, {"version": "stancetrace.actors.v1", "actors": actors}, source)
    _dump(role_file, {"version": "stancetrace.roles.v1", "roles": roles}, source)
    summary.files = [str(actor_file), str(role_file)]
    return summary


def _convert(entries, kb, source, countries, summary) -> tuple[list[dict], list[dict]]:
    actors: dict[str, dict] = {}
    role_codes: set[str] = set()
    for entry in entries:
        dated = [c for c in entry.codes if c[1] or c[2]]
        codes = {code for code, _, _ in entry.codes}
        country_codes = {code[:COUNTRY_CODE_LENGTH] for code in codes}
        if countries is not None and not country_codes & countries:
            continue
        actor_id = _target_id(entry, kb, codes, summary)
        if actor_id is None:
            continue
        record = actors.setdefault(actor_id, _record(actor_id, entry, codes, dated, kb, source))
        record["aliases"] = sorted(set(record["aliases"]) | {entry.phrase.title(), *(s.title() for s in entry.synonyms)})
        for code, start, end in dated:
            role_codes.add(code)
            record.setdefault("tenures", []).append(
                {"role": f"phoenix/{code}", "start": start.isoformat() if start else None,
                 "end": end.isoformat() if end else None, "source": source})
    summary.actors = len(actors)
    roles = [{"id": f"phoenix/{code}", "name": f"Phoenix/CAMEO actor code {code}",
              "country": CURATED_STATES.get(code[:COUNTRY_CODE_LENGTH]), "single_holder": False,
              "phrases": [f"phoenix {code.lower()}"]} for code in sorted(role_codes)]
    return list(actors.values()), roles


def _target_id(entry: PhoenixEntry, kb: KnowledgeBase, codes: set[str], summary) -> str | None:
    """The curated actor an entry names, a new id for it, or None when it is ambiguous."""
    if len(codes) == 1 and len(next(iter(codes))) == COUNTRY_CODE_LENGTH and next(iter(codes)) in CURATED_STATES:
        summary.merged += 1
        return CURATED_STATES[next(iter(codes))]
    for phrase in (entry.phrase, *entry.synonyms):
        found = kb.candidates(phrase)
        if len(found) == 1 and next(iter(found.values())) != "sound":
            summary.merged += 1
            return next(iter(found))
        if len(found) > 1:
            summary.skipped_ambiguous += 1
            return None
    slug = "-".join(plain_key(entry.phrase).replace("'", "").split())
    return re.sub(r"[^a-z0-9-]", "", slug) or None


def _record(actor_id, entry, codes, dated, kb, source) -> dict:
    existing = kb.actor(actor_id)
    country = None
    for code in sorted(codes):
        country = CURATED_STATES.get(code[:COUNTRY_CODE_LENGTH]) or country
    kind = existing.kind if existing else ("person" if dated else "organisation")
    if not existing and all(len(c) == COUNTRY_CODE_LENGTH for c in codes) and not dated:
        kind = "state"
    name = existing.name if existing else entry.phrase.title()
    record = {"id": actor_id, "name": name, "kind": kind, "aliases": [], "source": source}
    if country and country != actor_id:
        record["country"] = country
    return record


def _dump(path: Path, payload: dict, source: str) -> None:
    header = (f"# Generated by `stancetrace actors import-phoenix` from {source}.\n"
              "# Copyright (c) 2014 Open Event Data Alliance; MIT licence (see the source file header).\n"
              "# Cite: Norris, Schrodt & Beieler (2017), PETRARCH2, JOSS 2(9), doi:10.21105/joss.00133.\n")
    body = yaml.safe_dump(payload, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(header + body, encoding="utf-8")
