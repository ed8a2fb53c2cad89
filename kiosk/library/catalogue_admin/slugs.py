"""The one rule that makes an identifier (a *slug*) from a name: places, albums and pages.

Accents are dropped (« Bourbon-l'Archambault » → ``bourbon-l-archambault``), every run of other
characters becomes one hyphen, the result is cut at :data:`MAX_SLUG` characters on a word
boundary when it can be. A name with no letter or digit gives ``fallback``. The gate's slug rule
(lower-case letters, digits and single hyphens, at most 120 characters) always takes the result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

MAX_SLUG = 100  # leaves room for "-2", "-3"… under the gate's 120
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "lieu") -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _NOT_ALNUM.sub("-", plain).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")
    return slug or fallback


def free_slug(slug: str, taken: Callable[[str], bool]) -> str:
    """``slug`` itself if free, else the first of ``slug-2``, ``slug-3``… that is."""
    if not taken(slug):
        return slug
    n = 2
    while taken(f"{slug}-{n}"):
        n += 1
    return f"{slug}-{n}"


def add_at_end(session: Session, model: Any, title: str, fallback: str) -> int:
    """A new unpublished row of ``model`` (an album, a page) titled ``title``, last in the order,
    with a free identifier made from its title. Returns its id."""
    count = session.scalar(select(func.count()).select_from(model)) or 0
    slug = free_slug(
        slugify(title, fallback),
        lambda s: session.scalar(select(model.id).where(model.slug == s)) is not None,
    )
    row = model(slug=slug, title=title.strip(), sort_order=count, published=False)
    session.add(row)
    session.flush()
    return int(row.id)
