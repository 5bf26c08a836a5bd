"""Shared lists of places, versioned in the zoning store like the zonings themselves.

An editor may save a list of places imported on the map (PASS, CCAS…) for everyone. It
is stored as a *version* like any zoning: one row of ``zoning_versions`` (type and key
prefix of :data:`~geodata.store.layer_kinds.PLACE_LAYERS`, key ``lieux:<slug>``, the same
numbering, editor, file, note and content hash), its name in ``place_layers`` and its
places in ``place_rows``, all in one transaction. History, rollback and « à la date du »
therefore work the same way for both; :class:`PlaceLayerRecords` adds the reads and writes
to :class:`geodata.store.base.SQLStore`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from geodata.observations.place_records import (
    ROW_FIELDS,
    city_records,
    content_hash,
    layer_from_parts,
    place_rows,
)
from geodata.observations.places import PlaceList
from geodata.store.errors import MESSAGES, StoreError
from geodata.store.layer_kinds import PLACE_LAYERS

#: Columns of ``place_rows`` holding :data:`~geodata.observations.place_records.ROW_FIELDS`.
_ROW_COLUMNS = ("place_id", *ROW_FIELDS[1:])


class PlaceLayerRecords:
    """Versions of the shared lists of places; mixed into ``SQLStore``.

    Uses the store's ``_reading``, ``_writing``, ``_execute``, ``_insert_version``,
    ``_check_latest``, ``_latest`` and ``version``.
    """

    def add_place_layer(self, region: str, key: str, layer: PlaceList, provenance: Any, *,
                        expected_latest: int | None = None) -> Any:
        """Store ``layer`` as the next version of the list ``key`` (one transaction).

        Raises
        ------
        StoreConflict
            If ``expected_latest`` is given and is not the latest version of ``key``.
        """
        key = PLACE_LAYERS.key(key)
        with self._writing(region) as cursor:
            if expected_latest is not None:
                self._check_latest(cursor, region, key, expected_latest)
            info = self._insert_version(
                cursor, region, key, PLACE_LAYERS.zoning_type, provenance, illustrative=False,
                source=layer.source, territories=int(layer.places["category"].nunique()),
                members=len(layer.places), content_sha256=content_hash(layer))
            self._execute(cursor, "INSERT INTO place_layers (version_id, label, vintage, "
                          "value_label, whole_cities) VALUES (?, ?, ?, ?, ?)",
                          (info.id, layer.label, layer.vintage, layer.value_label,
                           json.dumps(city_records(layer), ensure_ascii=False)))
            cursor.executemany(self._sql(
                f"INSERT INTO place_rows (version_id, position, {', '.join(_ROW_COLUMNS)}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                [(info.id, position, *row) for position, row in enumerate(place_rows(layer))])
        return info

    def load_place_layer(self, version_id: int) -> PlaceList:
        """Read the list of places of one version, checked against its content hash."""
        info = self.version(version_id)
        with self._reading() as cursor:
            head = self._execute(cursor, "SELECT label, vintage, value_label, whole_cities "
                                 "FROM place_layers WHERE version_id = ?", (info.id,)).fetchone()
            rows = self._execute(cursor, f"SELECT {', '.join(_ROW_COLUMNS)} FROM place_rows "
                                 "WHERE version_id = ? ORDER BY position", (info.id,)).fetchall()
        if head is None:
            raise StoreError(MESSAGES["unknown_version"].format(id=version_id))
        label, vintage, value_label, cities = head
        layer = layer_from_parts(info.zoning_key, label, info.source, vintage, value_label,
                                 json.loads(cities), rows)
        if content_hash(layer) != info.content_sha256:
            raise StoreError(MESSAGES["corrupt"].format(id=info.id))
        return layer

    def latest_place_layers(self, region: str, at: datetime | None = None) -> dict[str, Any]:
        """Latest version of each list of places (stored at or before ``at`` when given)."""
        return self._latest(region, at, PLACE_LAYERS.zoning_type)

    def place_layers(self, region: str, at: datetime | None = None) -> dict[str, PlaceList]:
        """Read the lists of places shown now, or as stored at ``at``."""
        return {key: self.load_place_layer(info.id)
                for key, info in self.latest_place_layers(region, at).items()}
