"""The web application: store per thread, security headers, JSON errors, offline API docs."""

from __future__ import annotations

import base64
import binascii
import logging
import os
import threading
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger import __version__
from newsledger.render import show_bidi

HERE = Path(__file__).parent
DEFAULT_MAX_BODY = 5 * 2**20
log = logging.getLogger("newsledger.web")

# Everything the pages load comes from this server; no inline script or style can run, and the
# pages cannot be framed. Article text is escaped anyway: this is the second wall.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Stores:
    """One store connection per server thread (SQLite connections cannot cross threads).

    FastAPI runs sync endpoints in a thread pool; each worker thread opens its own connection on
    first use and keeps it. WAL mode lets these readers run while a writer writes. Only weak
    references are kept here: when the pool retires an idle thread, its connection goes with it.
    """

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._local = threading.local()
        self._all: weakref.WeakSet[Any] = weakref.WeakSet()
        self._lock = threading.Lock()

    def get(self) -> Any:
        """The store of the calling thread."""
        store = getattr(self._local, "store", None)
        if store is None:
            from newsledger.store import open_store

            store = open_store(self.db)
            self._local.store = store
            with self._lock:
                self._all.add(store)
        return store

    def close_all(self) -> None:
        """Close every connection opened so far (at shutdown)."""
        with self._lock:
            stores = list(self._all)
            self._all.clear()
        for store in stores:
            try:
                store.close()
            except Exception:  # noqa: BLE001 - a connection of a finished thread may refuse
                pass


def encode_cursor(offset: int) -> str:
    """An opaque page cursor for a row offset."""
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The row offset of a cursor from :func:`encode_cursor` (0 for None).

    Raises:
        ValueError: the cursor was not made by this server.
    """
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ValueError("invalid cursor") from None
    if not raw.startswith("o:") or not raw[2:].isdigit() or len(raw) > 14:
        raise ValueError("invalid cursor")
    return int(raw[2:])


def _visible_bidi(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return show_bidi(value)
    return value


def _path_segment(value: Any) -> str:
    """``value`` percent-encoded as one URL path segment (or fragment): nothing left unquoted."""
    return quote(str(value), safe="")


class _HeadAsGet:
    """Answer ``HEAD`` as the ``GET`` of the same URL, headers only (RFC 9110, 9.3.2).

    FastAPI routes declared for GET answer HEAD with 405, which uptime monitors and link
    checkers read as the page being broken.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    max_body: int | None = None,
) -> FastAPI:
    """Build the newsledger web application over one store.

    Args:
        db: store location (file path or URL); ``NEWSLEDGER_DB`` or ./newsledger.db when None.
        token: the bearer token that writes need; read from ``NEWSLEDGER_TOKEN`` at each request
            when None (no token anywhere: writes are refused).
        max_body: largest request body in bytes (``NEWSLEDGER_MAX_BODY``, default 5 MB).

    Returns:
        The FastAPI application (serve it with uvicorn).
    """
    from newsledger.web import api, pages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.stores.close_all()

    app = FastAPI(
        lifespan=lifespan,
        title="newsledger",
        version=__version__,
        description="Who said what, how sure, how many, when and what happened — from news.",
        docs_url=None,  # the default pages load Swagger UI / ReDoc from a CDN; see /docs below
        redoc_url=None,
    )
    app.state.stores = Stores(db)
    app.state.token = token
    app.state.max_body = max_body or int(os.environ.get("NEWSLEDGER_MAX_BODY", DEFAULT_MAX_BODY))
    app.state.nlp = None
    app.state.nlp_lock = threading.Lock()
    # Autoescape everything, whatever the template's name: article text is untrusted input.
    # Every value printed also has its bidi controls made visible (titles, outlets, URLs...).
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        finalize=_visible_bidi,
    )
    # Ids are article input: in a link each is one path segment, "/" and "?" and "#" included
    # ("a/../../quotes" must not leave /articles/). Jinja's own urlencode keeps "/" as it is.
    env.filters["urlencode"] = _path_segment
    templates = Jinja2Templates(env=env)
    app.state.templates = templates

    app.add_middleware(_HeadAsGet)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if _wants_json(request):
            return JSONResponse(
                {"error": message}, status_code=exc.status_code, headers=exc.headers
            )
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "message": message},
            status_code=exc.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        if _wants_json(request):
            return JSONResponse({"error": "invalid request", "problems": problems}, status_code=422)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": 422, "message": "; ".join(p["msg"] for p in problems)},
            status_code=422,
        )

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        # Log the traceback on the server; the client learns nothing about the internals.
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return JSONResponse(
            {"error": "internal server error"}, status_code=500, headers=SECURITY_HEADERS
        )

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> Response:
        spec = app.openapi()
        ops = [
            {
                "method": method.upper(),
                "path": path,
                "summary": op.get("summary") or "",
                "description": (op.get("description") or "").split("\n\n")[0],
                "params": [
                    {
                        "name": p["name"],
                        "where": p["in"],
                        "required": p.get("required", False),
                        "description": p.get("description") or "",
                    }
                    for p in op.get("parameters", [])
                ],
            }
            for path, item in spec["paths"].items()
            for method, op in item.items()
        ]
        return templates.TemplateResponse(request, "docs.html", {"ops": ops, "spec": spec})

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def app_from_env() -> FastAPI:
    """The application over ``NEWSLEDGER_DB``: the factory uvicorn's worker processes import.

    ``newsledger serve --workers N`` sets ``NEWSLEDGER_DB`` and names this factory, because
    uvicorn starts each worker process from an import string, not from an application object.
    """
    return create_app(os.environ.get("NEWSLEDGER_DB"))
