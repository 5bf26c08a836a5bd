"""Observations on the units: the indicator registry, Filosofi, users' files, aggregation.

Everything measured on the communes lives here, beside the zonings (``geodata/zonings/``)
and their store (``geodata/store/``): what each indicator is, how INSEE-shaped files are
read, the Filosofi table of the map's units, and how values add up over territories.
"""
