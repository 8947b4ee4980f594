"""Query parameters shared by pages and the API, parsed once into our own values.

The API declares each parameter with `Query(...)` so OpenAPI documents it. The HTML pages
(not in the schema) read the same names straight from the query string with
`page_query`/`filter_query`: FastAPI's per-parameter validation of nine declared
parameters cost about a fifth of a search page's service time. Both give the same values
and the same 422 for a page number out of range.

The dependencies are `async def` although they never await: FastAPI runs a plain `def`
dependency in the thread pool, a thread hop per parameter group on every request."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from ..report.record import StatementFilter
from .views import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, Page


async def statement_filter(
    q: str | None = Query(None, description="Full-text search (words, \"phrases\", prefix*, AND/OR/NOT) over what was said, cue and speaker mention."),
    speaker: str | None = Query(None, description="Actor id of the speaker."),
    target: str | None = Query(None, description="Actor or issue id the statement is about."),
    event: str | None = Query(None, description="PLOVER event, e.g. REJECT."),
    type: str | None = Query(None, description="direct, partial, mixed, indirect or block."),
    since: str | None = Query(None, description="Said on or after YYYY[-MM[-DD]]."),
    until: str | None = Query(None, description="Said on or before YYYY[-MM[-DD]]."),
) -> StatementFilter:
    return StatementFilter(query=q, speaker=speaker, target=target, event=event, type=type,
                           since=since, until=until).validated()


async def page(
    page: int = Query(1, ge=1, le=MAX_PAGE, description="1-based page number."),
    page_size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page."),
) -> Page:
    return Page(page, page_size)


def filter_query(params: Mapping[str, str]) -> StatementFilter:
    """The filter of a page's query string (`q`, `speaker`, ... as `statement_filter` names them)."""
    return StatementFilter(query=params.get("q"), speaker=params.get("speaker"), target=params.get("target"),
                           event=params.get("event"), type=params.get("type"), since=params.get("since"),
                           until=params.get("until")).validated()


def page_query(params: Mapping[str, str]) -> Page:
    """The page of a page's query string; out of range is a 422, as for the API."""
    return Page(_whole_number(params, "page", 1, 1, MAX_PAGE),
                _whole_number(params, "page_size", PAGE_SIZE, 1, MAX_PAGE_SIZE))


def _whole_number(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()):
        raise _invalid(name, "Input should be a valid integer", raw)
    value = int(raw)
    if not low <= value <= high:
        raise _invalid(name, f"Input should be between {low} and {high}", raw)
    return value


def _invalid(name: str, message: str, raw: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("query", name), "msg": message, "type": "value_error", "input": raw}])
