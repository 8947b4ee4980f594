"""HTML pages: each handler reads its parameters, calls one view, renders one template.

Search and statement pages are `async def`: their queries are indexed reads of well under
a millisecond to a few, cheaper to run on the event loop than to hand to a thread (the hop
and the GIL hand-over cost more than the query; see docs/web.md, Load). Document and actor
pages read whole documents or draw charts, so they stay `def` and run in the thread pool."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..report.record import HIT_COLUMNS, STATEMENT_TYPES
from . import views
from .params import filter_query, page_query

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


def page_links(request: Request, result: dict) -> dict:
    """URLs of the previous and next pages, keeping every other parameter."""
    params = dict(request.query_params)
    links = {}
    if result["page"] > 1:
        links["previous"] = "?" + urlencode({**params, "page": result["page"] - 1})
    if result["has_next"]:
        links["next"] = "?" + urlencode({**params, "page": result["page"] + 1})
    return links


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request):
    where, page = filter_query(request.query_params), page_query(request.query_params)
    db = request.app.state.db
    result = views.search_view(db, where, page, columns=HIT_COLUMNS)
    return render(request, "search.html", result=result, links=page_links(request, result["statements"]),
                  filters=where, speakers=db.choices("speaker"), targets=db.choices("target"),
                  events=db.choices("event"), types=STATEMENT_TYPES)


@router.get("/search")
def search_alias(request: Request):
    return RedirectResponse("/?" + urlencode(dict(request.query_params)))


@router.get("/statements/{statement_id}", response_class=HTMLResponse)
async def statement_page(request: Request, statement_id: int):
    return render(request, "statement.html", s=views.statement_view(request.app.state.db, statement_id))


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str):
    return render(request, "document.html", d=views.document_view(request.app.state.db, document_id))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str):
    result = views.actor_view(request.app.state.db, actor_id, page_query(request.query_params))
    return render(request, "actor.html", a=result, links=page_links(request, result["statements"]))


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request):
    """The OpenAPI description as a page (the stock Swagger UI would load a CDN)."""
    schema = request.app.openapi()
    return render(request, "api.html", schema=schema)
