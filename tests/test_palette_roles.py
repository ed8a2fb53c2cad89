"""One palette with named roles: the screens take every colour from ``kiosk/kit/theme.py``.

A colour written in a screen's code is a colour no mode can change (high contrast would miss
it) and no contrast test knows; a screen asking "is this the warm palette?" is a mode
written twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.kit import theme

KIOSK = Path(__file__).resolve().parents[1] / "kiosk"
SCREEN_CODE = sorted(
    path
    for folder in ("kit", "ui", "staff")
    for path in (KIOSK / folder).rglob("*.py")
    # The theme, and the appearance that holds which palette is on.
    if path not in (KIOSK / "kit" / "theme.py", KIOSK / "kit" / "appearance.py")
)
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?\b|#[0-9A-Fa-f]{3}\b(?![-\w])")
# Numbers, Qt's named colours (transparent is no colour) and CSS names in a style sheet.
NUMERIC_COLOUR = re.compile(
    r"QColor\(\s*\d|\brgba?\(\s*\d|Qt\.GlobalColor\.(?!transparent\b)\w+"
    r"|\b(?:color|background|border[-\w]*)\s*:[^;{}]*\b(?:white|black|red|green|blue|yellow"
    r"|gr[ae]y|orange)\b"
)
# "Is this the warm palette?", asked of the palette, of the appearance, or by comparing two
# roles (a bar the colour of the page is the high-contrast one).
MODE_TEST = re.compile(
    r"palette\s*(==|is|!=)\s*(theme\.)?(WARM|HIGH_CONTRAST)\b"
    r"|appearance\.high_contrast\b"
    r"|\bc\.\w+\s*(==|!=)\s*c\.\w+"
)


@pytest.mark.parametrize("path", SCREEN_CODE, ids=lambda p: str(p.relative_to(KIOSK)))
def test_screen_code_names_no_colour_and_tests_no_mode(path: Path) -> None:
    found = [
        f"{path.relative_to(KIOSK)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HEX_COLOUR.search(line) or NUMERIC_COLOUR.search(line) or MODE_TEST.search(line)
    ]
    assert not found, "colours or mode tests outside the theme:\n" + "\n".join(found)


def test_every_role_is_a_colour_in_both_palettes() -> None:
    for palette in (theme.WARM, theme.HIGH_CONTRAST):
        for name, value in vars(palette).items():
            if isinstance(value, bool):
                continue
            assert re.fullmatch(r"#[0-9A-F]{6}", value.upper()), f"{name} = {value!r}"


def test_the_high_contrast_palette_differs_where_the_warm_one_relies_on_hue() -> None:
    warm, high = vars(theme.WARM), vars(theme.HIGH_CONTRAST)
    same = sorted(name for name in warm if warm[name] == high[name])
    assert same == []  # each role chosen for high contrast, none left at its warm value
