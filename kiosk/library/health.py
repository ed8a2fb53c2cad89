"""The health check: is every file the catalogue names there, whole and readable, and is nothing
else lying around?

``check`` only reads. ``fix`` repairs what is safe: it removes partial files (temporary copies an
interruption left) and bundle staging folders, rebuilds caches, and moves orphan files (files in
``assets/`` or ``videos/`` that no catalogue row names) to ``trash/`` under the content root. It
never deletes a staff member's file.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library import content_lock
from kiosk.library.durable import TEMP_PREFIX, sha256_of
from kiosk.library.import_jobs import CancelToken
from kiosk.library.leftovers import iter_staging_dirs
from kiosk.library.leftovers import remove_interrupted_work as remove_interrupted_work
from kiosk.library.media_admin import TRASH_DIR, MediaUse, all_uses, move_to_trash
from kiosk.library.media_store import MediaError
from kiosk.library.printable import shown
from kiosk.library.probe import probe_image, probe_video
from kiosk.library.sizes import human_size
from kiosk.store import validation
from kiosk.store.database import Catalogue
from kiosk.store.models import AlbumItem, MapImage, MediaAsset, MediaKind, MediaRole, Place

LOW_SPACE_BYTES = 2 * 1024**3
# Work folders and files under cache/ that only an interrupted process leaves behind: image
# renditions being built, PDF pages being rendered, demo media being generated, a poster being
# written (see kiosk.library.images, kiosk.library.demo.builder, kiosk.playback.posters).


class Severity(StrEnum):
    ERROR = "erreur"
    WARNING = "attention"


class Code(StrEnum):
    DATABASE = "database"
    MISSING = "missing"
    SIZE = "size"
    HASH = "hash"
    UNREADABLE = "unreadable"
    ORPHAN = "orphan"
    PARTIAL = "partial"
    UNPLACED = "unplaced"
    BROKEN_REFERENCE = "broken-reference"
    UNSAFE_PATH = "unsafe-path"
    INVALID = "invalid"
    NO_MAP = "no-map"
    DISK_SPACE = "disk-space"


FIXABLE = {Code.ORPHAN, Code.PARTIAL}


# The problems of a media's own file: each is told with the media's title, its uses and a hint.
MEDIA_CODES = {Code.MISSING, Code.SIZE, Code.HASH, Code.UNREADABLE}


@dataclass(frozen=True)
class MediaFacts:
    """A media as staff know it, for a problem about its file: its title, its kind in staff
    words (film, vidéo d'un lieu, dessin, photo, carte…), where visitors see it, what they see
    meanwhile."""

    id: int
    title: str
    title_en: str | None
    kind: str
    uses: tuple[str, ...]
    visitors: str
    file_name: str = ""

    @property
    def name(self) -> str:
        """« title » (in English « … »); an untitled media by the name the Médias list shows."""
        name = (
            f"« {self.title} »"
            if self.title
            else f"sans titre (« {self.file_name} » dans la liste des Médias)"
        )
        if self.title_en and self.title_en != self.title:
            name += f" (en anglais « {self.title_en} »)"
        return name


@dataclass(frozen=True)
class Problem:
    """One thing wrong. ``subject`` is what it is about as a technician names it (a file path
    relative to the content root for a media, a place, a table row); a problem about a media's
    file also has ``media`` (how staff know it), ``action`` (what to do, in plain French) and
    ``detail`` (the numbers a technician wants)."""

    code: Code
    severity: Severity
    subject: str
    message: str
    media: MediaFacts | None = None
    action: str = ""
    detail: str = ""

    @property
    def fixable(self) -> bool:
        return self.code in FIXABLE

    @property
    def headline(self) -> str:
        """The first line: what is wrong, named as staff know it."""
        if self.media is None:
            return f"{self.subject} : {self.message}"
        return f"{self.media.kind.capitalize()} {self.media.name} : {self.message}"

    def explanation(self) -> list[str]:
        """The lines under the headline: uses, what visitors see, what to do, the detail."""
        if self.media is None:
            return [f"À faire : {self.action}"] if self.action else []
        lines = [
            "Utilisé par : " + (" ; ".join(self.media.uses) if self.media.uses else "rien") + ".",
            f"Pour les visiteurs : {self.media.visitors}.",
        ]
        if self.action:
            lines.append(f"À faire : {self.action}")
        lines.append(f"Détail technique : {self.detail or self.subject}")
        return lines

    def lines(self) -> list[str]:
        return [f"[{self.severity.value}] {self.headline}", *self.explanation()]

    def line(self) -> str:
        return " ".join(self.lines())


@dataclass
class HealthReport:
    problems: list[Problem] = field(default_factory=list)
    media_checked: int = 0
    bytes_checked: int = 0
    free_bytes: int = 0
    total_bytes: int = 0
    database_ok: bool = True

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def of(self, code: Code) -> list[Problem]:
        return [p for p in self.problems if p.code is code]


@dataclass
class FixReport:
    removed_partial: list[str] = field(default_factory=list)
    trashed_orphans: list[str] = field(default_factory=list)
    caches_rebuilt: int = 0
    caches_failed: list[str] = field(default_factory=list)
    trash_folder: Path | None = None
    busy: bool = False  # another kiosk process was at work: partial and orphan files left alone

    def lines(self) -> list[str]:
        lines = [f"fichier partiel supprimé : {path}" for path in self.removed_partial]
        if self.busy:
            lines.append(
                "une autre commande de la borne est en cours : fichiers partiels et orphelins "
                "laissés en place (relancez « kiosk check --fix » quand elle sera finie)"
            )
        lines += [
            f"fichier orphelin déplacé dans {self.trash_folder} : {path}"
            for path in self.trashed_orphans
        ]
        if self.caches_rebuilt:
            lines.append(f"caches reconstruits : {self.caches_rebuilt} images")
        lines += [f"cache non reconstruit : {reason}" for reason in self.caches_failed]
        return lines


ProgressCallback = Callable[[int, int], None]


def check(
    catalogue: Catalogue,
    root: ContentRoot,
    *,
    verify_hashes: bool = True,
    probe: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> HealthReport:
    """Look at everything; change nothing."""
    report = HealthReport()
    _check_database(catalogue, report)
    with catalogue.session() as session:
        assets = list(session.scalars(select(MediaAsset).order_by(MediaAsset.id)))
        places = list(session.scalars(select(Place).order_by(Place.name)))
        maps = list(session.scalars(select(MapImage)))
        items = list(session.scalars(select(AlbumItem)))
        asset_by_id = {asset.id: asset for asset in assets}
        _check_references(report, places, maps, items, asset_by_id)
        _check_rows(session, report)
    total = sum(asset.size_bytes for asset in assets) or 1
    done = 0
    known_paths: set[str] = set()
    for asset in assets:
        if cancel is not None:
            cancel.check()
        known_paths.add(asset.path)
        if asset.subtitles_path:
            known_paths.add(asset.subtitles_path)
            subtitles = _media_file(root, asset.subtitles_path, report)
            if subtitles is not None and not subtitles.is_file():
                report.problems.append(
                    Problem(
                        Code.MISSING,
                        Severity.WARNING,
                        asset.subtitles_path,
                        "sous-titres introuvables",
                    )
                )
        _check_asset(root, asset, report, verify_hashes, probe, cancel)
        done += asset.size_bytes
        report.media_checked += 1
        if progress is not None:
            progress(done, total)
    _name_media(catalogue, assets, report)
    _check_leftovers(root, known_paths, report)
    report.problems.sort(key=lambda p: p.severity is not Severity.ERROR)  # errors first
    usage = shutil.disk_usage(root.home)
    report.free_bytes, report.total_bytes = usage.free, usage.total
    if usage.free < LOW_SPACE_BYTES:
        report.problems.append(
            Problem(
                Code.DISK_SPACE,
                Severity.WARNING,
                str(root.home),
                f"il ne reste que {usage.free // 2**20} Mo libres",
            )
        )
    return report


def _check_database(catalogue: Catalogue, report: HealthReport) -> None:
    try:
        with sqlite3.connect(f"file:{catalogue.db_path}?mode=ro", uri=True) as connection:
            result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        connection.close()
    except sqlite3.DatabaseError as error:
        result, foreign = [str(error)], []
    if result != ["ok"]:
        report.database_ok = False
        report.problems.append(
            Problem(Code.DATABASE, Severity.ERROR, catalogue.db_path.name, "; ".join(result[:3]))
        )
    if foreign:
        report.database_ok = False
        report.problems.append(
            Problem(
                Code.DATABASE,
                Severity.ERROR,
                catalogue.db_path.name,
                f"{len(foreign)} référence(s) vers des lignes absentes (table {foreign[0][0]})",
            )
        )


def _check_asset(
    root: ContentRoot,
    asset: MediaAsset,
    report: HealthReport,
    verify_hashes: bool,
    probe: bool,
    cancel: CancelToken | None,
) -> None:
    path = _media_file(root, asset.path, report)
    if path is None:
        return

    def problem(code: Code, message: str, detail: str = "") -> None:
        report.problems.append(
            Problem(code, Severity.ERROR, asset.path, message, detail=detail or asset.path)
        )

    if not path.is_file():
        problem(Code.MISSING, "fichier introuvable")
        return
    size = path.stat().st_size
    if size != asset.size_bytes:
        shorter = size < asset.size_bytes
        problem(
            Code.SIZE,
            ("fichier tronqué" if shorter else "fichier modifié")
            + f" ({human_size(size)} au lieu de {human_size(asset.size_bytes)})",
            f"{asset.path} : {size} octets au lieu de {asset.size_bytes}",
        )
        return
    if verify_hashes:
        digest = sha256_of(path, None if cancel is None else lambda _chunk: cancel.check())
        report.bytes_checked += size
        if digest != asset.sha256:
            problem(
                Code.HASH,
                "le contenu du fichier a changé (même taille, autres octets) : fichier abîmé",
                f"{asset.path} : empreinte {digest[:12]}… au lieu de {asset.sha256[:12]}…",
            )
            return
    if probe:
        try:
            if asset.kind is MediaKind.VIDEO:
                probe_video(path)
            else:
                probe_image(path)
        except MediaError as error:
            reason = str(error).partition(" : ")[2] or str(error)
            problem(Code.UNREADABLE, "fichier illisible", f"{asset.path} : {reason}")


def kind_words(asset: MediaAsset, uses: list[MediaUse] | None = None) -> str:
    """A media's kind as staff say it (a video is "d'un lieu" when a place has it)."""
    if asset.kind is MediaKind.VIDEO:
        if asset.role is MediaRole.AFTERMOVIE or asset.is_film:
            return "film"
        if any(use.what == "place-video" for use in uses or ()):
            return "vidéo d'un lieu"
        return "vidéo"
    return {
        MediaRole.DRAWING: "dessin",
        MediaRole.PHOTO: "photo",
        MediaRole.MAP: "carte",
    }.get(asset.role, "image")


# What to do, by problem, in plain French (the button names are the Médias tab's).
_REPLACE = (
    "onglet Médias, touchez le média, choisissez le fichier d'origine dans le navigateur "
    "puis « Remplacer par le fichier choisi »"
)
ACTIONS = {
    Code.MISSING: "Le fichier a disparu : réimportez-le depuis la clé (" + _REPLACE + ") ou "
    "retirez le média (« Retirer »).",
    Code.SIZE: "Réimportez le fichier d'origine depuis la clé (" + _REPLACE + ").",
    Code.HASH: "Réimportez le fichier d'origine depuis la clé (" + _REPLACE + ").",
    Code.UNREADABLE: "Réimportez le fichier d'origine depuis la clé (" + _REPLACE + ") ; "
    "si l'original est lui aussi illisible, exportez-le à nouveau depuis l'appareil ou le "
    "logiciel d'où il vient.",
}
TIDY_ACTION = (
    "rien d'urgent ; « Reconstruire les caches et ranger les orphelins » (onglet Santé) ou "
    "« kiosk check --fix » le range (un fichier orphelin va dans trash/, une copie "
    "interrompue est supprimée)."
)
SUBTITLES_ACTION = (
    "Remettez le fichier de sous-titres : réimportez la vidéo avec son fichier .srt ou .vtt "
    "à côté (" + _REPLACE + "). La vidéo se lit sans sous-titres en attendant."
)


def _visitors(asset: MediaAsset, code: Code, uses: list[MediaUse]) -> str:
    """What visitors see while the file is not fixed."""
    if not any(use.visible for use in uses):
        return "ils ne le voient nulle part (média inutilisé ou non publié)"
    if asset.kind is MediaKind.VIDEO:
        if code in (Code.MISSING, Code.SIZE):
            # The visitor lists leave out what is missing or not of its size (file_is_whole).
            return "hors des listes des visiteurs jusqu'à réparation"
        return (
            "toujours dans les listes des visiteurs (sa taille est la bonne), mais la lecture "
            "peut s'arrêter en route ou ne pas démarrer"
        )
    if code is Code.MISSING:
        return "l'image manque là où elle est utilisée"
    return "l'image peut s'afficher abîmée, ou pas du tout, là où elle est utilisée"


def _name_media(catalogue: Catalogue, assets: list[MediaAsset], report: HealthReport) -> None:
    """Give every problem about a media's file the media's title, kind, uses, what visitors see
    meanwhile and what to do (one query for the uses of all of them)."""
    by_path = {asset.path: asset for asset in assets}
    by_subtitles = {asset.subtitles_path: asset for asset in assets if asset.subtitles_path}
    concerned = [
        p
        for p in report.problems
        if p.code in MEDIA_CODES and (p.subject in by_path or p.subject in by_subtitles)
    ]
    if not concerned:
        return
    ids = sorted({(by_path.get(p.subject) or by_subtitles[p.subject]).id for p in concerned})
    with catalogue.session() as session:
        uses = all_uses(session, ids)
    named: dict[int, Problem] = {}
    for index, problem in enumerate(report.problems):
        if problem not in concerned:
            continue
        subtitles = problem.subject not in by_path
        asset = by_subtitles[problem.subject] if subtitles else by_path[problem.subject]
        its_uses = uses.get(asset.id, [])
        kind = kind_words(asset, its_uses)
        facts = MediaFacts(
            asset.id,
            asset.title,
            asset.title_en,
            f"sous-titres de la {kind}"
            if subtitles and kind != "film"
            else ("sous-titres du film" if subtitles else kind),
            tuple(use.describe() for use in its_uses),
            "la vidéo se lit sans sous-titres"
            if subtitles
            else _visitors(asset, problem.code, its_uses),
            Path(asset.path).name,
        )
        named[index] = dataclasses.replace(
            problem,
            media=facts,
            action=SUBTITLES_ACTION if subtitles else ACTIONS[problem.code],
            detail=problem.detail or problem.subject,
        )
    for index, problem in named.items():
        report.problems[index] = problem


def _media_file(root: ContentRoot, relative: str, report: HealthReport) -> Path | None:
    """The file a catalogue path names, or None (and a problem) when it is not a file of
    ``assets/`` or ``videos/``: such a path is reported, never opened, moved or exported."""
    problem = validation.media_path_problem(relative)
    path: Path | None = None
    if problem is None:
        try:
            path = root.absolute(relative)
        except UnsafePathError:
            problem = "mène hors de assets/ et videos/ (lien symbolique ?)"
    if problem is not None:
        report.problems.append(
            Problem(
                Code.UNSAFE_PATH,
                Severity.ERROR,
                shown(relative, 200),
                f"le catalogue nomme un fichier hors des dossiers de médias ({problem}) ; "
                "jamais ouvert, déplacé ni exporté : retirez ce média ou restaurez une sauvegarde",
            )
        )
    return path


def _check_rows(session: Session, report: HealthReport) -> None:
    """Every content row against the one gate: rows written before it existed (or by hand)."""
    from kiosk.store.models import Base

    for table_name in validation.CONTENT_TABLES:
        table = Base.metadata.tables[table_name]
        for row in session.execute(select(table)):
            values = {
                key: value.value
                if hasattr(value, "value") and not isinstance(value, str)
                else value
                for key, value in row._mapping.items()
            }
            try:
                validation.check_row(table_name, values, complete=False)
            except validation.ValidationError as error:
                if error.field in {f"{t}.{c}" for t, c in validation.PATH_COLUMNS}:
                    continue  # reported with the files (unsafe-path)
                ident = values.get("id", values.get("key", ""))
                report.problems.append(
                    Problem(
                        Code.INVALID,
                        Severity.WARNING,
                        f"{table_name} n°{shown(str(ident), 200)}",
                        f"{error.field} : {error.reason}",
                    )
                )


def _check_references(
    report: HealthReport,
    places: list[Place],
    maps: list[MapImage],
    items: list[AlbumItem],
    assets: dict[int, MediaAsset],
) -> None:
    def broken(subject: str, message: str) -> None:
        report.problems.append(Problem(Code.BROKEN_REFERENCE, Severity.ERROR, subject, message))

    for place in places:
        subject = f"lieu « {place.name} »"
        if place.photo_id is not None:
            photo = assets.get(place.photo_id)
            if photo is None:
                broken(subject, "sa photo n'existe plus")
            elif photo.kind is not MediaKind.IMAGE:
                broken(subject, "sa photo est une vidéo")
        if place.video_id is not None:
            video = assets.get(place.video_id)
            if video is None:
                broken(subject, "sa vidéo n'existe plus")
            elif video.kind is not MediaKind.VIDEO:
                broken(subject, "sa vidéo est une image")
        has_coordinates = place.latitude is not None and place.longitude is not None
        if place.published and not place.is_on_map and not has_coordinates:
            report.problems.append(
                Problem(
                    Code.UNPLACED,
                    Severity.WARNING,
                    subject,
                    "publié mais sans épingle ni coordonnées",
                )
            )
    for map_image in maps:
        image = assets.get(map_image.image_id)
        if image is None or image.kind is not MediaKind.IMAGE:
            broken(f"carte « {map_image.title} »", "son image manque ou n'est pas une image")
    current = [m for m in maps if m.is_current]
    if not current:
        report.problems.append(
            Problem(Code.NO_MAP, Severity.WARNING, "carte", "aucune carte n'est choisie")
        )
    elif len(current) > 1:
        broken("carte", f"{len(current)} cartes sont marquées « actuelle »")
    for item in items:
        media = assets.get(item.media_id)
        if media is None or media.kind is not MediaKind.IMAGE:
            broken(f"carnet n°{item.album_id}", f"l'élément {item.position} n'est pas une image")


def _check_leftovers(root: ContentRoot, known: set[str], report: HealthReport) -> None:
    for folder in (root.assets_dir, root.videos_dir):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
            relative = path.relative_to(root.home).as_posix()
            if path.name.startswith(TEMP_PREFIX):
                report.problems.append(
                    Problem(
                        Code.PARTIAL,
                        Severity.WARNING,
                        relative,
                        "copie interrompue",
                        action=TIDY_ACTION,
                    )
                )
            elif relative not in known:
                report.problems.append(
                    Problem(
                        Code.ORPHAN,
                        Severity.WARNING,
                        relative,
                        "fichier absent du catalogue",
                        action=TIDY_ACTION,
                    )
                )
    for staging in iter_staging_dirs(root):
        report.problems.append(
            Problem(
                Code.PARTIAL,
                Severity.WARNING,
                staging.relative_to(root.home).as_posix(),
                "import de lot interrompu",
                action=TIDY_ACTION,
            )
        )


def fix(
    catalogue: Catalogue,
    root: ContentRoot,
    report: HealthReport,
    *,
    rebuild_caches: bool = True,
) -> FixReport:
    """Repair what is safe; return what was done."""
    done = FixReport()
    batch = "sante-" + datetime.now().strftime("%Y%m%d-%H%M%S")
    # A partial or not-yet-recorded file may be an import of another process, in progress.
    done.busy = not content_lock.alone(root)
    for problem in [] if done.busy else report.of(Code.PARTIAL):
        path = root.home / problem.subject
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        done.removed_partial.append(problem.subject)
    for problem in [] if done.busy else report.of(Code.ORPHAN):
        if _recorded(catalogue, problem.subject):
            continue  # recorded since the check ran: not an orphan any more
        moved = move_to_trash(root, problem.subject, batch)
        if moved is not None:
            done.trashed_orphans.append(problem.subject)
            done.trash_folder = root.home / TRASH_DIR / batch
    if rebuild_caches:
        _rebuild_caches(catalogue, root, report, done)
    return done


def _recorded(catalogue: Catalogue, relative: str) -> bool:
    with catalogue.session() as session:
        return (
            session.scalars(
                select(MediaAsset.id).where(
                    (MediaAsset.path == relative) | (MediaAsset.subtitles_path == relative)
                )
            ).first()
            is not None
        )


def _rebuild_caches(
    catalogue: Catalogue, root: ContentRoot, report: HealthReport, done: FixReport
) -> None:
    """Image renditions (issue 5's pipeline) rebuilt where any is missing."""
    try:
        from kiosk.library import images
    except ImportError:
        return
    damaged = {p.subject for p in report.errors}
    with catalogue.session() as session:
        paths = list(
            session.scalars(select(MediaAsset.path).where(MediaAsset.kind == MediaKind.IMAGE))
        )
    for relative in paths:
        if relative in damaged:
            continue
        try:
            images.ensure_renditions(root, relative)
            done.caches_rebuilt += 1
        except Exception as error:  # a bad image must not stop the others
            done.caches_failed.append(f"{relative} ({error})")


def trash_folder(root: ContentRoot) -> Path:
    return root.home / TRASH_DIR
