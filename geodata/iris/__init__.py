"""IRIS sub-units of the communes, where IRIS polygons exist (Paris and the petite couronne).

:mod:`geodata.iris.coverage` tiles the communes with the published IRIS polygons,
:mod:`geodata.iris.build` weighs and writes them during the region build;
:func:`geodata.base.load_iris` reads them back.
"""
