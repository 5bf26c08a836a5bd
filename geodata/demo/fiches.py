"""What demonstration structures say: their fiches, visibly fictitious, and their zoning.

Every name, contact and porteur says "démo" and uses reserved numbers and domains, so that
nothing can pass for a real structure; every fiche is flagged illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

import numpy as np
import pandas as pd

from geodata.demo.structures import STATUS_PROJECT, _Territory
from geodata.zonings import Fiche, Statut, Zoning, ZoningTypes

SOURCE = "Données illustratives générées par Cartocoord — périmètres non officiels"
#: Date shown as the last update of every demonstration fiche (fixed: output is deterministic).
UPDATED = "2026-11-01"
#: Obviously fictitious phone series: 01 00 00 BB NN, a block BB per type.
PHONE_PREFIX = "01 00 00"
#: RFC 2606 reserves the ``.example`` top-level domain.
DOMAIN = "example"


@dataclass(frozen=True)
class TypeText:
    """What a type of structure is called and does, shown on every fiche of the type."""

    label: str
    missions: str
    public_cible: str
    modalites_mobilisation: str
    created: tuple[date, date]
    #: First block BB of the type's phone numbers, 01 00 00 BB NN (100 numbers a block).
    phone_block: int


TYPES = MappingProxyType({
    "dac": TypeText(
        label="DAC",
        missions=(
            "Appui aux professionnels de santé, sociaux et médico-sociaux pour les "
            "situations complexes, quels que soient l'âge et la pathologie : information "
            "et orientation, évaluation globale, coordination du parcours, soutien aux "
            "initiatives du territoire."
        ),
        public_cible=("Professionnels du territoire ; personnes en situation complexe "
                      "et leurs aidants."),
        modalites_mobilisation=("Demande par téléphone ou par courriel, par tout "
                                "professionnel, la personne elle-même ou son aidant."),
        created=(date(2019, 7, 1), date(2022, 7, 31)),
        phone_block=10,
    ),
    "cpts": TypeText(
        label="CPTS",
        missions=(
            "Accès aux soins (médecin traitant, soins non programmés), organisation de "
            "parcours pluriprofessionnels, actions de prévention, qualité et pertinence "
            "des soins, accompagnement des professionnels, réponse aux crises sanitaires."
        ),
        public_cible="Professionnels de santé de ville du territoire et leurs patients.",
        modalites_mobilisation=("Adhésion des professionnels de santé ; contact de la "
                                "coordination par téléphone ou par courriel."),
        created=(date(2018, 1, 1), date(2025, 12, 31)),
        phone_block=20,
    ),
    "carsic": TypeText(
        label="CARSIC",
        missions=(
            "Appui aux situations individuelles complexes ou critiques restées sans "
            "solution adaptée : analyse partagée, recherche de solutions, mobilisation "
            "coordonnée des acteurs sanitaires, médico-sociaux et sociaux, suivi."
        ),
        public_cible=("Professionnels et structures face à une situation bloquée ; "
                      "personnes concernées et leurs proches."),
        modalites_mobilisation=("Saisine écrite par un professionnel ou une structure, "
                                "après sollicitation des dispositifs de proximité."),
        created=(date(2021, 1, 1), date(2023, 12, 31)),
        phone_block=30,
    ),
    "perinatal": TypeText(
        label="Réseau de santé en périnatalité",
        missions=(
            "Coordination des acteurs de la périnatalité (maternités, PMI, professionnels "
            "libéraux) : parcours de la grossesse et du post-partum, suivi des nouveau-nés "
            "vulnérables, formation et évaluation des pratiques."
        ),
        public_cible=("Femmes enceintes, couples et nouveau-nés ; professionnels de la "
                      "périnatalité."),
        modalites_mobilisation=("Contact par téléphone ou par courriel ; orientation par "
                                "la maternité, la PMI ou le professionnel de suivi."),
        created=(date(2005, 1, 1), date(2015, 12, 31)),
        phone_block=40,
    ),
})

TERRITORY_COLUMNS = (
    "territory_id", "nom", "type", "structure_porteuse", "statut", "date_creation",
    "missions", "public_cible", "modalites_mobilisation", "telephone", "courriel", "site",
    "source", "date_mise_a_jour", "illustrative",
)


@dataclass(frozen=True)
class DemoZoning:
    """One demonstration zoning: a fiche per territory and the units each one covers.

    Attributes
    ----------
    key : str
        Zoning type ("dac", "cpts", "carsic", "perinatal").
    territories : pandas.DataFrame
        One row per territory, columns ``TERRITORY_COLUMNS``.
    membership : pandas.DataFrame
        ``territory_id``, ``code``: units of each territory (a unit in no row of a CPTS
        zoning is a zone blanche).
    """

    key: str
    territories: pd.DataFrame
    membership: pd.DataFrame


def _zoning(key: str, territories: list[_Territory], codes: np.ndarray,
            rng: np.random.Generator) -> DemoZoning:
    """Fiches and membership of a generated zoning; projects have no creation date yet."""
    text = TYPES[key]
    start, end = text.created
    rows = []
    for index, territory in enumerate(territories):
        created = start + timedelta(days=int(rng.integers((end - start).days + 1)))
        host = f"{territory.slug}.{DOMAIN}"
        rows.append({
            "territory_id": territory.slug,
            "nom": territory.nom,
            "type": text.label,
            "structure_porteuse": territory.porteur,
            "statut": territory.statut,
            "date_creation": None if territory.statut == STATUS_PROJECT else created.isoformat(),
            "missions": text.missions,
            "public_cible": text.public_cible,
            "modalites_mobilisation": text.modalites_mobilisation,
            "telephone": f"{PHONE_PREFIX} {text.phone_block + index // 100:02d} {index % 100:02d}",
            "courriel": f"contact@{host}",
            "site": f"https://{host}",
            "source": SOURCE,
            "date_mise_a_jour": UPDATED,
            "illustrative": True,
        })
    membership = pd.DataFrame({
        "territory_id": np.repeat([t.slug for t in territories],
                                  [len(t.nodes) for t in territories]),
        "code": np.concatenate([codes[t.nodes] for t in territories]),
    })
    return DemoZoning(key=key, territories=pd.DataFrame(rows, columns=list(TERRITORY_COLUMNS)),
                      membership=membership)


def as_zoning(demo: DemoZoning, types: ZoningTypes) -> Zoning:
    """Return the demonstration zoning in the model all zonings use, flagged illustrative."""
    fiches = {
        row.territory_id: Fiche(
            nom=row.nom, type=row.type, porteur=row.structure_porteuse,
            statut=Statut(row.statut),
            date_creation=row.date_creation if isinstance(row.date_creation, str) else None,
            missions=row.missions, public_cible=row.public_cible,
            modalites_mobilisation=row.modalites_mobilisation, telephone=row.telephone,
            courriel=row.courriel, site=row.site, source=row.source,
            date_mise_a_jour=row.date_mise_a_jour, illustratif=True)
        for row in demo.territories.itertuples(index=False)
    }
    members = tuple(zip(demo.membership["territory_id"], demo.membership["code"], strict=True))
    return Zoning(types.get(demo.key), fiches, members, illustrative=True, source=SOURCE)
