"""High contrast and larger text on the videos, player, albums, slideshow screens and the place
sheet: every text reaches 4.5:1 in both palettes, and a toggle really changes what is drawn."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit import theme
from kiosk.kit.appearance import Appearance
from kiosk.kit.context import UiContext
from kiosk.kit.theme import HIGH_CONTRAST, LARGE_TEXT_SCALE, WARM
from kiosk.library import catalogue_views
from kiosk.store.database import Catalogue
from kiosk.ui.app import RunOptions, build_context
from kiosk.ui.screens import notes, place_sheet, slideshow
from kiosk.ui.screens.videos import list_screen as videos
from kiosk.ui.screens.videos import player_screen
from kiosk.ui.screens.videos import player_style as player
from kiosk.ui.window import KioskWindow
from tests.harness.windows import OpenKioskWindow

MODULES = (videos, player, notes, slideshow, place_sheet)
AA = 4.5


@pytest.mark.parametrize("palette", [WARM, HIGH_CONTRAST], ids=["warm", "high-contrast"])
@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__.rsplit(".")[-1])
def test_every_text_reaches_aa_contrast(module: object, palette: theme.Palette) -> None:
    pairs: Callable[[theme.Palette], dict[str, tuple[str, str]]] = module.text_pairs  # type: ignore[attr-defined]
    for name, (foreground, background) in pairs(palette).items():
        ratio = theme.contrast_ratio(foreground, background)
        assert ratio >= AA, f"{module}: {name} {foreground} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__.rsplit(".")[-1])
def test_high_contrast_uses_the_high_contrast_palette(module: object) -> None:
    """In high contrast no text keeps a warm colour pair: the style follows the palette."""
    pairs: Callable[[theme.Palette], dict[str, tuple[str, str]]] = module.text_pairs  # type: ignore[attr-defined]
    warm, high = pairs(WARM), pairs(HIGH_CONTRAST)
    assert warm.keys() == high.keys()
    changed = [name for name in warm if warm[name] != high[name]]
    assert changed == list(warm)


def test_slideshow_captions_are_light_on_black_in_high_contrast() -> None:
    foreground, background = slideshow.text_pairs(HIGH_CONTRAST)["SlideCaption"]
    assert background == HIGH_CONTRAST.background
    assert theme.contrast_ratio(foreground, background) >= 7


@pytest.fixture
def context(
    qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> Iterator[UiContext]:
    built = build_context(qapp, content_root, sample_catalogue, RunOptions(size=(1920, 1080)))
    yield built
    assert built.appearance is not None
    built.appearance.reset()


def _look(label: QLabel) -> tuple[str, int]:
    """The text colour and font pixel size the label is drawn with now."""
    QApplication.processEvents()
    label.ensurePolished()
    return label.palette().color(QPalette.ColorRole.WindowText).name(), label.font().pixelSize()


def _check_toggles(qtbot: QtBot, widget: QWidget, appearance: Appearance, label: QLabel) -> None:
    qtbot.addWidget(widget)
    widget.resize(1920, 1000)
    widget.show()
    colour, size = _look(label)
    appearance.set_high_contrast(True)
    high_colour, high_size = _look(label)
    assert high_colour != colour
    assert high_size == size
    appearance.set_large_text(True)
    _, large_size = _look(label)
    assert large_size == pytest.approx(size * LARGE_TEXT_SCALE, abs=1)
    appearance.reset()
    assert _look(label) == (colour, size)


def test_the_videos_list_follows_the_appearance(qtbot: QtBot, context: UiContext) -> None:
    assert context.appearance is not None
    screen = videos.VideosScreen(context)
    _check_toggles(qtbot, screen, context.appearance, screen.tiles[0].title_label)
    assert _look(screen.tiles[0].title_label)[0] == theme.HEDGE_DARK.lower()


def test_the_player_follows_the_appearance(qtbot: QtBot, context: UiContext) -> None:
    assert context.appearance is not None
    screen = player_screen.PlayerScreen(context)
    _check_toggles(qtbot, screen, context.appearance, screen.error_text)
    if screen.player is not None:
        context.appearance.set_high_contrast(True)
        assert _look(screen.title_label)[0] == HIGH_CONTRAST.bar_text.lower()
        screen.player.release()


def test_the_albums_follow_the_appearance(qtbot: QtBot, context: UiContext) -> None:
    assert context.appearance is not None
    screen = notes.NotesScreen(context)
    assert screen.cards
    _check_toggles(qtbot, screen, context.appearance, screen.cards[0].title_label)


def test_the_slideshow_follows_the_appearance(qtbot: QtBot, context: UiContext) -> None:
    assert context.appearance is not None
    screen = slideshow.SlideshowScreen(context)
    screen.show_route("fdtl")
    _check_toggles(qtbot, screen, context.appearance, screen.slide_caption)
    _check_toggles(qtbot, screen, context.appearance, screen.position_label)
    context.appearance.set_high_contrast(True)
    assert _look(screen.slide_caption)[0] == HIGH_CONTRAST.text.lower()
    assert screen.stage.background.name() == HIGH_CONTRAST.background.lower()
    screen.cache.wait_for_idle(5000)


def test_the_place_sheet_follows_the_appearance(
    qtbot: QtBot, context: UiContext, sample_catalogue: Catalogue
) -> None:
    assert context.appearance is not None
    sheet = place_sheet.PlaceSheet(context)
    view = catalogue_views.place_sheet(sample_catalogue, "le-mazier")
    assert view is not None
    sheet.show_place(view, has_neighbours=True)
    _check_toggles(qtbot, sheet, context.appearance, sheet.text_label)  # type: ignore[arg-type]


def test_the_place_sheet_hides_an_unknown_commune(
    qtbot: QtBot, context: UiContext, sample_catalogue: Catalogue
) -> None:
    sheet = place_sheet.PlaceSheet(context)
    qtbot.addWidget(sheet)
    sheet.show()
    known = catalogue_views.place_sheet(sample_catalogue, "le-mazier")
    unknown = catalogue_views.place_sheet(sample_catalogue, "la-magic")
    assert known is not None and unknown is not None
    sheet.show_place(unknown, has_neighbours=True)
    assert sheet.commune_label.isHidden() and sheet.commune_icon.isHidden()
    sheet.show_place(known, has_neighbours=True)
    assert sheet.commune_label.isVisible()
    assert sheet.commune_label.text() == "Bourbon-l'Archambault"


def test_the_map_list_and_chips_follow_high_contrast_and_larger_text(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    from kiosk.kit.theme import HIGH_CONTRAST, WARM, contrast_ratio
    from kiosk.ui.screens import map as map_screen

    for palette in (WARM, HIGH_CONTRAST):
        for foreground, background in map_screen.text_pairs(palette):
            assert contrast_ratio(foreground, background) >= 4.5, (foreground, background)
    context = build_context(qapp, content_root, sample_catalogue, RunOptions(size=(1920, 1080)))
    screen = map_screen.MapScreen(context)
    qtbot.addWidget(screen)
    assert context.appearance is not None
    row_before = screen.delegate.row_height
    name_before = screen.delegate.name_font.pixelSize()
    context.appearance.set_high_contrast(True)
    context.appearance.set_large_text(True)
    try:
        assert screen.delegate.palette is HIGH_CONTRAST
        assert HIGH_CONTRAST.paper in screen.styleSheet()
        assert screen.delegate.name_font.pixelSize() > name_before
        assert screen.delegate.row_height >= row_before
    finally:
        context.appearance.reset()


def test_the_map_list_never_tells_visitors_a_commune_is_missing(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from kiosk.ui.screens import map as map_screen

    context = build_context(qapp, content_root, sample_catalogue, RunOptions(size=(1920, 1080)))
    screen = map_screen.MapScreen(context)
    qtbot.addWidget(screen)
    drawn: list[str] = []

    class Recorder(QPainter):
        def drawText(self, *args: object) -> None:  # type: ignore[override]
            drawn.append(str(args[-1]))

    image = QImage(800, 120, QImage.Format.Format_RGB32)
    for row in range(screen.model.rowCount()):
        painter = Recorder(image)
        option = QStyleOptionViewItem()
        option.rect = image.rect()
        screen.delegate.paint(painter, option, screen.model.index(row))
        painter.end()
    assert "Pas encore sur la carte" in drawn  # La MAGIC: no commune, not placed
    assert not [text for text in drawn if "préciser" in text]


def _in_both_languages_with_larger_text(window: KioskWindow) -> Iterator[str]:
    """Larger text on, then French and English in turn (open_kiosk_window puts both back)."""
    context = window.context
    assert context.appearance is not None
    context.appearance.set_large_text(True)
    for language in ("fr", "en"):
        context.languages.set_language(language)
        yield language


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_top_bar_titles_are_shown_in_full_with_larger_text(
    open_kiosk_window: OpenKioskWindow,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    size: tuple[int, int],
) -> None:
    """No "La cart…", "C'e…": with larger text every screen's title is all there, wrapped on
    two lines if it must, in both languages."""
    from PySide6.QtCore import QRect, Qt

    window = open_kiosk_window(content_root, sample_catalogue, size)
    for language in _in_both_languages_with_larger_text(window):
        for route in ("home", "map", "videos", "notes", "slideshow:fdtl", "page:ess"):
            name, _, argument = route.partition(":")
            window.open(name, argument)
            QApplication.processEvents()
            label = window.top_bar.title_label
            title = window.screens[name].title()
            assert title and label.text() == title
            room = label.contentsRect()
            needed = label.fontMetrics().boundingRect(
                QRect(0, 0, room.width(), 10_000), int(Qt.TextFlag.TextWordWrap), title
            )
            assert needed.height() <= room.height(), (route, language, title)
            assert needed.width() <= room.width(), (route, language, title)
            assert window.top_bar.height() < size[1] // 5


@pytest.mark.parametrize(
    "size", [(1920, 1080), (1080, 1920), (1280, 800)], ids=["landscape", "portrait", "small"]
)
def test_home_tiles_keep_their_icons_with_larger_text(
    open_kiosk_window: OpenKioskWindow,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    size: tuple[int, int],
) -> None:
    """Larger text used to squeeze two home-tile icons away at 1920×1080: on a wide, low tile
    the icon now goes beside the texts, at its full size, in both languages."""
    from kiosk.kit.widgets import Tile

    window = open_kiosk_window(content_root, sample_catalogue, size)
    for language in _in_both_languages_with_larger_text(window):
        window.go_home()
        QApplication.processEvents()
        tiles = window.screens["home"].findChildren(Tile)
        assert len(tiles) >= 4
        for tile in tiles:
            tile.grab()  # paints it
            assert tile.icon_drawn_size >= window.context.metrics.px(72), (language, tile._title)


def test_the_top_bar_logo_takes_the_bar_text_colour_in_each_mode(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    window = open_kiosk_window(content_root, sample_catalogue)
    appearance = window.context.appearance
    assert appearance is not None

    def logo_colours() -> set[str]:
        pixmap = window.top_bar.logo_icon.pixmap()
        image = pixmap.toImage()
        return {
            image.pixelColor(x, y).name().upper()
            for y in range(image.height())
            for x in range(image.width())
            if image.pixelColor(x, y).alpha() == 255
        }

    assert WARM.bar_text.upper() in logo_colours()
    appearance.set_high_contrast(True)
    assert logo_colours() >= {HIGH_CONTRAST.bar_text.upper()}
    assert WARM.bar_text.upper() not in logo_colours()  # it was white in both modes
    appearance.set_high_contrast(False)
    assert WARM.bar_text.upper() in logo_colours()


def test_every_route_has_a_name_in_the_staff_statistics() -> None:
    from kiosk.library.usage import SCREEN_NAMES
    from kiosk.ui.routes import Route

    assert set(SCREEN_NAMES) == {route.value for route in Route}
