"""Limits and thresholds of the zoning layer, in one place."""

from __future__ import annotations

#: Largest file accepted, in bytes.
MAX_FILE_BYTES = 50 * 1024**2
#: Largest decompressed content of an archive (zipped Shapefile, .xlsx), in bytes: the
#: one limit of the web and the CLI (geodata.intake).
MAX_UNCOMPRESSED_BYTES = 4 * MAX_FILE_BYTES
#: Rows searched for the header of a table (agency files often start with a title).
MAX_HEADER_SCAN = 15
#: Columns read from a spreadsheet (formatting can stretch a sheet to 16,384 columns).
MAX_COLUMNS = 200
#: Characters read to choose the delimiter of a CSV file.
SNIFF_CHARS = 65_536
#: Lines holding the delimiter inside the last cell that reveal a quote never closed.
SWALLOWED_ROWS = 2
#: Share of non-text characters above which a file is binary rather than badly encoded.
BINARY_CHAR_SHARE = 0.05
#: Share of unreadable characters above which the encoding is deemed wrong.
BAD_CHAR_SHARE = 0.002

#: CRS in which areas are computed (Lambert-93, metres).
AREA_CRS = "EPSG:2154"
#: CRS of every geometry the layer hands out.
OUTPUT_CRS = "EPSG:4326"
#: Coordinates (metres) that look like Lambert-93 anywhere in metropolitan France.
LAMBERT93_X = (100_000, 1_300_000)
LAMBERT93_Y = (6_000_000, 7_200_000)
#: Uncovered communes named in a report, the most populous first.
MAX_UNCOVERED_LISTED = 20

#: Bounds that follow from the geography: a commune lies in one territory of a zoning, or
#: is shared by a few (a city cut by quartier); more means the file describes something
#: else (every territory listing every commune), which would hurt the maps.
MAX_TERRITORIES_PER_UNIT = 5
#: Territory–commune pairs of a zoning, at most this many times the region's communes.
MAX_MEMBERS_PER_UNIT = 3
#: Polygon–commune pairs that touch, at most this many times the region's communes (a
#: polygon following commune limits approximately touches all its neighbours).
MAX_CANDIDATES_PER_UNIT = 8
#: A polygon covering less than this share of a commune is a digitising sliver (dropped
#: and reported); one covering more than 1 minus it covers the whole commune.
SLIVER_SHARE = 0.02
#: A polygon piece thinner than twice this (metres) along a commune is a sliver too.
SLIVER_WIDTH_M = 25.0
