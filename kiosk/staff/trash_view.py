"""The Corbeille of the Médias tab: removed media, deleted places and pages; « Restaurer » puts
one back where it was."""

from __future__ import annotations

from PySide6.QtCore import (
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from kiosk.kit import icons, theme
from kiosk.kit.context import UiContext
from kiosk.kit.widgets import named
from kiosk.library.french_format import french_moment
from kiosk.library.trash import TrashEntry, TrashError, list_trash, restore
from kiosk.staff.controls import button, button_row, hint_label, titled_column
from kiosk.store.models import TrashKind
from kiosk.store.validation import ValidationError

# The first word of an item's detail that only repeats its kind (« page · non publiée »).
_KIND_WORDS = frozenset({"page", "lieu", "vidéo", "image"})


class TrashView(QWidget):
    """The Corbeille: what was removed (media, places, pages), the newest first, and
    « Restaurer »."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.entries: list[TrashEntry] = []
        self.list = named(QListWidget(), "StaffList")
        self.list.setIconSize(metrics.icon)
        # Chosen by a touch only (a focus given by the layout would choose the first one).
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setWordWrap(True)
        self.empty = hint_label(self.tr("La corbeille est vide."))
        self.message = hint_label()
        self.restore_button = button("mdi6.restore", self.tr("Restaurer"), metrics)
        self.back_button = button("mdi6.arrow-left", self.tr("Retour à la liste"), metrics)
        layout = titled_column(
            self,
            self.tr("Corbeille"),
            self.tr(
                "Les médias retirés, les lieux et les pages supprimés restent ici. Touchez-en "
                "un puis « Restaurer » : il revient là où il était."
            ),
        )
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addLayout(button_row(self.back_button, self.restore_button))
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self._update_buttons()

    def refresh(self) -> None:
        self.entries = list_trash(self.context.catalogue, self.context.root)
        metrics = self.context.metrics
        self.list.clear()
        for entry in self.entries:
            video = entry.kind is TrashKind.MEDIA and entry.detail.startswith("vidéo")
            # What it was, named once: « Page « … » » then what the page was (not « page · … »
            # again), and « retirée » for the feminine ones (une page, une vidéo, une image).
            what, removed = {
                TrashKind.PLACE: (self.tr("Lieu"), self.tr("supprimé le {0}")),
                TrashKind.PAGE: (self.tr("Page"), self.tr("supprimée le {0}")),
            }.get(
                entry.kind,
                (self.tr("Vidéo"), self.tr("retirée le {0}"))
                if video
                else (self.tr("Image"), self.tr("retirée le {0}")),
            )
            kind_word, _dot, rest = entry.detail.partition(" · ")
            detail = rest if kind_word in _KIND_WORDS else entry.detail
            lines = (
                [f"{what} « {entry.label} »", detail] if detail else [f"{what} « {entry.label} »"]
            )
            lines.append(removed.format(french_moment(entry.removed_local)))
            text = "\n".join(lines)
            if entry.missing_files:
                text += "  ·  " + self.tr("fichier introuvable")
            icon = {
                TrashKind.PLACE: "mdi6.map-marker",
                TrashKind.PAGE: "mdi6.file-document-outline",
            }.get(
                entry.kind,
                "mdi6.filmstrip" if video else "mdi6.image",
            )
            item = QListWidgetItem(icons.icon(icon, color=theme.HEDGE_DARK), text)
            # Every line whole, the date included: a long « était : … » takes two lines, more
            # on a narrow screen (a fixed height cut the date off at 1280x800).
            wrapped = sum(1 + len(line) // 60 for line in text.split("\n"))
            spacing = self.list.fontMetrics().lineSpacing()
            item.setSizeHint(QSize(0, max(metrics.touch, spacing * wrapped + metrics.px(24))))
            self.list.addItem(item)
        self.list.setCurrentRow(-1)  # nothing is restored until one is touched
        self.empty.setVisible(not self.entries)
        self.list.setVisible(bool(self.entries))
        self._update_buttons()

    def _chosen_row(self) -> int | None:
        rows = [index.row() for index in self.list.selectedIndexes()]
        return rows[0] if rows and 0 <= rows[0] < len(self.entries) else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self._chosen_row() is not None)

    def restore_selected(self) -> None:
        row = self._chosen_row()
        if row is None:
            return
        entry = self.entries[row]
        try:
            done = restore(self.context.catalogue, self.context.root, entry.id)
        except TrashError as error:
            self.message.setText(str(error))
            return
        except ValidationError as error:
            self.message.setText(
                self.tr("« {0} » : {1} : {2} ; rien n'a changé.").format(
                    entry.label, error.field, error.reason
                )
            )
            return
        self.refresh()
        self.message.setText("\n".join([done.summary, *(f"· {note}" for note in done.notes)]))
