"""Uploading new files (only with `serve --allow-ingest`): the CLI's `ingest`, per file."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse

from ..errors import Errors

router = APIRouter()
# Bytes read from an upload at a time while counting it against the limit.
CHUNK = 1 << 16


def _disabled(request: Request):
    from .app import error_response

    return error_response(request, 403, "uploads are off: start the server with `stancetrace serve --allow-ingest`")


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_form(request: Request):
    if not request.app.state.options.allow_ingest:
        return _disabled(request)
    return request.app.state.templates.TemplateResponse(request, "upload.html", {"result": None})


@router.post("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_page(request: Request, files: list[UploadFile] = File(...)):
    if not request.app.state.options.allow_ingest:
        return _disabled(request)
    result = ingest_uploads(request, files)
    status = 200 if not result["errors"] else 422
    return request.app.state.templates.TemplateResponse(request, "upload.html", {"result": result}, status_code=status)


@router.post("/api/documents", tags=["record"], summary="Upload files (needs --allow-ingest)")
def upload_api(request: Request, files: list[UploadFile] = File(...)) -> Any:
    """Ingest the files as `stancetrace ingest` would; per-file errors as `{file, reason}`."""
    if not request.app.state.options.allow_ingest:
        return _disabled(request)
    result = ingest_uploads(request, files)
    return JSONResponse(result, status_code=200 if not result["errors"] else 422)


def ingest_uploads(request: Request, files: list[UploadFile]) -> dict[str, Any]:
    """Save each upload under its plain name in a fresh folder and ingest the folder's files."""
    from ..pipeline import ingest
    from ..store import open_store

    options = request.app.state.options
    errors: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="stancetrace-upload-") as folder:
        saved: dict[str, str] = {}
        for upload in files:
            name = upload.filename or ""
            problem = _check_name(name) or _save(upload, Path(folder) / name, options.max_upload_bytes)
            if problem:
                errors.append({"file": name, "reason": problem})
            else:
                saved[str(Path(folder) / name)] = name
        summary_line = "nothing to ingest"
        if saved:
            with open_store(options.db) as store:
                summary = ingest(sorted(saved), store)
            errors += [{"file": saved.get(e.source, Path(e.source).name), "reason": e.reason} for e in summary.errors]
            summary_line = summary.line
            request.app.state.db.changed()
    return {"summary": summary_line, "errors": errors}


def _check_name(name: str) -> str | None:
    plain = Path(name).name
    if not name or plain != name or name in (".", "..") or "\\" in name or "\x00" in name or name.startswith("."):
        return Errors.E709.format(name=name)
    return None


def _save(upload: UploadFile, path: Path, limit: int) -> str | None:
    size = 0
    with path.open("wb") as out:
        while chunk := upload.file.read(CHUNK):
            size += len(chunk)
            if size > limit:
                out.close()
                path.unlink()
                return Errors.E708.format(name=upload.filename, size=f"more than {limit}", limit=limit)
            out.write(chunk)
    return None
