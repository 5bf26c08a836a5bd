"""What the "Données" page says and computes: pure functions over the store and zonings.

The callbacks of :mod:`dashboard.callbacks.data_page` only parse their inputs and call
these; every French text of the page is here. Nothing here imports Dash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd
from werkzeug.exceptions import BadRequest

from dashboard.formatting import plural
from geodata.clock import local_zone
from geodata.store import (
    VersionInfo,
    VersionKind,
    ZoningStore,
    as_of,
    describe_diff,
    diff_zonings,
    end_of_day,
)
from geodata.store.layer_kinds import INDICATOR_LAYERS, PLACE_LAYERS
from geodata.zonings import FICHE_LABELS, Fiche, Severity, Statut, ValidationReport, Zoning
from geodata.zonings.report import PLANNER_INFOS, Issue, IssueLog, partial_summary
from geodata.zonings.territories import parse_value

#: Fiche fields an editor can change in the page, in display order.
EDITABLE_FIELDS = ("nom", "porteur", "statut", "date_creation", "president", "coordination",
                   "adresse", "telephone", "courriel", "site", "perimetre", "missions",
                   "public_cible", "modalites_mobilisation", "mode_action",
                   "criteres_inclusion", "source")
#: Fields typed on several lines.
LONG_FIELDS = frozenset({"perimetre", "missions", "public_cible", "modalites_mobilisation",
                         "mode_action", "criteres_inclusion"})
#: Longest value kept in a fiche field.
MAX_FIELD_CHARS = {"nom": 200, "missions": 4000, "public_cible": 2000,
                   "modalites_mobilisation": 2000, "perimetre": 2000, "mode_action": 2000,
                   "criteres_inclusion": 2000}
DEFAULT_MAX_FIELD_CHARS = 500
#: « Autres informations » kept per fiche, and the longest label and value of each.
MAX_OTHERS = 40
MAX_OTHER_LABEL_CHARS = 120
MAX_OTHER_VALUE_CHARS = 2000
#: Longest source of the perimeters (shown under every map of them).
MAX_SOURCE_CHARS = 300
#: Issues of each severity listed in the page before "… et N autres".
MAX_ISSUES_SHOWN = 50
SAFE_SCHEMES = ("http://", "https://")

TEXTS = {
    "title": "Données : périmètres officiels",
    "intro": ("Consultez l'historique des découpages, comparez deux versions ou affichez "
              "l'état à une date. L'import, la modification des fiches et la restauration "
              "d'une version sont réservés aux éditeurs connectés."),
    "account_title": "Accès éditeur",
    "username": "Identifiant",
    "password": "Mot de passe",
    "login": "Se connecter",
    "logout": "Se déconnecter",
    "logged_in": "Connecté en tant que {name}.",
    "anonymous": "Consultation libre. Connectez-vous pour importer ou modifier des données.",
    "import_title": "Importer un découpage",
    "import_help": ("Tableau de composition (CSV ou Excel : une ligne par territoire et "
                    "commune) ou contours (GeoJSON, GeoPackage, Shapefile zippé, tout "
                    "système de coordonnées). Rien n'est enregistré avant confirmation."),
    "import_type": "Type de découpage",
    "import_crs": "Système de coordonnées (si le fichier ne l'indique pas)",
    "import_crs_placeholder": "ex. EPSG:2154",
    "upload": "Déposez un fichier ici ou cliquez pour le choisir",
    "upload_limit": "Taille maximale : {limit}.",
    "import_note": "Note (origine, date de la liste, remarques)",
    "import_source": "Source affichée avec les cartes",
    "import_source_placeholder": ("ex. Agence régionale de santé, liste des CPTS du "
                                  "1er octobre 2026"),
    "confirm": "Confirmer l'import",
    "preview_title": "Aperçu",
    "report_usable": "Fichier « {name} » : découpage {label} utilisable ({territories}, "
                     "{communes}{partial}).",
    "report_partial": " dont {count}",
    "summary_title": "À vérifier avant de confirmer",
    "report_unusable": "Fichier « {name} » : découpage inutilisable. Corrigez les erreurs "
                       "ci-dessous puis déposez de nouveau le fichier.",
    "report_more": "… et {count} autres.",
    "against_current": "Par rapport à la version en service :",
    "imported": "Version n° {number} du découpage {label} enregistrée ({territories}).",
    "changed_since_preview": ("Le fichier ou le type a changé depuis l'aperçu : vérifiez "
                              "l'aperçu puis confirmez de nouveau."),
    "not_usable": "Ce fichier n'est pas utilisable : rien n'a été enregistré.",
    "sanitized_site": ("Site internet de « {name} » ignoré : seules les adresses en http:// "
                       "ou https:// sont gardées."),
    "truncated": "{label} de « {name} » tronqué à {limit} caractères.",
    "too_many_others": ("« {name} » : {count} colonnes « Autres informations » ; les {limit} "
                        "premières sont gardées."),
    "import_refused": "Import refusé : {reason}",
    "fiche_title": "Modifier une fiche",
    "fiche_zoning": "Découpage",
    "fiche_territory": "Territoire",
    "fiche_note": "Note de modification",
    "fiche_save": "Enregistrer la fiche",
    "fiche_saved": "Fiche « {name} » enregistrée : version n° {number} du découpage {label}.",
    "fiche_unchanged": "Aucune modification à enregistrer.",
    "fiche_name_missing": "Le nom du territoire est obligatoire.",
    "fiche_bad_site": "Site internet : une adresse commençant par http:// ou https:// est "
                      "attendue.",
    "fiche_too_long": "{label} : {limit} caractères au plus.",
    "fiche_choose": "Choisissez un découpage et un territoire.",
    "statut_none": "Non renseigné",
    "versions_title": "Versions",
    "versions_zoning": "Découpage",
    "compare_title": "Comparer deux versions",
    "compare_a": "Version de référence",
    "compare_b": "Version comparée",
    "rollback_title": "Restaurer une version",
    "rollback_help": ("La restauration crée une nouvelle version identique à celle choisie ; "
                      "l'historique est conservé."),
    "rollback_version": "Version à restaurer",
    "rollback_note": "Motif de la restauration",
    "rollback": "Restaurer cette version",
    "rollback_confirm": ("Restaurer la version choisie ? Elle deviendra la version en service "
                         "pour tous les utilisateurs."),
    "rolled_back": "Version n° {old} restaurée : elle est devenue la version n° {number}.",
    "choose_version": "Choisissez une version.",
    "bad_version": "Numéro de version invalide.",
    "asof_title": "À la date du",
    "asof_help": ("Le découpage tel qu'il était enregistré à cette date, limité aux "
                  "structures créées à cette date (les structures sans date de création "
                  "sont gardées)."),
    "asof_date": "Date",
    "asof_none": "Aucune version enregistrée à cette date.",
    "no_version": "Aucune version.",
    "empty_title": "Vider un découpage",
    "empty_help": ("Retire tous les territoires du découpage choisi : la couche disparaît de la "
                   "carte pour tous les utilisateurs. Une nouvelle version est créée ; "
                   "l'historique permet de restaurer la précédente."),
    "empty_zoning": "Découpage à vider",
    "empty_note": "Motif",
    "empty_button": "Vider ce découpage",
    "empty_confirm": ("Vider ce découpage ? Tous ses territoires disparaîtront de la carte "
                      "pour tous les utilisateurs (la version précédente reste restaurable)."),
    "emptied": "Découpage {label} vidé : version n° {number} (aucun territoire).",
    "choose_zoning": "Choisissez un découpage.",
    "illustrative": "illustratif",
    "official": "officiel",
}
KIND_LABELS = {
    VersionKind.SEED: "jeu de démonstration",
    VersionKind.IMPORT: "import",
    VersionKind.FICHE: "fiche modifiée",
    VersionKind.ROLLBACK: "restauration",
    VersionKind.EMPTIED: "découpage vidé",
    VersionKind.PROJECT: "projet promu",
}
VERSION_COLUMNS = {
    "number": "N°", "date": "Date", "editor": "Éditeur", "kind": "Origine",
    "file": "Fichier", "note": "Note", "territories": "Territoires", "communes": "Communes",
    "partial": "dont partagées", "status": "Statut", "fingerprint": "Empreinte",
}
#: The same columns for a shared list of places (categories and places) and a shared
#: indicator layer (indicators and communes with a value).
LAYER_COLUMN_LABELS = {
    PLACE_LAYERS.zoning_type: {"territories": "Catégories", "communes": "Lieux"},
    INDICATOR_LAYERS.zoning_type: {"territories": "Indicateurs",
                                   "communes": "Communes renseignées"},
}
ASOF_COLUMNS = {
    "label": "Découpage", "version": "Version en service", "territories": "Structures "
    "existantes", "communes": "Communes couvertes", "partial": "dont partagées",
    "status": "Statut",
}
SEVERITY_LABELS = {Severity.ERROR: "Erreurs", Severity.WARNING: "Avertissements",
                   Severity.INFO: "Informations"}


def format_when(when: dt.datetime) -> str:
    """``23/11/2026 14:05``, in French time."""
    return when.astimezone(local_zone()).strftime("%d/%m/%Y %H:%M")


def kind_label(info: VersionInfo, numbers: Mapping[int, int] | None = None) -> str:
    """How a version came to be, in French (``restauration de la n° 2``)."""
    label = KIND_LABELS[info.kind]
    restored = (numbers or {}).get(info.based_on) if info.based_on is not None else None
    if info.kind is VersionKind.ROLLBACK and restored is not None:
        return f"{label} de la n° {restored}"
    return label


def parse_version_id(value: object) -> int | None:
    """Read a version id sent by the browser (None when none is chosen).

    Raises
    ------
    werkzeug.exceptions.BadRequest
        For anything but a whole number: the request is malformed (HTTP 400), which is
        no error of the server's and leaves no traceback in the log.
    """
    if value is None or value == "":
        return None
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(
        value, bool) else ""
    if not text.isdigit() or len(text) > 18:
        raise BadRequest(TEXTS["bad_version"])
    return int(text)


def version_label(info: VersionInfo, *, with_editor: bool = False) -> str:
    """One line naming a version in menus; the editor's login only for editors."""
    editor = f" — {info.editor}" if with_editor else ""
    return (f"n° {info.number} — {format_when(info.created_at)}{editor} "
            f"({KIND_LABELS[info.kind]})")


def version_columns(*, with_editor: bool = False, layer: str | None = None) -> dict[str, str]:
    """Columns of the versions table: editors' logins are shown to editors only.

    A login is half of a credential: visitors, who need no account, never see one. A
    shared layer (``layer``: its kind's ``zoning_type``) counts what it holds where a
    zoning counts territories and communes.
    """
    labels = VERSION_COLUMNS | LAYER_COLUMN_LABELS.get(layer or "", {})
    return {key: label for key, label in labels.items()
            if (with_editor or key != "editor") and not (layer and key == "partial")}


def version_rows(infos: list[VersionInfo]) -> list[dict[str, str]]:
    """Rows of the versions table, newest first, plain text (the page escapes it)."""
    numbers = {info.id: info.number for info in infos}
    return [{
        "number": str(info.number),
        "date": format_when(info.created_at),
        "editor": info.editor,
        "kind": kind_label(info, numbers),
        "file": info.file_name,
        "note": info.note,
        "territories": str(info.territories),
        # A list of places counts its places, not communes.
        "communes": str(info.members if info.zoning_type == PLACE_LAYERS.zoning_type
                        else info.units),
        "partial": str(info.partial_units),
        "status": TEXTS["illustrative"] if info.illustrative else TEXTS["official"],
        "fingerprint": info.sha256[:12] if info.sha256 else info.content_sha256[:12],
    } for info in infos]


def sanitize_fiches(zoning: Zoning) -> tuple[Zoning, list[str]]:
    """Drop what a hostile or careless file may hold and the page must not trust.

    Web sites that are not ``http(s)://`` addresses are removed (a ``javascript:``
    address would run in a visitor's browser when the fiche links to it) and overlong
    values are cut. Returns the zoning and a French warning per change.
    """
    warnings, fiches = [], {}
    for tid, fiche in zoning.fiches.items():
        changes: dict[str, object] = {}
        others = _clipped_others(fiche, warnings)
        if others != fiche.autres:
            changes["autres"] = others
        if fiche.site and not fiche.site.lower().startswith(SAFE_SCHEMES):
            changes["site"] = None
            warnings.append(TEXTS["sanitized_site"].format(name=fiche.nom[:80]))
        for name in EDITABLE_FIELDS:
            value = changes.get(name, getattr(fiche, name))
            limit = MAX_FIELD_CHARS.get(name, DEFAULT_MAX_FIELD_CHARS)
            if isinstance(value, str) and len(value) > limit:
                changes[name] = value[:limit]
                warnings.append(TEXTS["truncated"].format(label=FICHE_LABELS[name],
                                                          name=fiche.nom[:80], limit=limit))
        fiches[tid] = replace(fiche, **changes) if changes else fiche
    if not warnings:
        return zoning, []
    return replace(zoning, fiches=fiches), warnings


def _clipped_others(fiche: Fiche, warnings: list[str]) -> tuple[tuple[str, str], ...]:
    """Cut the fiche's « Autres informations » to what the page keeps."""
    others = fiche.autres
    if len(others) > MAX_OTHERS:
        warnings.append(TEXTS["too_many_others"].format(name=fiche.nom[:80], count=len(others),
                                                        limit=MAX_OTHERS))
        others = others[:MAX_OTHERS]
    clipped = tuple((label[:MAX_OTHER_LABEL_CHARS], value[:MAX_OTHER_VALUE_CHARS])
                    for label, value in others)
    if any(len(value) > MAX_OTHER_VALUE_CHARS for _, value in others):
        warnings.append(TEXTS["truncated"].format(label=FICHE_LABELS["autres"],
                                                  name=fiche.nom[:80],
                                                  limit=MAX_OTHER_VALUE_CHARS))
    return clipped


@dataclass(frozen=True)
class ReportView:
    """A validation report laid out for the page.

    A headline, what a planner checks before confirming (``summary``: communes counted in
    part, uncovered communes by population, former communes, columns kept aside), then
    the issues by severity.
    """

    ok: bool
    headline: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    summary: tuple[str, ...] = ()


def report_view(report: ValidationReport, zoning: Zoning | None,
                extra_warnings: list[str] | None = None,
                units: pd.DataFrame | None = None) -> ReportView:
    """Lay out the report of an upload as plain French text for the page.

    The counts are those the versions table and ``geodata summary`` give: territories,
    distinct communes, communes split between territories or covered in part.
    """
    summary: list[str] = []
    if zoning is not None and report.ok:
        partial = len(zoning.partial_codes())
        headline = TEXTS["report_usable"].format(
            name=report.source, label=zoning.type.label,
            territories=plural(len(zoning.fiches), "territoire"),
            communes=plural(len(zoning.covered_codes()), "commune"),
            partial=TEXTS["report_partial"].format(count=plural(
                partial, "commune partagée ou couverte en partie",
                "communes partagées ou couvertes en partie")) if partial else "")
        if units is not None and partial:
            summary.append(partial_summary(zoning, units, limit=MAX_ISSUES_SHOWN))
        summary += [issue.message for issue in report.infos if issue.code in PLANNER_INFOS]
    else:
        headline = TEXTS["report_unusable"].format(name=report.source)
    return ReportView(zoning is not None and report.ok, headline,
                      issue_sections(report.issues, extra_warnings), tuple(summary))


def issue_sections(issues: tuple[Issue, ...], extra_warnings: list[str] | None = None
                   ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Group a file's issues by severity, as the page lists them (at most 50 of each)."""
    sections = []
    for severity in Severity:
        lines = [issue.describe() for issue in issues if issue.severity is severity]
        if severity is Severity.WARNING:
            lines += list(extra_warnings or ())
        if not lines:
            continue
        shown = lines[:MAX_ISSUES_SHOWN]
        if len(lines) > MAX_ISSUES_SHOWN:
            shown.append(TEXTS["report_more"].format(count=len(lines) - MAX_ISSUES_SHOWN))
        sections.append((f"{SEVERITY_LABELS[severity]} ({len(lines)})", tuple(shown)))
    return tuple(sections)


def emptied(zoning: Zoning) -> Zoning:
    """Remove every territory: the version « Vider ce découpage » stores.

    Nothing is left to be made up or to come from a source: the flags are cleared.
    """
    return replace(zoning, fiches={}, members=(), shares={}, outlines={}, illustrative=False,
                   source="")


def compare_lines(old: Zoning, new: Zoning, commune_names: Mapping[str, str]) -> list[str]:
    """Describe the difference between two zonings in French sentences."""
    return describe_diff(diff_zonings(old, new), old, new, commune_names)


def fiche_form_values(fiche: Fiche) -> dict[str, str]:
    """Return the editable fields of a fiche as the form shows them (empty for none)."""
    values = {}
    for name in EDITABLE_FIELDS:
        value = getattr(fiche, name)
        values[name] = "" if value is None else str(value)
    return values


def fiche_from_form(old: Fiche, values: Mapping[str, str | None],
                    today: dt.date) -> tuple[Fiche | None, list[str]]:
    """Read the fiche an editor typed, normalised like an imported one (None and why if not).

    Values are read with the importers' own rules (dates, e-mail addresses, phone
    numbers, status words); anything they would only warn about is refused here, so that
    the editor can fix it at once. The update date becomes ``today``.
    """
    errors: list[str] = []
    log = IssueLog("")
    changes: dict[str, object] = {}
    for name in EDITABLE_FIELDS:
        raw = (values.get(name) or "").replace("\r\n", "\n")
        limit = MAX_FIELD_CHARS.get(name, DEFAULT_MAX_FIELD_CHARS)
        if len(raw) > limit:
            errors.append(TEXTS["fiche_too_long"].format(label=FICHE_LABELS[name], limit=limit))
            continue
        if not raw.strip():
            changes[name] = None
            continue
        changes[name] = parse_value(name, raw, log, log.at(column=FICHE_LABELS[name]))
    errors += [issue.describe() for issue in log.issues]
    if not changes.get("nom"):
        errors.append(TEXTS["fiche_name_missing"])
    site = changes.get("site")
    if isinstance(site, str) and not site.lower().startswith(SAFE_SCHEMES):
        errors.append(TEXTS["fiche_bad_site"])
    if errors:
        return None, errors
    fiche = replace(old, **changes)
    if fiche == old:
        return old, []
    return replace(fiche, date_mise_a_jour=today.isoformat()), []


def statut_options() -> list[dict[str, str]]:
    """Choices of the status menu."""
    return [{"label": TEXTS["statut_none"], "value": ""}] + [
        {"label": statut.value, "value": statut.value} for statut in Statut]


@dataclass(frozen=True)
class AsOfRow:
    """One zoning as it was on a date."""

    key: str
    label: str
    version: VersionInfo
    zoning: Zoning


def zonings_on(store: ZoningStore, region: str, day: dt.date) -> list[AsOfRow]:
    """Each zoning on ``day``: the version in force then, keeping the structures existing then.

    Examples
    --------
    >>> [row.version.number for row in zonings_on(store, "11", dt.date(2020, 1, 1))]
    ... # doctest: +SKIP
    [1, 1, 1, 1]
    """
    rows = []
    for key, info in store.latest(region, end_of_day(day)).items():
        zoning = as_of(store.load(info.id), day)
        rows.append(AsOfRow(key, zoning.type.label, info, zoning))
    return rows


def as_of_table(rows: list[AsOfRow]) -> list[dict[str, str]]:
    """Rows of the "à la date du" table."""
    return [{
        "label": row.label,
        "version": f"n° {row.version.number} du {format_when(row.version.created_at)}",
        "territories": str(len(row.zoning.fiches)),
        "communes": str(len(row.zoning.covered_codes())),
        "partial": str(len(row.zoning.partial_codes())),
        "status": TEXTS["illustrative"] if row.version.illustrative else TEXTS["official"],
    } for row in rows]


def clip_source(text: str | None) -> str:
    """Write the source on one line of at most :data:`MAX_SOURCE_CHARS` characters."""
    return " ".join((text or "").split())[:MAX_SOURCE_CHARS]
