"""The images of catalogue texts are decoded on the application's background runner: a result
reaches the loader that asked, never one that is gone, and a second look needs no decode."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.markdown import TEXT_IMAGES_POOL, ImageRequest, TextImageLoader
from kiosk.playback.background import background
from tests.media_factory import make_image


def a_picture(content_root: ContentRoot) -> ImageRequest:
    photos = content_root.home / "assets" / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    make_image(photos / "four.png", (1200, 800))
    return ImageRequest("assets/photos/four.png", 600, 600)


def test_an_image_is_decoded_in_the_background_then_kept_for_a_second_look(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot
) -> None:
    request = a_picture(content_root)
    loader = TextImageLoader(content_root)
    assert loader.request(request) is None  # not decoded on the GUI thread
    with qtbot.waitSignal(loader.ready, timeout=10_000) as blocker:
        pass
    answered, image = blocker.args
    assert answered == request
    assert isinstance(image, QImage) and (image.width(), image.height()) == (600, 400)
    again = loader.request(request)
    assert again is not None and again.size() == image.size()
    loader.deleteLater()


def test_a_refused_file_answers_with_a_null_image(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot
) -> None:
    (content_root.home / "assets").mkdir(parents=True, exist_ok=True)
    (content_root.home / "assets" / "not-a-picture.png").write_bytes(b"plain text, not a PNG")
    loader = TextImageLoader(content_root)
    request = ImageRequest("assets/not-a-picture.png", 300, 300)
    with qtbot.waitSignal(loader.ready, timeout=10_000) as blocker:
        loader.request(request)
    assert blocker.args[1].isNull()
    loader.deleteLater()


def test_a_result_for_a_loader_that_is_gone_is_dropped(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot
) -> None:
    request = a_picture(content_root)
    runner = background()
    loader = TextImageLoader(content_root)
    delivered, dropped = runner.delivered, runner.dropped
    loader.request(request)
    assert runner.pool(TEXT_IMAGES_POOL).maxThreadCount() == 1
    loader.deleteLater()
    QApplication.processEvents()  # the deferred delete: the loader is gone under its decode
    runner.wait_for_idle(10_000)
    qtbot.waitUntil(lambda: runner.dropped > dropped, timeout=10_000)
    assert runner.delivered == delivered
