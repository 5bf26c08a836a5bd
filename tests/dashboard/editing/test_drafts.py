"""Drafts on the « Données » page: listing, comparison, link back, and the editor-only promotion."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import Forbidden

from dashboard.callbacks import drafts as callbacks
from dashboard.editing.drafts import draft_comparison, draft_rows, harmonisation_link
from dashboard.layouts import drafts as layout
from dashboard.views.data import load_app_data
from dashboard.views.harmonisation import harmonisation_request, scenario_moves
from dashboard.views.state import parse_url
from geodata import catalog
from geodata.harmonisation import Goal
from geodata.store import VersionKind

from .data_page_support import EDITOR, editor_request, make_app, use_temporary_store


@pytest.fixture
def store(tmp_path):
    store = use_temporary_store(tmp_path)
    yield store
    catalog.use_store(None)


@pytest.fixture
def draft(store):
    version = store.latest("11")["cpts"]
    return store.save_draft("11", "cpts", "CPTS 93", version.id, "93010:cpts-74,93048:cpts-69",
                            editor=EDITOR, reference_key="dac", goal="zonage", note="CTS")


class TestPure:
    def test_rows_name_zonings_and_versions(self, store, draft):
        labels = {"cpts": "CPTS", "dac": "DAC"}
        (row,) = draft_rows(store.drafts("11"), labels, {draft.base_version: 1})
        assert (row["name"], row["zoning"], row["reference"], row["moves"], row["base"]) == (
            "CPTS 93", "CPTS", "DAC", "2", "n° 1")

    def test_link_opens_the_same_scenario_in_the_page(self, draft):
        data = load_app_data()
        pathname, _, search = harmonisation_link(draft).partition("?")
        state = parse_url(pathname, search, data.choices, data.default_state)
        request = harmonisation_request(data, state)
        assert (request.zoning, request.reference, request.goal) == ("cpts", "dac", Goal.ZONING)
        assert state.harm_draft == draft.id
        assert [move.code for move in scenario_moves(data, state, request)] == ["93010", "93048"]

    def test_link_of_a_reference_that_follows(self, store):
        version = store.latest("11")["dac"]
        info = store.save_draft("11", "dac", "DAC", version.id, "93010:dac-93-c",
                                editor=EDITOR, reference_key="cpts", goal="reference")
        assert harmonisation_link(info).startswith("/harmonisation?hz=cpts&hr=dac&hm=")
        assert "hobj=reference" in harmonisation_link(info)

    def test_comparison_with_the_version_in_service(self, store, draft):
        info, base, drafted = store.load_draft(draft.id)
        lines = draft_comparison(info, base, drafted, base, load_app_data().units)
        assert lines[0] == "Population déplacée : 162\u202f529\u00a0habitants (2 déplacements)."
        assert any("Bondy" in line and "Montreuil" in line for line in lines)


class TestCallbacks:
    def test_anyone_lists_and_compares(self, store, draft):
        table, options, promote = callbacks.list_drafts("/donnees", None)
        assert [option["value"] for option in options] == [draft.id]
        assert promote == layout.HIDDEN
        compared, link = callbacks.compare_draft(draft.id, None)
        assert link.startswith("/harmonisation?") and "projet=" in link

    def test_promotion_is_refused_to_visitors(self, tmp_path, store, draft):
        app = make_app(tmp_path)
        with app.server.test_request_context("/_dash-update-component", method="POST"), \
                pytest.raises(Forbidden):
            callbacks.promote_draft(1, draft.id, "")
        assert len(store.versions("11", "cpts")) == 1

    def test_editor_promotes_and_the_zoning_changes(self, tmp_path, store, draft):
        app = make_app(tmp_path)
        with editor_request(app):
            result = callbacks.promote_draft(1, draft.id, "validé en CTS")
        assert "promu : version n° 2" in str(result.children)
        latest = store.versions("11", "cpts")[0]
        assert latest.kind is VersionKind.PROJECT and latest.editor == EDITOR
        assert store.current("11")["cpts"].territories_of("93048") == ("cpts-69",)
        with editor_request(app):
            again = callbacks.promote_draft(1, draft.id, "")
        assert "version n° 1" in str(again.children) and again.color == "danger"
