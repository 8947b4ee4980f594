"""The FastAPI application: wiring only. Pages are in pages.py, the JSON API in api.py,
uploads in upload.py; what they show is computed in views.py."""

from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from ..report.record import QueryError, ensure_schema
from ..report.rendering import actor_label
from . import hits
from .views import Database

HERE = Path(__file__).parent
# Environment variable that hands WebOptions (as JSON) to the processes of `serve --workers N`.
OPTIONS_VARIABLE = "STANCETRACE_WEB_OPTIONS"
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
    # Threads running the (sync) route handlers of one server process. A request holds the
    # GIL for most of its ~1-4 ms, so threads beyond a few only take turns and starve the
    # event loop; requests over the limit wait in line instead. Measured in docs/web.md.
    threads: int = 4


def create_app(options: WebOptions) -> FastAPI:
    """An app over `options.db`, opened read-only (its schema is brought up to date once)."""
    ensure_schema(options.db)
    app = FastAPI(
        title="stancetrace",
        description="Who said what, when, to or about whom, with what stance — with evidence. "
                    "Every list is paginated with `page` and `page_size`.",
        docs_url=None, redoc_url=None,  # the stock docs pages load scripts from a CDN; see /api
        lifespan=_thread_limit(options.threads),
    )
    app.state.options = options
    app.state.db = Database(options.db)
    app.state.templates = Jinja2Templates(env=template_environment(options))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from . import api, pages, upload

    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(upload.router)

    app.add_middleware(SecurityHeaders)

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


def app_from_environment() -> FastAPI:
    """The app of one worker process of `stancetrace serve --workers N` (a uvicorn factory)."""
    return create_app(WebOptions(**json.loads(os.environ[OPTIONS_VARIABLE])))


def _thread_limit(threads: int):
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    return lifespan


class RecordEnvironment(Environment):
    """Templates over plain dict rows: `s.quote` looks the key up first. Jinja's default
    tries the attribute first and catches an AttributeError on every field of every row."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def template_environment(options: WebOptions) -> Environment:
    """Templates compiled once and kept: the files ship with the package and do not change
    while serving, so no per-render modification check (`auto_reload`)."""
    env = RecordEnvironment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                            auto_reload=False, cache_size=-1)
    env.filters["label"] = actor_label
    env.filters["fromjson"] = json.loads
    env.filters.update(hits.FILTERS)
    env.globals["allow_ingest"] = options.allow_ingest
    return env


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response. A plain ASGI middleware: Starlette's
    `@app.middleware("http")` wraps each response in a stream and a task group, which cost
    a tenth of the server's time under load."""

    _raw = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in SECURITY_HEADERS.items()]

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in self._raw}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + self._raw}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str):
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


__all__ = ["OPTIONS_VARIABLE", "WebOptions", "app_from_environment", "create_app", "error_response", "HTMLResponse"]
