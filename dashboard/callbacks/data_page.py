"""Callbacks of the "Données" page.

Viewing callbacks (versions, comparison, "à la date du") need no account. Every callback
that parses an uploaded file or writes to the store starts with
:func:`dashboard.editing.auth.require_editor` (HTTP 403 otherwise), and its outputs are declared
with :func:`dashboard.editing.auth.protect`, so the request is refused before the callback runs.
Between the preview and the confirmation the server keeps nothing: the confirmation
sends the file again, which is checked again and must have the hash that was previewed.
"""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, clientside_callback, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import ids, strings
from dashboard.editing import auth, uploads
from dashboard.editing.indicator_import import compare_indicator_lines
from dashboard.editing.place_import import compare_place_lines
from dashboard.editing.zoning_admin import (
    ASOF_COLUMNS,
    EDITABLE_FIELDS,
    TEXTS,
    as_of_table,
    clip_source,
    compare_lines,
    emptied,
    fiche_form_values,
    fiche_from_form,
    parse_version_id,
    report_view,
    sanitize_fiches,
    version_columns,
    version_label,
    version_rows,
    zonings_on,
)
from dashboard.figures.preview import build_preview_figure
from dashboard.formatting import parse_day, plural
from dashboard.layouts import data_page as page
from dashboard.layouts import drafts
from dashboard.layouts.components import report_block
from dashboard.place_strings import INDICATOR_MENU_LABEL, PLACE_MENU_LABEL
from dashboard.views.data import load_app_data
from dashboard.views.territory_shapes import territory_shapes
from geodata import base, catalog
from geodata.clock import local_today
from geodata.config import current_region
from geodata.store import Provenance, StoreError, VersionKind, clip_note
from geodata.store.layer_kinds import INDICATOR_LAYERS, PLACE_LAYERS, layer_type

auth.protect(*page.PROTECTED)

HIDDEN = page.HIDDEN
SHOWN: dict = {}


def _store():
    return catalog.zoning_store()


def _region() -> str:
    region = current_region()
    catalog.zonings_revision(region)  # seeds the store on first use
    return region


def _alert(text: str, color: str) -> dbc.Alert:
    return dbc.Alert(text, color=color, className="mb-2")


# -- account ----------------------------------------------------------------------------

clientside_callback(
    """function () {
        const found = document.cookie.match(/(?:^|;\\s*)_csrf_token=([^;]*)/);
        const token = found ? decodeURIComponent(found[1]) : "";
        return [token, token];
    }""",
    Output(page.LOGIN_TOKEN, "value"), Output(page.LOGOUT_TOKEN, "value"),
    Input(ids.DATA_VIEW, "data"), Input(page.ACCOUNT_POLL, "n_intervals"),
    prevent_initial_call=True,
)


@callback(
    Output(page.ACCOUNT, "children"), Output(page.LOGIN_FORM, "style"),
    Output(page.LOGOUT_FORM, "style"), Output(page.EDIT_SECTION, "style"),
    Output(page.ACCOUNT_POLL, "disabled"),
    Input(ids.DATA_VIEW, "data"), Input(page.ACCOUNT_POLL, "n_intervals"),
    prevent_initial_call=True,
)
def show_account(_view, _ticks):
    """Who is logged in (checked on the server), and the message a login left.

    Only an editor's page polls (to show an expired session): visitors cost nothing.
    """
    editor = auth.current_editor()
    message = auth.pop_message()
    children = [html.P(TEXTS["logged_in"].format(name=editor) if editor
                       else TEXTS["anonymous"])]
    if message:
        children.insert(0, _alert(message, "info"))
    return (children, HIDDEN if editor else SHOWN, SHOWN if editor else HIDDEN,
            SHOWN if editor else HIDDEN, not editor)


# -- import -----------------------------------------------------------------------------

def _preview(data, zoning) -> dict:
    """Map of a zoning to check: polygon territories drawn as cut from their communes."""
    shapes = (territory_shapes(zoning, data.overview.set_index("code").geometry)
              if zoning.outlines else None)
    return build_preview_figure(data.overview, zoning, shapes=shapes)


def _receive(contents, filename, zoning_type, crs_text):
    data = load_app_data()
    return uploads.receive(contents, filename, zoning_type, data.units,
                           base.load_code_aliases(data.region), crs_text=crs_text,
                           iris=base.load_iris(data.region))


@callback(
    Output(page.IMPORT_REPORT, "children"), Output(page.IMPORT_PREVIEW_FRAME, "children"),
    Output(page.IMPORT_PENDING, "data"), Output(page.IMPORT_CONFIRM, "disabled"),
    Input(page.UPLOAD, "contents"), Input(page.IMPORT_TYPE, "value"),
    Input(page.IMPORT_CRS, "value"), State(page.UPLOAD, "filename"),
    prevent_initial_call=True,
)
def preview_import(contents, zoning_type, crs_text, filename):
    """Check the file in a temporary place and show the report and a map; store nothing."""
    auth.require_editor()
    if not contents:
        return [], [], None, True
    upload, zoning, report = _receive(contents, filename, zoning_type, crs_text)
    warnings = []
    if zoning is not None:
        zoning, warnings = sanitize_fiches(zoning)
    data = load_app_data()
    children = report_block(report_view(report, zoning, warnings, data.units))
    if zoning is None:
        return children, [], None, True
    current = catalog.load_zonings(data.region).get(zoning.type.key)
    if current is not None:
        names = dict(zip(data.units["code"], data.units["nom"], strict=True))
        children.append(html.P(TEXTS["against_current"], className="fw-semibold"))
        children.append(html.Ul([html.Li(line)
                                 for line in compare_lines(current, zoning, names)]))
    pending = {"sha256": upload.sha256, "name": upload.name, "type": zoning.type.key}
    preview = page.preview(page.IMPORT_PREVIEW, _preview(data, zoning))
    return children, preview, pending, False


@callback(
    Output(page.IMPORT_RESULT, "children"), Output(page.UPLOAD, "contents"),
    Input(page.IMPORT_CONFIRM, "n_clicks"),
    State(page.UPLOAD, "contents"), State(page.UPLOAD, "filename"),
    State(page.IMPORT_TYPE, "value"), State(page.IMPORT_CRS, "value"),
    State(page.IMPORT_NOTE, "value"), State(page.IMPORT_SOURCE, "value"),
    State(page.IMPORT_PENDING, "data"),
    prevent_initial_call=True,
)
def confirm_import(_clicks, contents, filename, zoning_type, crs_text, note, source, pending):
    """Check the file again and store it as a new version of its zoning."""
    editor = auth.require_editor()
    upload, zoning, _report_ = _receive(contents, filename, zoning_type, crs_text)
    if zoning is None or upload is None:
        return _alert(TEXTS["not_usable"], "danger"), no_update
    if not pending or pending.get("sha256") != upload.sha256 \
            or pending.get("type") != zoning.type.key:
        return _alert(TEXTS["changed_since_preview"], "warning"), no_update
    zoning, _ = sanitize_fiches(zoning)
    zoning = replace(zoning, illustrative=False, source=clip_source(source) or zoning.source)
    region = _region()
    try:
        info = _store().add_version(region, zoning.type.key, zoning, Provenance(
            editor, VersionKind.IMPORT, upload.name, upload.sha256, clip_note(note)))
    except StoreError as error:
        return _alert(TEXTS["import_refused"].format(reason=error), "danger"), no_update
    catalog.zonings_changed(region)
    return _alert(TEXTS["imported"].format(
        number=info.number, label=zoning.type.label,
        territories=plural(info.territories, "territoire")), "success"), None


# -- versions, comparison, rollback ----------------------------------------------------

@callback(
    Output(page.VERSIONS_ZONING, "options"), Output(page.VERSIONS_ZONING, "value"),
    Output(page.FICHE_ZONING, "options"), Output(page.EMPTY_ZONING, "options"),
    Input(ids.DATA_VIEW, "data"), Input(page.IMPORT_RESULT, "children"),
    Input(page.EMPTY_RESULT, "children"),
    State(page.VERSIONS_ZONING, "value"), prevent_initial_call=True,
)
def zoning_menus(_view, _imported, _emptied, selected):
    """List the stored zonings in the versions, fiche and emptying menus.

    The versions menu lists the shared lists of places and indicator layers too, for
    their history.
    """
    region = _region()
    options = [{"label": zoning.type.label, "value": key}
               for key, zoning in catalog.load_zonings(region).items()]
    versioned = options + [{"label": PLACE_MENU_LABEL.format(label=layer.label), "value": key}
                           for key, layer in catalog.load_place_layers(region).items()] + [
        {"label": INDICATOR_MENU_LABEL.format(label=layer.label), "value": key}
        for key, layer in catalog.load_indicator_layers(region).items()]
    values = [option["value"] for option in versioned]
    return (versioned, selected if selected in values else (values[0] if values else None),
            options, options)


@callback(
    Output(page.VERSIONS_TABLE, "children"),
    Output(page.COMPARE_A, "options"), Output(page.COMPARE_B, "options"),
    Output(page.COMPARE_A, "value"), Output(page.COMPARE_B, "value"),
    Output(page.ROLLBACK_VERSION, "options"),
    Input(page.VERSIONS_ZONING, "value"), Input(page.IMPORT_RESULT, "children"),
    Input(page.FICHE_RESULT, "children"), Input(page.ROLLBACK_RESULT, "children"),
    Input(page.EMPTY_RESULT, "children"),
    Input(drafts.DRAFT_PROMOTE_RESULT, "children"), prevent_initial_call=True,
)
def show_versions(key, *_results):
    """Show the history of one zoning, newest first, and fill the version menus."""
    if not key:
        return html.P(TEXTS["no_version"]), [], [], None, None, []
    infos = _store().versions(_region(), key)
    named = auth.current_editor() is not None
    options = [{"label": version_label(info, with_editor=named), "value": info.id}
               for info in infos]
    # Nothing preselected: a comparison loads two versions, only when asked for.
    columns = version_columns(with_editor=named, layer=layer_type(key))
    return (page.table(columns, version_rows(infos)), options, options, None, None, options[1:])


@callback(
    Output(page.COMPARE_RESULT, "children"),
    Input(page.COMPARE_A, "value"), Input(page.COMPARE_B, "value"),
    prevent_initial_call=True,
)
def compare(first, second):
    """Say what changed from one version to the other (territories, communes moved)."""
    first, second = parse_version_id(first), parse_version_id(second)
    if not first or not second:
        return []
    store = _store()
    data = load_app_data()
    names = dict(zip(data.units["code"], data.units["nom"], strict=True))
    try:
        kind = store.version(first).zoning_type
        if kind == PLACE_LAYERS.zoning_type:
            lines = compare_place_lines(store.load_place_layer(first),
                                        store.load_place_layer(second))
        elif kind == INDICATOR_LAYERS.zoning_type:
            lines = compare_indicator_lines(store.load_indicator_layer(first),
                                            store.load_indicator_layer(second))
        else:
            lines = compare_lines(store.load(first), store.load(second), names)
    except StoreError as error:
        return _alert(str(error), "danger")
    return html.Ul([html.Li(line) for line in lines])


@callback(Output(page.ROLLBACK_CONFIRM, "displayed"), Input(page.ROLLBACK_BUTTON, "n_clicks"),
          State(page.ROLLBACK_VERSION, "value"), prevent_initial_call=True)
def ask_rollback(_clicks, version_id):
    """Ask for confirmation before restoring."""
    return bool(version_id)


@callback(
    Output(page.ROLLBACK_RESULT, "children"),
    Input(page.ROLLBACK_CONFIRM, "submit_n_clicks"),
    State(page.ROLLBACK_VERSION, "value"), State(page.ROLLBACK_NOTE, "value"),
    prevent_initial_call=True,
)
def rollback(_confirmed, version_id, note):
    """Store a new version equal to the chosen one."""
    editor = auth.require_editor()
    version_id = parse_version_id(version_id)
    if not version_id:
        return _alert(TEXTS["choose_version"], "warning")
    store = _store()
    try:
        old = store.version(version_id)
        if old.region != _region():
            raise StoreError(TEXTS["choose_version"])
        info = store.rollback(old.id, editor=editor, note=clip_note(note))
    except StoreError as error:
        return _alert(str(error), "danger")
    catalog.zonings_changed(old.region)
    return _alert(TEXTS["rolled_back"].format(old=old.number, number=info.number), "success")


@callback(Output(page.EMPTY_CONFIRM, "displayed"), Input(page.EMPTY_BUTTON, "n_clicks"),
          State(page.EMPTY_ZONING, "value"), prevent_initial_call=True)
def ask_empty(_clicks, key):
    """Ask for confirmation before emptying a zoning."""
    return bool(key)


@callback(
    Output(page.EMPTY_RESULT, "children"),
    Input(page.EMPTY_CONFIRM, "submit_n_clicks"),
    State(page.EMPTY_ZONING, "value"), State(page.EMPTY_NOTE, "value"),
    prevent_initial_call=True,
)
def empty_zoning(_confirmed, key, note):
    """Store a version of the zoning without any territory: the editor chose to empty it."""
    editor = auth.require_editor()
    region = _region()
    current = _store().latest(region).get(key) if key else None
    if current is None:
        return _alert(TEXTS["choose_zoning"], "warning")
    zoning = emptied(_store().load(current.id))
    info = _store().add_version(region, key, zoning, Provenance(
        editor, VersionKind.EMPTIED, note=clip_note(note), based_on=current.id))
    catalog.zonings_changed(region)
    return _alert(TEXTS["emptied"].format(label=zoning.type.label, number=info.number),
                  "success")


# -- fiches -----------------------------------------------------------------------------

@callback(Output(page.FICHE_TERRITORY, "options"), Output(page.FICHE_TERRITORY, "value"),
          Input(page.FICHE_ZONING, "value"), Input(page.FICHE_RESULT, "children"),
          State(page.FICHE_TERRITORY, "value"), prevent_initial_call=True)
def territory_menu(key, _saved, selected):
    """Territories of the chosen zoning, by name."""
    zoning = catalog.load_zonings(_region()).get(key) if key else None
    if zoning is None:
        return [], None
    options = [{"label": fiche.nom, "value": tid} for tid, fiche in zoning.fiches.items()]
    return options, selected if selected in zoning.fiches else None


@callback(
    Output({"type": page.FICHE_FIELD, "field": ALL}, "value"), Output(page.FICHE_BASE, "data"),
    Input(page.FICHE_TERRITORY, "value"), State(page.FICHE_ZONING, "value"),
    State({"type": page.FICHE_FIELD, "field": ALL}, "id"),
    prevent_initial_call=True,
)
def load_fiche(territory_id, key, field_ids):
    """Fill the form with the fiche of the latest version, and remember that version."""
    region = _region()
    latest = _store().latest(region).get(key) if key else None
    if latest is None or not territory_id:
        raise PreventUpdate
    zoning = _store().load(latest.id)
    if territory_id not in zoning.fiches:
        raise PreventUpdate
    values = fiche_form_values(zoning.fiches[territory_id])
    return [values[field_id["field"]] for field_id in field_ids], latest.id


@callback(
    Output(page.FICHE_RESULT, "children"),
    Input(page.FICHE_SAVE, "n_clicks"),
    State(page.FICHE_ZONING, "value"), State(page.FICHE_TERRITORY, "value"),
    State({"type": page.FICHE_FIELD, "field": ALL}, "value"),
    State({"type": page.FICHE_FIELD, "field": ALL}, "id"),
    State(page.FICHE_BASE, "data"), State(page.FICHE_NOTE, "value"),
    prevent_initial_call=True,
)
def save_fiche(_clicks, key, territory_id, values, field_ids, base_version, note):
    """Store the edited fiche as a new version, unless someone saved another one meanwhile."""
    editor = auth.require_editor()
    base_version = parse_version_id(base_version)
    if not key or not territory_id or not base_version:
        return _alert(TEXTS["fiche_choose"], "warning")
    typed = {field_id["field"]: value for field_id, value in zip(field_ids, values, strict=True)
             if field_id["field"] in EDITABLE_FIELDS}
    store = _store()
    try:
        old = store.load(base_version).fiches[territory_id]
    except (StoreError, KeyError):
        return _alert(TEXTS["fiche_choose"], "warning")
    fiche, errors = fiche_from_form(old, typed, local_today())
    if fiche is None:
        return [_alert(error, "danger") for error in errors]
    if fiche == old:
        return _alert(TEXTS["fiche_unchanged"], "info")
    region = _region()
    try:
        info = store.update_fiche(region, key, territory_id, fiche, editor=editor,
                                  base_version=base_version, note=clip_note(note))
    except StoreError as error:
        return _alert(str(error), "danger")
    catalog.zonings_changed(region)
    label = catalog.load_zonings(region)[key].type.label
    return _alert(TEXTS["fiche_saved"].format(name=fiche.nom, number=info.number, label=label),
                  "success")


# -- à la date du -----------------------------------------------------------------------

@callback(
    Output(page.ASOF_TABLE, "children"), Output(page.ASOF_PREVIEW_FRAME, "children"),
    Input(page.ASOF_DATE, "value"), Input(page.VERSIONS_ZONING, "value"),
    prevent_initial_call=True,
)
def show_as_of(day_text, key):
    """Each zoning as it was on the chosen date, and a map of the selected one."""
    day = parse_day(day_text)
    if day is None:
        typed = (day_text or "").strip()
        return ([html.P(strings.DAY_INVALID.format(text=typed), className="cc-error",
                        role="alert")] if typed else []), []
    rows = zonings_on(_store(), _region(), day)
    if not rows:
        return html.P(TEXTS["asof_none"]), []
    chosen = next((row for row in rows if row.key == key), None)
    if chosen is None or not chosen.zoning.covered_codes():
        return page.table(ASOF_COLUMNS, as_of_table(rows)), []
    figure = _preview(load_app_data(), chosen.zoning)
    return page.table(ASOF_COLUMNS, as_of_table(rows)), page.preview(page.ASOF_PREVIEW, figure)
