"""One media's titles and credits in French and English, and its role (the Médias tab's editor)."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

from PySide6.QtCore import (
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import theme
from kiosk.kit.context import UiContext
from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import plain_label
from kiosk.library.french_format import human_size
from kiosk.library.media_admin import (
    MediaAdminError,
    MediaEntry,
    update_media,
)
from kiosk.staff.catalogue_tabs.unsaved import FormGuard, Note
from kiosk.staff.controls import button, hint_label, title_label
from kiosk.store.models import MediaKind, MediaRole
from kiosk.store.validation import ValidationError


def _line_edit(metrics: Metrics) -> QLineEdit:
    """A text field a finger can hit: one touch target high."""
    field = QLineEdit()
    field.setStyleSheet(f"min-height: {metrics.touch - 2 * metrics.px(2)}px;")
    field.setClearButtonEnabled(True)
    # Narrow enough that the import panel beside keeps its width in a 1280x800 window (wider,
    # its hint took a line more and pushed « Enregistrer » below the fold).
    field.setMinimumWidth(metrics.px(160))
    return field


class MediaEditor(FormGuard, QWidget):
    """One media's titles and credits in French and English, and its role.

    Every change passes the gate: a refused value is one line naming the field in the form's
    words and the reason, and nothing is changed. Edits not saved are asked about before the
    editor is left (« Retour à la liste », another tab, leaving the staff area), as in every
    form of the staff area; ``saved(entry)`` after each save.
    """

    saved = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.entry: MediaEntry | None = None
        self.uses_text = ""
        self.heading = title_label(self.tr("Modifier le média"))
        self.about = hint_label()
        self.rename_hint = hint_label(
            self.tr(
                "Ce titre est encore le nom du fichier : donnez-lui un titre que les visiteurs "
                "comprennent."
            )
        )
        self.rename_hint.setStyleSheet(f"color: {theme.TERRACOTTA};")
        # What the media is: its picture (a video's poster), so a file named "camera" can be
        # given a title by someone who never saw the file.
        self.preview = plain_label()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_size = QSize(metrics.px(320), metrics.px(200))
        self.preview.setFixedSize(self.preview_size)
        self.preview.setStyleSheet(
            f"background: {theme.PAPER}; border-radius: {metrics.px(12)}px; "
            f"color: {theme.MUTED}; font-size: {metrics.px(20)}px;"
        )
        self.title = _line_edit(metrics)
        self.title_en = _line_edit(metrics)
        self.credit = _line_edit(metrics)
        self.credit_en = _line_edit(metrics)
        self.title_en.setPlaceholderText(self.tr("Vide : les visiteurs anglais lisent le français"))
        self.credit.setPlaceholderText(self.tr("Par exemple : Julie Siboni"))
        self.role = QComboBox()
        self.role.setStyleSheet(f"min-height: {metrics.touch - 2 * metrics.px(2)}px;")
        self.message = hint_label()
        self.note = Note(self.message, metrics)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.back_button = button("mdi6.arrow-left", self.tr("Retour à la liste"), metrics)
        self.labels = {
            "media_assets.title": self.tr("Titre"),
            "media_assets.title_en": self.tr("Titre en anglais"),
            "media_assets.credit": self.tr("Crédit"),
            "media_assets.credit_en": self.tr("Crédit en anglais"),
            "media_assets.role": self.tr("Rôle"),
        }
        form = QFormLayout()
        form.setVerticalSpacing(metrics.px(12))
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for field, widget in (
            ("media_assets.title", self.title),
            ("media_assets.title_en", self.title_en),
            ("media_assets.credit", self.credit),
            ("media_assets.credit_en", self.credit_en),
            ("media_assets.role", self.role),
        ):
            label = plain_label(text=self.labels[field])
            label.setStyleSheet(f"font-size: {metrics.px(22)}px; color: {theme.HEDGE_DARK};")
            label.setMinimumHeight(metrics.touch)  # beside the middle of its field
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        top = QHBoxLayout()
        top.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.addWidget(self.about)
        texts.addWidget(self.rename_hint)
        texts.addStretch(1)
        top.addLayout(texts, 1)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def _roles(self, kind: MediaKind) -> list[tuple[str, MediaRole]]:
        if kind is MediaKind.VIDEO:
            return [
                (self.tr("Film (de la route ou autre film)"), MediaRole.AFTERMOVIE),
                (self.tr("Vignette d'un lieu"), MediaRole.VIGNETTE),
                (self.tr("Autre vidéo (non montrée)"), MediaRole.OTHER),
            ]
        return [
            (self.tr("Dessin (carnet)"), MediaRole.DRAWING),
            (self.tr("Photo d'un lieu"), MediaRole.PHOTO),
            (self.tr("Carte"), MediaRole.MAP),
            (self.tr("Autre image"), MediaRole.OTHER),
        ]

    def show_about(self, entry: MediaEntry, uses_text: str) -> None:
        """What the media is, its size and what uses it (again after a save)."""
        self.uses_text = uses_text
        kind = self.tr("vidéo") if entry.kind is MediaKind.VIDEO else self.tr("image")
        self.about.setText(
            self.tr("{0}, {1}. Utilisé par : {2}").format(
                kind, human_size(entry.size_bytes), uses_text
            )
        )

    def show_entry(self, entry: MediaEntry, uses_text: str) -> None:
        self.entry = entry
        self.show_about(entry, uses_text)
        self.rename_hint.setVisible(entry.needs_renaming)
        self._show_preview(entry)
        self.title.setText(entry.title)
        self.title_en.setText(entry.title_en or "")
        self.credit.setText(entry.credit)
        self.credit_en.setText(entry.credit_en or "")
        for field in (self.title, self.title_en, self.credit, self.credit_en):
            field.setCursorPosition(0)  # a long title reads from its start, not its end
        self.role.clear()
        for label, role in self._roles(entry.kind):
            self.role.addItem(label, role)
        self.role.setCurrentIndex(max(0, self.role.findData(entry.role)))
        self.note.say("")
        self.mark_clean()

    def form_state(self) -> Hashable:
        return (
            self.entry.id if self.entry is not None else None,
            self.title.text(),
            self.title_en.text(),
            self.credit.text(),
            self.credit_en.text(),
            self.role.currentData(),
        )

    def form_name(self) -> str:
        return self.title.text().strip() or (self.entry.name if self.entry else self.tr("Média"))

    def drop_edits(self) -> None:
        """« Ne pas enregistrer »: the fields as saved again."""
        if self.entry is not None:
            self.show_entry(self.entry, self.uses_text)
        self.mark_clean()

    def _show_preview(self, entry: MediaEntry) -> None:
        from kiosk.config import UnsafePathError
        from kiosk.playback.images import load_scaled

        picture: Path | None = None
        try:
            path = self.context.root.absolute(entry.path)
            if entry.kind is MediaKind.VIDEO:
                from kiosk.playback.posters import poster_for

                picture = poster_for(self.context.root.cache_dir, path)
            else:
                picture = path
        except (UnsafePathError, OSError):
            picture = None
        image = load_scaled(picture, self.preview_size) if picture is not None else None
        if image is None or image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Pas d'aperçu"))
        else:
            self.preview.setText("")
            self.preview.setPixmap(QPixmap.fromImage(image))

    def save(self) -> bool:
        """Save the form; whether it saved (else the reason is in ``message``)."""
        if self.entry is None:
            return False
        try:
            updated = update_media(
                self.context.catalogue,
                self.entry.id,
                title=self.title.text(),
                title_en=self.title_en.text(),
                credit=self.credit.text(),
                credit_en=self.credit_en.text(),
                role=self.role.currentData(),
            )
        except ValidationError as error:
            self.note.say(
                self.tr("{0} : {1} ; rien n'a changé.").format(
                    self.labels.get(error.field, error.field), error.reason
                )
            )
            return False
        except MediaAdminError as error:
            self.note.say(str(error))
            return False
        self.entry = updated
        self.rename_hint.setVisible(updated.needs_renaming)
        self.mark_clean()
        self.note.saved(self.tr("Enregistré."))  # the green band of the other tabs
        self.saved.emit(updated)
        return True
