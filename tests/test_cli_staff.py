"""``kiosk import``, ``kiosk media``, ``kiosk bundle`` and ``kiosk check``: what they print, their
exit status, and their errors (one line, non-zero, nothing changed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.media_admin import list_media
from kiosk.store.database import Catalogue
from tests.media_factory import make_clip, make_garbage, make_image


def kiosk(root: ContentRoot, *args: str) -> int:
    return main(["--home", str(root.home), *args])


@pytest.fixture
def incoming(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    make_image(folder / "dessin.png")
    make_clip(folder / "film.mp4", 0.3)
    return folder


def test_help_lists_the_staff_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("import", "media", "bundle", "check"):
        assert command in out


def test_import_a_folder_then_again(
    content_root: ContentRoot, incoming: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk(content_root, "import", str(incoming)) == 0
    out = capsys.readouterr().out
    assert "dessin.png : importé" in out and "film.mp4 : importé" in out
    assert "2 importés, 0 déjà présent, 0 refusé." in out
    assert kiosk(content_root, "import", str(incoming / "dessin.png")) == 0
    assert "déjà présent" in capsys.readouterr().out


def test_import_refusals_give_a_reason_and_a_non_zero_status(
    content_root: ContentRoot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = make_garbage(tmp_path / "casse.jpg")
    good = make_image(tmp_path / "bon.png")
    assert kiosk(content_root, "import", str(bad), str(good)) == 1
    out = capsys.readouterr().out
    assert "casse.jpg : refusé (ce n'est pas une image lisible" in out
    assert "1 importé, 0 déjà présent, 1 refusé." in out


@pytest.mark.parametrize(
    "args,message",
    [
        (["/nonexistent/file.png"], "introuvable"),
        (["--place", "nowhere", "IMG"], "lieu inconnu"),
    ],
)
def test_import_errors(
    content_root: ContentRoot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    image = str(make_image(tmp_path / "a.png"))
    assert kiosk(content_root, "import", *[image if a == "IMG" else a for a in args]) == 2
    out = capsys.readouterr().out
    assert message in out and len(out.strip().splitlines()) == 1


def test_import_with_a_bad_role_is_a_usage_error(content_root: ContentRoot, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        kiosk(content_root, "import", str(make_image(tmp_path / "a.png")), "--role", "poster")
    assert exited.value.code == 2


def test_media_list_and_remove(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk(content_root, "media", "list") == 0
    out = capsys.readouterr().out
    assert "vidéo du lieu « Le Mazier »" in out and "6 médias." in out
    vignette = next(e for e in list_media(sample_catalogue) if e.role.value == "vignette")
    assert kiosk(content_root, "media", "remove", str(vignette.id)) == 1
    out = capsys.readouterr().out
    assert "utilisé par vidéo du lieu « Le Mazier »" in out and "--yes" in out
    assert kiosk(content_root, "media", "remove", str(vignette.id), "--yes") == 0
    out = capsys.readouterr().out
    assert "Média retiré" in out and "trash" in out
    assert kiosk(content_root, "media", "remove", "999999") == 1
    assert "aucun média" in capsys.readouterr().out
    assert kiosk(content_root, "media") == 2


def test_media_edit_through_the_gate(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    drawing = next(e for e in list_media(sample_catalogue) if e.role.value == "drawing")
    assert drawing.needs_renaming  # imported with no title: the file's name shows
    assert kiosk(content_root, "media", "list") == 0
    assert "[à renommer]" in capsys.readouterr().out
    code = kiosk(
        content_root,
        "media",
        "edit",
        str(drawing.id),
        "--title",
        "La fresque du marché",
        "--title-en",
        "The market fresco",
        "--credit",
        "Pascaline Liard",
        "--credit-en",
        "Drawn by Pascaline Liard",
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "« La fresque du marché » / « The market fresco »" in out
    assert "à renommer" not in out
    edited = next(e for e in list_media(sample_catalogue) if e.id == drawing.id)
    assert (edited.title, edited.title_en, edited.credit, edited.credit_en) == (
        "La fresque du marché",
        "The market fresco",
        "Pascaline Liard",
        "Drawn by Pascaline Liard",
    )
    assert not edited.needs_renaming
    # English given empty: no English any more (the French shows).
    assert kiosk(content_root, "media", "edit", str(drawing.id), "--title-en", "") == 0
    capsys.readouterr()
    assert next(e for e in list_media(sample_catalogue) if e.id == drawing.id).title_en is None

    # A value the gate refuses: one French line naming the option, exit 2, nothing changed.
    before = list_media(sample_catalogue)
    code = kiosk(content_root, "media", "edit", str(drawing.id), "--title", "<b>gras</b>")
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 2
    assert lines == [
        f"kiosk media edit : {drawing.id} : --title : balise HTML interdite (un nom est du texte "
        "simple) ; rien n'a changé."
    ]
    code = kiosk(content_root, "media", "edit", str(drawing.id), "--credit", "x" * 201)
    assert code == 2 and "--credit : trop long (201 caractères, 200 au plus)" in (
        capsys.readouterr().out
    )
    assert list_media(sample_catalogue) == before
    # An image cannot be a film; an unknown media; nothing to change.
    assert kiosk(content_root, "media", "edit", str(drawing.id), "--role", "aftermovie") == 1
    assert "une image ne peut pas avoir le rôle « aftermovie »" in capsys.readouterr().out
    assert kiosk(content_root, "media", "edit", "999999", "--title", "Rien") == 1
    assert "999999 : aucun média ne correspond." in capsys.readouterr().out
    assert kiosk(content_root, "media", "edit", str(drawing.id)) == 2
    assert "rien à changer" in capsys.readouterr().out


def test_media_film_chooses_the_one_film(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kiosk.library import catalogue_views

    folder = tmp_path / "usb"
    folder.mkdir()
    for seconds, name in ((0.3, "fullhd"), (0.5, "camera"), (0.7, "vid2")):
        make_clip(folder / f"{name}.mp4", seconds)
    assert kiosk(content_root, "import", str(folder)) == 0  # three more "aftermovies"
    capsys.readouterr()
    films = [v for v in catalogue_views.videos(sample_catalogue) if v.is_aftermovie]
    assert [v.title for v in films] == ["Le film"]  # one film card, not four
    camera = next(e for e in list_media(sample_catalogue) if e.title == "camera")
    assert camera.needs_renaming
    assert kiosk(content_root, "media", "film", str(camera.id)) == 0
    assert f"« camera » (média n°{camera.id})" in capsys.readouterr().out
    shown = catalogue_views.videos(sample_catalogue)
    assert [v.title for v in shown if v.is_aftermovie] == ["camera"]
    # The other films come after it, before the vignettes.
    assert [v.title for v in shown][:4] == ["camera", "Le film", "fullhd", "vid2"]
    assert shown[-1].title == "Le Mazier"
    drawing = next(e for e in list_media(sample_catalogue) if e.role.value == "drawing")
    assert kiosk(content_root, "media", "film", str(drawing.id)) == 1
    assert "seule une vidéo peut être le film" in capsys.readouterr().out
    assert kiosk(content_root, "settings", "set", "show_other_films", "false") == 0
    assert [v.title for v in catalogue_views.videos(sample_catalogue)] == ["camera", "Le Mazier"]


def test_trash_list_and_restore(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib

    (film,) = [e for e in list_media(sample_catalogue) if e.is_film]
    original = content_root.home / film.path
    assert kiosk(content_root, "trash", "list") == 0
    assert "0 élément dans la corbeille." in capsys.readouterr().out
    assert kiosk(content_root, "media", "remove", str(film.id)) == 1
    assert "le film de l'écran Vidéos" in capsys.readouterr().out  # asked, not removed
    assert original.is_file()
    assert kiosk(content_root, "media", "remove", str(film.id), "--yes") == 0
    assert "kiosk trash list" in capsys.readouterr().out
    assert not original.exists()
    (trashed,) = (content_root.home / "trash").rglob("*.mp4")
    assert hashlib.sha256(trashed.read_bytes()).hexdigest() == film.sha256

    assert kiosk(content_root, "trash", "list") == 0
    out = capsys.readouterr().out
    assert "« Le film »  — vidéo · était : le film de l'écran Vidéos" in out
    assert "1 élément dans la corbeille." in out
    item_id = out.split()[0]
    assert kiosk(content_root, "trash", "restore", item_id) == 0
    assert f"« Le film » restauré (média n°{film.id}), fichier remis en place." in (
        capsys.readouterr().out
    )
    assert hashlib.sha256(original.read_bytes()).hexdigest() == film.sha256
    assert not trashed.exists()
    assert [e.is_film for e in list_media(sample_catalogue) if e.id == film.id] == [True]
    assert kiosk(content_root, "trash", "restore", item_id) == 1
    assert f"corbeille n°{item_id} : introuvable." in capsys.readouterr().out
    assert kiosk(content_root, "trash") == 2
    assert kiosk(content_root, "trash", "restore", "le-film") == 2
    assert "le-film : un numéro est attendu" in capsys.readouterr().out


def test_trash_list_and_restore_a_page(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.library import catalogue_views
    from kiosk.library.catalogue_admin import pages

    (page,) = pages.list_pages(sample_catalogue)
    pages.delete_page(sample_catalogue, page.id)
    assert catalogue_views.pages(sample_catalogue) == []
    assert kiosk(content_root, "trash", "list") == 0
    out = capsys.readouterr().out
    assert "« C'est quoi l'ESS ? »  — page · était une tuile de l'accueil" in out
    assert "1 élément dans la corbeille." in out
    assert kiosk(content_root, "trash", "restore", out.split()[0]) == 0
    assert capsys.readouterr().out == (
        "Page « C'est quoi l'ESS ? » restaurée (sa tuile est de nouveau sur l'accueil).\n"
    )
    assert [p.title for p in catalogue_views.pages(sample_catalogue)] == ["C'est quoi l'ESS ?"]
    assert kiosk(content_root, "trash", "list") == 0
    assert "0 élément dans la corbeille." in capsys.readouterr().out


def test_bundle_export_import_and_errors(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out_file = tmp_path / "stand.tar"
    assert kiosk(content_root, "bundle", "export", str(out_file)) == 0
    assert "Lot écrit" in capsys.readouterr().out
    assert kiosk(content_root, "bundle", "export", str(out_file)) == 1
    assert "existe déjà" in capsys.readouterr().out
    stand = ContentRoot(tmp_path / "stand-home")
    assert kiosk(stand, "bundle", "import", str(out_file), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Ajouts" in out and "rien n'a été modifié" in out
    assert not stand.home.exists()  # a dry run writes nothing anywhere, not even the folder
    assert kiosk(stand, "bundle", "import", str(out_file), "--replace") == 0
    assert "Lot appliqué (remplacement)" in capsys.readouterr().out
    assert len(list(stand.assets_dir.iterdir())) == 4
    garbage = make_garbage(tmp_path / "junk.tar")
    assert kiosk(stand, "bundle", "import", str(garbage)) == 1
    out = capsys.readouterr().out
    assert "junk.tar" in out and len(out.strip().splitlines()) == 1
    assert kiosk(stand, "bundle", "import", str(tmp_path / "missing.tar")) == 1
    assert "introuvable" in capsys.readouterr().out


def test_check_and_fix(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk(content_root, "check") == 0
    assert "0 erreur," in capsys.readouterr().out
    partial = content_root.assets_dir / f"{TEMP_PREFIX}x.png"
    partial.write_bytes(b"half")
    orphan = make_image(content_root.assets_dir / "orphan.png")
    assert kiosk(content_root, "check") == 0
    out = capsys.readouterr().out
    assert "Un fichier image que rien n'utilise" in out and "copie interrompue" in out
    assert "Détail technique : assets/orphan.png (aucun média de la borne ne le nomme)" in out
    assert partial.exists() and orphan.exists()
    assert kiosk(content_root, "check", "--fix") == 0
    out = capsys.readouterr().out
    assert f"copie interrompue supprimée : assets/{TEMP_PREFIX}x.png" in out
    assert "fichier que rien n'utilise mis de côté (dans la Corbeille de la borne) : " in out
    assert "(mis de côté dans le dossier " in out
    words = out.replace(TEMP_PREFIX, "").replace("orphan.png", "").casefold()
    assert not [word for word in ("orphelin", "cache", "empreinte", "partiel") if word in words]
    assert not partial.exists() and not orphan.exists()
    victim = next(content_root.videos_dir.glob("*.mp4"))
    victim.unlink()
    assert kiosk(content_root, "check", "--quick") == 1
    out = capsys.readouterr().out
    assert "fichier introuvable" in out and "1 erreur," in out


def test_trash_restore_of_a_120_character_slug_taken_meanwhile(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import select

    from kiosk.library.catalogue_admin import pages
    from kiosk.store.models import Page, Place

    slug = "p" * 120
    (page_id,) = [p.id for p in pages.list_pages(sample_catalogue)]
    with sample_catalogue.session() as session:
        page = session.get(Page, page_id)
        assert page is not None
        page.slug = slug
        session.scalars(select(Place).where(Place.slug == "le-mazier")).one().slug = slug
    pages.delete_page(sample_catalogue, page_id)
    with sample_catalogue.session() as session:
        session.delete(session.scalars(select(Place).where(Place.slug == slug)).one())
    with sample_catalogue.session() as session:
        session.add(Page(slug=slug, title="Une autre"))
        session.add(Place(slug=slug, name="Un autre lieu"))
    assert kiosk(content_root, "trash", "list") == 0
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines() if "«" in line]
    assert len(ids) == 2
    for item_id in ids:
        assert kiosk(content_root, "trash", "restore", item_id) == 0
        out = capsys.readouterr().out
        assert f"« {'p' * 118}-2 »" in out
    with sample_catalogue.session() as session:
        assert set(session.scalars(select(Page.slug))) == {slug, "p" * 118 + "-2"}
        assert {slug, "p" * 118 + "-2"} <= set(session.scalars(select(Place.slug)))


def test_a_malformed_corbeille_row_in_trash_list_restore_and_check(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_trash import add_raw_trash_row

    bad = add_raw_trash_row(sample_catalogue, "place", '{"row": {"slug": "x"}, "tags": [1]}')
    assert kiosk(content_root, "trash", "list") == 0
    out = capsys.readouterr().out
    assert "illisible : ses étiquettes sont illisibles" in out and "1 élément" in out
    assert kiosk(content_root, "trash", "restore", str(bad)) == 1
    assert capsys.readouterr().out == (
        f"kiosk trash restore : corbeille n°{bad} « Abîmé » : illisible (ses étiquettes sont "
        "illisibles) ; rien n'a été changé.\n"
    )
    assert kiosk(content_root, "check", "--quick") == 0
    out = capsys.readouterr().out
    assert f"corbeille n°{bad} « Abîmé »" in out and "ses étiquettes sont illisibles" in out
