"""One search language and one notion of a word for both back ends.

A user's query (words, "a phrase" in straight or curly double quotes, `prefix*`,
AND/OR/NOT, parentheses; NOT binds tightest, then AND, then OR, as in SQLite FTS5) is
parsed here once, then written for the engine:
an FTS5 MATCH expression for SQLite, a `tsquery` literal for PostgreSQL. A query either
engine could not parse is a `SearchSyntaxError` (E704) before it reaches the database.

Words are what SQLite's FTS5 tokenizer `TOKENIZER` makes of a text (Unicode letters and
digits, case and Latin diacritics folded, Porter-stemmed: "negotiations" and "negotiation"
are one word; quotes, curly or straight, and all other punctuation separate words). SQLite
applies it in its FTS5 tables. For PostgreSQL the same tokenizer runs in memory (Python's
sqlite3) and its words and positions are stored as a `tsvector` literal and queried as a
`tsquery` literal, so PostgreSQL's own parser, dictionaries and locale never decide what
a word is, and the same query finds the same rows on both back ends.

    fts5_query('heroic "flexibility"')       -> '("heroic" AND "flexibility")'
    tsquery('negotiations OR talk*')         -> "('negoti' | 'talk':*)"
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..errors import Errors, StanceTraceError
from ..records import Document

# The FTS5 tokenizer of every search index (documents_fts, attributions_fts) and of the
# in-memory tokenizer that indexes for PostgreSQL. A migration that changes the tables'
# tokenizer changes this with it (a test holds them equal).
TOKENIZER = "porter unicode61 remove_diacritics 2"

# Operators of the query language (upper case only, as in FTS5: "and" is a word).
OPERATORS = ("AND", "OR", "NOT")
# A PostgreSQL lexeme holds at most 2046 bytes; a longer "word" (a run of base64, say)
# cannot be searched on either back end, and a query naming one is refused.
MAX_WORD_BYTES = 2046
# Columns the in-memory tokenizer takes at once (attributions index three).
MAX_COLUMNS = 3
# What each engine is given for a query with no words in it (only punctuation): a
# query that matches nothing, on both (an empty phrase; a word no tokenizer makes).
FTS5_NOTHING = '""'
TSQUERY_NOTHING = "'*'"

# Typographic double quotes a keyboard or a paste may put in a query; they delimit a
# phrase as a straight double quote does (single curly quotes stay punctuation: ’ is
# also the apostrophe of don’t).
PHRASE_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"'})
# Query lexemes: a "phrase" (maybe unterminated), a parenthesis, a star, or a bare word.
_LEXEME = re.compile(r'"(?P<phrase>[^"]*)(?P<closed>"?)|(?P<paren>[()])|(?P<star>\*)|(?P<word>[^\s"()*]+)')


class SearchSyntaxError(StanceTraceError):
    """A search query neither engine could run; the message (E704) says what to type instead."""

    def __init__(self, query: str):
        super().__init__(Errors.E704.format(query=query))


# -- the query language --------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase as typed; `prefix` when a `*` follows it."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class AllOf:
    parts: tuple


@dataclass(frozen=True)
class AnyOf:
    parts: tuple


@dataclass(frozen=True)
class Without:
    """`kept NOT dropped`: rows matching `kept` and not `dropped`."""

    kept: object
    dropped: object


def parse(query: str):
    """The query as a tree of Term, AllOf, AnyOf and Without; SearchSyntaxError if malformed."""
    parser = _Parser(query)
    tree = parser.any_of()
    if parser.peek() is not None:
        raise SearchSyntaxError(query)
    return tree


class _Parser:
    """Recursive descent over the lexemes: any_of := all_of (OR all_of)*;
    all_of := without ([AND] without)*; without := primary (NOT primary)*;
    primary := Term | ( any_of )."""

    def __init__(self, query: str):
        self.query = query
        self.items = list(self._lex(query.translate(PHRASE_QUOTES)))
        self.at = 0

    def _lex(self, query: str):
        for found in _LEXEME.finditer(query):
            if found["phrase"] is not None:
                if not found["closed"]:
                    raise SearchSyntaxError(query)
                yield ("term", found["phrase"])
            elif found["paren"]:
                yield (found["paren"], None)
            elif found["star"]:
                yield ("*", None)
            elif found["word"] in OPERATORS:
                yield (found["word"], None)
            else:
                yield ("term", found["word"])

    def peek(self) -> str | None:
        return self.items[self.at][0] if self.at < len(self.items) else None

    def take(self):
        item = self.items[self.at]
        self.at += 1
        return item

    def any_of(self):
        parts = [self.all_of()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.all_of())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def all_of(self):
        parts = [self.without()]
        while self.peek() in ("AND", "term", "("):
            if self.peek() == "AND":
                self.take()
            parts.append(self.without())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def without(self):
        tree = self.primary()
        while self.peek() == "NOT":
            self.take()
            tree = Without(tree, self.primary())
        return tree

    def primary(self):
        kind = self.peek()
        if kind == "term":
            _, text = self.take()
            prefix = self.peek() == "*"
            if prefix:
                self.take()
            return Term(text, prefix)
        if kind == "(":
            self.take()
            tree = self.any_of()
            if self.peek() != ")":
                raise SearchSyntaxError(self.query)
            self.take()
            return tree
        raise SearchSyntaxError(self.query)  # an operator, ')', '*' or the end where a word belongs


def words_only(tree, tokenizer: "Tokenizer"):
    """The tree without terms that hold no word (punctuation only), or None if nothing is left.
    Punctuation is ignored alike by both engines instead of matching nothing in one."""
    if isinstance(tree, Term):
        words = tokenizer.words(tree.text)
        if any(len(word.encode("utf-8")) > MAX_WORD_BYTES for word in words):
            raise SearchSyntaxError(tree.text)
        return tree if words else None
    if isinstance(tree, Without):
        kept, dropped = words_only(tree.kept, tokenizer), words_only(tree.dropped, tokenizer)
        return kept if kept is None or dropped is None else Without(kept, dropped)
    parts = tuple(part for part in (words_only(p, tokenizer) for p in tree.parts) if part is not None)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else type(tree)(parts)


# -- written for each engine ------------------------------------------------------------


# Queries kept written for FTS5: writing one tokenizes each term on a shared in-memory
# connection (~0.1 ms a call, two calls per search page), and pages repeat queries.
FTS5_QUERIES_KEPT = 4096


@lru_cache(maxsize=FTS5_QUERIES_KEPT)
def fts5_query(query: str) -> str:
    """The query as an SQLite FTS5 MATCH expression (each term a quoted string, which FTS5
    tokenizes with the table's tokenizer: the same words `tsquery` finds)."""
    tree = words_only(parse(query), tokenizer())
    return FTS5_NOTHING if tree is None else _fts5(tree)


def _fts5(tree) -> str:
    if isinstance(tree, Term):
        return '"' + tree.text.replace('"', '""') + '"' + ("*" if tree.prefix else "")
    if isinstance(tree, Without):
        return f"({_fts5(tree.kept)} NOT {_fts5(tree.dropped)})"
    joiner = " AND " if isinstance(tree, AllOf) else " OR "
    return "(" + joiner.join(_fts5(part) for part in tree.parts) + ")"


def tsquery(query: str) -> str:
    """The query as a PostgreSQL `tsquery` literal over the words of `tsvector`."""
    found = tokenizer()
    tree = words_only(parse(query), found)
    return TSQUERY_NOTHING if tree is None else _tsquery(tree, found)


def _tsquery(tree, found: "Tokenizer") -> str:
    if isinstance(tree, Term):
        words = [_lexeme(word) for word in found.words(tree.text)]
        if tree.prefix:  # FTS5 too takes the last word of a starred phrase as a prefix
            words[-1] += ":*"
        return words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")"
    if isinstance(tree, Without):
        return f"({_tsquery(tree.kept, found)} & !{_tsquery(tree.dropped, found)})"
    joiner = " & " if isinstance(tree, AllOf) else " | "
    return "(" + joiner.join(_tsquery(part, found) for part in tree.parts) + ")"


def tsvector(columns: Sequence[tuple[str, str]]) -> str:
    """A `tsvector` literal of (text, weight) columns, weight one of A B C D. Positions run
    on across columns with one left empty between two, so a phrase never spans columns (it
    cannot in FTS5). PostgreSQL itself caps positions at 16383 and keeps 256 per word."""
    return tsvectors([columns])[0]


def tsvectors(rows: Sequence[Sequence[tuple[str, str]]]) -> list[str]:
    """`tsvector` literals of many rows of (text, weight) columns, as `tsvector` makes each,
    from one pass of the tokenizer (a pass costs three SQLite statements, whatever its size)."""
    words = tokenizer().columns_of_rows([[text for text, _ in row] for row in rows])
    return [_tsvector_literal([weight for _, weight in row], row_words) for row, row_words in zip(rows, words)]


def _tsvector_literal(weights: Sequence[str], per_column: Sequence[list[str]]) -> str:
    positions: dict[str, list[str]] = {}
    base = 0
    for weight, words in zip(weights, per_column):
        mark = "" if weight == "D" else weight
        for offset, word in enumerate(words):
            # A character is at most 4 bytes: only long words need encoding to be measured.
            if len(word) <= MAX_WORD_BYTES // 4 or len(word.encode("utf-8")) <= MAX_WORD_BYTES:
                positions.setdefault(word, []).append(f"{base + offset + 1}{mark}")
        base += len(words) + 1
    return " ".join(f"{_lexeme(word)}:{','.join(at)}" for word, at in positions.items())


# Characters of a body indexed on PostgreSQL. A tsvector is limited to 1 MB; half a million
# characters of prose stays well under it even when every word is distinct, and no news
# article comes close (the PolNeAR maximum is ~30,000).
FTS_MAX_CHARS = 500_000


def search_body(document: Document) -> str:
    """The text a document's search index holds besides its title: the body without chrome."""
    return "\n".join(span.text(document.text) for span in document.body_spans)


def document_search(document: Document) -> str:
    """The `tsvector` of a document: title (weight A) then body (weight B), as FTS5 indexes
    `documents_fts(title, body)`."""
    return tsvector([(document.title or "", "A"), (search_body(document)[:FTS_MAX_CHARS], "B")])


def attribution_search(content: str, speaker_mention: str | None, cue: str | None) -> str:
    """The `tsvector` of a statement, as FTS5 indexes `attributions_fts(content, speaker_mention, cue)`."""
    return attribution_searches([(content, speaker_mention, cue)])[0]


def attribution_searches(statements: Iterable[tuple[str, str | None, str | None]]) -> list[str]:
    """`attribution_search` of many (content, speaker_mention, cue), tokenized in one pass."""
    return tsvectors([[(content, "D"), (mention or "", "D"), (cue or "", "D")] for content, mention, cue in statements])


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


# -- the tokenizer ----------------------------------------------------------------------


class Tokenizer:
    """SQLite's FTS5 tokenizer `TOKENIZER`, run on an in-memory contentless table: the
    words of a text in order, read back through an `fts5vocab` instance table."""

    def __init__(self, spec: str = TOKENIZER):
        self._conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        names = ", ".join(f"c{i}" for i in range(MAX_COLUMNS))
        self._conn.execute(f"CREATE VIRTUAL TABLE words USING fts5({names}, content='', tokenize='{spec}')")
        self._conn.execute("CREATE VIRTUAL TABLE word_instances USING fts5vocab(words, 'instance')")
        # Laid out as documents_fts, so FTS5's own snippet() cuts the same passages from it.
        # External content: 'delete-all' then empties the index without tokenizing it again.
        self._conn.execute("CREATE TABLE passage_texts (id INTEGER PRIMARY KEY, document_id, title, body)")
        self._conn.execute(
            "CREATE VIRTUAL TABLE passages USING fts5(document_id UNINDEXED, title, body,"
            f" content='passage_texts', content_rowid='id', tokenize='{spec}')"
        )
        self._lock = threading.Lock()  # one connection, shared by a web app's threads

    def words(self, text: str) -> list[str]:
        return self.columns([text])[0]

    def columns(self, texts: Sequence[str]) -> list[list[str]]:
        """The words of each text (at most MAX_COLUMNS texts), in order."""
        return self.columns_of_rows([texts])[0]

    def columns_of_rows(self, rows: Sequence[Sequence[str]]) -> list[list[list[str]]]:
        """`columns` of each row of texts, from one insert of all rows and one read."""
        padded = [(number, *row, *[""] * (MAX_COLUMNS - len(row))) for number, row in enumerate(rows)]
        names = ", ".join(f"c{i}" for i in range(MAX_COLUMNS))
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                self._conn.executemany(f"INSERT INTO words(rowid, {names}) VALUES (?{', ?' * MAX_COLUMNS})", padded)
                instances = self._conn.execute("SELECT term, doc, col, offset FROM word_instances").fetchall()
            finally:
                self._conn.execute("ROLLBACK")  # leaves the index empty without tokenizing again
        found: list[list[dict[int, str]]] = [[{} for _ in row] for row in rows]
        for word, number, column, offset in instances:
            found[number][int(column[1:])][offset] = word
        return [[[words[i] for i in sorted(words)] for words in row] for row in found]

    def snippets(self, texts: Sequence[tuple[str, str]], match: str, marks: "SnippetMarks") -> list[str]:
        """FTS5's snippet() of each (title, body) for an FTS5 MATCH expression, as
        documents_fts gives it ("" where it does not match)."""
        rows = [(i, "", title, body) for i, (title, body) in enumerate(texts, 1)]
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                self._conn.executemany("INSERT INTO passage_texts VALUES (?, ?, ?, ?)", rows)
                self._conn.executemany("INSERT INTO passages(rowid, document_id, title, body) VALUES (?, ?, ?, ?)", rows)
                found = dict(self._conn.execute(
                    "SELECT rowid, snippet(passages, 2, ?, ?, ?, ?) FROM passages WHERE passages MATCH ?",
                    (marks.start, marks.stop, marks.ellipsis, marks.words, match),
                ).fetchall())
            finally:
                self._conn.execute("ROLLBACK")  # leaves both tables empty, the index untokenized
        return [found.get(i, "") for i in range(1, len(texts) + 1)]


@dataclass(frozen=True)
class SnippetMarks:
    """How a snippet marks a hit, what stands for cut text, and how many words it shows."""

    start: str
    stop: str
    ellipsis: str
    words: int


def document_snippets(documents: Sequence[Document], query: str, marks: SnippetMarks) -> list[str]:
    """The passage of each document's body that SQLite's documents_fts snippet() shows for
    `query`, cut on any back end (PostgreSQL's ts_headline would cut and mark differently)."""
    texts = [(document.title or "", search_body(document)) for document in documents]
    return tokenizer().snippets(texts, fts5_query(query), marks)


@lru_cache(maxsize=1)
def tokenizer() -> Tokenizer:
    return Tokenizer()
