"""The slideshow of one album: swipe (following the finger), arrows, autoplay, deep zoom.

Route ``slideshow``, argument ``slug`` or ``slug:index``; ``slug:index:zoom`` opens that drawing
zoomed in at its centre (``kiosk run --route``, screenshots)."""

from __future__ import annotations

from PySide6.QtCore import (
    QPointF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons
from kiosk.kit.context import UiContext
from kiosk.kit.widgets import IconButton, plain_label
from kiosk.library import catalogue_views, settings
from kiosk.library.catalogue_views import AlbumSlidesView
from kiosk.library.typography import french_spacing
from kiosk.playback.image_cache import shared_cache
from kiosk.ui.routes import Route
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.slideshow.fader import Fader
from kiosk.ui.screens.slideshow.stage import SlideStage
from kiosk.ui.screens.slideshow.style import colours, style_sheet
from kiosk.ui.screens.slideshow.thumbs import ThumbStrip
from kiosk.ui.screens.slideshow.zoom_page import ZoomPage

ROUTE_SLIDESHOW = Route.SLIDESHOW
RESUME_AFTER_MS = 20_000
ZOOMED = ":zoom"  # at the end of the route's argument: open the drawing zoomed in
HINT_MS = 4000  # the zoom hint shows this long, then fades away
SIGN_MS = 2500  # the "paused" sign shows this long after a touch, then fades away


def credit_line(credit: str, translate_prefix: str) -> str:
    """``Réalisation : Pascaline Liard`` for a plain name; a sentence is shown as it is."""
    credit = credit.strip()
    if not credit:
        return ""
    if any(mark in credit for mark in (":", "—", "–")):
        return credit
    return translate_prefix.format(credit)


def parse_argument(argument: str | None) -> tuple[str, int]:
    """``slug`` or ``slug:index`` → (slug, index); a bad index is 0."""
    if not argument:
        return "", 0
    slug, _, index = argument.partition(":")
    try:
        return slug, max(0, int(index)) if index else 0
    except ValueError:
        return slug, 0


class SlideshowScreen(Screen):
    """One album's drawings, one at a time, with their caption and credit; zoom on demand."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        metrics = context.metrics
        px = metrics.px
        self.cache = shared_cache(context.root)
        self.album: AlbumSlidesView | None = None
        self.resume_after_ms = RESUME_AFTER_MS
        self.hint_ms = HINT_MS
        self.sign_ms = SIGN_MS
        self._icons: dict[QPushButton, str] = {}

        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

        # The slides page.
        slides_page = QWidget()
        slides_layout = QVBoxLayout(slides_page)
        slides_layout.setContentsMargins(0, 0, 0, px(16))
        slides_layout.setSpacing(px(14))
        self.stage = SlideStage(self.cache)
        slides_layout.addWidget(self.stage, stretch=1)
        self.previous_button = self._overlay_button("mdi6.chevron-left", self.stage)
        self.next_button = self._overlay_button("mdi6.chevron-right", self.stage)
        self.zoom_button = IconButton(
            "mdi6.magnify-plus-outline", "", metrics, object_name="ZoomButton", parent=self.stage
        )
        # Autoplay's own button: pause, or play again; and the sign a touch's pause shows.
        self.play_button = IconButton(
            "mdi6.pause", "", metrics, object_name="ZoomButton", parent=self.stage
        )
        self.pause_sign = plain_label("PauseSign", parent=self.stage)
        self.pause_sign.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pause_sign.hide()
        self._sign_fade = Fader(self.pause_sign, self)
        self.previous_button.clicked.connect(lambda: self._user_step(-1))
        self.next_button.clicked.connect(lambda: self._user_step(1))
        self.zoom_button.clicked.connect(self._open_zoom_centre)
        self.play_button.clicked.connect(self._on_play_clicked)

        info = QHBoxLayout()
        info.setContentsMargins(px(40), 0, px(40), 0)
        info.setSpacing(px(24))
        texts = QVBoxLayout()
        texts.setSpacing(px(4))
        self.slide_title = plain_label("SlideTitle")
        self.slide_caption = plain_label("SlideCaption")
        self.slide_credit = plain_label("SlideCredit")
        for label in (self.slide_title, self.slide_caption, self.slide_credit):
            label.setWordWrap(True)
            texts.addWidget(label)
        info.addLayout(texts, stretch=1)
        self.position_label = plain_label("SlidePosition")
        self.position_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        info.addWidget(self.position_label)
        slides_layout.addLayout(info)
        self.strip = ThumbStrip(self.cache, context)
        strip_row = QHBoxLayout()
        strip_row.setContentsMargins(px(40), 0, px(40), 0)
        strip_row.addWidget(self.strip)
        slides_layout.addLayout(strip_row)
        self.missing = plain_label("FriendlyCard")
        self.missing.setWordWrap(True)
        self.missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.missing.hide()
        slides_layout.addWidget(self.missing)
        self.pages.addWidget(slides_page)

        # The zoom page.
        self.zoom_page = ZoomPage(self.cache, metrics)
        self.zoom_view = self.zoom_page.view
        self.close_zoom_button = self.zoom_page.close_button
        self.whole_page_button = self.zoom_page.whole_page_button
        self.zoom_in_button = self.zoom_page.zoom_in_button
        self.zoom_out_button = self.zoom_page.zoom_out_button
        self.zoom_hint = self.zoom_page.hint
        self._hint_fade = self.zoom_page.hint_fade
        self.close_zoom_button.clicked.connect(self.close_zoom)
        self.zoom_view.touched.connect(self.pause_autoplay)
        self.pages.addWidget(self.zoom_page)

        self.autoplay_timer = QTimer(self)
        self.autoplay_timer.setSingleShot(True)
        self.autoplay_timer.timeout.connect(self._autoplay_step)
        self.resume_timer = QTimer(self)
        self.resume_timer.setSingleShot(True)
        self.resume_timer.timeout.connect(self.resume_autoplay)
        self.autoplay_interval_ms = 8000
        self.playing = False  # autoplay turns the pages
        self.paused_by_button = False  # only the button (or the next visitor) plays again

        self.stage.index_changed.connect(self._on_index_changed)
        self.stage.touched.connect(self.pause_autoplay)
        self.stage.zoom_requested.connect(self.open_zoom)
        self.strip.chosen.connect(self._on_thumb_chosen)
        icons: tuple[tuple[QPushButton, str], ...] = (
            (self.previous_button, "mdi6.chevron-left"),
            (self.next_button, "mdi6.chevron-right"),
            (self.zoom_button, "mdi6.magnify-plus-outline"),
            (self.close_zoom_button, "mdi6.close"),
            (self.whole_page_button, "mdi6.fit-to-page-outline"),
            (self.zoom_out_button, "mdi6.magnify-minus-outline"),
            (self.zoom_in_button, "mdi6.magnify-plus-outline"),
            (self.play_button, "mdi6.pause"),
        )
        self._icons.update(icons)
        context.follow_appearance(self._apply_appearance)
        self.retranslate()

    def _apply_appearance(self) -> None:
        """Colours and font sizes from the visitor's choices (high contrast, larger text)."""
        palette = self.context.palette
        scheme = colours(palette)
        self.setStyleSheet(style_sheet(self.context.metrics, palette))
        self.stage.background = QColor(scheme["stage"])
        self.zoom_view.setBackgroundBrush(QColor(scheme["stage"]))
        self.stage.update()
        for button, icon in self._icons.items():
            button.setIcon(
                icons.icon(
                    icon,
                    color=scheme["button_text"],
                    color_disabled=scheme["disabled_text"],
                )
            )
        self._place_overlays()

    # Navigation --------------------------------------------------------------------------
    def title(self) -> str:
        if self.album is not None:
            return self.album.localized_title(self.context.languages.language)
        return self.tr("Carnets dessinés")

    def show_route(self, argument: str | None) -> None:
        zoomed = argument is not None and argument.endswith(ZOOMED)
        if zoomed and argument is not None:
            argument = argument.removesuffix(ZOOMED)
        slug, index = parse_argument(argument)
        self.album = catalogue_views.album_slides(self.context.catalogue, slug) if slug else None
        self.autoplay_interval_ms = round(
            settings.load(self.context.catalogue).autoplay_interval_s * 1000
        )
        self.pages.setCurrentIndex(0)
        slides = self.album.slides if self.album is not None else ()
        paths = [slide.path for slide in slides]
        self.missing.setVisible(not paths)
        for widget in (self.stage, self.strip):
            widget.setVisible(bool(paths))
        index = min(index, len(paths) - 1) if paths else 0
        self.strip.set_paths(paths)
        self.stage.set_paths(paths, index)
        self._update_texts()
        self.autoplay_timer.stop()
        self.resume_timer.stop()
        self.paused_by_button = False
        self._sign_fade.hide_now()
        self.start_autoplay()
        if zoomed:  # once laid out: zoomed in at the middle of the drawing
            QTimer.singleShot(0, self, self._open_zoom_middle)

    def _open_zoom_middle(self) -> None:
        self.open_zoom(QPointF(self.stage.width() / 2, self.stage.height() / 2))

    def go_back_within(self) -> bool:
        """ "Retour" from the zoom goes back to the slide, not to the album list."""
        if self.is_zooming():
            self.close_zoom()
            return True
        return False

    def reset(self) -> None:
        self.reset_for_next_visitor()

    def reset_for_next_visitor(self) -> None:
        """The next visitor finds the album at its first drawing, the zoom closed, the
        thumbnails scrolled back to the start and autoplay on."""
        self.pages.setCurrentIndex(0)
        self._hint_fade.hide_now()
        self._sign_fade.hide_now()
        self.autoplay_timer.stop()
        self.resume_timer.stop()
        self.paused_by_button = False
        self.playing = False
        if self.stage.paths:
            self.stage.set_paths(self.stage.paths, 0)
            self._update_texts()
        self.strip.horizontalScrollBar().setValue(0)
        self.start_autoplay()

    def current_index(self) -> int:
        return self.stage.index

    def _user_step(self, step: int) -> None:
        self.pause_autoplay()
        self.stage.go(step)

    def _on_thumb_chosen(self, index: int) -> None:
        self.pause_autoplay()
        self.stage.go_to(index)

    def _on_index_changed(self, _index: int) -> None:
        self._update_texts()
        if self.playing:
            self.autoplay_timer.start(self.autoplay_interval_ms)

    # Autoplay ----------------------------------------------------------------------------
    def autoplay_is_running(self) -> bool:
        return self.playing

    def autoplay_is_paused(self) -> bool:
        """Paused by a visitor: by a touch (it plays again after a quiet spell) or by the
        pause button (only the button plays again)."""
        return not self.playing and (self.resume_timer.isActive() or self.paused_by_button)

    def can_autoplay(self) -> bool:
        return len(self.stage.paths) > 1

    def start_autoplay(self) -> None:
        if self.can_autoplay() and self.pages.currentIndex() == 0:
            self.playing = True
            self.paused_by_button = False
            self.resume_timer.stop()
            if self.isVisible():  # else it starts when the screen shows (_resume_on_show)
                self.autoplay_timer.start(self.autoplay_interval_ms)
        else:
            self.playing = False
            self.autoplay_timer.stop()
        self._update_play_button()

    def pause_autoplay(self) -> None:
        """A visitor touched: stop advancing, say so, and resume after a quiet spell (unless
        the pause button was used: then only the button plays again)."""
        was_playing = self.playing
        self.playing = False
        self.autoplay_timer.stop()
        if not self.paused_by_button:
            self.resume_timer.start(self.resume_after_ms)
        if was_playing and self.can_autoplay() and not self.is_zooming():
            self._show_pause_sign()
        self._update_play_button()

    def pause_by_button(self) -> None:
        self.paused_by_button = True
        self.resume_timer.stop()
        self.pause_autoplay()

    def resume_autoplay(self) -> None:
        if self.pages.currentIndex() == 1:
            self.resume_timer.start(self.resume_after_ms)  # still zooming: wait again
            return
        self.start_autoplay()

    def _on_play_clicked(self) -> None:
        if self.playing:
            self.pause_by_button()
        else:
            self._sign_fade.hide_now()
            self.start_autoplay()

    def _autoplay_step(self) -> None:
        if self.playing:
            self.stage.go(1)

    def _show_pause_sign(self) -> None:
        self._place_overlays()
        self._sign_fade.show_for(self.sign_ms)

    def _update_play_button(self) -> None:
        playing = self.playing
        self.play_button.setVisible(self.can_autoplay())
        icon = "mdi6.pause" if playing else "mdi6.play"
        self._icons[self.play_button] = icon
        scheme = colours(self.context.palette)
        self.play_button.setIcon(
            icons.icon(icon, color=scheme["button_text"], color_disabled=scheme["disabled_text"])
        )
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Lecture"))
        self.play_button.setAccessibleName(
            self.tr("Mettre le défilement en pause")
            if playing
            else self.tr("Reprendre le défilement")
        )
        self._place_overlays()

    def hideEvent(self, event: QHideEvent) -> None:
        self.autoplay_timer.stop()
        self.resume_timer.stop()
        super().hideEvent(event)

    def _resume_on_show(self) -> None:
        """Back on screen (after another screen): autoplay goes on unless a visitor paused."""
        if self.playing:
            self.autoplay_timer.start(self.autoplay_interval_ms)
        elif not self.paused_by_button and self.can_autoplay():
            self.resume_timer.start(self.resume_after_ms)

    # Zoom --------------------------------------------------------------------------------
    def _open_zoom_centre(self) -> None:
        self.open_zoom(None)

    def open_zoom(self, stage_point: QPointF | None = None) -> None:
        """Show the current drawing in the deep-zoom view (zoomed on ``stage_point`` if given)."""
        if self.album is None or not self.album.slides:
            return
        self.pause_autoplay()
        slide = self.album.slides[self.stage.index]
        self.pages.setCurrentIndex(1)
        self.zoom_view.set_drawing(slide.path, slide.width, slide.height)
        self.zoom_page.place_overlays()
        self._hint_fade.show_for(self.hint_ms)
        if stage_point is not None:
            view_point = QPointF(
                stage_point.x() * self.zoom_view.width() / max(1, self.stage.width()),
                stage_point.y() * self.zoom_view.height() / max(1, self.stage.height()),
            )
            self.zoom_view.toggle_zoom(view_point)

    def close_zoom(self) -> None:
        self.pages.setCurrentIndex(0)
        self._hint_fade.hide_now()
        self.pause_autoplay()

    def is_zooming(self) -> bool:
        return self.pages.currentIndex() == 1

    # Layout and texts --------------------------------------------------------------------
    def _overlay_button(self, icon: str, parent: QWidget) -> QPushButton:
        button = IconButton(icon, "", self.context.metrics, object_name="SlideArrow", parent=parent)
        size = self.context.metrics.px(96)
        button.setIconSize(QSize(self.context.metrics.px(64), self.context.metrics.px(64)))
        button.setFixedSize(size, size)
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_overlays()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place_overlays()
        self._resume_on_show()

    def _place_overlays(self) -> None:
        px = self.context.metrics.px
        stage = self.stage
        margin = px(24)
        self.play_button.adjustSize()
        self.play_button.move(margin, stage.height() - self.play_button.height() - margin)
        self.play_button.raise_()
        self.pause_sign.setMaximumWidth(max(1, stage.width() - 2 * margin))
        self.pause_sign.adjustSize()
        self.pause_sign.move(
            (stage.width() - self.pause_sign.width()) // 2,
            (stage.height() - self.pause_sign.height()) // 2,
        )
        self.pause_sign.raise_()
        if self.context.portrait:
            # A tall stage: the drawing fills its width, with dark room above and below; the
            # arrows go in the row of Pause and Zoomer, under it, not over its edges.
            size = self.next_button.width()
            row_middle = stage.height() - margin - self.play_button.height() // 2
            middle = stage.width() // 2
            for button, left in (
                (self.previous_button, middle - size - margin // 2),
                (self.next_button, middle + margin // 2),
            ):
                button.move(left, row_middle - size // 2)
                button.raise_()
        else:
            for button, left in (
                (self.previous_button, margin),
                (self.next_button, stage.width() - self.next_button.width() - margin),
            ):
                button.move(left, (stage.height() - button.height()) // 2)
                button.raise_()
        self.zoom_button.adjustSize()
        self.zoom_button.move(
            stage.width() - self.zoom_button.width() - margin,
            stage.height() - self.zoom_button.height() - margin,
        )
        self.zoom_button.raise_()
        self.zoom_page.place_overlays()

    def retranslate(self) -> None:
        self.previous_button.setAccessibleName(self.tr("Dessin précédent"))
        self.next_button.setAccessibleName(self.tr("Dessin suivant"))
        self.zoom_button.setText(self.tr("Zoomer"))
        self.close_zoom_button.setText(self.tr("Fermer le zoom"))
        self.whole_page_button.setText(self.tr("Page entière"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoomer"))
        self.zoom_out_button.setAccessibleName(self.tr("Dézoomer"))
        self.zoom_hint.setText(
            self.tr("Pincez ou touchez deux fois pour zoomer, glissez pour vous déplacer.")
        )
        self.pause_sign.setText(self.tr("Défilement en pause"))
        self._update_play_button()
        self.missing.setText(self.tr("Ce carnet n'est pas disponible pour le moment."))
        self.stage.failure_text = self.tr("Ce dessin ne peut pas être affiché")
        self._update_texts()
        self._place_overlays()

    def _update_texts(self) -> None:
        if self.album is None or not self.album.slides:
            for label in (self.slide_title, self.slide_caption, self.slide_credit):
                label.clear()
            self.position_label.clear()
            return
        language = self.context.languages.language
        index = self.stage.index
        slide = self.album.slides[index]
        self.slide_title.setText(french_spacing(slide.localized_title(language)))
        self.slide_title.setVisible(bool(slide.title))
        caption = slide.localized_caption(language)
        self.slide_caption.setText(french_spacing(caption))
        self.slide_caption.setVisible(bool(caption))
        credit = credit_line(self.album.localized_credit(language), self.tr("Réalisation : {}"))
        self.slide_credit.setText(french_spacing(credit))
        self.position_label.setText(
            self.tr("{current} / {total}").format(current=index + 1, total=len(self.album.slides))
        )
        self.strip.set_current(index)
