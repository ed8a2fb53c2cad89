"""The health check finds each kind of trouble; --fix repairs only what is safe."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.health import Code, check, fix
from kiosk.library.media_admin import list_media
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaRole
from tests.media_factory import make_image


def codes(catalogue: Catalogue, root: ContentRoot) -> dict[Code, list[str]]:
    found: dict[Code, list[str]] = {}
    for problem in check(catalogue, root).problems:
        found.setdefault(problem.code, []).append(problem.subject)
    return found


def test_a_healthy_catalogue_has_no_error(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    report = check(sample_catalogue, content_root)
    assert report.errors == []
    assert report.database_ok
    assert report.media_checked == 6 and report.free_bytes > 0
    # the sample has one published place not placed on the map: a warning, not an error
    assert [p.subject for p in report.of(Code.UNPLACED)] == ["lieu « La MAGIC »"]
    # … with what to do about it, as every card has
    (unplaced,) = report.of(Code.UNPLACED)
    assert unplaced.explanation() == [
        "À faire : ouvrez le lieu dans l'onglet Lieux et choisissez sa commune, ou touchez la "
        "carte."
    ]


def test_missing_damaged_and_unreadable_files_are_errors(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    entries = {e.role: e for e in list_media(sample_catalogue) if e.role is not MediaRole.DRAWING}
    content_root.absolute(entries[MediaRole.AFTERMOVIE].path).unlink()
    vignette = content_root.absolute(entries[MediaRole.VIGNETTE].path)
    data = bytearray(vignette.read_bytes())
    data[100:110] = b"XXXXXXXXXX"
    vignette.write_bytes(bytes(data))
    found = codes(sample_catalogue, content_root)
    assert found[Code.MISSING] == [entries[MediaRole.AFTERMOVIE].path]
    assert found[Code.HASH] == [entries[MediaRole.VIGNETTE].path]


def test_an_unreadable_file_with_the_right_hash_is_reported(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from sqlalchemy import update

    from kiosk.library.durable import sha256_of
    from kiosk.store.models import MediaAsset

    map_entry = next(e for e in list_media(sample_catalogue) if e.role is MediaRole.MAP)
    path = content_root.absolute(map_entry.path)
    path.write_bytes(b"not an image at all" * 10)
    with sample_catalogue.session() as session:
        session.execute(
            update(MediaAsset)
            .where(MediaAsset.id == map_entry.id)
            .values(sha256=sha256_of(path), size_bytes=path.stat().st_size)
        )
    assert codes(sample_catalogue, content_root)[Code.UNREADABLE] == [map_entry.path]


def test_fix_removes_partial_files_and_trashes_orphans_only(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    partial = content_root.videos_dir / f"{TEMP_PREFIX}123.mp4"
    partial.write_bytes(b"half a video")
    orphan = make_image(content_root.assets_dir / "oublie.png")
    staging = content_root.home / ".bundle-staging-abc"
    (staging / "assets").mkdir(parents=True)
    report = check(sample_catalogue, content_root)
    assert {p.subject for p in report.of(Code.PARTIAL)} == {
        f"videos/{partial.name}",
        ".bundle-staging-abc",
    }
    assert [p.subject for p in report.of(Code.ORPHAN)] == ["assets/oublie.png"]
    before = {e.path for e in list_media(sample_catalogue)}
    done = fix(sample_catalogue, content_root, report)
    assert not partial.exists() and not staging.exists()
    assert not orphan.exists()
    assert done.trash_folder is not None
    assert (done.trash_folder / "assets" / "oublie.png").read_bytes()  # moved, not deleted
    assert all(content_root.absolute(path).is_file() for path in before)
    after = check(sample_catalogue, content_root)
    assert not after.of(Code.ORPHAN) and not after.of(Code.PARTIAL)


def test_broken_references_and_database_checks(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from sqlalchemy import text

    with sample_catalogue.session() as session:
        session.execute(text("UPDATE maps SET is_current = 0"))
    found = codes(sample_catalogue, content_root)
    assert Code.NO_MAP in found
    with sample_catalogue.engine.connect() as connection:
        connection.execute(text("PRAGMA foreign_keys=OFF"))
        connection.execute(text("UPDATE places SET photo_id = 999 WHERE slug = 'la-magic'"))
        connection.commit()
    found = codes(sample_catalogue, content_root)
    assert "lieu « La MAGIC »" in found[Code.BROKEN_REFERENCE]
    assert found[Code.DATABASE] == ["data.db"]


def damage_the_sample(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> dict[str, str]:
    """Real files damaged the ways a kiosk meets: the film truncated (fewer bytes written), the
    place's vignette deleted, a third video altered (same size, other bytes), a drawing's image
    deleted. Returns each one's stored path by what it is."""
    from kiosk.library.importing import import_media
    from tests.media_factory import make_clip

    with catalogue.session() as session:
        extra = import_media(
            session,
            content_root,
            make_clip(tmp_path / "fete.mp4", 0.5, (176, 96)),
            MediaRole.VIGNETTE,
            title="La fête du village",
        )
        extra_path = extra.path
    entries = list_media(catalogue)
    film = next(e for e in entries if e.role is MediaRole.AFTERMOVIE)
    vignette = next(e for e in entries if e.title == "Le Mazier")
    drawing = next(e for e in entries if e.role is MediaRole.DRAWING)
    whole = content_root.absolute(film.path).read_bytes()
    content_root.absolute(film.path).write_bytes(whole[: len(whole) // 2])
    content_root.absolute(vignette.path).unlink()
    altered = content_root.absolute(extra_path)
    data = bytearray(altered.read_bytes())
    data[-200:-100] = bytes(100)
    altered.write_bytes(bytes(data))
    content_root.absolute(drawing.path).unlink()
    return {
        "film": film.path,
        "vignette": vignette.path,
        "altered": extra_path,
        "drawing": drawing.path,
        "drawing_name": Path(drawing.path).name,
    }


def test_a_damaged_media_is_named_as_staff_know_it_with_its_uses_and_what_to_do(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    paths = damage_the_sample(sample_catalogue, content_root, tmp_path)
    report = check(sample_catalogue, content_root)
    by_path = {p.subject: p for p in report.problems}
    film = by_path[paths["film"]]
    assert film.code is Code.SIZE and film.media is not None
    assert film.headline.startswith("Film « Le film » (en anglais « The film ») : fichier tronqué")
    assert "le film de l'écran Vidéos" in film.media.uses
    assert film.media.visitors == "hors des listes des visiteurs jusqu'à réparation"
    assert film.action.startswith("Réimportez le fichier d'origine depuis la clé (onglet Médias")
    size = content_root.absolute(paths["film"]).stat().st_size
    assert film.explanation()[-1].startswith(f"Détail technique : {paths['film']} : {size} octets")

    vignette = by_path[paths["vignette"]]
    assert vignette.code is Code.MISSING and vignette.media is not None
    assert vignette.headline.startswith("Vidéo d'un lieu « Le Mazier » (en anglais")
    assert vignette.media.uses == ("vidéo du lieu « Le Mazier »",)
    assert vignette.action.startswith("Le fichier a disparu : réimportez-le")
    assert "retirez le média" in vignette.action

    altered = by_path[paths["altered"]]
    assert altered.code is Code.HASH and altered.media is not None
    assert altered.headline.startswith(
        "Vidéo « La fête du village » : fichier abîmé (sa taille est la bonne"
    )
    assert altered.media.uses == ("vidéo de l'écran Vidéos",)
    # Its size is right: the visitor lists (which only compare sizes) still offer it.
    assert altered.media.visitors.startswith("toujours dans les listes des visiteurs")

    drawing = by_path[paths["drawing"]]
    assert drawing.code is Code.MISSING and drawing.media is not None
    # Untitled: named as the Médias list shows it.
    assert drawing.headline == (
        f"Dessin sans titre (« {paths['drawing_name']} » dans la liste des Médias) : "
        "fichier introuvable"
    )
    assert "dessin du carnet « Faites des tiers-lieux »" in drawing.media.uses
    assert drawing.media.visitors == "l'image manque là où elle est utilisée"
    # Errors come first; fix still only repairs what is safe (damaged files untouched).
    severities = [p.severity for p in report.problems]
    assert severities == sorted(severities, key=lambda s: s.value != "erreur")
    fix(sample_catalogue, content_root, report)
    assert content_root.absolute(paths["film"]).stat().st_size == size
    assert content_root.absolute(paths["altered"]).is_file()


def test_kiosk_check_prints_each_damaged_media_by_title_grouped_by_gravity(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kiosk.cli import main

    paths = damage_the_sample(sample_catalogue, content_root, tmp_path)
    make_image(content_root.assets_dir / "oublie.png")  # an orphan: a warning
    assert main(["--home", str(content_root.home), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    errors = out.index("Erreurs (à réparer) : 4")
    warnings = next(i for i, line in enumerate(out) if line.startswith("Avertissements : "))
    assert errors < warnings
    block = "\n".join(out[errors:warnings])
    for headline, use in (
        ("Film « Le film »", "Utilisé par : le film de l'écran Vidéos"),
        ("Vidéo d'un lieu « Le Mazier »", "Utilisé par : vidéo du lieu « Le Mazier »."),
        ("Vidéo « La fête du village »", "Utilisé par : vidéo de l'écran Vidéos."),
        (
            f"Dessin sans titre (« {paths['drawing_name']} »",
            "dessin du carnet « Faites des tiers-lieux »",
        ),
    ):
        start = block.index(headline)
        assert use in block[start:].split("[erreur]")[0]
    assert block.count("Pour les visiteurs : hors des listes des visiteurs") == 2
    assert block.count("À faire : Réimportez le fichier d'origine depuis la clé") == 2
    assert block.count("À faire : Le fichier a disparu : réimportez-le") == 2
    for path in (paths["film"], paths["vignette"], paths["altered"], paths["drawing"]):
        assert f"Détail technique : {path}" in block
    assert "Un fichier image que rien n'utilise" in "\n".join(out[warnings:])
    assert "Détail technique : assets/oublie.png" in "\n".join(out[warnings:])
    assert out[-2].startswith("4 erreurs, ")


def test_missing_subtitles_name_their_video(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from sqlalchemy import update

    from kiosk.store.models import MediaAsset

    film = next(e for e in list_media(sample_catalogue) if e.role is MediaRole.AFTERMOVIE)
    srt = content_root.videos_dir / "film.srt"
    srt.write_text("1\n00:00:00,500 --> 00:00:03,000\nBonjour\n", encoding="utf-8")
    with sample_catalogue.session() as session:
        session.execute(
            update(MediaAsset)
            .where(MediaAsset.id == film.id)
            .values(subtitles_path="videos/film.srt")
        )
    assert not check(sample_catalogue, content_root).of(Code.MISSING)
    srt.unlink()
    (problem,) = check(sample_catalogue, content_root).of(Code.MISSING)
    assert problem.severity.value == "attention" and problem.subject == "videos/film.srt"
    assert problem.headline.startswith("Sous-titres du film « Le film »")
    assert "Pour les visiteurs : la vidéo se lit sans sous-titres." in problem.explanation()


def test_a_place_whose_photo_and_video_are_of_the_wrong_kind_or_gone(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from sqlalchemy import select, text

    from kiosk.store.models import MediaAsset, MediaKind

    with sample_catalogue.session() as session:
        image = session.scalars(select(MediaAsset.id).where(MediaAsset.kind == MediaKind.IMAGE))
        video = session.scalars(select(MediaAsset.id).where(MediaAsset.kind == MediaKind.VIDEO))
        image_id, video_id = image.first(), video.first()
    assert image_id is not None and video_id is not None
    with sample_catalogue.engine.connect() as connection:
        connection.execute(
            text("UPDATE places SET photo_id = :video, video_id = :image WHERE slug = 'la-magic'"),
            {"video": video_id, "image": image_id},
        )
        connection.commit()
    messages = [
        p.message
        for p in check(sample_catalogue, content_root).of(Code.BROKEN_REFERENCE)
        if p.subject == "lieu « La MAGIC »"
    ]
    assert messages == ["sa photo est une vidéo", "sa vidéo est une image"]

    with sample_catalogue.engine.connect() as connection:
        connection.execute(text("PRAGMA foreign_keys=OFF"))
        connection.execute(
            text("UPDATE places SET photo_id = 998, video_id = 999 WHERE slug = 'la-magic'")
        )
        connection.commit()
    messages = [
        p.message
        for p in check(sample_catalogue, content_root).of(Code.BROKEN_REFERENCE)
        if p.subject == "lieu « La MAGIC »"
    ]
    assert messages == ["sa photo n'existe plus", "sa vidéo n'existe plus"]
