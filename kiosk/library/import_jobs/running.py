"""Importing files one by one: each copied while hashed, checked, recorded in one transaction; a
refused file never stops the others."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import func, select

from kiosk.config import ContentRoot
from kiosk.library.durable import Copied, copy_hashed
from kiosk.library.images import PDF_SUFFIX
from kiosk.library.import_jobs.links import _check_role, _link, check_links, default_role
from kiosk.library.import_jobs.outcomes import (
    CancelToken,
    FileResult,
    ImportCancelledError,
    ImportReport,
    Links,
    Outcome,
    Progress,
    ProgressCallback,
    ResultCallback,
)
from kiosk.library.import_jobs.titles import _PDF_PAGE_ROOM, MAX_TITLE, _title_of
from kiosk.library.importing import (
    NOT_MEDIA,
    NotMediaError,
    import_image_file,
    import_media,
    kind_of,
    stored_suffix,
)
from kiosk.library.media_store import MediaError, folder_for
from kiosk.library.plurals import counted
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    MediaAsset,
    MediaKind,
)


def import_files(
    catalogue: Catalogue,
    root: ContentRoot,
    sources: list[Path],
    links: Links | None = None,
    *,
    progress: ProgressCallback | None = None,
    on_result: ResultCallback | None = None,
    cancel: CancelToken | None = None,
    skipped: Iterable[FileResult] = (),
) -> ImportReport:
    """Import ``sources`` one by one; a refused file never stops the others.

    ``skipped`` (from :func:`skipped_files`) are reported first, so the report names every file
    of the folders imported.
    """
    links = links or Links()
    check_links(catalogue, links)
    sizes = [_size_of(source) for source in sources]
    overall_total = sum(sizes)
    report = ImportReport()
    for result in skipped:
        report.results.append(result)
        if on_result is not None:
            on_result(result)
    done_before = 0
    for index, source in enumerate(sources):
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break

        def file_progress(
            done: int, index: int = index, source: Path = source, before: int = done_before
        ) -> None:
            if progress is not None:
                progress(
                    Progress(
                        index,
                        len(sources),
                        source,
                        done,
                        sizes[index],
                        before + done,
                        overall_total,
                    )
                )

        try:
            result = import_one(catalogue, root, source, links, file_progress, cancel)
        except ImportCancelledError:
            result = FileResult(source, Outcome.CANCELLED, "annulé pendant la copie")
            report.cancelled = True
        report.results.append(result)
        if on_result is not None:
            on_result(result)
        if report.cancelled:
            break
        done_before += sizes[index]
    return report


def import_one(
    catalogue: Catalogue,
    root: ContentRoot,
    source: Path,
    links: Links,
    on_bytes: Callable[[int], None] | None = None,
    cancel: CancelToken | None = None,
) -> FileResult:
    """Copy, check and record one file; refusals come back as a result, cancel as an exception."""
    try:
        if not source.is_file():
            raise MediaError(f"{source} : fichier introuvable.")
        if source.suffix.lower() == PDF_SUFFIX:
            return _import_pdf(catalogue, root, source, links, on_bytes, cancel)
        kind = kind_of(source)
        role = default_role(kind, links)
        _check_role(kind, role, source)
        suffix = stored_suffix(source, kind)
        copied = _copy_in(root, source, kind, suffix, on_bytes, cancel)
        target, digest, created = copied.path, copied.sha256, copied.created
        try:
            with catalogue.session() as session:
                existing = session.scalars(
                    select(MediaAsset).where(MediaAsset.sha256 == digest)
                ).first()
                if existing is not None:
                    asset = existing
                else:
                    asset = import_media(
                        session, root, target, role, title=_title_of(source), sha256=digest
                    )
                _link(session, asset, links)
                outcome = Outcome.PRESENT if existing is not None else Outcome.IMPORTED
                media_id, stored = asset.id, asset.path
        except BaseException as error:
            if created and not _recorded(catalogue, digest):
                target.unlink(missing_ok=True)
            if isinstance(error, MediaError):
                raise MediaError(str(error).replace(str(target), str(source))) from None
            raise
        return FileResult(source, outcome, media_id=media_id, stored_path=stored)
    except NotMediaError:
        return FileResult(source, Outcome.SKIPPED, NOT_MEDIA)
    except MediaError as error:
        return FileResult(source, Outcome.REFUSED, _reason_only(str(error), source))
    except OSError as error:
        return FileResult(source, Outcome.REFUSED, f"lecture impossible ({error.strerror})")


def _import_pdf(
    catalogue: Catalogue,
    root: ContentRoot,
    source: Path,
    links: Links,
    on_bytes: Callable[[int], None] | None,
    cancel: CancelToken | None,
) -> FileResult:
    """A PDF of drawings: each page becomes an image of its own (the PDF itself is not kept).

    Its pages are rendered and recorded in one transaction, so a refused or cancelled PDF leaves
    no page behind.
    """
    if cancel is not None:
        cancel.check()
    role = default_role(MediaKind.IMAGE, links)
    _check_role(MediaKind.IMAGE, role, source)
    with catalogue.session() as session:
        known = set(session.scalars(select(MediaAsset.id)))
        # Never empty: the pages would then be titled from the raw file name.
        title = _title_of(source, MAX_TITLE - _PDF_PAGE_ROOM) or "Sans titre"
        assets = import_image_file(session, root, source, role, title=title)
        for asset in assets:
            _link(session, asset, links)
        pages = len(assets)
        new = sum(1 for asset in assets if asset.id not in known)
        first_id, first_path = assets[0].id, assets[0].path
    if on_bytes is not None:
        on_bytes(_size_of(source))
    outcome = Outcome.IMPORTED if new else Outcome.PRESENT
    detail = counted(pages, "page devenue image", "pages devenues images")
    return FileResult(source, outcome, detail, media_id=first_id, stored_path=first_path)


def _copy_in(
    root: ContentRoot,
    source: Path,
    kind: MediaKind,
    suffix: str,
    on_bytes: Callable[[int], None] | None,
    cancel: CancelToken | None,
) -> Copied:
    """Copy ``source`` to its hash-named place (temporary name, fsync, rename) while hashing:
    the one read of the source's bytes an import makes."""
    done = 0

    def on_chunk(chunk: bytes) -> None:
        nonlocal done
        if cancel is not None:
            cancel.check()
        done += len(chunk)
        if on_bytes is not None:
            on_bytes(done)

    return copy_hashed(
        source, folder_for(root, kind), lambda digest: f"{digest[:16]}{suffix}", on_chunk
    )


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _recorded(catalogue: Catalogue, digest: str) -> bool:
    with catalogue.session() as session:
        return bool(
            session.scalar(
                select(func.count()).select_from(MediaAsset).where(MediaAsset.sha256 == digest)
            )
        )


def _reason_only(message: str, source: Path) -> str:
    """The reason part of a "path : reason" message (the caller names the file)."""
    head, separator, tail = message.partition(" : ")
    reason = tail if separator and ("/" in head or head == str(source)) else message
    return reason.rstrip(".")
