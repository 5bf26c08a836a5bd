"""The "Données" page without a browser: layout, pure helpers, and its callbacks called directly."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.callbacks import data_page as callbacks
from dashboard.editing import auth, zoning_admin
from dashboard.figures.preview import build_preview_figure
from dashboard.layouts import data_page as page
from dashboard.views.data import load_app_data
from geodata import base, catalog
from geodata.clock import local_today
from geodata.store import Provenance, VersionKind, as_of, creation_date
from geodata.zonings import Fiche, Statut, Zoning, load_zoning_types, validate_file
from tests.geodata.store.test_indicator_layers import provenance, shared

from .data_page_support import EDITOR, editor_request, make_app, use_temporary_store

HOSTILE = '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">CPTS</a>'


@pytest.fixture
def store(tmp_path):
    store = use_temporary_store(tmp_path)
    yield store
    catalog.use_store(None)


@pytest.fixture
def app(tmp_path, store):
    return make_app(tmp_path)


def hostile_zoning() -> Zoning:
    cpts = load_zoning_types().get("cpts")
    fiche = Fiche(nom=HOSTILE, type="cpts", site="javascript:alert(3)",
                  missions="x" * 5000)
    return Zoning(cpts, {"h": fiche}, (("h", "93001"), ("h", "93005")))


def _ids(component) -> list:
    found = []
    stack = [component]
    while stack:
        node = stack.pop()
        if hasattr(node, "id") and getattr(node, "id", None) is not None:
            found.append(json.dumps(node.id, sort_keys=True))
        children = getattr(node, "children", None)
        if isinstance(children, list | tuple):
            stack.extend(children)
        elif children is not None and hasattr(children, "to_plotly_json"):
            stack.append(children)
    return found


class TestLayout:
    def test_ids_are_unique_and_include_every_constant(self):
        found = _ids(page.data_page(page.data_page_body()))
        assert len(found) == len(set(found))
        for name in ("ACCOUNT", "LOGIN_FORM", "UPLOAD", "IMPORT_CONFIRM", "VERSIONS_TABLE",
                     "COMPARE_A", "ROLLBACK_CONFIRM", "ASOF_DATE"):
            assert json.dumps(getattr(page, name)) in found

    def test_login_form_posts_with_a_token_field(self):
        form = page.account_card().children.children[2]
        assert (form.action, form.method) == ("/auth/login", "POST")
        names = [child.name for child in form.children if hasattr(child, "name")]
        assert names == ["csrf_token"]

    def test_edit_sections_start_hidden(self):
        section = next(child for child in page.data_page_body()
                       if getattr(child, "id", None) == page.EDIT_SECTION)
        assert section.style == {"display": "none"}

    def test_the_app_holds_the_page_empty_until_it_shows(self):
        assert page.data_page().children.id == page.FRAME
        assert page.data_page().children.children is None

    def test_page_text_is_french(self):
        text = json.dumps(page.data_page(page.data_page_body()).to_plotly_json(), default=str,
                          ensure_ascii=False)
        for words in ("Confirmer l'import", "Se connecter", "À la date du",
                      "Restaurer cette version"):
            assert words in text


class TestSanitize:
    def test_javascript_sites_and_overlong_values_are_dropped(self):
        zoning, warnings = zoning_admin.sanitize_fiches(hostile_zoning())
        fiche = zoning.fiches["h"]
        assert fiche.site is None and len(fiche.missions) == 4000
        assert len(warnings) == 2 and "http://" in warnings[0]

    def test_clean_zoning_is_returned_as_is(self):
        zoning = catalog.load_demo_zonings("11")["dac"]
        assert zoning_admin.sanitize_fiches(zoning) == (zoning, [])


class TestPreviewFigure:
    def test_hover_text_is_escaped(self):
        figure = build_preview_figure(load_app_data().overview, hostile_zoning())
        hover = figure["data"][0]["customdata"]
        text = " ".join(hover)
        assert "<img" not in text and "<a " not in text
        # Escaped once for plotly, which shows &quot; as is (issue 16, point 10).
        assert '&lt;img src=x onerror="alert(1)"&gt;' in text
        assert figure["data"][0]["hovertemplate"] == "%{customdata}<extra></extra>"

    def test_only_touched_departements_are_drawn(self):
        figure = build_preview_figure(load_app_data().overview, hostile_zoning())
        locations = figure["data"][0]["locations"]
        assert all(code.startswith("93") for code in locations)
        covered = [z for z, code in zip(figure["data"][0]["z"], locations, strict=True)
                   if code in ("93001", "93005")]
        assert covered == [1, 1]


class TestFicheForm:
    OLD = Fiche(nom="CPTS A", type="cpts", statut=Statut.EN_PROJET)

    def test_values_are_normalised_like_imports(self):
        values = {**zoning_admin.fiche_form_values(self.OLD), "telephone": "123456789",
                  "date_creation": "15/03/2021", "statut": "en fonctionnement",
                  "courriel": "mailto:a@b.fr", "site": "https://a.example"}
        fiche, errors = zoning_admin.fiche_from_form(self.OLD, values, dt.date(2026, 11, 23))
        assert errors == []
        assert (fiche.telephone, fiche.date_creation, fiche.statut, fiche.courriel) == (
            "01 23 45 67 89", "2021-03-15", Statut.EN_FONCTIONNEMENT, "a@b.fr")
        assert fiche.date_mise_a_jour == "2026-11-23"

    @pytest.mark.parametrize(("field", "value", "message"), [
        ("nom", "", "obligatoire"),
        ("courriel", "pas une adresse", "courriel"),
        ("date_creation", "hier", "Date"),
        ("site", "javascript:alert(1)", "adresse de site internet"),
        ("missions", "x" * 4001, "4000 caractères"),
    ])
    def test_bad_values_are_refused_in_french(self, field, value, message):
        values = {**zoning_admin.fiche_form_values(self.OLD), field: value}
        fiche, errors = zoning_admin.fiche_from_form(self.OLD, values, local_today())
        assert fiche is None and any(message in error for error in errors)

    def test_unchanged_form_gives_the_same_fiche(self):
        values = zoning_admin.fiche_form_values(self.OLD)
        assert zoning_admin.fiche_from_form(self.OLD, values, local_today()) == (self.OLD, [])


class TestCallbacks:
    def test_account_shows_the_editor_and_the_edit_sections(self, app):
        with editor_request(app):
            children, login, logout, edit, no_poll = callbacks.show_account("/donnees", 0)
        assert f"Connecté en tant que {EDITOR}." in children[-1].children
        assert login == {"display": "none"} and logout == {} and edit == {}
        assert no_poll is False

    def test_account_for_visitors(self, app):
        with app.server.test_request_context("/"):
            children, login, _, edit, no_poll = callbacks.show_account("/donnees", 0)
        assert "Consultation libre" in children[-1].children
        assert login == {} and edit == {"display": "none"} and no_poll is True

    def test_preview_shows_report_map_and_difference_and_stores_nothing(self, app, store):
        from .test_uploads import CPTS_OK, csv, data_url

        revision = store.revision("11")
        with editor_request(app):
            report, preview, pending, disabled = callbacks.preview_import(
                data_url(csv(CPTS_OK)), "cpts", None, "cpts.csv")
        text = json.dumps([c.to_plotly_json() for c in report], default=str,
                          ensure_ascii=False)
        assert "découpage CPTS utilisable" in text
        assert "Par rapport à la version en service" in text and "Territoires supprimés" in text
        assert disabled is False and preview.figure["data"][0]["type"] == "choropleth"
        assert pending["type"] == "cpts" and len(pending["sha256"]) == 64
        assert store.revision("11") == revision

    def test_fiche_edit_is_a_new_version(self, app, store):
        latest = store.latest("11")["dac"]
        tid = next(iter(store.load(latest.id).fiches))
        with editor_request(app):
            values, base = callbacks.load_fiche(tid, "dac", [
                {"type": page.FICHE_FIELD, "field": name}
                for name in zoning_admin.EDITABLE_FIELDS])
            values[zoning_admin.EDITABLE_FIELDS.index("telephone")] = "01 99 99 99 99"
            field_ids = [{"type": page.FICHE_FIELD, "field": name}
                         for name in zoning_admin.EDITABLE_FIELDS]
            result = callbacks.save_fiche(1, "dac", tid, values, field_ids, base, "tél.")
        assert "enregistrée" in result.children
        info = store.latest("11")["dac"]
        assert (info.kind, info.editor, info.note, info.based_on) == (
            VersionKind.FICHE, EDITOR, "tél.", latest.id)
        assert catalog.load_zonings("11")["dac"].fiches[tid].telephone == "01 99 99 99 99"

    def test_stale_fiche_edit_is_refused(self, app, store):
        latest = store.latest("11")["dac"]
        zoning = store.load(latest.id)
        tid = next(iter(zoning.fiches))
        store.add_version("11", "dac", zoning, Provenance("bob", VersionKind.IMPORT, "x.csv"))
        revision = store.revision("11")
        values = list(zoning_admin.fiche_form_values(zoning.fiches[tid]).values())
        values[0] = "Nouveau nom"
        field_ids = [{"type": page.FICHE_FIELD, "field": name}
                     for name in zoning_admin.EDITABLE_FIELDS]
        with editor_request(app):
            result = callbacks.save_fiche(1, "dac", tid, values, field_ids, latest.id, "")
        assert "a changé entre-temps" in result.children
        assert store.revision("11") == revision

    def test_versions_table_and_menus(self, store):
        rows_before = len(store.versions("11", "cpts"))
        table, options_a, _, first, second, rollback = callbacks.show_versions("cpts")
        assert len(options_a) == rows_before and first is second is None
        assert rollback == []
        assert "jeu de démonstration" in json.dumps(table.to_plotly_json(), default=str,
                                                    ensure_ascii=False)

    def test_editor_logins_hidden_from_visitors(self, app, store):
        """Issue 16, point 5: a visitor never reads an editor's login."""
        seed = store.latest("11")["cpts"]
        store.add_version("11", "cpts", store.load(seed.id),
                          Provenance("bob.martin", VersionKind.IMPORT, "x.csv"))
        with app.server.test_request_context("/"):
            visitor = json.dumps(callbacks.show_versions("cpts"), default=lambda c:
                                 c.to_plotly_json(), ensure_ascii=False)
        with editor_request(app):
            editor = json.dumps(callbacks.show_versions("cpts"), default=lambda c:
                                c.to_plotly_json(), ensure_ascii=False)
        assert "bob.martin" not in visitor and "Éditeur" not in visitor
        assert "bob.martin" in editor and "Éditeur" in editor

    def test_compare_two_versions(self, store):
        seed = store.latest("11")["cpts"]
        zoning = store.load(seed.id)
        smaller = replace(zoning, members=zoning.members[1:])
        new = store.add_version("11", "cpts", smaller,
                                Provenance("bob", VersionKind.IMPORT, "x.csv"))
        result = callbacks.compare(seed.id, new.id)
        text = json.dumps(result.to_plotly_json(), default=str, ensure_ascii=False)
        assert "1 commune retirée" in text

    def test_as_of_a_date(self, store):
        table, preview = callbacks.show_as_of(local_today().isoformat(), "dac")
        text = json.dumps(table.to_plotly_json(), default=str, ensure_ascii=False)
        assert "n° 1 du" in text and preview.figure["data"]
        assert callbacks.show_as_of("2000-01-01", "dac")[0].children == \
            "Aucune version enregistrée à cette date."
        assert callbacks.show_as_of("", "dac") == ([], [])
        message, preview = callbacks.show_as_of("31/02/2000", "dac")
        assert "« 31/02/2000 » n'est pas une date" in message[0].children
        assert preview == []
        french, _ = callbacks.show_as_of(local_today().strftime("%d/%m/%Y"), "dac")
        assert "n° 1 du" in json.dumps(french.to_plotly_json(), default=str, ensure_ascii=False)

    def test_as_of_keeps_only_structures_created_by_then(self, store):
        demo = catalog.load_demo_zonings("11")
        rows = zoning_admin.zonings_on(store, "11", local_today())
        assert [row.key for row in rows] == list(demo)
        assert rows[1].zoning == demo["cpts"]
        undated = [t for t, f in demo["cpts"].fiches.items()
                   if creation_date(f.date_creation) is None]
        earliest = min(creation_date(f.date_creation) for f in demo["cpts"].fiches.values()
                       if creation_date(f.date_creation))
        store_day = store.latest("11")["cpts"].created_at.date()
        assert earliest < store_day
        # before the first creation date only undated structures remain (and none of the
        # versions existed yet: the store started today)
        assert list(as_of(demo["cpts"], earliest - dt.timedelta(days=1)).fiches) == undated
        assert len(as_of(demo["cpts"], earliest).fiches) == len(undated) + 1


class TestHelpers:
    def test_version_rows_name_the_restored_version(self, store):
        seed = store.latest("11")["carsic"]
        store.add_version("11", "carsic", store.load(seed.id),
                          Provenance("bob", VersionKind.IMPORT, "c.csv", "f" * 64))
        store.rollback(seed.id, editor="bob")
        rows = zoning_admin.version_rows(store.versions("11", "carsic"))
        assert [row["kind"] for row in rows] == [
            "restauration de la n° 1", "import", "jeu de démonstration"]
        assert rows[1]["fingerprint"] == "f" * 12
        assert rows[2]["status"] == "illustratif"


AGENCY = Path(__file__).resolve().parents[2] / "fixtures" / "agency"


class TestAgencyFiles:
    """What the page says of the fixtures shaped like agency files."""

    @pytest.fixture
    def polygons(self):
        data = load_app_data()
        return data, *validate_file(AGENCY / "cpts-saint-denis-polygones.geojson", "cpts",
                                    data.units, base.load_code_aliases("11"))

    def test_report_gives_the_counts_the_versions_table_gives(self, polygons, store):
        data, zoning, report = polygons
        view = zoning_admin.report_view(report, zoning, [], data.units)
        assert view.headline.endswith(
            "(4 territoires, 3 communes dont 1 commune partagée ou couverte en partie).")
        city = f"{int(data.units.set_index('code').at['93066', 'population']):,}".replace(
            ",", "\u00a0")
        assert view.summary[0].startswith("Communes partagées ou couvertes en partie (1) : "
                                          f"Saint-Denis (93066, {city} hab.)")
        assert any(line.startswith("Communes sans territoire (36 communes")
                   for line in view.summary)
        info = store.add_version("11", "cpts", zoning,
                                 Provenance("alice", VersionKind.IMPORT, "cpts.geojson"))
        row = zoning_admin.version_rows(store.versions("11", "cpts"))[0]
        assert (row["territories"], row["communes"], row["partial"]) == ("4", "3", "1")
        assert (info.units, info.partial_units) == (3, 1)

    def test_preview_draws_the_three_cpts_of_the_city(self, polygons):
        data, zoning, _ = polygons
        figure = callbacks._preview(data, zoning)
        shapes = figure["data"][1]
        assert len(shapes["locations"]) == 4
        assert len(set(shapes["z"])) == 4

    def test_other_columns_are_kept_and_clipped(self):
        fiche = Fiche(nom="CPTS", type="cpts", autres=tuple(
            (f"Colonne {n}", "x" * 3000) for n in range(50)))
        zoning = Zoning(load_zoning_types().get("cpts"), {"c": fiche}, (("c", "93001"),))
        clean, warnings = zoning_admin.sanitize_fiches(zoning)
        others = clean.fiches["c"].autres
        assert len(others) == zoning_admin.MAX_OTHERS
        assert all(len(value) == zoning_admin.MAX_OTHER_VALUE_CHARS for _, value in others)
        assert len(warnings) == 2

    def test_new_fields_are_editable(self):
        old = Fiche(nom="CPTS Nord", type="cpts")
        values = {**zoning_admin.fiche_form_values(old), "president": "Dr Curie",
                  "mode_action": "Équipe mobile\nVisites", "criteres_inclusion": "Adultes"}
        fiche, errors = zoning_admin.fiche_from_form(old, values, dt.date(2026, 12, 1))
        assert errors == []
        assert (fiche.president, fiche.mode_action, fiche.criteres_inclusion) == (
            "Dr Curie", "Équipe mobile\nVisites", "Adultes")


class TestEmptying:
    def test_an_editor_empties_a_zoning_on_purpose(self, app, store):
        with editor_request(app):
            assert callbacks.ask_empty(1, "cpts") is True
            result = callbacks.empty_zoning(1, "cpts", "Liste retirée par l'ARS")
        assert "vidé" in result.children
        latest = store.latest("11")["cpts"]
        assert (latest.kind, latest.territories, latest.units) == (VersionKind.EMPTIED, 0, 0)
        assert zoning_admin.version_rows(store.versions("11", "cpts"))[0]["kind"] == \
            "découpage vidé"
        assert store.load(latest.id).fiches == {}

    def test_visitors_cannot_empty(self, app, store):
        revision = store.revision("11")
        with app.server.test_request_context("/_dash-update-component", method="POST"), \
                pytest.raises(auth.EditRefused):
            callbacks.empty_zoning(1, "cpts", "")
        assert store.revision("11") == revision


class TestSharedIndicatorLayers:
    """The data page lists the shared indicator layers with their history, compares them."""

    def test_menu_history_compare_and_restore(self, app, store):
        key = "indicateurs:patients"
        first = store.add_indicator_layer("11", key, shared(), provenance())
        second = store.add_indicator_layer("11", key, shared({"93066": 7.0}),
                                           provenance("bob", "chiffres révisés"))
        catalog.zonings_changed("11")
        with app.server.test_request_context("/"):
            options, *_ = callbacks.zoning_menus(None, None, None, None)
            assert {"label": "Indicateurs : Patients suivis ORS", "value": key} in options
            table, options_a, *_ = callbacks.show_versions(key)
        text = json.dumps(table.to_plotly_json(), default=str, ensure_ascii=False)
        assert "Communes renseignées" in text and "Indicateurs" in text
        assert "chiffres révisés" in text and len(options_a) == 2
        lines = json.dumps(callbacks.compare(first.id, second.id).to_plotly_json(),
                           default=str, ensure_ascii=False)
        assert ("« Patients suivis ORS : Patients suivis » : 1 valeur modifiée, 0 commune "
                "ajoutée, 1 commune retirée.") in lines
        with editor_request(app):
            message = callbacks.rollback(1, first.id, "retour")
        assert "Version n° 1 restaurée : elle est devenue la version n° 3." in str(message)
        assert store.versions("11", key)[0].content_sha256 == first.content_sha256
