"""What the store refuses, in French: the messages and the exceptions that carry them."""

from __future__ import annotations

MESSAGES = {
    "unknown_version": "Version n° {id} introuvable.",
    "conflict": (
        "Le découpage « {key} » a changé entre-temps (version n° {latest} enregistrée par "
        "{editor} le {when}) : rechargez la page et recommencez."
    ),
    "unknown_territory": "Territoire « {territory} » absent de la version n° {id}.",
    "corrupt": (
        "Version n° {id} altérée : son contenu ne correspond plus à son empreinte. "
        "Restaurez une version précédente."
    ),
    "no_zoning": "Aucune version du découpage « {key} » pour la région {region}.",
    "empty": (
        "Cette version du découpage « {key} » ne rattache aucune commune : elle viderait la "
        "couche de la carte. Pour vider volontairement le découpage, utilisez « Vider ce "
        "découpage »."
    ),
    "empty_layer": (
        "La couche d'indicateurs « {key} » n'a aucune valeur : elle montrerait une carte "
        "vide à tous. Elle n'est pas enregistrée ; la version en service reste inchangée."
    ),
    "too_large": (
        "Cette version du découpage « {key} » rattache une commune à {count} territoires "
        "(au plus {limit}) : elle ne décrit pas un découpage du territoire et alourdirait "
        "la carte de chaque visiteur. Elle n'est pas enregistrée."
    ),
    "too_many_territories": (
        "Cette version du découpage « {key} » compte {count} territoires pour {units} : "
        "elle ne décrit pas un découpage du territoire. Elle n'est pas enregistrée."
    ),
}


class StoreError(RuntimeError):
    """A request the store refuses; the message is French and can be shown as is."""


class StoreConflict(StoreError):
    """The zoning changed since the editor read it (optimistic concurrency)."""
