"""The words of the demo content, in French and English, written from ``/work/shared/FACTS.md``.

Nothing here is invented: where the facts say *unknown*, the text tells visitors that the
presentation is still to come and what is not known yet, the commune is left empty (staff fill it
in) and no website is given. The pages' Markdown is data, in ``data/pages/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

DEMO_CREDIT = "Démo générée par la borne"
DEMO_CREDIT_EN = "Demo made by the kiosk"


@dataclass(frozen=True)
class Town:
    """A town centre from the facts (WGS84), used for the map and for places with a commune."""

    name: str
    latitude: float
    longitude: float


TOWNS: tuple[Town, ...] = (
    Town("Bourbon-l'Archambault", 46.5842, 3.0572),
    Town("Cérilly", 46.6186, 2.8217),
    Town("Moulins", 46.5653, 3.3333),
    Town("Montluçon", 46.3408, 2.6033),
    Town("Vichy", 46.1244, 3.4283),
)
TOWNS_BY_NAME = {town.name: town for town in TOWNS}

# Bounding box of the Allier department (facts: about 45.93–46.80 N, 2.28–4.01 E).
ALLIER_LAT_MIN = 45.93
ALLIER_LAT_MAX = 46.80
ALLIER_LON_MIN = 2.28
ALLIER_LON_MAX = 4.01


@dataclass(frozen=True)
class PlaceText:
    slug: str
    name: str
    commune: str | None
    description: str
    description_en: str
    website: str | None
    tags: tuple[str, ...]
    has_vignette: bool


# Said to visitors where the facts have nothing yet: honest, and no staff to-do note.
TO_COME = (
    "Présentation à venir : sa commune et son site web ne sont pas encore indiqués ici, "
    "c'est pourquoi ce lieu n'est pas encore sur la carte."
)
TO_COME_EN = (
    "Description to come: its town and website are not given here yet, which is why this "
    "place is not on the map yet."
)
ROUTE_2021 = "Ce lieu a sa vignette vidéo de la Route des tiers-lieux 2021."
ROUTE_2021_EN = (
    "This place has its own video from the 2021 third-places road trip (Route des tiers-lieux)."
)
ROUTE_TAG = "route des tiers-lieux 2021"
# The demo tags' English names (names of events and labels stay as they are known).
TAGS_EN = {
    ROUTE_TAG: "2021 third-places road trip",
    "tiers-lieu rural": "rural third place",
    "numérique": "digital",
    "ESS": "SSE",
    "réseau": "network",
    "culture": "culture",
    "agriculture": "farming",
    "résidences d'artistes": "artist residencies",
    "Fabrique de Territoire": "Fabrique de Territoire label",
}


def _unknown_place(slug: str, name: str) -> PlaceText:
    return PlaceText(
        slug=slug,
        name=name,
        commune=None,
        description=f"{ROUTE_2021}\n\n{TO_COME}",
        description_en=f"{ROUTE_2021_EN}\n\n{TO_COME_EN}",
        website=None,
        tags=(ROUTE_TAG,),
        has_vignette=True,
    )


PLACES: tuple[PlaceText, ...] = (
    PlaceText(
        slug="le-mazier",
        name="Le Mazier",
        commune="Bourbon-l'Archambault",
        description=(
            "Tiers-lieu rural du Bocage bourbonnais, « lieu de vie connecté » animé par "
            "l'association Bocage Numérique.\n\n"
            "Pôle ESS : avec la CRESS, Le Mazier fait connaître l'économie sociale et solidaire "
            "dans l'Allier et en est un point ressource.\n\n"
            "Depuis 2020, avec La Péniche d'abord, il recense et fait connaître les tiers-lieux "
            "du département."
        ),
        description_en=(
            'A rural third place (tiers-lieu) in the Bocage bourbonnais, a "connected place to '
            'live" run by the association Bocage Numérique.\n\n'
            "An SSE hub (Pôle ESS): together with the CRESS, Le Mazier promotes the social and "
            "solidarity economy (SSE) in the Allier and is a resource point for it.\n\n"
            "Since 2020, with La Péniche d'abord, it has been mapping and promoting the "
            "third places of the department."
        ),
        website="https://bocagenumerique.com",
        tags=("tiers-lieu rural", "numérique", "ESS", "réseau", ROUTE_TAG),
        has_vignette=True,
    ),
    PlaceText(
        slug="polymorphe",
        name="Polymorphe",
        commune="Cérilly",
        description=(
            "Polymorphe corp. est une association fondée en 2018, installée à la ferme du Rutin, "
            "à Cérilly.\n\n"
            "Elle y mène des activités culturelles et agricoles et accueille des artistes en "
            "résidence."
        ),
        description_en=(
            "Polymorphe corp. is an association founded in 2018, based at the Rutin farm in "
            "Cérilly.\n\n"
            "It runs cultural and farming activities there and hosts artists in residence."
        ),
        website="https://polymorphecorp.com",
        tags=("culture", "agriculture", "résidences d'artistes", ROUTE_TAG),
        has_vignette=True,
    ),
    _unknown_place("la-magic", "La MAGIC"),
    PlaceText(
        slug="le-bouillon",
        name="Le Bouillon",
        commune=None,
        description=(
            "Tiers-lieu dont la compagnie a créé le spectacle-soupe des « Faites des "
            "tiers-lieux », en février 2022.\n\n"
            f"{ROUTE_2021}\n\n"
            "Présentation complète à venir : sa commune et son site web ne sont pas encore "
            "indiqués ici, c'est pourquoi ce lieu n'est pas encore sur la carte."
        ),
        description_en=(
            'A third place whose theatre company created the soup show of the "Faites des '
            'tiers-lieux" days in February 2022.\n\n'
            f"{ROUTE_2021_EN}\n\n"
            "Fuller description to come: its town and website are not given here yet, which "
            "is why this place is not on the map yet."
        ),
        website=None,
        tags=("culture", ROUTE_TAG),
        has_vignette=True,
    ),
    _unknown_place("1-2-3-bocage", "1,2,3 Bocage"),
    _unknown_place("adequat", "ADEQUAT"),
    _unknown_place("petit-peuple-du-bocage", "Petit Peuple du Bocage"),
    PlaceText(
        slug="la-peniche-d-abord",
        name="La Péniche d'abord",
        commune="Moulins",
        description=(
            "Association qui porte un projet de tiers-lieu sur un bateau, à Moulins (en 2021).\n\n"
            "Avec Bocage Numérique, elle est labellisée Fabrique de Territoire (consortium "
            "« Tiers-lieux structurants de l'Allier (03) ») : ensemble, elles recensent et font "
            "connaître les initiatives locales depuis 2020."
        ),
        description_en=(
            "An association behind a third-place project on a boat, in Moulins (as of 2021).\n\n"
            "Together with Bocage Numérique it holds the Fabrique de Territoire label (consortium "
            '"Tiers-lieux structurants de l\'Allier (03)"): since 2020 the two have been '
            "mapping and promoting local initiatives."
        ),
        website="https://lapenichedabord.com",
        tags=("réseau", "Fabrique de Territoire"),
        has_vignette=False,
    ),
    PlaceText(
        slug="bardane",
        name="Bardane",
        commune=None,
        description=(
            "Association qui anime une « pépinière des tiers-lieux ruraux ». Partenaire du "
            "réseau.\n\n"
            "Sa commune n'est pas encore indiquée ici, c'est pourquoi ce lieu n'est pas encore "
            "sur la carte."
        ),
        description_en=(
            'An association running a "nursery for rural third places". A partner of the '
            "network.\n\n"
            "Its town is not given here yet, which is why this place is not on the map yet."
        ),
        website="https://bardane.org",
        tags=("réseau", "tiers-lieu rural"),
        has_vignette=False,
    ),
)


@dataclass(frozen=True)
class PageText:
    slug: str
    icon: str
    title: str
    title_en: str
    body: str
    body_en: str


def _body(slug: str, language: str) -> str:
    """A demo page's Markdown, kept as data in ``data/pages/<slug>.<language>.md``."""
    folder = resources.files("kiosk.library.demo").joinpath("data/pages")
    return folder.joinpath(f"{slug}.{language}.md").read_text("utf-8")


PAGES: tuple[PageText, ...] = (
    PageText(
        slug="ess",
        icon="mdi6.handshake-outline",
        title="C'est quoi l'ESS ?",
        title_en="What is the SSE?",
        body=_body("ess", "fr"),
        body_en=_body("ess", "en"),
    ),
    PageText(
        slug="le-mazier",
        icon="mdi6.barn",
        title="Le Mazier, lieu ressource",
        title_en="Le Mazier, a resource place",
        body=_body("le-mazier", "fr"),
        body_en=_body("le-mazier", "en"),
    ),
    PageText(
        slug="manifeste",
        icon="mdi6.hand-heart-outline",
        title="Pourquoi nous partageons",
        title_en="Why we share",
        body=_body("manifeste", "fr"),
        body_en=_body("manifeste", "en"),
    ),
)

ALBUM_SLUG = "faites-des-tiers-lieux-2022"
ALBUM_TITLE = "Faites des tiers-lieux — 25 et 26 février 2022"
ALBUM_TITLE_EN = "Faites des tiers-lieux — 25 and 26 February 2022"
ALBUM_DATE_LABEL = "25 et 26 février 2022"
ALBUM_DATE_LABEL_EN = "25 and 26 February 2022"
ALBUM_CREDIT = "Démo — les vrais carnets sont de Pascaline Liard"
ALBUM_CREDIT_EN = "Demo — the real graphic notes are by Pascaline Liard"

DRAWING_MARK = "DÉMO — dessin de démonstration"


@dataclass(frozen=True)
class DrawingText:
    """One graphic note of the demo: what is written on it and its album captions."""

    key: str
    heading: str
    lines: tuple[str, ...]
    keywords: tuple[str, ...]
    caption: str
    caption_en: str


DRAWINGS: tuple[DrawingText, ...] = (
    DrawingText(
        key="faites-des-tiers-lieux",
        heading="Faites des tiers-lieux",
        lines=("25 et 26 février 2022", "Château Bignon, Bourbon-l'Archambault"),
        keywords=(
            "forum ouvert",
            "intelligence collective",
            "escape game",
            "spectacle-soupe",
            "conférence",
            "facilitation graphique",
        ),
        caption=(
            "Faites des tiers-lieux, 25 et 26 février 2022, Château Bignon, "
            "Bourbon-l'Archambault (dessin de démonstration)."
        ),
        caption_en=(
            "Faites des tiers-lieux, 25 and 26 February 2022, Château Bignon, "
            "Bourbon-l'Archambault (demo drawing)."
        ),
    ),
    DrawingText(
        key="forum-ouvert",
        heading="Forum ouvert",
        lines=("Trois ans de Fabrique de Territoire",),
        keywords=("tiers-lieux de l'Allier", "initiatives locales", "réseau", "partager", "ESS"),
        caption="Le forum ouvert (dessin de démonstration).",
        caption_en="The open forum (demo drawing).",
    ),
    DrawingText(
        key="intelligence-collective",
        heading="Ateliers d'intelligence collective",
        lines=("Faites des tiers-lieux 2022",),
        keywords=("intelligence collective", "ensemble", "partager", "réseau", "tiers-lieux"),
        caption="Les ateliers d'intelligence collective (dessin de démonstration).",
        caption_en="The collective-intelligence workshops (demo drawing).",
    ),
    DrawingText(
        key="escape-game",
        heading="Escape game grandeur nature",
        lines=("Château Bignon",),
        keywords=("grandeur nature", "coopérer", "jouer", "ensemble"),
        caption="L'escape game grandeur nature (dessin de démonstration).",
        caption_en="The life-size escape game (demo drawing).",
    ),
    DrawingText(
        key="spectacle-soupe",
        heading="Spectacle-soupe",
        lines=("par la compagnie du Bouillon",),
        keywords=("spectacle", "soupe", "Le Bouillon", "partager"),
        caption="Le spectacle-soupe, par la compagnie du Bouillon (dessin de démonstration).",
        caption_en="The soup show, by the company of Le Bouillon (demo drawing).",
    ),
    DrawingText(
        key="conference-heidsieck",
        heading="Conférence de Charles-Benoît Heidsieck",
        lines=("fondateur-président du Rameau",),
        keywords=("Le Rameau", "recherche", "partenariats", "tiers-lieux"),
        caption=(
            "La conférence de Charles-Benoît Heidsieck, fondateur-président du Rameau "
            "(dessin de démonstration)."
        ),
        caption_en=(
            "The talk by Charles-Benoît Heidsieck, founder-president of Le Rameau (demo drawing)."
        ),
    ),
    DrawingText(
        key="fourmis-cooperantes",
        heading="Les fourmis coopérantes",
        lines=("Pourquoi nous partageons",),
        keywords=(
            "le partage : l'ADN des tiers-lieux",
            "plus de tiers-lieux, plus de vie à la campagne",
            "se faire connaître, tisser des réseaux",
            "aidés, nous transmettons",
            "les ressources partagées sont des communs",
        ),
        caption="Les fourmis coopérantes : pourquoi nous partageons (dessin de démonstration).",
        caption_en="The cooperating ants: why we share (demo drawing).",
    ),
)

MAP_TITLE = "Les tiers-lieux de l'Allier"
MAP_CATALOGUE_TITLE = "Les tiers-lieux de l'Allier (carte de démonstration)"
MAP_MARK = "Carte de démonstration"
MAP_CAPTION = (
    "Carte de démonstration : la carte illustrée de Pascaline Liard la remplacera. Villes "
    "placées d'après les coordonnées de leur centre. Contours : IGN Admin Express, INSEE COG "
    "(Licence Ouverte)."
)
# The credit of the demo map, shown below it on screen (the licence asks for the source).
MAP_CREDIT = "Démo générée par la borne · Contours : IGN Admin Express, INSEE COG"
MAP_CREDIT_EN = "Demo made by the kiosk · Boundaries: IGN Admin Express, INSEE COG"

AFTERMOVIE_TITLE = "Route des tiers-lieux 2021 — film de démonstration"
AFTERMOVIE_TITLE_EN = "Third-places road trip 2021 — demo film"
AFTERMOVIE_SUBTITLE = "Une semaine, 11 lieux de l'Allier"
VIGNETTE_SUBTITLE = "Vignette de démonstration — Route des tiers-lieux 2021"
VIGNETTE_TITLE_EN_SUFFIX = "demo place video"
# On a vignette whose commune is not known: all the places of the 2021 road trip are in the Allier.
COMMUNE_UNKNOWN = "Un lieu de l'Allier"
