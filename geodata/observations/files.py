"""The observation files bundled with the project, each checked against its sha256 before use.

They are unchanged copies of public files (``geodata/data/observations/SOURCE.md`` gives
producer, licence, original repository and commit). A file whose digest differs is never
read: its values could be anything, and the app cites its producer.

Examples
--------
>>> OBSERVATION_FILES["apl"].source
'Source : DREES, APL aux médecins généralistes'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from geodata.config import BUNDLED_DATA_DIR
from geodata.sources import sha256_of

OBSERVATIONS_DIR = BUNDLED_DATA_DIR / "observations"
LICENCE = "Licence Ouverte / Etalab 2.0"


class ObservationFileError(RuntimeError):
    """A bundled observation file is missing or is not the file its digest names."""


@dataclass(frozen=True)
class ObservationFile:
    """One bundled file: where it is, what it must hash to, whom to cite."""

    key: str
    name: str
    sha256: str
    source: str
    vintage: str

    @property
    def path(self) -> Path:
        """Where the file lies in the package."""
        return OBSERVATIONS_DIR / self.name


OBSERVATION_FILES = MappingProxyType({file.key: file for file in (
    ObservationFile("filosofi_iris", "filosofi-2021-iris.csv",
                    "6e5e07d70abff4941d6b22a9c135f686a38b6683bee6ce06f67b35a8277501fb",
                    "Source : Insee, Filosofi 2021 (IRIS)", "2021"),
    ObservationFile("iris_contours", "iris-75-92-93-94.topojson",
                    "f371ea24245bcc83fac3025769b9e2929013b59f42d8983dceb472fee3dcd776",
                    "IGN, Insee — Contours IRIS", "géographie IRIS 2025"),
    ObservationFile("rp_iris", "rp-2022-iris-idf.csv",
                    "2074192aac0f6229a353e8171d1fbddb7cbcc9f866e93a86c4553ca2b412e55a",
                    "Source : Insee, RP 2022 (IRIS)", "2022"),
    ObservationFile("apl", "apl-mg-communes.csv",
                    "facc5ae58f45df6af84ec25cba4acb072c1013e2de36789002404da97a340f76",
                    "Source : DREES, APL aux médecins généralistes",
                    "millésime non précisé par la source"),
    ObservationFile("qpv", "qpv-2024-par-commune.csv",
                    "980ada43b275bbd4fb05e661b59d2c3ea6f3bad899137e3e25ce0dd1cb2eb010",
                    "Source : ANCT, QPV 2024", "2024"),
    ObservationFile("caf", "caf-2020-iris.csv",
                    "721597b02e4d29fd3f4a6a2ff2c5a26b2c72b32bc7771b49cc01cb4c7fcb7d9f",
                    "Source : Cnaf, allocataires au 31/12/2020", "31/12/2020"),
)})


@cache
def checked_path(key: str) -> Path:
    """Path of a bundled observation file, after checking its sha256 (once per process).

    Raises
    ------
    ObservationFileError
        With a French message, when the file is missing or its content changed.
    """
    file = OBSERVATION_FILES[key]
    if not file.path.exists():
        raise ObservationFileError(f"Fichier d'observations absent : {file.path}.")
    actual = sha256_of(file.path)
    if actual != file.sha256:
        raise ObservationFileError(
            f"{file.path} : empreinte sha256 inattendue {actual} (attendue {file.sha256}) ; "
            "le fichier a été modifié, il n'est pas lu.")
    return file.path


def files_stamp() -> str:
    """Join the digests of every bundled file: the stamp of the tables built from them."""
    return ";".join(file.sha256 for file in OBSERVATION_FILES.values())
