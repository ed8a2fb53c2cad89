"""The staff area's style sheet: big touch controls on the kiosk's palette."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from kiosk.kit import icons, theme
from kiosk.kit.theme import Metrics

log = logging.getLogger(__name__)


def arrow_image(metrics: Metrics) -> str:
    """A drop-down's arrow large enough to see, as a file for the style sheet (made once)."""
    size = metrics.px(36)
    folder = Path(tempfile.gettempdir()) / f"kiosk-staff-{os.getuid()}"
    path = folder / f"chevron-down-{size}.png"
    if not path.is_file():
        try:
            folder.mkdir(exist_ok=True)
            icons.icon("mdi6.chevron-down", color=theme.HEDGE_DARK).pixmap(size, size).save(
                str(path)
            )
        except OSError:
            log.warning("cannot write the drop-down arrow in %s", folder)
    return path.as_posix()


def staff_style(metrics: Metrics) -> str:
    px = metrics.px
    arrow = arrow_image(metrics)
    field = metrics.touch - 2 * px(2)  # a field is one touch target high, its border included
    bar = px(28)  # scroll bars a finger can hold (the desktop's are 14 px)
    return f"""
QWidget#StaffArea {{ background: {theme.CREAM}; }}
QWidget#StaffTabs {{ background: {theme.HEDGE_DARK}; }}
QPushButton#StaffTab {{
    color: {theme.WHITE}; background: transparent; border: none; text-align: left;
    padding: 0 {px(18)}px; min-height: {metrics.touch}px; font-size: {px(24)}px;
    border-radius: {px(14)}px;
}}
QPushButton#StaffTab:checked {{ background: {theme.CREAM}; color: {theme.HEDGE_DARK}; }}
QPushButton#StaffButton {{
    color: {theme.WHITE}; background: {theme.HEDGE}; border: none; border-radius: {px(14)}px;
    padding: 0 {px(20)}px; min-height: {metrics.touch}px; font-size: {px(24)}px;
}}
QPushButton#StaffButton:disabled {{ background: {theme.HEDGE_DISABLED}; }}
QPushButton#DangerButton {{
    color: {theme.WHITE}; background: {theme.TERRACOTTA}; border: none;
    border-radius: {px(14)}px; padding: 0 {px(20)}px; min-height: {metrics.touch}px;
    font-size: {px(24)}px;
}}
QPushButton#DangerButton:disabled {{
    background: {theme.TERRACOTTA_DISABLED}; color: {theme.WHITE};
}}
QLabel#StaffTitle {{ font-size: {px(36)}px; font-weight: 700; color: {theme.HEDGE_DARK}; }}
QLabel#StaffHint {{ font-size: {px(22)}px; color: {theme.MUTED}; }}
QListWidget#StaffList, QTableView#StaffTable {{
    background: {theme.PAPER}; border: none; border-radius: {px(14)}px; font-size: {px(22)}px;
}}
QListWidget#StaffList::item {{ min-height: {px(56)}px; padding: 0 {px(10)}px; }}
QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QDoubleSpinBox {{
    background: {theme.WHITE}; border: {px(2)}px solid {theme.SAGE}; border-radius: {px(8)}px;
    min-height: {field}px; font-size: {px(24)}px; padding: 0 {px(8)}px;
}}
QAbstractSpinBox QLineEdit {{
    min-height: 0; border: none; padding: 0; background: transparent; font-size: {px(24)}px;
}}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 0; border: none; }}
QComboBox::drop-down {{ width: {px(64)}px; border: none; }}
QComboBox::down-arrow {{ image: url({arrow}); width: {px(36)}px; height: {px(36)}px; }}
QComboBox QAbstractItemView {{
    background: {theme.WHITE}; font-size: {px(24)}px; selection-background-color: {theme.SAGE};
}}
QPushButton {{ min-height: {metrics.touch}px; min-width: {metrics.touch}px; }}
QPushButton#StepperButton {{
    background: {theme.HEDGE}; color: {theme.WHITE}; border: none; border-radius: {px(8)}px;
    font-size: {px(36)}px; font-weight: 700; min-width: 0; min-height: 0;
}}
QPushButton#StepperButton:pressed {{ background: {theme.OCHRE}; color: {theme.CHARCOAL}; }}
QPushButton#StepperButton:disabled {{ background: {theme.HEDGE_DISABLED}; }}
QListView::item {{ min-height: {metrics.touch}px; }}
QScrollBar:vertical {{
    width: {bar}px; background: {theme.PAPER}; border: none; margin: 0;
    border-radius: {bar // 2}px;
}}
QScrollBar:horizontal {{
    height: {bar}px; background: {theme.PAPER}; border: none; margin: 0;
    border-radius: {bar // 2}px;
}}
QScrollBar::handle:vertical {{ background: {theme.SAGE}; min-height: {metrics.touch}px;
    border-radius: {bar // 2}px; }}
QScrollBar::handle:horizontal {{ background: {theme.SAGE}; min-width: {metrics.touch}px;
    border-radius: {bar // 2}px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QScrollArea#StaffTabScroll, QWidget#StaffTabList, QScrollArea#StaffPageScroll,
QWidget#StaffPageHolder {{ background: transparent; border: none; }}
QTextBrowser#Preview {{ background: {theme.PAPER}; border: none; border-radius: {px(12)}px; }}
QProgressBar {{
    min-height: {px(36)}px; border-radius: {px(8)}px; background: {theme.PAPER};
    text-align: center; font-size: {px(20)}px;
}}
QProgressBar::chunk {{ background: {theme.OCHRE}; border-radius: {px(8)}px; }}
QCheckBox {{ min-height: {metrics.touch}px; font-size: {px(24)}px; spacing: {px(14)}px; }}
QCheckBox::indicator {{ width: {px(44)}px; height: {px(44)}px; }}
"""
