from __future__ import annotations

import pytest

from kiosk.kit import theme


@pytest.mark.parametrize(
    "foreground,background",
    [
        (theme.CHARCOAL, theme.CREAM),
        (theme.MUTED, theme.CREAM),
        (theme.MUTED, theme.PAPER),
        (theme.WHITE, theme.HEDGE),
        (theme.WHITE, theme.HEDGE_DARK),
        (theme.HEDGE_DARK, theme.CREAM),
        *[colours[::-1] for colours in theme.TILE_COLOURS.values()],
    ],
)
def test_text_contrast_meets_wcag_aa(foreground: str, background: str) -> None:
    assert theme.contrast_ratio(foreground, background) >= 4.5


def test_contrast_ratio_of_black_on_white_is_21() -> None:
    assert theme.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)


@pytest.mark.parametrize(
    "size,expected", [((1920, 1080), 1.0), ((1080, 1920), 1.0), ((3840, 2160), 2.0)]
)
def test_scale_is_one_at_1080p_either_way_round(size: tuple[int, int], expected: float) -> None:
    assert theme.scale_for(*size) == pytest.approx(expected)


def test_touch_targets_and_text_stay_large_enough_at_1080p() -> None:
    metrics = theme.Metrics(theme.scale_for(1920, 1080))
    assert metrics.touch >= 72
    assert metrics.body >= 24


@pytest.mark.parametrize("palette", [theme.WARM, theme.HIGH_CONTRAST], ids=["warm", "contrast"])
def test_every_palette_pair_meets_wcag_aa(palette: theme.Palette) -> None:
    pairs = [
        (palette.text, palette.background),
        (palette.text, palette.paper),
        (palette.muted, palette.background),
        (palette.muted, palette.paper),
        (palette.bar_text, palette.bar),
        (palette.bar_text, palette.bar_button),
    ]
    for foreground, background in pairs:
        assert theme.contrast_ratio(foreground, background) >= 4.5, (foreground, background)


def test_high_contrast_is_at_least_7_to_1() -> None:
    foreground, background = theme.HIGH_CONTRAST_TILES[::-1]
    assert theme.contrast_ratio(foreground, background) >= 7
    assert theme.contrast_ratio(theme.HIGH_CONTRAST.text, theme.HIGH_CONTRAST.background) >= 7


def test_larger_text_scales_fonts_not_touch_targets() -> None:
    metrics = theme.Metrics(1.0)
    body, touch = metrics.body, metrics.touch
    metrics.text_scale = theme.LARGE_TEXT_SCALE
    assert metrics.body > body
    assert metrics.touch == touch


@pytest.mark.parametrize("palette", [theme.WARM, theme.HIGH_CONTRAST], ids=["warm", "contrast"])
def test_every_palette_icon_reaches_3_to_1(palette: theme.Palette) -> None:
    for icon in (palette.icon, palette.pin_place, palette.pin_video, palette.pin_unplaced):
        for background in (palette.paper, palette.background):
            assert theme.contrast_ratio(icon, background) >= 3, (icon, background)
