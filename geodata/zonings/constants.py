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
#: A unit is assigned to the territory holding the largest share of its area, if at least
#: this share (below it, the unit only touches the territory: approximate outlines).
MIN_ASSIGNED_SHARE = 0.2
#: Assigned units whose largest share is below this are reported as doubtful.
DOUBTFUL_SHARE = 0.6
#: Smallest share of another territory named in the report of a doubtful unit.
MIN_REPORTED_SHARE = 0.01
