"""Files kept on the server's disk under the hash of their content, for users' sessions.

An uploaded logo (:mod:`dashboard.export.logo`) or an imported list of places
(:mod:`geodata.observations.session_layers`) is written once under a name made of its
content's hash, which is all the user's session holds; every worker finds it there. A
file is written whole or not at all (a partial file is renamed into place), kept again
when it comes back, and the least recently kept beyond ``max_kept`` are removed.
"""

from __future__ import annotations

from pathlib import Path


class KeptFiles:
    """A folder of files named by their content's hash, at most ``max_kept`` of them."""

    def __init__(self, folder: Path, max_kept: int) -> None:
        self.folder = Path(folder)
        self.max_kept = max_kept

    def keep(self, name: str, data: bytes) -> None:
        """Write ``data`` as ``name`` unless it is there already (then mark it as recent)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / name
        if path.exists():
            path.touch()
            return
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(path)
        self._prune()

    def read(self, name: str) -> bytes | None:
        """Return the content of a kept file, None when there is none (removed, never kept).

        ``name`` must already be checked by the caller (a hash and a known suffix).
        """
        path = self.folder / name
        try:
            return path.read_bytes() if path.is_file() else None
        except OSError:
            return None

    def _prune(self) -> None:
        """Remove the least recently kept files beyond :attr:`max_kept`."""
        kept = sorted(self.folder.glob("*.*"), key=lambda path: path.stat().st_mtime,
                      reverse=True)
        for path in kept[self.max_kept:]:
            path.unlink(missing_ok=True)
