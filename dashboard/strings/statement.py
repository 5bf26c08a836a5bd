"""The « Déclaration d'accessibilité » (RGAA model), in French: the one long page of text.

Written from the automated and keyboard tests of tests/e2e (test_accessibility.py,
test_keyboard.py, test_responsive.py); laid out by :mod:`dashboard.layouts.statement`.
"""

from __future__ import annotations

STATEMENT_TITLE = "Déclaration d'accessibilité"
STATEMENT_INTRO = (
    "L'organisme qui met Cartocoord à disposition s'engage à rendre ses services en ligne "
    "accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette "
    "déclaration d'accessibilité s'applique à l'application Cartocoord, cartographie des "
    "territoires de coordination en santé et de la précarité de leur population.")
#: (title, paragraphs, list items) of each section, in the order of the RGAA model; an
#: item given as (text, address) is a link.
STATEMENT_SECTIONS = (
    ("État de conformité", (
        "Cartocoord est non conforme avec le référentiel général d'amélioration de "
        "l'accessibilité (RGAA), version 4.1.2 : aucun audit complet de ses 106 critères n'a "
        "encore été réalisé, et le RGAA demande de déclarer « non conforme » un service qui "
        "n'a pas été audité. Les tests ci-dessous réduisent le risque d'obstacles ; ils ne "
        "remplacent pas un audit.",), ()),
    ("Résultats des tests", (
        "Chaque version de l'application passe, avant d'être publiée, les tests automatiques "
        "suivants, dans le navigateur Chromium :",), (
        "contrôle automatique axe-core 4.14.1 de toutes les règles WCAG 2.0 et 2.1 de niveaux "
        "A et AA, sur chaque page et chaque état : carte (avec fiche d'identité, « Qui couvre "
        "cette commune ? », tableau des données, coloration par territoire), mode réunion, "
        "Panorama, Hétérogénéité (avec la comparaison de deux découpages), Zones blanches, "
        "Données, cette page, et sur téléphone le tiroir « Filtres » et le menu : aucune "
        "erreur ;",
        "parcours entièrement au clavier (touches Tab, Entrée, flèches, Échap, sans souris) : "
        "recherche d'une commune, choix des départements, des découpages, de l'indicateur, de "
        "la méthode et du nombre de classes, tableau des données de la carte, fiche d'identité, "
        "panneau d'export (titre, format, fond transparent, logo, liens de téléchargement), "
        "tableau Panorama, page Données et mode réunion ; le focus est visible et Échap ferme "
        "les panneaux ;",
        "affichage à 390 × 844 (téléphone), 820 × 1180 (tablette en portrait), "
        "1 280 × 720 et à 200 % de zoom sur un écran de 1 280 pixels : la carte reste visible "
        "sans défilement et occupe au moins 60 % de la largeur d'une tablette ;",
        "format des dates jj/mm/aaaa quelle que soit la langue du navigateur.",
    )),
    ("Contenus non accessibles", (
        "Les contenus suivants ne sont pas, ou pas entièrement, accessibles :",), (
        "les cartes elles-mêmes ne se déplacent et ne se zooment qu'à la souris ou au doigt. "
        "Leurs informations sont données autrement : « Voir les données de la carte » montre "
        "chaque valeur et sa classe dans un tableau, la légende numérote les classes, la "
        "recherche d'une commune remplace le clic sur la carte, et un message lu par les "
        "lecteurs d'écran décrit chaque nouvelle carte ;",
        "la matrice d'emboîtement (page Hétérogénéité) est un graphique cliquable à la souris ; "
        "au clavier, les listes « Zonage A » et « Zonage B » ouvrent la même comparaison ;",
        "les grands tableaux (Panorama, Hétérogénéité, Zones blanches) se parcourent au "
        "clavier, mais leur restitution par les lecteurs d'écran n'a pas été vérifiée ; "
        "chacun se télécharge en CSV ;",
        "les exports PDF, PNG et SVG de la carte sont des images sans structure accessible ; "
        "les exports CSV donnent les mêmes données ; la carte interactive exportée (HTML) "
        "n'a pas été testée ;",
        "l'application n'a été essayée avec aucun lecteur d'écran (NVDA, JAWS, VoiceOver, "
        "TalkBack).",
    )),
    ("Dérogations pour charge disproportionnée", (
        "Aucune.",), ()),
    ("Contenus non soumis à l'obligation d'accessibilité", (
        "Les cartes et services de cartographie en ligne, dès lors que les informations "
        "essentielles sont fournies sous une forme accessible (article 3 du décret "
        "n° 2019-768 du 24 juillet 2019) : c'est le rôle du tableau des données de la carte.",
    ), ()),
    ("Établissement de cette déclaration", (
        "Cette déclaration a été établie le 5 décembre 2026, à partir des tests automatiques "
        "décrits plus haut.",), (
        "technologies utilisées : HTML5, CSS, JavaScript (Dash, React, plotly.js, Bootstrap) ;",
        "environnement de test : Chromium 156 sous Debian 12, en français et en anglais "
        "(format des dates) ;",
        "outils : axe-core 4.14.1, Selenium (parcours au clavier), captures d'écran vérifiées "
        "à l'œil.",
    )),
    ("Retour d'information et contact", (
        "Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez l'organisme "
        "qui vous a donné accès à Cartocoord (par exemple l'agence régionale de santé ou votre "
        "conseil territorial de santé) pour être orienté vers une alternative accessible ou "
        "obtenir le contenu sous une autre forme.",), ()),
    ("Voies de recours", (
        "Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un "
        "contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous "
        "pouvez saisir le Défenseur des droits :",), (
        ("écrire un message au Défenseur des droits (formulaire en ligne) ;",
         "https://formulaire.defenseurdesdroits.fr/"),
        ("contacter le délégué du Défenseur des droits dans votre région ;",
         "https://www.defenseurdesdroits.fr/saisir/delegues"),
        "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des "
        "droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
    )),
)
