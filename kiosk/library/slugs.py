"""The one rule that makes an identifier (a *slug*) from a name, whatever the door: the staff
area, a CSV or GeoJSON file of places, a folder or ``kiosk import --album``, the Corbeille.

Accents are dropped (« Bourbon-l'Archambault » → ``bourbon-l-archambault``, « Œuvre » →
``oeuvre``), every run of other characters becomes one hyphen, the result is cut at
:data:`~kiosk.store.validation.MAX_SLUG` characters (the gate's limit) on a word boundary when it
can be. A name with no letter or digit gives the caller's ``fallback`` word (« lieu »,
« carnet », « page »). A taken identifier becomes ``slug-2``, ``slug-3``… cut so that the number
still fits under the same limit. The gate's slug rule always takes the result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import Album, Page, Place
from kiosk.store.validation import MAX_SLUG

Taken = Callable[[str], bool]

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# Letters that Unicode does not decompose into a Latin letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d"})


def _cut(slug: str, limit: int) -> str:
    """``slug`` within ``limit`` characters, at its last hyphen when it has one there."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")


def slugify(text: str, fallback: str) -> str:
    """The identifier made from ``text``; ``fallback`` when ``text`` has no letter or digit."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _cut(_NOT_ALNUM.sub("-", plain).strip("-"), MAX_SLUG) or fallback


def free_slug(slug: str, taken: Taken) -> str:
    """``slug`` itself if free, else the first of ``slug-2``, ``slug-3``… that is, each within
    the gate's limit (the stem is cut to leave room for its number)."""
    if not taken(slug):
        return slug
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = _cut(slug, MAX_SLUG - len(suffix)) + suffix
        if not taken(candidate):
            return candidate
        n += 1


def place_slug(name: str, commune: str | None, taken: Taken) -> str:
    """A new place's identifier: its name's; when another place has it, its name and commune's
    (two « Église Saint-Martin » in two communes); then a number."""
    own = slugify(name, "lieu")
    if not taken(own) or not (commune or "").strip():
        return free_slug(own, taken)
    return free_slug(slugify(f"{name} {commune}", "lieu"), taken)


def slug_taken(session: Session, model: type[Place | Album | Page]) -> Taken:
    """Whether a row of ``model`` in ``session`` already has an identifier."""
    return lambda slug: session.scalar(select(model.id).where(model.slug == slug)) is not None
