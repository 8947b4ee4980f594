"""The FastAPI application: wiring only. Pages are in pages.py, the JSON API in api.py,
uploads in upload.py; what they show is computed in views.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..report.record import QueryError, ensure_schema
from ..report.rendering import actor_label
from .views import Database

HERE = Path(__file__).parent
# Sent with every response: scripts only from this server (there are none today),
# no framing, no referrer leaking local ids. Inline styles are allowed for SVG charts.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                               " img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class WebOptions:
    db: str = "stancetrace.db"
    allow_ingest: bool = False
    # Largest upload accepted per file (bytes): news articles, even PDFs, are far smaller.
    max_upload_bytes: int = 20 * 1024 * 1024


def create_app(options: WebOptions) -> FastAPI:
    """An app over `options.db`, opened read-only (its schema is brought up to date once)."""
    ensure_schema(options.db)
    app = FastAPI(
        title="stancetrace",
        description="Who said what, when, to or about whom, with what stance — with evidence. "
                    "Every list is paginated with `page` and `page_size`.",
        docs_url=None, redoc_url=None,  # the stock docs pages load scripts from a CDN; see /api
    )
    app.state.options = options
    app.state.db = Database(options.db)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["label"] = actor_label
    templates.env.filters["fromjson"] = json.loads
    templates.env.globals["allow_ingest"] = options.allow_ingest
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from . import api, pages, upload

    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(upload.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, error: QueryError):
        return error_response(request, 400, str(error))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, error: RequestValidationError):
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in error.errors())
        return error_response(request, 422, problems)

    @app.exception_handler(LookupError)
    async def not_found(request: Request, error: LookupError):
        return error_response(request, 404, str(error.args[0]) if error.args else "not found")

    return app


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str):
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


__all__ = ["WebOptions", "create_app", "error_response", "HTMLResponse"]
