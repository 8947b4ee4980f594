"""Query parameters shared by pages and the API, parsed once into our own values.

The dependencies are `async def` although they never await: FastAPI runs a plain `def`
dependency in the thread pool, a thread hop per parameter group on every request."""

from __future__ import annotations

from fastapi import Query

from ..report.record import StatementFilter
from .views import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, Page


async def statement_filter(
    q: str | None = Query(None, description="FTS5 search over what was said, cue and speaker mention."),
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
