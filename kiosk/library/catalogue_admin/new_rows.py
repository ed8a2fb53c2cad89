"""A new album or page at the end of the list, with a free identifier made from its title by the
one slug rule (:mod:`kiosk.library.slugs`)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.library.slugs import free_slug, slug_taken, slugify
from kiosk.store.models import Album, Page


def add_at_end(session: Session, model: type[Album | Page], title: str, fallback: str) -> int:
    """A new unpublished row of ``model`` (an album, a page) titled ``title``, last in the order,
    with a free identifier made from its title. Returns its id."""
    count = session.scalar(select(func.count()).select_from(model)) or 0
    slug = free_slug(slugify(title, fallback), slug_taken(session, model))
    row = model(slug=slug, title=title.strip(), sort_order=count, published=False)
    session.add(row)
    session.flush()
    return int(row.id)
