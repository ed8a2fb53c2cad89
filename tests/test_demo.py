"""The demo content built on first start: media that decode, places true to the facts, rebuilds.

The demo is built once for the module (it takes a few tens of seconds); the tests that change
the catalogue (a second build, a reset) come last in the file.
"""

from __future__ import annotations

import itertools
import json
import math
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import pytest
import qtawesome
from PIL import Image
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from kiosk.config import ContentRoot
from kiosk.kit.theme import Metrics
from kiosk.library.demo import (
    BuildStep,
    DemoSummary,
    build_demo,
    catalogue_is_empty,
    drawing,
    geography,
)
from kiosk.library.demo import builder as demo_builder
from kiosk.library.demo import texts as demo_texts
from kiosk.library.demo import video as demo_video
from kiosk.library.durable import sha256_of
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    GeoPoint,
    MapImage,
    MediaAsset,
    MediaKind,
    MediaRole,
    Page,
    Place,
    Tag,
    TrashItem,
)
from kiosk.ui.wait_screen import WaitScreen

# From FACTS.md, written out here rather than read from the demo's own texts.
TOWNS = {
    "Bourbon-l'Archambault": (46.5842, 3.0572),
    "Cérilly": (46.6186, 2.8217),
    "Moulins": (46.5653, 3.3333),
    "Montluçon": (46.3408, 2.6033),
    "Vichy": (46.1244, 3.4283),
}
# name: (commune, website, has a vignette)
PLACES = {
    "Le Mazier": ("Bourbon-l'Archambault", "https://bocagenumerique.com", True),
    "Polymorphe": ("Cérilly", "https://polymorphecorp.com", True),
    "La MAGIC": (None, None, True),
    "Le Bouillon": (None, None, True),
    "1,2,3 Bocage": (None, None, True),
    "ADEQUAT": (None, None, True),
    "Petit Peuple du Bocage": (None, None, True),
    "La Péniche d'abord": ("Moulins", "https://lapenichedabord.com", False),
    "Bardane": (None, "https://bardane.org", False),
}


@dataclass
class BuiltDemo:
    root: ContentRoot
    catalogue: Catalogue
    summary: DemoSummary
    messages: list[str]
    steps: list[BuildStep]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltDemo]:
    root = ContentRoot(tmp_path_factory.mktemp("demo-root"))
    root.ensure_folders()
    catalogue = Catalogue(root.db_path)
    messages: list[str] = []
    steps: list[BuildStep] = []
    summary = build_demo(catalogue, root, progress=messages.append, steps=steps.append)
    yield BuiltDemo(root, catalogue, summary, messages, steps)
    catalogue.close()


@pytest.fixture
def empty_catalogue(tmp_path: Path) -> Iterator[tuple[ContentRoot, Catalogue]]:
    root = ContentRoot(tmp_path)
    root.ensure_folders()
    catalogue = Catalogue(root.db_path)
    yield root, catalogue
    catalogue.close()


def media_of(session: Session, role: MediaRole) -> list[MediaAsset]:
    return list(session.scalars(select(MediaAsset).where(MediaAsset.role == role)))


def snapshot(catalogue: Catalogue) -> dict[str, object]:
    """The catalogue's content, by kind, in a form that compares."""
    with catalogue.session() as session:
        return {
            "media": sorted(session.scalars(select(MediaAsset.sha256))),
            "places": sorted(session.scalars(select(Place.slug))),
            "pages": sorted(session.scalars(select(Page.slug))),
            "albums": sorted(session.scalars(select(Album.slug))),
            "maps": session.scalar(select(func.count()).select_from(MapImage)),
            "points": session.scalar(select(func.count()).select_from(GeoPoint)),
            "tags": sorted(session.scalars(select(Tag.name))),
        }


def files_on_disk(root: ContentRoot) -> set[str]:
    return {
        root.relative(path)
        for folder in (root.assets_dir, root.videos_dir)
        for path in folder.iterdir()
        if path.suffix in {".jpg", ".mp4"}
    }


# --- the first build ------------------------------------------------------------------------


def test_a_fresh_catalogue_is_empty(empty_catalogue: tuple[ContentRoot, Catalogue]) -> None:
    _, catalogue = empty_catalogue
    assert catalogue_is_empty(catalogue)


def test_build_reports_its_counts_and_cleans_up(demo: BuiltDemo) -> None:
    summary = demo.summary
    assert (summary.places, summary.videos, summary.drawings) == (9, 8, 7)
    assert (summary.pages, summary.albums, summary.maps) == (3, 1, 1)
    assert summary.seconds > 0
    assert "Carte de démonstration…" in demo.messages
    assert "Vidéo 3/8…" in demo.messages
    assert not (demo.root.cache_dir / demo_builder.BUILD_FOLDER).exists()
    assert not catalogue_is_empty(demo.catalogue)


def test_build_reports_its_steps_with_a_growing_fraction(demo: BuiltDemo) -> None:
    steps = demo.steps
    assert [step.message for step in steps] == demo.messages  # one step per line
    fractions = [step.fraction for step in steps]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    kinds = [step.kind for step in steps]
    assert set(kinds) <= set(demo_builder.STEP_KINDS)
    assert kinds[0] == "map" and kinds[-1] == "done"
    videos = [step for step in steps if step.kind == "video"]
    assert [(step.index, step.count) for step in videos] == [(n, 8) for n in range(1, 9)]
    assert all(a.fraction < b.fraction for a, b in itertools.pairwise(videos))


def test_the_wait_screen_follows_the_real_build(demo: BuiltDemo, qtbot: QtBot) -> None:
    now = [0.0]
    screen = WaitScreen(Metrics(1.0), "Préparation de la borne", clock=lambda: now[0])
    qtbot.addWidget(screen)
    values = []
    for step in demo.steps:
        now[0] += 3.0
        screen.set_demo_step(step)
        values.append(screen.bar.value())
        if step.kind == "video" and step.index == 5:
            assert screen.step.text() == "Vidéo 5 sur 8"
            assert screen.time_left.text().startswith("Encore environ")
    assert values == sorted(values) and values[0] < values[-1] == screen.bar.maximum()


def test_files_are_where_the_catalogue_says(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        assets = list(session.scalars(select(MediaAsset)))
    assert len(assets) == 1 + 7 + 8
    for asset in assets:
        path = demo.root.absolute(asset.path)
        assert asset.is_demo
        assert asset.credit
        assert path.is_file(), asset.path
        assert sha256_of(path) == asset.sha256
        assert path.stat().st_size == asset.size_bytes
    assert files_on_disk(demo.root) == {asset.path for asset in assets}


def test_videos_decode_with_sound(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        videos = list(session.scalars(select(MediaAsset).where(MediaAsset.kind == MediaKind.VIDEO)))
    assert len(videos) == 8
    for asset in videos:
        expected = 30.0 if asset.role is MediaRole.AFTERMOVIE else 8.0
        with av.open(str(demo.root.absolute(asset.path))) as container:
            assert container.duration is not None
            assert container.duration / av.time_base == pytest.approx(expected, abs=0.5)
            video_stream = container.streams.video[0]
            assert video_stream.codec_context.name == "h264"
            assert container.streams.audio, f"{asset.title}: no audio"
            assert container.streams.audio[0].codec_context.name == "aac"
            frames = sum(1 for _ in container.decode(video=0))
            assert frames == pytest.approx(expected * 25, abs=2)
        assert asset.duration_s == pytest.approx(expected, abs=0.5)
        assert loudest_sample(demo.root.absolute(asset.path)) > 0.02, "the sound is silent"


def loudest_sample(path: Path) -> float:
    """The peak of the first five seconds of sound (decoded AAC is 32-bit float)."""
    peak = 0.0
    with av.open(str(path)) as container:
        for frame in container.decode(audio=0):
            assert frame.format.name == "fltp"
            samples = array("f", bytes(frame.planes[0])[: frame.samples * 4])
            peak = max(peak, max(abs(value) for value in samples))
            if frame.time is not None and frame.time > 5:
                break
    return peak


def test_aftermovie_is_full_hd_thirty_seconds(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        (aftermovie,) = media_of(session, MediaRole.AFTERMOVIE)
    assert (aftermovie.width, aftermovie.height) == (1920, 1080)
    assert aftermovie.duration_s == pytest.approx(30, abs=0.5)
    assert "démonstration" in aftermovie.title
    assert aftermovie.title_en
    with av.open(str(demo.root.absolute(aftermovie.path))) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (1920, 1080)
        assert stream.average_rate == 25


def test_images_open_and_one_drawing_is_very_large(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        drawings = media_of(session, MediaRole.DRAWING)
        (map_asset,) = media_of(session, MediaRole.MAP)
    sizes = []
    for asset in [*drawings, map_asset]:
        with Image.open(demo.root.absolute(asset.path)) as image:
            image.load()
            assert image.format == "JPEG"
            assert image.size == (asset.width, asset.height)
            sizes.append(image.size)
    assert any(width >= 6000 and height >= 4000 for width, height in sizes)
    assert (map_asset.width, map_asset.height) == drawing.MAP_SIZE


def test_places_match_the_facts(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        places = list(
            session.scalars(
                select(Place).options(selectinload(Place.tags), selectinload(Place.video))
            )
        )
    assert {
        place.name: (place.commune, place.website, place.video is not None) for place in places
    } == PLACES
    for place in places:
        assert place.published
        assert place.description and place.description_en
        assert place.tags
        if place.commune is not None:
            assert (place.latitude, place.longitude) == TOWNS[place.commune]
            assert place.is_on_map
        else:
            assert place.latitude is None and place.longitude is None
            assert not place.is_on_map
            # Visitors read that the commune is not known yet, and why there is no pin.
            assert "commune n'est pas encore indiquée" in place.description or (
                "commune et son site web ne sont pas encore indiqués" in place.description
            )
            assert "pas encore sur la carte" in place.description
            assert "not on the map yet" in (place.description_en or "")
        # No to-do note for the staff in what visitors read.
        for staff_words in ("compléter", "équipe de la borne", "renseign"):
            assert staff_words not in place.description
        assert "kiosk team" not in (place.description_en or "")
        if place.video is not None:
            assert place.video.role is MediaRole.VIGNETTE
            assert place.name in place.video.title
    by_name = {place.name: place for place in places}
    assert "2018" in by_name["Polymorphe"].description
    assert "ferme du Rutin" in by_name["Polymorphe"].description
    assert "spectacle-soupe" in by_name["Le Bouillon"].description


def test_places_sit_at_their_town_on_the_map(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        places = list(session.scalars(select(Place).where(Place.map_x.is_not(None))))
    assert {place.name for place in places} == {"Le Mazier", "Polymorphe", "La Péniche d'abord"}
    width, height = drawing.MAP_SIZE
    for place in places:
        assert place.commune is not None and place.map_x is not None and place.map_y is not None
        x, y = drawing.project(*TOWNS[place.commune])
        assert (place.map_x * width, place.map_y * height) == pytest.approx((x, y))


# INSEE codes of the communes of the facts (Code officiel géographique).
INSEE = {
    "Bourbon-l'Archambault": "03036",
    "Cérilly": "03048",
    "Moulins": "03190",
    "Montluçon": "03185",
    "Vichy": "03310",
}


def test_the_geography_is_the_allier_and_its_communes() -> None:
    allier = geography.allier()
    assert len(allier.communes) == 317
    assert len({commune.code for commune in allier.communes}) == 317
    assert all(
        commune.code.startswith("03") and len(commune.code) == 5 for commune in allier.communes
    )
    longitudes = [lon for lon, _ in allier.department]
    latitudes = [lat for _, lat in allier.department]
    # FACTS.md: about 45.93–46.80 N and 2.28–4.01 E.
    assert min(latitudes) == pytest.approx(45.93, abs=0.02)
    assert max(latitudes) == pytest.approx(46.80, abs=0.02)
    assert min(longitudes) == pytest.approx(2.28, abs=0.02)
    assert max(longitudes) == pytest.approx(4.01, abs=0.02)
    for name, code in INSEE.items():
        commune = allier.commune(name)
        assert commune is not None and commune.code == code
        assert allier.commune_at(*TOWNS[name]) == commune  # the town centre lies inside
    # The package carries the data and its licence note; the credit is the one asked for.
    data = Path(geography.__file__).parent / "data"
    assert (data / "allier.json").stat().st_size < 200_000
    readme = (data / "README.md").read_text(encoding="utf-8")
    assert "Licence Ouverte" in readme and "Contours : IGN Admin Express, INSEE COG" in readme
    assert allier.credit == "Contours : IGN Admin Express, INSEE COG"


def test_the_demo_records_are_read_from_their_data_file_and_checked() -> None:
    # The records are data (data/texts.toml), read once into typed records.
    assert [drawing.key for drawing in demo_texts.DRAWINGS][:2] == [
        "faites-des-tiers-lieux",
        "forum-ouvert",
    ]
    bardane = next(place for place in demo_texts.PLACES if place.slug == "bardane")
    assert bardane.commune is None and bardane.tags == ("réseau", "tiers-lieu rural")
    assert demo_texts.PAGES[0].body.startswith("L'économie sociale et solidaire (ESS)")
    # A misspelt key or a value of the wrong kind is refused by name, not dropped.
    town = {"name": "Moulins", "latitude": 46.5653, "longitude": 3.3333}
    assert demo_texts._load(demo_texts.Town, town) == demo_texts.Town("Moulins", 46.5653, 3.3333)
    with pytest.raises(TypeError, match="Town: unknown latitud"):
        demo_texts._load(demo_texts.Town, {**town, "latitud": 1.0})
    with pytest.raises(TypeError, match=r"Town\.latitude"):
        demo_texts._load(demo_texts.Town, {**town, "latitude": "46.5653"})


def test_pins_land_inside_their_commune_on_the_map(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        places = list(session.scalars(select(Place).where(Place.map_x.is_not(None))))
        (current,) = session.scalars(
            select(MapImage).where(MapImage.is_current).options(selectinload(MapImage.image))
        )
        credit = current.credit
    width, height = drawing.MAP_SIZE
    assert places
    for place in places:
        assert place.commune is not None and place.map_x is not None and place.map_y is not None
        pin = (place.map_x * width, place.map_y * height)
        outline = drawing.commune_outline(place.commune)
        assert drawing.point_in_polygon(pin, outline), place.name
        # ... and in no other commune.
        others = [c for c in geography.allier().communes if c.name != place.commune]
        assert not any(drawing.point_in_polygon(pin, drawing.projected(c.ring)) for c in others), (
            place.name
        )
    assert "Contours : IGN Admin Express, INSEE COG" in credit


def test_the_map_image_is_drawn_from_the_outlines(demo: BuiltDemo) -> None:
    """Inside the department the map is land (greens, a town's commune in ochre), outside it
    is paper; the department's border is drawn in dark hedge green along the real outline."""
    with demo.catalogue.session() as session:
        (map_asset,) = media_of(session, MediaRole.MAP)
    with Image.open(demo.root.absolute(map_asset.path)) as opened:
        image = opened.convert("RGB")
    outline = drawing.department_outline()

    def colour(point: tuple[float, float]) -> tuple[int, int, int]:
        return image.getpixel((round(point[0]), round(point[1])))  # type: ignore[return-value]

    def greenish(rgb: tuple[int, int, int]) -> bool:
        r, g, b = rgb
        return g > b + 20 and g >= r - 20

    # A point well inside a commune away from any town, and a point of the paper outside.
    commune = geography.allier().commune("Montet")
    assert commune is not None
    ring = drawing.projected(commune.ring)
    inside = (sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring))
    assert drawing.point_in_polygon(inside, ring)
    assert greenish(colour(inside)) or colour(inside)[0] > colour(inside)[2] + 20
    left, top, _right, _bottom = drawing.MAP_PROJECTION.box
    paper = colour((left + 30, top + 30))  # the north-west corner of the box is not Allier
    assert not drawing.point_in_polygon((left + 30, top + 30), outline)
    assert paper[0] > 230 and paper[1] > 225  # cream
    # Along the outline the border is dark.
    dark = sum(1 for point in outline[::25] if sum(colour(point)) < 330)
    assert dark >= 0.7 * len(outline[::25])


def test_map_reference_points_project_back(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        (current,) = session.scalars(
            select(MapImage)
            .where(MapImage.is_current)
            .options(selectinload(MapImage.geo_points), selectinload(MapImage.image))
        )
    assert current.image.is_demo
    assert "démonstration" in current.title
    points = {point.label: point for point in current.geo_points}
    assert set(points) == set(TOWNS)
    outline = drawing.department_outline()
    for label, (latitude, longitude) in TOWNS.items():
        point = points[label]
        assert (point.latitude, point.longitude) == (latitude, longitude)
        assert drawing.project(latitude, longitude) == pytest.approx((point.x, point.y))
        assert 0 < point.x < drawing.MAP_SIZE[0] and 0 < point.y < drawing.MAP_SIZE[1]
        assert drawing.point_in_polygon((point.x, point.y), outline)
        back = drawing.MAP_PROJECTION.to_lat_lon(point.x, point.y)
        assert back == pytest.approx((latitude, longitude))
    # North is up, east is right, and x is shrunk by cos(latitude).
    assert points["Moulins"].y < points["Vichy"].y
    assert points["Montluçon"].x < points["Moulins"].x
    projection = drawing.MAP_PROJECTION
    assert projection.x_per_degree / projection.pixels_per_degree == pytest.approx(
        math.cos(math.radians((45.93 + 46.80) / 2))
    )


def test_album_holds_the_drawings_in_order(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        (album,) = session.scalars(select(Album).options(selectinload(Album.items)))
        items = [
            (item.position, item.caption, item.caption_en, item.media.role) for item in album.items
        ]
    assert album.title == "Faites des tiers-lieux — 25 et 26 février 2022"
    assert album.date_label
    assert "Pascaline Liard" in album.credit
    assert [position for position, *_ in items] == list(range(7))
    for _, caption, caption_en, role in items:
        assert role is MediaRole.DRAWING
        assert "démonstration" in caption
        assert caption_en and "demo" in caption_en


def test_pages_are_bilingual_and_cite_their_sources(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        pages = {page.slug: page for page in session.scalars(select(Page))}
    assert set(pages) == {"ess", "le-mazier", "manifeste"}
    assert pages["ess"].title == "C'est quoi l'ESS ?"
    assert pages["le-mazier"].title == "Le Mazier, lieu ressource"
    assert pages["manifeste"].title == "Pourquoi nous partageons"
    for page in pages.values():
        assert page.title_en and page.body and page.body_en
        assert page.published
    assert "Kit municipal ESS" in pages["ess"].body and "septembre 2020" in pages["ess"].body
    assert "Kit municipal ESS" in (pages["ess"].body_en or "")
    assert "Movilab" in pages["le-mazier"].body and "Movilab" in pages["manifeste"].body
    assert "25 et 26 février 2022" in pages["le-mazier"].body
    icons = mdi6_icon_names()
    for page in pages.values():
        prefix, _, name = page.icon.partition(".")
        assert prefix == "mdi6" and name in icons, page.icon


def test_everything_a_visitor_reads_has_its_english(demo: BuiltDemo) -> None:
    """Credits, the map's credit (with its IGN source), tags, album date: an English visitor
    reads no French but the names of places, events and labels."""
    with demo.catalogue.session() as session:
        for asset in session.scalars(select(MediaAsset)):
            assert asset.credit and asset.credit_en, asset.path
            assert asset.credit_en != asset.credit
            assert "Démo" not in asset.credit_en and "générée" not in asset.credit_en
        (map_image,) = session.scalars(select(MapImage))
        assert map_image.credit_en and "IGN Admin Express" in map_image.credit_en
        assert "Contours" not in map_image.credit_en
        (album,) = session.scalars(select(Album))
        assert album.credit_en and "Pascaline Liard" in album.credit_en
        assert album.date_label_en == "25 and 26 February 2022"
        tags = {tag.name: tag.name_en for tag in session.scalars(select(Tag))}
    assert all(tags.values()), tags
    assert tags["ESS"] == "SSE" and tags["numérique"] == "digital"


def mdi6_icon_names() -> set[str]:
    """The icon names of qtawesome's Material Design 6 font (read without starting Qt)."""
    fonts = Path(qtawesome.__file__).parent / "fonts"
    (charmap,) = fonts.glob("materialdesignicons6-webfont-charmap-*.json")
    return set(json.loads(charmap.read_text(encoding="utf-8")))


# --- guards that need no full build ---------------------------------------------------------


def test_build_does_nothing_when_staff_content_exists(
    empty_catalogue: tuple[ContentRoot, Catalogue],
) -> None:
    root, catalogue = empty_catalogue
    with catalogue.session() as session:
        session.add(Place(slug="atelier", name="L'atelier"))
    summary = build_demo(catalogue, root)
    assert summary == DemoSummary()
    with catalogue.session() as session:
        assert session.scalar(select(func.count()).select_from(MediaAsset)) == 0
        assert session.scalar(select(func.count()).select_from(Place)) == 1
    assert files_on_disk(root) == set()


def test_failed_build_leaves_nothing_behind(
    empty_catalogue: tuple[ContentRoot, Catalogue], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, catalogue = empty_catalogue

    def broken_encoder(path: Path, **_options: object) -> None:
        path.write_bytes(b"half a video")
        raise RuntimeError("encoder failed")

    monkeypatch.setattr(demo_video, "write_aftermovie", broken_encoder)
    with pytest.raises(RuntimeError, match="encoder failed"):
        build_demo(catalogue, root)
    assert not (root.cache_dir / demo_builder.BUILD_FOLDER).exists()
    assert catalogue_is_empty(catalogue)
    assert files_on_disk(root) == set()


# --- rebuilding (these change the module's catalogue: keep them last) -----------------------


def test_second_build_without_reset_changes_nothing(demo: BuiltDemo) -> None:
    before = snapshot(demo.catalogue)
    summary = build_demo(demo.catalogue, demo.root)
    assert summary == DemoSummary()
    assert snapshot(demo.catalogue) == before


def test_reset_rebuilds_once_and_keeps_staff_content(demo: BuiltDemo) -> None:
    with demo.catalogue.session() as session:
        shared_tag = session.scalar(select(Tag).where(Tag.name == "réseau"))
        assert shared_tag is not None
        session.add(
            Place(
                slug="atelier-du-test",
                name="L'atelier du test",
                commune="Moulins",
                tags=[shared_tag, Tag(name="fait par l'équipe")],
            )
        )
        session.add(Page(slug="horaires", title="Horaires", body="Ouvert le mardi."))
        staff_photo = demo.root.assets_dir / "fedcba9876543210.jpg"
        Image.new("RGB", (8, 8), (10, 120, 40)).save(staff_photo)
        session.add(
            MediaAsset(
                kind=MediaKind.IMAGE,
                role=MediaRole.PHOTO,
                title="photo",
                path=demo.root.relative(staff_photo),
                sha256=sha256_of(staff_photo),
                size_bytes=staff_photo.stat().st_size,
                mime_type="image/jpeg",
            )
        )
    before = snapshot(demo.catalogue)
    # A demo file left by an older kiosk (other content, so another name): a reset deletes it.
    old_file = demo.root.videos_dir / "0123456789abcdef.mp4"
    old_file.write_bytes(b"an older demo vignette")
    with demo.catalogue.session() as session:
        session.add(
            MediaAsset(
                kind=MediaKind.VIDEO,
                role=MediaRole.VIGNETTE,
                title="ancienne",
                path=demo.root.relative(old_file),
                sha256="0" * 64,
                size_bytes=22,
                mime_type="video/mp4",
                is_demo=True,
            )
        )

    summary = build_demo(demo.catalogue, demo.root, reset=True)

    assert summary.places == 9 and summary.videos == 8 and summary.drawings == 7
    assert snapshot(demo.catalogue) == before
    assert not old_file.exists()
    assert staff_photo.exists()
    with demo.catalogue.session() as session:
        staff_place = session.scalar(
            select(Place).where(Place.slug == "atelier-du-test").options(selectinload(Place.tags))
        )
        assert staff_place is not None
        assert {tag.name for tag in staff_place.tags} == {"réseau", "fait par l'équipe"}
        assert session.scalar(select(Page).where(Page.slug == "horaires")) is not None
        assert session.scalar(select(func.count()).select_from(Place)) == 10
        # The demo's places were rebuilt, not removed by staff: none went to the Corbeille.
        assert session.scalar(select(func.count()).select_from(TrashItem)) == 0
        assert session.scalar(select(func.count()).select_from(MapImage)) == 1
        assert session.scalar(select(func.count()).select_from(Album)) == 1
        assert session.scalar(select(MediaAsset).where(MediaAsset.title == "ancienne")) is None
        paths = set(session.scalars(select(MediaAsset.path)))
        for asset in session.scalars(select(MediaAsset)):
            assert sha256_of(demo.root.absolute(asset.path)) == asset.sha256
    assert files_on_disk(demo.root) == paths


GOOD_TOWN = '[[towns]]\nname = "Moulins"\nlatitude = 46.5653\nlongitude = 3.3333\n'
GOOD_REST = (
    '[tags_en]\n"réseau" = "network"\n\n'
    '[[pages]]\nslug = "ess"\nicon = "mdi6.help"\ntitle = "ESS"\ntitle_en = "SSE"\n\n'
    "places = []\ndrawings = []\n"
)


def write_texts(folder: Path, towns: str, pages: str | None = None) -> Path:
    """A real data folder: texts.toml, and the page's Markdown in pages/."""
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    for language in ("fr", "en"):
        (folder / "pages" / f"ess.{language}.md").write_text(f"# {language}", encoding="utf-8")
    rest = GOOD_REST if pages is None else GOOD_REST.split("[[pages]]")[0] + pages
    # The tables first, then the arrays of tables (TOML puts keys after a table in it).
    body = rest.replace("places = []\ndrawings = []\n", "")
    (folder / "texts.toml").write_text(
        "places = []\ndrawings = []\n" + towns + "\n" + body, encoding="utf-8"
    )
    return folder


def test_the_demo_records_file_read_from_a_real_folder(tmp_path: Path) -> None:
    read = demo_texts.read_texts(write_texts(tmp_path, GOOD_TOWN))
    assert read.towns == (demo_texts.Town("Moulins", 46.5653, 3.3333),)
    assert read.pages[0].body == "# fr" and read.tags_en == {"réseau": "network"}


@pytest.mark.parametrize("number", ["nan", "inf", "-inf", "1e308", "181.0"])
def test_a_number_that_is_not_finite_or_out_of_bounds_is_refused(
    tmp_path: Path, number: str
) -> None:
    towns = GOOD_TOWN + f'\n[[towns]]\nname = "Vichy"\nlatitude = {number}\nlongitude = 3.4\n'
    with pytest.raises(demo_texts.TextsError, match=r"^texts\.toml, towns #2: Town\.latitude:"):
        demo_texts.read_texts(write_texts(tmp_path, towns))


def test_a_record_that_is_not_a_table_or_a_page_without_slug_is_named(tmp_path: Path) -> None:
    with pytest.raises(
        demo_texts.TextsError, match=r"^texts\.toml, towns #1: Town: a table is expected"
    ):
        demo_texts.read_texts(write_texts(tmp_path / "a", 'towns = ["Moulins"]\n'))
    no_slug = '[[pages]]\nicon = "x"\ntitle = "T"\ntitle_en = "T"\n'
    with pytest.raises(
        demo_texts.TextsError, match=r"^texts\.toml, pages #1: PageText\.slug: missing"
    ):
        demo_texts.read_texts(write_texts(tmp_path / "b", GOOD_TOWN, no_slug))


def test_a_page_slug_is_checked_before_it_names_a_file(tmp_path: Path) -> None:
    outside = tmp_path / "secret.fr.md"
    outside.write_text("not for the demo", encoding="utf-8")
    (tmp_path / "secret.en.md").write_text("not for the demo", encoding="utf-8")
    sneaky = '[[pages]]\nslug = "../../../secret"\nicon = "x"\ntitle = "T"\ntitle_en = "T"\n'
    with pytest.raises(
        demo_texts.TextsError, match=r"^texts\.toml, pages #1: PageText\.slug: un identifiant"
    ):
        demo_texts.read_texts(write_texts(tmp_path / "data" / "demo", GOOD_TOWN, sneaky))
