"""The text pages, in Markdown, French and English; deleting one puts it in the Corbeille
(:mod:`kiosk.store.models` keeps its row there in the deleting transaction, and
:func:`kiosk.library.trash.restore` brings it back)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kiosk.library.catalogue_admin.new_rows import add_at_end
from kiosk.library.catalogue_admin.places import NotFoundError, delete_to_corbeille
from kiosk.store.database import Catalogue
from kiosk.store.models import Page, TrashKind


@dataclass(frozen=True)
class PageRow:
    id: int
    title: str
    published: bool


@dataclass
class PageFields:
    title: str
    title_en: str | None = None
    body: str = ""
    body_en: str | None = None
    published: bool = True


def list_pages(catalogue: Catalogue) -> list[PageRow]:
    with catalogue.session() as session:
        return [
            PageRow(p.id, p.title, p.published)
            for p in session.scalars(select(Page).order_by(Page.sort_order, Page.id))
        ]


def page_fields(catalogue: Catalogue, page_id: int) -> PageFields:
    with catalogue.session() as session:
        page = session.get(Page, page_id)
        if page is None:
            raise NotFoundError(page_id)
        return PageFields(page.title, page.title_en, page.body, page.body_en, page.published)


def new_page(catalogue: Catalogue, title: str) -> int:
    """A new, unpublished page at the end (its visitors' tile appears once it is published)."""
    with catalogue.session() as session:
        return add_at_end(session, Page, title, "page")


def save_page(catalogue: Catalogue, page_id: int, fields: PageFields) -> None:
    with catalogue.session() as session:
        page = session.get(Page, page_id)
        if page is None:
            raise NotFoundError(page_id)
        page.title = fields.title.strip() or page.title
        page.title_en = (fields.title_en or "").strip() or None
        page.body = fields.body
        page.body_en = (fields.body_en or "").strip() or None
        page.published = fields.published


def delete_page(catalogue: Catalogue, page_id: int) -> int:
    """Delete a page (its tile leaves the visitors' home); it goes to the Corbeille. Returns the
    Corbeille item's id."""
    return delete_to_corbeille(catalogue, Page, page_id, TrashKind.PAGE)
