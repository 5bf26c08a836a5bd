"""A visitor's imported indicators made a layer every visitor sees, as an editor declares it.

An editor who imported a table of indicators on the map page (« Vos indicateurs ») may
save it for everyone. The import names its columns « Vos observations : … » and cites
the file; the shared layer carries what the editor declares instead: the layer's name,
the producer of the data (« ORS Île-de-France ») and the date the data describe. Its
indicators get codes of their own (``p-<layer>--<column>``), which a copied link can
carry: every session has them. The store keeps it as a version
(:mod:`geodata.store.indicator_layers`) with the same record and content hash as a
session's import (:mod:`geodata.observations.session_indicators`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from geodata.clock import parse_day
from geodata.observations.indicator_texts import CODE_PREFIX, SHARED_TEXTS
from geodata.observations.indicators import Indicator
from geodata.observations.user_indicators import UserIndicators
from geodata.zonings.text import slugify

#: Prefix of the codes of shared indicators: never a built-in nor a session's one.
SHARED_CODE_PREFIX = "p-"
#: Separator of the layer's slug and the column's in a shared indicator's code.
CODE_SEPARATOR = "--"
#: Longest layer name and producer kept.
MAX_LABEL_CHARS = 80
MAX_PRODUCER_CHARS = 120


class SharingError(ValueError):
    """The editor's declaration is incomplete; the message is for users (French)."""


def layer_slug(label: str) -> str:
    """Key part of a layer named ``label``: ``Patients suivis`` → ``patients-suivis``."""
    return slugify(label)[:40].strip("-")


def is_shared_indicator(code: str | None) -> bool:
    """Tell a shared layer's indicator from a built-in or a session's one by its code."""
    return bool(code) and code.startswith(SHARED_CODE_PREFIX)


def share_indicators(imported: UserIndicators, label: str, producer: str,
                     day: dt.date) -> UserIndicators:
    """Rename an import's indicators as the shared layer ``label`` of ``producer`` at ``day``.

    Raises
    ------
    SharingError
        When the name or the producer is empty (after trimming): a shared layer always
        says what it is and who made it.
    """
    label = " ".join(label.split())[:MAX_LABEL_CHARS]
    producer = " ".join(producer.split())[:MAX_PRODUCER_CHARS]
    slug = layer_slug(label)
    if not slug:
        raise SharingError(SHARED_TEXTS["no_label"])
    if not producer:
        raise SharingError(SHARED_TEXTS["no_producer"])
    source = SHARED_TEXTS["source"].format(producer=producer, day=day.strftime("%d/%m/%Y"))
    renamed = {indicator.code: _shared(indicator, slug, label, source, day)
               for indicator in imported.indicators}
    codes = {old: new.code for old, new in renamed.items()}
    return dataclasses.replace(
        imported, indicators=tuple(renamed.values()), label=label,
        units=imported.units.rename(columns=codes),
        iris=None if imported.iris is None else imported.iris.rename(columns=codes))


def declared_layer(imported: UserIndicators, label: str | None, producer: str | None,
                   day_text: str | None, today: dt.date) -> UserIndicators:
    """Read an editor's declaration (name, producer, date typed) and make the shared layer.

    The web page and ``python -m geodata observations --enregistrer`` both go through it.

    Raises
    ------
    SharingError
        When the date is unreadable or to come, or the name or producer is empty.
    """
    day = parse_day(day_text)
    if day is None:
        raise SharingError(SHARED_TEXTS["no_day"])
    if day > today:
        raise SharingError(SHARED_TEXTS["future_day"].format(day=day.strftime("%d/%m/%Y")))
    return share_indicators(imported, label or "", producer or "", day)


def _shared(indicator: Indicator, slug: str, label: str, source: str,
            day: dt.date) -> Indicator:
    column = indicator.code.removeprefix(CODE_PREFIX)
    name = indicator.label.partition(" : ")[2] or indicator.label
    note = SHARED_TEXTS["note_count" if indicator.kind == "count" else "note_rate"].format(
        iris=SHARED_TEXTS["note_iris"] if indicator.iris_source else "")
    return dataclasses.replace(
        indicator, code=f"{SHARED_CODE_PREFIX}{slug}{CODE_SEPARATOR}{column}",
        label=SHARED_TEXTS["label"].format(layer=label, column=name),
        short_label=SHARED_TEXTS["short_label"].format(column=name, layer=label),
        source=source, vintage=day.isoformat(), notes=(note,),
        iris_source=source if indicator.iris_source else None,
        missing_label=SHARED_TEXTS["missing"])


def layer_counts(layer: UserIndicators) -> tuple[int, int]:
    """Count a layer's indicators and its units with a value (its versions' counts)."""
    return len(layer.indicators), int(layer.units.notna().any(axis=1).sum())
