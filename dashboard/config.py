"""Settings of the web server, read from the environment in this module only.

Variables
---------
``HOST``
    Interface the development server listens on (default ``127.0.0.1``).
``PORT``
    TCP port (default ``8050``).
``DEBUG``
    ``1``/``true``/``yes``/``on`` turns on Dash's debug mode and hot reload (default off).
``CARTOCOORD_LOGO``
    Logo (PNG, JPEG or SVG file) printed on exported pages when the user gives none
    (default: no logo).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
_FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})


@dataclass(frozen=True)
class ServerConfig:
    """Where and how the development server runs.

    Attributes
    ----------
    host : str
        Interface to listen on.
    port : int
        TCP port, 1 to 65535.
    debug : bool
        Dash debug mode (dev tools, hot reload).
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    debug: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServerConfig:
        """Read ``HOST``, ``PORT`` and ``DEBUG`` from the environment.

        Parameters
        ----------
        environ : Mapping[str, str], optional
            Variables to read, ``os.environ`` by default.

        Returns
        -------
        ServerConfig
            The settings, with defaults for unset or empty variables.

        Raises
        ------
        ValueError
            If ``PORT`` is not an integer between 1 and 65535 or ``DEBUG`` is not a
            recognised boolean word.

        Examples
        --------
        >>> ServerConfig.from_env({"PORT": "9000"})
        ServerConfig(host='127.0.0.1', port=9000, debug=False)
        """
        env = os.environ if environ is None else environ
        return cls(
            host=env.get("HOST") or DEFAULT_HOST,
            port=_parse_port(env.get("PORT", "")),
            debug=_parse_bool("DEBUG", env.get("DEBUG", "")),
        )


def _parse_port(raw: str) -> int:
    """Return the port number in ``raw``, or the default one when ``raw`` is empty."""
    if not raw.strip():
        return DEFAULT_PORT
    try:
        port = int(raw)
    except ValueError:
        raise ValueError(f"PORT must be an integer, got {raw!r}") from None
    if not 1 <= port <= 65535:
        raise ValueError(f"PORT must be between 1 and 65535, got {port}")
    return port


def _parse_bool(name: str, raw: str) -> bool:
    """Return the boolean meant by ``raw``, the value of the variable ``name``."""
    word = raw.strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ValueError(f"{name} must be one of 1/0, true/false, yes/no, on/off, got {raw!r}")


def export_logo_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """Return the server's logo for exports (``CARTOCOORD_LOGO``), None when unset.

    Examples
    --------
    >>> export_logo_path({"CARTOCOORD_LOGO": "/srv/logo.svg"})
    PosixPath('/srv/logo.svg')
    >>> export_logo_path({}) is None
    True
    """
    env = os.environ if environ is None else environ
    raw = env.get("CARTOCOORD_LOGO", "").strip()
    return Path(raw) if raw else None
