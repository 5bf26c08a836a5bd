"""The map page's panels callback, called directly as Dash calls it."""

from __future__ import annotations

from contextvars import copy_context

from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from dashboard import ids
from dashboard.callbacks.panels import show_panels
from dashboard.views.routing import ALL_FIELDS, page_view
from dashboard.views.state import ViewState

OPTIONS = (None, None, "a4-paysage", "150", [])


def run(triggers: list[str], view: dict, *, table_hidden: bool = True):
    """Call the callback after the given ``id.prop`` changed together."""
    inputs = [{"prop_id": prop_id, "value": None} for prop_id in triggers]

    def call():
        context_value.set(AttributeDict(triggered_inputs=inputs))
        return show_panels(view, 1, None, None, *OPTIONS, table_hidden, view["search"])
    return copy_context().run(call)


def test_view_and_option_in_one_wave_draw_the_legend() -> None:
    """At page load the resolutions offered change with the first view: draw it anyway."""
    view = page_view(ViewState(departements=("93",)), ALL_FIELDS)
    legend, status, table, *_, links = run([f"{ids.EXPORT_DPI}.value", f"{ids.MAP_VIEW}.data"],
                                           view)
    assert legend is not no_update and links
    assert status.startswith("Carte : ") and table is no_update  # the table is hidden


def test_an_option_alone_redraws_only_the_links() -> None:
    view = page_view(ViewState(departements=("93",)), ALL_FIELDS)
    *panels, links = run([f"{ids.EXPORT_TITLE}.value"], view)
    assert all(panel is no_update for panel in panels) and links


def test_the_table_of_the_map_is_drawn_when_it_opens_only() -> None:
    view = page_view(ViewState(departements=("93",)), ALL_FIELDS)
    legend, status, table, *others = run([f"{ids.MAP_TABLE_OPENED}.data"], view, table_hidden=False)
    assert legend is status is no_update and all(other is no_update for other in others)
    assert "Seine-Saint-Denis" in table.children[0].children  # the caption
    closed = run([f"{ids.MAP_TABLE_OPENED}.data"], view, table_hidden=True)
    assert all(output is no_update for output in closed)


def test_an_open_table_follows_the_map_but_not_a_click_elsewhere() -> None:
    state = ViewState(departements=("93",), indicator="MED21")
    changed = run([f"{ids.MAP_VIEW}.data"], page_view(state, ("indicator",)), table_hidden=False)
    assert changed[2] is not no_update and changed[1] is not no_update
    commune = run([f"{ids.MAP_VIEW}.data"], page_view(state, ("commune",)), table_hidden=False)
    assert commune[0] is commune[1] is commune[2] is no_update


def test_the_mesh_offered_follows_the_departements_not_a_commune() -> None:
    state = ViewState(departements=("93",))
    options, hint = run([f"{ids.MAP_VIEW}.data"], page_view(state, ("departements",)))[-3:-1]
    assert [option["disabled"] for option in options] == [False, False] and hint == ""
    region = run([f"{ids.MAP_VIEW}.data"], page_view(ViewState(), ("departements",)))
    assert region[-3][1]["disabled"] and region[-2]
    commune = run([f"{ids.MAP_VIEW}.data"], page_view(state, ("commune",)))
    assert commune[-3] is commune[-2] is no_update
