"""Demonstration coordination zonings: plausible in shape, deterministic, visibly fictitious.

Real perimeters (DAC, CPTS, CARSIC, perinatal networks) are not available offline, yet the
dashboard has to show what it does with them. These zonings are grown on the adjacency
graph of the units (communes, arrondissements) so that they look like real territories:
contiguous, balanced in population, following département limits where the real ones do,
with the gaps and the few cross-border CPTS that real listings have. Every name, contact
and porteur says "démo" and uses reserved numbers and domains, so that nothing can pass
for a real structure.

The functions are pure: the same units and seed always give the same zonings. As the
units' populations weigh in, a rebuild keeps the stored set rather than redraw it after
each new population vintage (:func:`refresh_demo_set`).

Modules: :mod:`~geodata.demo.graph` (the units' adjacency graph),
:mod:`~geodata.demo.partition` (contiguous, balanced territories),
:mod:`~geodata.demo.structures` (DAC, CPTS, CARSIC, perinatal networks),
:mod:`~geodata.demo.fiches` (what each structure says) and :mod:`~geodata.demo.generate`
(all of it for a region); this package hands on their public names.

Examples
--------
>>> from geodata.base import load_units
>>> zonings = generate_demo_zonings(load_units("11"))
>>> len(zonings["dac"].territories)
22
"""

from __future__ import annotations

from geodata.demo.fiches import SOURCE, TERRITORY_COLUMNS, TYPES, DemoZoning, TypeText, as_zoning
from geodata.demo.generate import generate_demo_zonings, refresh_demo_set, write_demo_set

__all__ = [
    "SOURCE",
    "TERRITORY_COLUMNS",
    "TYPES",
    "DemoZoning",
    "TypeText",
    "as_zoning",
    "generate_demo_zonings",
    "refresh_demo_set",
    "write_demo_set",
]
