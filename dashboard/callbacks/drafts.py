"""« Données » page: the drafts of zonings (« projets de découpage »), and their promotion.

Listing, comparing and opening a draft need no account. Promoting one is an editor
action: its output is protected (refused before any callback code runs) and the callback
starts with :func:`~dashboard.editing.auth.require_editor`; the store refuses a draft made
on a version that is no longer in service.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html

from dashboard import ids
from dashboard.editing import auth
from dashboard.editing.drafts import (
    DRAFT_COLUMNS,
    DRAFT_TEXTS,
    draft_comparison,
    draft_label,
    draft_rows,
    harmonisation_link,
)
from dashboard.layouts import data_page, drafts
from dashboard.views.data import load_app_data
from geodata import catalog
from geodata.config import current_region
from geodata.store import StoreError, clip_note

auth.protect(*drafts.PROTECTED)


def _labels() -> dict[str, str]:
    return {key: zoning.type.label for key, zoning in load_app_data().zonings.items()}


@callback(
    Output(drafts.DRAFTS_TABLE, "children"), Output(drafts.DRAFT_CHOICE, "options"),
    Output(drafts.DRAFT_PROMOTE_SECTION, "style"),
    Input(ids.DATA_VIEW, "data"), Input(drafts.DRAFT_PROMOTE_RESULT, "children"),
)
def list_drafts(_view, _promoted):
    """List the region's drafts, newest first; show the promotion to editors."""
    region = current_region()
    catalog.zonings_revision(region)  # seeds the store on first use
    store = catalog.zoning_store()
    infos = store.drafts(region)
    promote = None if auth.current_editor() else drafts.HIDDEN
    if not infos:
        return html.P(DRAFT_TEXTS["none"]), [], promote
    labels = _labels()
    numbers = {info.id: info.number for info in store.versions(region)}
    return (data_page.table(DRAFT_COLUMNS, draft_rows(infos, labels, numbers)),
            [{"label": draft_label(info, labels), "value": info.id} for info in infos],
            promote)


@callback(
    Output(drafts.DRAFT_COMPARE, "children"), Output(drafts.DRAFT_OPEN, "href"),
    Input(drafts.DRAFT_CHOICE, "value"), Input(drafts.DRAFT_PROMOTE_RESULT, "children"),
)
def compare_draft(draft_id, _promoted):
    """Say what the chosen draft changes against the version in service."""
    if not draft_id:
        return [], "/harmonisation"
    store = catalog.zoning_store()
    try:
        info, base, drafted = store.load_draft(int(draft_id))
    except (StoreError, ValueError) as error:
        return dbc.Alert(str(error), color="danger"), "/harmonisation"
    latest = store.latest(info.region).get(info.zoning_key)
    current = store.load(latest.id) if latest else base
    data = load_app_data()
    lines = draft_comparison(info, base, drafted, current, data.units)
    children = [html.Ul([html.Li(line) for line in lines])]
    if latest is None or latest.id != info.base_version:
        children.insert(0, dbc.Alert(DRAFT_TEXTS["stale"].format(
            base=store.version(info.base_version).number,
            latest=latest.number if latest else "?"), color="warning"))
    return children, harmonisation_link(info)


@callback(Output(drafts.DRAFT_PROMOTE_CONFIRM, "displayed"),
          Input(drafts.DRAFT_PROMOTE, "n_clicks"), State(drafts.DRAFT_CHOICE, "value"),
          prevent_initial_call=True)
def ask_promotion(_clicks, draft_id):
    """Ask for confirmation before promoting."""
    return bool(draft_id)


@callback(
    Output(drafts.DRAFT_PROMOTE_RESULT, "children"),
    Input(drafts.DRAFT_PROMOTE_CONFIRM, "submit_n_clicks"),
    State(drafts.DRAFT_CHOICE, "value"), State(drafts.DRAFT_PROMOTE_NOTE, "value"),
    prevent_initial_call=True,
)
def promote_draft(_confirmed, draft_id, note):
    """Store the chosen draft as the next version of its zoning."""
    editor = auth.require_editor()
    if not draft_id:
        return dbc.Alert(DRAFT_TEXTS["choose_draft"], color="warning")
    store = catalog.zoning_store()
    try:
        info = store.draft(int(draft_id))
        if info.region != current_region():
            raise StoreError(DRAFT_TEXTS["choose_draft"])
        version = store.promote_draft(info.id, editor=editor, note=clip_note(note))
    except (StoreError, ValueError) as error:
        return dbc.Alert(str(error), color="danger")
    catalog.zonings_changed(info.region)
    return dbc.Alert(DRAFT_TEXTS["promoted"].format(
        name=info.name, number=version.number,
        label=_labels().get(info.zoning_key, info.zoning_key)), color="success")
