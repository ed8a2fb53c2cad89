"""Checks of the media files: each one there, of its recorded size and hash, readable; and
naming each problem the way staff know the media."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library.durable import sha256_of
from kiosk.library.french_format import human_size
from kiosk.library.health.problems import (
    ACTIONS,
    MEDIA_CODES,
    SUBTITLES_ACTION,
    Code,
    HealthReport,
    MediaFacts,
    Problem,
    Severity,
)
from kiosk.library.import_jobs import CancelToken
from kiosk.library.media_admin import MediaUse, all_uses
from kiosk.library.media_store import MediaError
from kiosk.library.printable import shown
from kiosk.library.probe import probe_image, probe_video
from kiosk.store import validation
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset, MediaKind, MediaRole


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
                "fichier abîmé (sa taille est la bonne, mais son contenu a changé)",
                f"{asset.path} : SHA-256 {digest[:12]}… au lieu de {asset.sha256[:12]}…",
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
                "la base nomme un fichier hors des dossiers de médias : la borne ne l'ouvre, ne "
                "le déplace ni ne l'exporte jamais",
                action="retirez ce média (onglet Médias) ou remettez une sauvegarde (onglet "
                "Sauvegarde).",
                detail=problem,
            )
        )
    return path
