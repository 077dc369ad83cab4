"""The HTTP API and the pages (``newsledger serve``): FastAPI, Jinja2 templates, no CDN."""

from newsledger.web.app import create_app

__all__ = ["create_app"]
