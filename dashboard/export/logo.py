"""The logo printed at the top right of exported pages: checked, cleaned, kept.

A logo comes from the export panel (uploaded, kept for the user's session), from the
server's settings (``CARTOCOORD_LOGO``) or from the command line (``--logo``). Whatever
its origin, it is treated as untrusted, like every upload:

* its size is bounded (:data:`MAX_BYTES`), and its content decides its type, which must
  agree with its extension: PNG, JPEG or SVG;
* a PNG or JPEG may not announce more than :data:`MAX_PIXELS` on a side;
* an SVG is parsed without any DTD (no entity can expand) and rebuilt from a list of
  drawing elements and attributes: scripts, event handlers, ``foreignObject``, links to
  anything but its own parts or embedded PNG/JPEG images, and CSS that loads anything
  are dropped. It is then drawn as an ``<image>`` of the page, isolated from it.

Uploaded logos are stored by content hash under ``$CARTOCOORD_DATA_DIR/logos`` (at most
:data:`MAX_STORED`, the oldest removed first); the session keeps only the hash.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import re
import struct
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

import flask

from dashboard.config import export_logo_path
from dashboard.editing.uploads import safe_name
from dashboard.export.constants import (
    ERROR_LOGO_EMPTY,
    ERROR_LOGO_MISSING,
    ERROR_LOGO_PIXELS,
    ERROR_LOGO_SIZE,
    ERROR_LOGO_SVG,
    ERROR_LOGO_TYPE,
    ERROR_LOGO_UNREADABLE,
)
from dashboard.export.errors import ExportOptionsError
from geodata.config import LOCAL_DATA_DIR
from geodata.kept_files import KeptFiles

_logger = logging.getLogger(__name__)

MAX_BYTES = 512 * 1024
MAX_PIXELS = 4000
MAX_SVG_ELEMENTS = 5000
MAX_STORED = 200
#: Keys of the uploaded logo (its store key) and of its file name in the user's session.
SESSION_KEY, NAME_KEY = "export_logo", "export_logo_name"
MIME_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".svg": "image/svg+xml"}
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
#: Elements an SVG logo may keep (everything else is dropped with its content).
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "style", "path", "rect", "circle",
    "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
    "radialGradient", "stop", "clipPath", "mask", "pattern", "image", "filter",
    "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feFlood", "feComposite",
    "feMerge", "feMergeNode",
})
#: Attributes it may keep (presentation and geometry; no event handler).
SVG_ATTRIBUTES = frozenset({
    "id", "class", "style", "transform", "viewBox", "width", "height", "x", "y", "x1", "y1",
    "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "fill", "fill-opacity",
    "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
    "opacity", "clip-path", "clip-rule", "mask", "filter", "font-family", "font-size",
    "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing",
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "fx", "fy",
    "spreadMethod", "patternUnits", "patternTransform", "preserveAspectRatio", "dx", "dy",
    "stdDeviation", "in", "in2", "result", "mode", "values", "type", "operator", "k1", "k2",
    "k3", "k4", "flood-color", "flood-opacity", "href", "version", "xml:space",
    "clipPathUnits", "maskUnits", "maskContentUnits", "visibility", "display",
})
_SAFE_HREF = re.compile(r"^(#[\w.-]+|data:image/(png|jpeg);base64,[A-Za-z0-9+/=\s]+)$")
#: CSS that could load something or run code.
_UNSAFE_CSS = re.compile(r"@import|url\s*\(\s*['\"]?\s*(?!#)|expression\s*\(|javascript:",
                         re.IGNORECASE)
_JPEG_SIZE_MARKERS = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB,
                                0xCD, 0xCE, 0xCF})


def _refuse(message: str, **params: object) -> ExportOptionsError:
    return ExportOptionsError(message.format(**params))


def check_logo(name: str, data: bytes) -> tuple[str, bytes]:
    """Check a logo file; return its MIME type and the bytes to embed (SVG cleaned).

    Raises
    ------
    ExportOptionsError
        With a French message naming the file: empty, too large, not a PNG, JPEG or
        SVG (or not what its extension says), too many pixels, unreadable SVG.
    """
    mime = MIME_TYPES.get(Path(name).suffix.lower())
    if mime is None:
        raise _refuse(ERROR_LOGO_TYPE, path=name, formats="PNG, JPEG, SVG")
    if not data:
        raise _refuse(ERROR_LOGO_EMPTY, path=name)
    if len(data) > MAX_BYTES:
        raise _refuse(ERROR_LOGO_SIZE, path=name, size=MAX_BYTES // 1024)
    if mime == "image/png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
            raise _refuse(ERROR_LOGO_TYPE, path=name, formats="PNG, JPEG, SVG")
        _check_pixels(name, *struct.unpack(">II", data[16:24]))
        return mime, data
    if mime == "image/jpeg":
        if not data.startswith(b"\xff\xd8\xff"):
            raise _refuse(ERROR_LOGO_TYPE, path=name, formats="PNG, JPEG, SVG")
        _check_pixels(name, *_jpeg_size(data))
        return mime, data
    return mime, sanitise_svg(name, data)


def _check_pixels(name: str, width: int, height: int) -> None:
    if not 0 < width <= MAX_PIXELS or not 0 < height <= MAX_PIXELS:
        raise _refuse(ERROR_LOGO_PIXELS, path=name, width=width, height=height,
                      max=MAX_PIXELS)


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the first frame header of a JPEG (0, 0 if none)."""
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        if marker in _JPEG_SIZE_MARKERS:
            height, width = struct.unpack(">HH", data[position + 5:position + 9])
            return width, height
        position += 2 + length
    return 0, 0


def sanitise_svg(name: str, data: bytes) -> bytes:
    """Rebuild an SVG from its allowed elements and attributes (see the module docstring)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(ERROR_LOGO_SVG, path=name) from None
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise _refuse(ERROR_LOGO_SVG, path=name)
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        raise _refuse(ERROR_LOGO_SVG, path=name) from None
    if _local(root.tag) != "svg" or sum(1 for _ in root.iter()) > MAX_SVG_ELEMENTS:
        raise _refuse(ERROR_LOGO_SVG, path=name)
    clean = _clean(root)
    ElementTree.register_namespace("", SVG_NS)
    return ElementTree.tostring(clean, encoding="utf-8", xml_declaration=False)


def _local(tag: str) -> str:
    """Tag or attribute name without its namespace."""
    return tag.rpartition("}")[2]


def _clean(element: ElementTree.Element) -> ElementTree.Element:
    """Copy an allowed element with its allowed attributes and children."""
    copy = ElementTree.Element(f"{{{SVG_NS}}}{_local(element.tag)}")
    for key, value in element.attrib.items():
        name = _local(key)
        if key.startswith(f"{{{XLINK_NS}}}"):
            name = "href" if name == "href" else ""
        if name not in SVG_ATTRIBUTES or name.lower().startswith("on"):
            continue
        if name == "href" and not _SAFE_HREF.match(value.strip()):
            continue
        if _UNSAFE_CSS.search(value):
            continue
        copy.set(name, value)
    if element.text and _local(element.tag) in ("style", "text", "tspan", "title", "desc",
                                                "textPath"):
        if not (_local(element.tag) == "style" and _UNSAFE_CSS.search(element.text)):
            copy.text = element.text
    for child in element:
        if child.tag.startswith(f"{{{SVG_NS}}}") and _local(child.tag) in SVG_ELEMENTS:
            cleaned = _clean(child)
            cleaned.tail = child.tail if _local(element.tag) in ("text", "tspan") else None
            copy.append(cleaned)
    return copy


def decode_upload(contents: str, filename: str | None) -> tuple[str, bytes]:
    """Return the clean name and the bytes of a ``dcc.Upload`` (``data:…;base64,…``).

    The size is checked before decoding, so a huge upload is refused without being
    decoded; the content is then checked by :func:`check_logo` when stored.
    """
    name = safe_name(filename) or "logo"
    payload = contents.partition(",")[2]
    if len(payload) > (MAX_BYTES + 2) // 3 * 4:
        raise _refuse(ERROR_LOGO_SIZE, path=name, size=MAX_BYTES // 1024)
    try:
        return name, base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise _refuse(ERROR_LOGO_UNREADABLE, path=name) from None


def data_uri(mime: str, data: bytes) -> str:
    """Write a ``data:`` URI the page can embed."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def read_logo(path: Path) -> str:
    """Read and check a logo file (command line, server setting) into a ``data:`` URI."""
    if path.suffix.lower() not in MIME_TYPES:
        raise _refuse(ERROR_LOGO_TYPE, path=path, formats="PNG, JPEG, SVG")
    if not path.is_file():
        raise _refuse(ERROR_LOGO_MISSING, path=path)
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    return data_uri(*check_logo(path.name, data))


class LogoStore:
    """Checked logos on disk, named by the hash of their content."""

    def __init__(self, folder: Path) -> None:
        self.files = KeptFiles(folder, MAX_STORED)

    def save(self, name: str, data: bytes) -> str:
        """Check and keep a logo; return its key (hash and extension) for the session."""
        mime, clean = check_logo(name, data)
        extension = next(suffix for suffix, kind in MIME_TYPES.items() if kind == mime)
        key = hashlib.sha256(clean).hexdigest() + extension
        self.files.keep(key, clean)
        return key

    def load(self, key: str | None) -> str | None:
        """Return the ``data:`` URI of a kept logo (None: unknown or malformed key)."""
        if not key or not re.fullmatch(r"[0-9a-f]{64}\.(png|jpg|jpeg|svg)", key):
            return None
        data = self.files.read(key)
        return None if data is None else data_uri(MIME_TYPES[Path(key).suffix], data)


@cache
def logo_store() -> LogoStore:
    """Return the process's store of uploaded logos, in the local data directory."""
    return LogoStore(LOCAL_DATA_DIR / "logos")


@cache
def server_logo() -> str | None:
    """Return the server's logo (``CARTOCOORD_LOGO``) as a ``data:`` URI, or None.

    A refused file is reported once in the server's log, in French, and ignored: the
    exports work without a logo rather than fail for everyone.
    """
    path = export_logo_path()
    if path is None:
        return None
    try:
        return read_logo(path)
    except ExportOptionsError as error:
        _logger.error("CARTOCOORD_LOGO ignoré : %s", error)
        return None


def page_logo() -> str | None:
    """Return the logo of this request's exports: the session's upload, else the server's."""
    uploaded = logo_store().load(flask.session.get(SESSION_KEY))
    return uploaded or server_logo()
