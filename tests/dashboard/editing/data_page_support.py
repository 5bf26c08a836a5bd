"""Helpers of the data-page tests: an app with the page and auth, editors, bad files.

Imported by tests/dashboard/editing/test_auth.py, test_uploads.py, test_data_page.py and the
browser test; not a test module itself.
"""

from __future__ import annotations

import base64
import importlib
import io
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dash._callback
import flask
from dash import Dash, Input, Output, dcc, html
from flask_login import login_user

from dashboard import ids
from dashboard.editing import auth
from dashboard.editing.editors import EditorRegistry, add_editor
from dashboard.layouts.data_page import data_page, data_page_body
from dashboard.server.app_factory import ASSETS_DIR, INDEX_STRING
from dashboard.server.headers import install_security_headers
from dashboard.server.limits import init_limits
from geodata import catalog
from geodata.store import SQLiteStore

PASSWORD = "correct horse battery staple"
EDITOR = "alice"
TOKEN = "jeton-de-test-0123456789abcdef"
SECRET = "k" * 48


def register_data_page_callbacks() -> None:
    """Register the page's callbacks again if the registry was reset without them.

    Once ``dashboard/callbacks/__init__.py`` imports ``data_page`` they are part of the
    registry every test starts from, and this does nothing.
    """
    if not any(page_id in key for key in dash._callback.GLOBAL_CALLBACK_MAP
               for page_id in ("donnees-import-report",)):
        import dashboard.callbacks.data_page as module

        importlib.reload(module)



def keep_only_data_page_callbacks() -> None:
    """Leave in Dash's global registry only the callbacks of the data page.

    The app below has the data page alone: the map's callbacks, whose inputs would be
    partly missing, must not be attached to it. The autouse fixture of tests/conftest.py
    restores the registry after each test.
    """
    registry, mapping = dash._callback.GLOBAL_CALLBACK_LIST, dash._callback.GLOBAL_CALLBACK_MAP

    def of_the_page(output: str) -> bool:
        # "..a.children...b.value.." for several outputs, "a.children" for one
        return all(name.startswith("donnees-") for name in output.strip(".").split("..."))

    registry[:] = [entry for entry in registry if of_the_page(str(entry.get("output", "")))]
    for key in [key for key in mapping if not of_the_page(key)]:
        del mapping[key]


def use_temporary_store(tmp_path: Path) -> SQLiteStore:
    """Point the catalog at a fresh store, checked at every call."""
    store = SQLiteStore(tmp_path / "store.sqlite3")
    catalog.use_store(store)
    catalog.zonings_revision("11", fresh=True)  # seeds the demonstration set
    return store


def make_app(tmp_path: Path, lifetime: str = "") -> Dash:
    """A Dash app made of the data page alone, with auth and one editor (``alice``)."""
    register_data_page_callbacks()
    keep_only_data_page_callbacks()
    editors = tmp_path / "editors.toml"
    if not editors.exists():
        add_editor(editors, EDITOR, PASSWORD)
    app = Dash(__name__, assets_folder=str(ASSETS_DIR), assets_path_ignore=["^vendor$"],
               serve_locally=True, suppress_callback_exceptions=True,
               index_string=INDEX_STRING)  # the app's page template: lang="fr"
    page = data_page(data_page_body())
    page.style = None  # shown, as the state callback of the whole app would
    app.layout = html.Div([dcc.Location(id=ids.URL), dcc.Store(id=ids.DATA_VIEW), page])
    # The page's view store, written by the state callback in the whole app, fires the
    # page's callbacks when it shows.
    app.clientside_callback("function (path) { return {pathname: path}; }",
                            Output(ids.DATA_VIEW, "data"), Input(ids.URL, "pathname"))
    config = auth.AuthConfig(secret_key=SECRET, data_dir=tmp_path,
                             session_lifetime=auth.parse_lifetime(lifetime))
    init_limits(app.server)
    auth.init_auth(app, config, EditorRegistry(editors, environ={}))
    install_security_headers(app)  # the browser tests run under the app's CSP
    return app


@contextmanager
def editor_request(app: Dash, name: str = EDITOR) -> Iterator[None]:
    """A request context in which ``name`` is logged in and sends the CSRF header."""
    with app.server.test_request_context("/_dash-update-component", method="POST",
                                         headers={auth.CSRF_HEADER: TOKEN}):
        flask.session[auth.SESSION_TOKEN] = TOKEN
        login_user(auth.Editor(name))
        flask.session[auth.SESSION_LOGIN_TIME] = time.time()
        yield


def data_url(data: bytes, mime: str = "application/octet-stream") -> str:
    """What ``dcc.Upload`` sends as ``contents``."""
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def zip_bytes(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()
