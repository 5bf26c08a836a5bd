r"""Editors allowed to import, edit and roll back zonings, and the command that manages them.

Accounts live outside the repository: in a TOML file (``CARTOCOORD_EDITORS_FILE``, by
default the git-ignored ``.data/editors.toml``, written with mode 0600) and/or in the
environment (``CARTOCOORD_EDITORS="alice=<hash>;bob=<hash>"``, for containers). Only
password hashes are stored (``werkzeug.security``, scrypt); an account added or removed
takes effect at the next request, without restart.

Usage::

    python -m dashboard.editing.editors add alice            # asks for the password twice
    printf '%s\\n' "$PASSWORD" | python -m dashboard.editing.editors add alice --password-stdin
    python -m dashboard.editing.editors list
    python -m dashboard.editing.editors remove alice
    python -m dashboard.editing.editors hash                 # prints a hash for CARTOCOORD_EDITORS
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
import tempfile
import threading
import tomllib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from geodata.config import PROJECT_DIR

DEFAULT_EDITORS_FILE = PROJECT_DIR / ".data" / "editors.toml"
#: Editor names: letters, digits and ``._@-``, as they appear in version histories.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD_LENGTH = 12
FILE_HEADER = (
    "# Cartocoord editors: one [editors.<name>] table each, with a werkzeug password hash.\n"
    "# Managed with `python -m dashboard.editing.editors`; never commit this file.\n"
)


@cache
def _dummy_hash() -> str:
    """Return the hash checked when the name is unknown, so both cases take the same time.

    Made on first login rather than at import: scrypt takes a tenth of a second.
    """
    return generate_password_hash("cartocoord-no-such-editor")


class EditorError(ValueError):
    """A bad editor name, password or file; the message is French."""


def editors_file(environ: Mapping[str, str] | None = None) -> Path:
    """Return the accounts file: ``CARTOCOORD_EDITORS_FILE`` or ``.data/editors.toml``."""
    env = os.environ if environ is None else environ
    return Path(env.get("CARTOCOORD_EDITORS_FILE") or DEFAULT_EDITORS_FILE)


def check_name(name: str) -> str:
    """Return ``name`` if it is a valid editor name, else raise :class:`EditorError`."""
    if not NAME_PATTERN.fullmatch(name or ""):
        raise EditorError(f"Nom d'éditeur « {name} » invalide : lettres, chiffres et ._@- "
                          "seulement, 64 caractères au plus.")
    return name


def read_file(path: Path) -> dict[str, dict]:
    """Accounts of the file (name → table with ``password_hash``); empty if absent."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise EditorError(f"Fichier des éditeurs {path} illisible : {exc}") from None
    editors = data.get("editors", {})
    return {name: table for name, table in editors.items()
            if isinstance(table, dict) and isinstance(table.get("password_hash"), str)}


def parse_env(value: str) -> dict[str, str]:
    """Accounts of ``CARTOCOORD_EDITORS``: ``name=hash`` pairs separated by ``;``."""
    accounts = {}
    for item in filter(None, (part.strip() for part in value.split(";"))):
        name, _, password_hash = item.partition("=")
        if name.strip() and password_hash.strip():
            accounts[name.strip()] = password_hash.strip()
    return accounts


class EditorRegistry:
    """Editor accounts from the file and the environment, re-read when the file changes."""

    def __init__(self, path: Path | None = None, environ: Mapping[str, str] | None = None):
        env = os.environ if environ is None else environ
        self.path = path or editors_file(env)
        self._from_env = parse_env(env.get("CARTOCOORD_EDITORS", ""))
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._from_file: dict[str, str] = {}

    def hashes(self) -> dict[str, str]:
        """Name → password hash of every account (the environment wins on a clash)."""
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            stamp = None
        with self._lock:
            if stamp != self._stamp:
                tables = read_file(self.path) if stamp else {}
                self._from_file = {name: table["password_hash"] for name, table in tables.items()}
                self._stamp = stamp
            return self._from_file | self._from_env

    def exists(self, name: str) -> bool:
        """Tell whether ``name`` is a current account (removed accounts lose their session)."""
        return name in self.hashes()

    def verify(self, name: str, password: str) -> bool:
        """Check a name and password, in about the same time whether the name exists or not."""
        stored = self.hashes().get(name)
        if stored is None:
            check_password_hash(_dummy_hash(), password)
            return False
        try:
            return check_password_hash(stored, password)
        except ValueError:  # a malformed hash in the file refuses, never crashes the login
            return False


def hash_password(password: str) -> str:
    """Hash ``password`` with werkzeug; refuse it when shorter than the minimum length."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise EditorError(f"Mot de passe trop court : {MIN_PASSWORD_LENGTH} caractères au moins.")
    return generate_password_hash(password)


def add_editor(path: Path, name: str, password: str, *, replace: bool = False) -> None:
    """Add (or with ``replace``, reset the password of) an account in the file."""
    check_name(name)
    editors = read_file(path)
    if name in editors and not replace:
        raise EditorError(f"L'éditeur « {name} » existe déjà (option --remplacer pour changer "
                          "son mot de passe).")
    editors[name] = {"password_hash": hash_password(password),
                     "created": datetime.now(UTC).isoformat(timespec="seconds")}
    _write_file(path, editors)


def remove_editor(path: Path, name: str) -> None:
    """Remove an account from the file."""
    editors = read_file(path)
    if name not in editors:
        raise EditorError(f"Aucun éditeur « {name} » dans {path}.")
    del editors[name]
    _write_file(path, editors)


def _write_file(path: Path, editors: dict[str, dict]) -> None:
    """Replace the file atomically, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = [FILE_HEADER]
    for name, table in editors.items():
        lines = [f"[editors.{json.dumps(name)}]"]
        lines += [f"{key} = {json.dumps(str(value))}" for key, value in table.items()]
        blocks.append("\n".join(lines) + "\n")
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".editors-", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write("\n".join(blocks))
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Mot de passe (encore) : ") != first:
        raise EditorError("Les deux mots de passe diffèrent.")
    return first


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.editing.editors",
                                     description="Comptes des éditeurs de Cartocoord.")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="créer un éditeur (ou changer son mot de passe)")
    add.add_argument("name", metavar="NOM")
    add.add_argument("--password-stdin", action="store_true",
                     help="lire le mot de passe sur l'entrée standard")
    add.add_argument("--remplacer", action="store_true", help="changer le mot de passe")
    remove = commands.add_parser("remove", help="supprimer un éditeur")
    remove.add_argument("name", metavar="NOM")
    commands.add_parser("list", help="lister les éditeurs")
    hash_command = commands.add_parser("hash", help="afficher le hachage d'un mot de passe "
                                       "(pour CARTOCOORD_EDITORS)")
    hash_command.add_argument("--password-stdin", action="store_true")
    args = parser.parse_args(argv)
    path = editors_file()
    try:
        if args.command == "add":
            add_editor(path, args.name, _read_password(args.password_stdin),
                       replace=args.remplacer)
            print(f"Éditeur « {args.name} » enregistré dans {path}.")
        elif args.command == "remove":
            remove_editor(path, args.name)
            print(f"Éditeur « {args.name} » supprimé de {path}.")
        elif args.command == "list":
            for name in sorted(EditorRegistry(path).hashes()):
                print(name)
        else:
            print(hash_password(_read_password(args.password_stdin)))
    except EditorError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
