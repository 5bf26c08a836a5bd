"""Callbacks of the export panel, called directly: links, resolutions, the session's logo."""

from __future__ import annotations

import base64
from contextvars import copy_context
from urllib.parse import parse_qs, urlparse

import flask
import pytest
from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from dashboard import ids, strings
from dashboard.callbacks import export as callbacks
from dashboard.export.logo import NAME_KEY, SESSION_KEY, LogoStore
from dashboard.views.state import ViewState

SVG_LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="8"><rect width="20" ' \
           b'height="8" fill="#000091"/></svg>'


def triggered(component: str | None, prop: str, function, *args):
    """Call a callback as Dash would after ``component.prop`` changed (None: page load)."""
    inputs = [{"prop_id": f"{component}.{prop}", "value": None}] if component else []

    def run():
        context_value.set(AttributeDict(triggered_inputs=inputs))
        return function(*args)
    return copy_context().run(run)


def link_options(links: list, name: str) -> dict:
    href = next(link.children.href for link in links if f"/{name}?" in link.children.href)
    return {key: values[0] for key, values in parse_qs(urlparse(href).query).items()}


class TestLinks:
    def test_links_carry_the_format_and_options(self) -> None:
        links = callbacks.export_links(ViewState(departements=("93",)), "Titre", "", "diapo",
                                       "2160", ["transparent"])
        options = link_options(links, "carte.png")
        assert options["papier"] == "diapo" and options["resolution"] == "2160"
        assert options["fond"] == "transparent" and options["titre"] == "Titre"
        assert "sous-titre" not in options

    def test_paper_keeps_its_orientation(self) -> None:
        links = callbacks.export_links(ViewState(), None, None, "a3-portrait", "300", [])
        options = link_options(links, "carte.pdf")
        assert (options["papier"], options["orientation"]) == ("a3", "portrait")
        assert "fond" not in options

    @pytest.mark.parametrize(("paper", "current", "values", "chosen"), [
        ("a4-paysage", "300", ["150", "300"], "300"),
        ("diapo", "300", ["1080", "2160"], "1080"),
        ("web", "1080", ["1200"], "1200"),
    ])
    def test_resolutions_follow_the_format(self, paper, current, values, chosen) -> None:
        options, value = callbacks.resolution_choices(paper, current)
        assert [option["value"] for option in options] == values and value == chosen
        assert all(option["label"] == strings.EXPORT_RESOLUTIONS[option["value"]]
                   for option in options)


@pytest.fixture
def session_app(tmp_path, monkeypatch):
    store = LogoStore(tmp_path / "logos")
    monkeypatch.setattr(callbacks, "logo_store", lambda: store)
    monkeypatch.setattr(callbacks, "server_logo", lambda: None)
    app = flask.Flask(__name__)
    app.secret_key = "test"
    with app.test_request_context():
        yield store


class TestLogo:
    def upload(self, data: bytes, name: str) -> str:
        contents = "data:image/svg+xml;base64," + base64.b64encode(data).decode()
        return triggered(ids.EXPORT_LOGO, "contents", callbacks.export_logo, None, contents,
                         None, name)

    def test_an_uploaded_logo_is_kept_for_the_session(self, session_app) -> None:
        status = self.upload(SVG_LOGO, "logo-ars.svg")
        assert status == strings.EXPORT_LOGO_KEPT.format(name="logo-ars.svg")
        assert session_app.load(flask.session[SESSION_KEY]).startswith(
            "data:image/svg+xml;base64,")
        assert flask.session[NAME_KEY] == "logo-ars.svg"

    def test_a_bad_file_is_refused_in_french_and_nothing_is_kept(self, session_app) -> None:
        status = self.upload(b"<html><script>alert(1)</script></html>", "logo.svg")
        assert "SVG illisible" in status
        assert SESSION_KEY not in flask.session
        status = self.upload(b"GIF89a", "logo.gif")
        assert "PNG, JPEG ou SVG" in status

    def test_remove_forgets_the_logo(self, session_app) -> None:
        self.upload(SVG_LOGO, "logo.svg")
        status = triggered(ids.EXPORT_LOGO_REMOVE, "n_clicks", callbacks.export_logo, None,
                           None, 1, None)
        assert status == strings.EXPORT_LOGO_NONE
        assert SESSION_KEY not in flask.session

    def test_opening_the_panel_names_the_logo_of_the_pages(self, session_app,
                                                           monkeypatch) -> None:
        def opened() -> str:
            return triggered(ids.EXPORT_SUMMARY, "n_clicks", callbacks.export_logo, 1, None,
                             None, None)

        assert opened() == strings.EXPORT_LOGO_NONE
        monkeypatch.setattr(callbacks, "server_logo", lambda: "data:image/png;base64,AA==")
        assert opened() == strings.EXPORT_LOGO_SERVER
        self.upload(SVG_LOGO, "logo.svg")
        assert opened() == strings.EXPORT_LOGO_KEPT.format(name="logo.svg")

    def test_a_cancelled_file_choice_changes_nothing(self, session_app) -> None:
        self.upload(SVG_LOGO, "logo.svg")
        assert triggered(ids.EXPORT_LOGO, "contents", callbacks.export_logo, None, None, None,
                         None) is no_update
        assert flask.session[NAME_KEY] == "logo.svg"
