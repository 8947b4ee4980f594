"""The local web app: search, statement, document and actor pages, and a JSON API.

    from stancetrace.web import WebOptions, create_app
    app = create_app(WebOptions(db="stancetrace.db"))   # serve with uvicorn
"""

from .app import WebOptions, create_app

__all__ = ["WebOptions", "create_app"]
