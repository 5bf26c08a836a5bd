"""Shared indicator layers, versioned in the zoning store like the zonings and the places.

An editor may save a table of indicators imported on the map page for everyone
(:func:`geodata.observations.shared_indicators.share_indicators`). It is stored as a
*version* like a zoning or a shared list of places: one row of ``zoning_versions`` (type
:data:`INDICATOR_LAYER_TYPE`, key ``indicateurs:<slug>``, the same numbering, editor,
file, note and content hash) and its whole record in ``indicator_layers``, in one
transaction. History, rollback and « à la date du » therefore work the same way for all
three; :class:`IndicatorLayerRecords` adds the reads and writes to
:class:`geodata.store.base.SQLStore`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from geodata.observations.session_indicators import (
    canonical,
    indicators_from_record,
    indicators_record,
)
from geodata.observations.shared_indicators import layer_counts
from geodata.observations.user_indicators import UserIndicators
from geodata.store.errors import MESSAGES, StoreError
from geodata.store.layer_kinds import INDICATOR_LAYERS


def layer_hash(layer: UserIndicators) -> str:
    """SHA-256 of a layer's canonical record: the key a session would keep it under."""
    return hashlib.sha256(canonical(indicators_record(layer))).hexdigest()


class IndicatorLayerRecords:
    """Versions of the shared indicator layers; mixed into ``SQLStore``.

    Uses the store's ``_reading``, ``_writing``, ``_execute``, ``_insert_version``,
    ``_check_latest``, ``_latest`` and ``version``.
    """

    def add_indicator_layer(self, region: str, key: str, layer: UserIndicators,
                            provenance: Any, *, expected_latest: int | None = None) -> Any:
        """Store ``layer`` as the next version of the layer ``key`` (one transaction).

        Raises
        ------
        StoreError
            If the layer holds no value at all: it would show an empty map to everyone
            (what was stored before stays as it was).
        StoreConflict
            If ``expected_latest`` is given and is not the latest version of ``key``.
        """
        key = INDICATOR_LAYERS.key(key)
        indicators, units = layer_counts(layer)
        if not indicators or not units:
            raise StoreError(MESSAGES["empty_layer"].format(key=key))
        text = canonical(indicators_record(layer)).decode("utf-8")
        with self._writing(region) as cursor:
            if expected_latest is not None:
                self._check_latest(cursor, region, key, expected_latest)
            info = self._insert_version(
                cursor, region, key, INDICATOR_LAYERS.zoning_type, provenance,
                illustrative=False, source=layer.indicators[0].source,
                territories=indicators, members=units, units=units,
                content_sha256=layer_hash(layer))
            self._execute(cursor, "INSERT INTO indicator_layers (version_id, label, record) "
                          "VALUES (?, ?, ?)", (info.id, layer.label, text))
        return info

    def load_indicator_layer(self, version_id: int) -> UserIndicators:
        """Read the layer of one version, checked against its content hash."""
        info = self.version(version_id)
        with self._reading() as cursor:
            row = self._execute(cursor, "SELECT record FROM indicator_layers "
                                "WHERE version_id = ?", (info.id,)).fetchone()
        if row is None:
            raise StoreError(MESSAGES["unknown_version"].format(id=version_id))
        try:
            layer = indicators_from_record(json.loads(row[0]))
        except (ValueError, KeyError, TypeError):
            raise StoreError(MESSAGES["corrupt"].format(id=info.id)) from None
        if layer_hash(layer) != info.content_sha256:
            raise StoreError(MESSAGES["corrupt"].format(id=info.id))
        return layer

    def latest_indicator_layers(self, region: str,
                                at: datetime | None = None) -> dict[str, Any]:
        """Latest version of each layer (stored at or before ``at`` when given)."""
        return self._latest(region, at, INDICATOR_LAYERS.zoning_type)

    def indicator_layers(self, region: str,
                         at: datetime | None = None) -> dict[str, UserIndicators]:
        """Read the layers shown now, or as stored at ``at``."""
        return {key: self.load_indicator_layer(info.id)
                for key, info in self.latest_indicator_layers(region, at).items()}
