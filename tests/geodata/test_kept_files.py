"""Files kept by content hash: written once, found again, the least recent removed."""

from __future__ import annotations

import os

from geodata.kept_files import KeptFiles


def test_keep_read_and_prune(tmp_path) -> None:
    files = KeptFiles(tmp_path, max_kept=2)
    files.keep("a.json", b"A")
    files.keep("b.json", b"B")
    os.utime(tmp_path / "a.json", (1, 1))
    os.utime(tmp_path / "b.json", (2, 2))
    files.keep("a.json", b"ignored")  # kept again: now the most recent, content unchanged
    files.keep("c.json", b"C")
    assert files.read("a.json") == b"A" and files.read("c.json") == b"C"
    assert files.read("b.json") is None  # the least recently kept went
    assert not list(tmp_path.glob("*.part"))
    assert KeptFiles(tmp_path / "absent", 2).read("a.json") is None
