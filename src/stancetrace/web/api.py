"""The JSON API: the same views as the pages, paginated, described by OpenAPI (/openapi.json).
Search and statement are `async def` for the reason given in pages.py."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from ..report.record import StatementFilter
from . import views
from .params import page as page_params
from .params import statement_filter

router = APIRouter(prefix="/api", tags=["record"])
# Fields computed for templates (segment lists) are not part of the JSON records.
_TEMPLATE_ONLY = ("paragraph", "segments")


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _TEMPLATE_ONLY}


@router.get("/search", summary="Search statements and documents")
async def search(request: Request, where: StatementFilter = Depends(statement_filter),
           page: views.Page = Depends(page_params)) -> dict[str, Any]:
    """Statements matching the filters (newest first: by date said, or for `q` most
    recently stored first), and on
    page 1 the documents whose title or body match `q`."""
    return views.search_view(request.app.state.db, where, page)


@router.get("/statements/{statement_id}", summary="One statement with its resolution")
async def statement(request: Request, statement_id: int) -> dict[str, Any]:
    row = views.statement_view(request.app.state.db, statement_id)
    row["paragraph_text"] = "".join(s.text for s in row["paragraph"])
    return _plain(row)


@router.get("/documents/{document_id}", summary="One document, its metadata and statements")
def document(request: Request, document_id: str, page: views.Page = Depends(page_params)) -> dict[str, Any]:
    row = views.document_view(request.app.state.db, document_id)
    said = row.pop("statements")
    row["statements"] = views.paged(said[page.offset : page.offset + page.size + 1], page)
    for name in ("authors", "basis", "body_excluded"):
        row[name] = _json(row[name])
    return _plain(row)


@router.get("/actors/{actor_id}", summary="An actor: roles, top targets, statements")
def actor(request: Request, actor_id: str, page: views.Page = Depends(page_params)) -> dict[str, Any]:
    result = views.actor_view(request.app.state.db, actor_id, page)
    result.pop("chart_svg")
    return result


def _json(value: str | None):
    import json

    return json.loads(value) if value else value
