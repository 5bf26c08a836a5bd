"""What the « Données » page says about drafts of zonings (« projets de découpage »).

Drafts are saved from the harmonisation page (:mod:`geodata.store.drafts`). The
« Données » page lists them, compares one with the version in service (the same French
sentences as two versions compared), opens it again in the harmonisation page, and lets
an editor promote it to the version in service. Pure functions; nothing here imports
Dash.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import pandas as pd

from dashboard.editing.zoning_admin import compare_lines, format_when
from dashboard.formatting import format_value
from geodata.harmonisation import decode_moves, move_populations
from geodata.store import DraftInfo
from geodata.zonings import Zoning

#: Path of the harmonisation page (its query: see ``dashboard.views.state``).
HARMONISATION_PATH = "/harmonisation"
#: The goal under which the edited zoning is the one adjusted (``geodata.harmonisation``).
ZONING_GOAL = "zonage"

DRAFT_TEXTS = {
    "title": "Projets de découpage",
    "help": ("Scénarios enregistrés depuis la page « Harmonisation ». Un projet ne change "
             "pas le découpage en vigueur ; sa promotion crée une nouvelle version, qu'une "
             "restauration peut annuler."),
    "choose": "Projet",
    "none": "Aucun projet enregistré.",
    "open": "Ouvrir dans « Harmonisation »",
    "moved": "Population déplacée : {population} ({moves} déplacements).",
    "against_current": "Par rapport à la version en service :",
    "stale": ("Établi sur la version n° {base} ; la version en service est la n° {latest} : "
              "il ne peut plus être promu tel quel."),
    "promote_title": "Promouvoir en version officielle",
    "promote_help": ("Le projet devient la version en service du découpage pour tous les "
                     "utilisateurs ; l'historique le garde, et la version précédente peut "
                     "être restaurée."),
    "promote_note": "Motif (ex. validé en CTS du …)",
    "promote": "Promouvoir ce projet",
    "promote_confirm": ("Promouvoir le projet choisi ? Il deviendra la version en service "
                        "du découpage pour tous les utilisateurs."),
    "promoted": "Projet « {name} » promu : version n° {number} du découpage {label}.",
    "choose_draft": "Choisissez un projet.",
}
DRAFT_COLUMNS = {
    "number": "N°", "name": "Nom", "zoning": "Découpage", "reference": "Référence",
    "moves": "Déplacements", "base": "Version de base", "editor": "Éditeur", "date": "Date",
    "note": "Note",
}


def draft_label(info: DraftInfo, labels: Mapping[str, str]) -> str:
    """One line naming a draft in menus."""
    return (f"n° {info.id} — {info.name} — {labels.get(info.zoning_key, info.zoning_key)} — "
            f"{format_when(info.created_at)} — {info.editor}")


def draft_rows(infos: list[DraftInfo], labels: Mapping[str, str],
               numbers: Mapping[int, int]) -> list[dict[str, str]]:
    """Rows of the drafts table, newest first (``numbers``: version id → number)."""
    return [{
        "number": str(info.id),
        "name": info.name,
        "zoning": labels.get(info.zoning_key, info.zoning_key),
        "reference": labels.get(info.reference_key, info.reference_key),
        "moves": str(len(info.moves.split(","))),
        "base": f"n° {numbers.get(info.base_version, '?')}",
        "editor": info.editor,
        "date": format_when(info.created_at),
        "note": info.note,
    } for info in infos]


def harmonisation_link(info: DraftInfo) -> str:
    """Address of the harmonisation page showing the draft (its moves, its pair, its goal)."""
    adjusted_is_zoning = info.goal in ("", ZONING_GOAL)
    zoning, reference = ((info.zoning_key, info.reference_key) if adjusted_is_zoning
                         else (info.reference_key, info.zoning_key))
    query = {"hz": zoning, "hr": reference, "hm": info.moves, "projet": str(info.id)}
    if not adjusted_is_zoning:
        query["hobj"] = info.goal
    return f"{HARMONISATION_PATH}?{urlencode(query, safe=',:')}"


def draft_comparison(info: DraftInfo, base: Zoning, drafted: Zoning, current: Zoning,
                     units: pd.DataFrame) -> list[str]:
    """Describe a draft against the version in service: people moved, then what changes."""
    moves = decode_moves(info.moves, base)
    population = sum(move_populations(base, moves, units).values())
    names = dict(zip(units["code"], units["nom"], strict=True))
    lines = [DRAFT_TEXTS["moved"].format(population=format_value(population, "habitants", 0),
                                         moves=len(moves)),
             DRAFT_TEXTS["against_current"]]
    return lines + compare_lines(current, drafted, names)
