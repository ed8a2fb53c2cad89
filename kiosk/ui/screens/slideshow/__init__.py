"""The slideshow of one album: swipe (following the finger), arrows, autoplay, deep zoom.

Route ``slideshow``, argument ``slug`` or ``slug:index``. The next and previous drawings are
decoded in the background (see :mod:`kiosk.playback.image_cache`) before the visitor swipes, so
a swipe shows the new drawing at once. Autoplay advances every ``autoplay_interval_s`` seconds
(a setting); it pauses at the first touch and resumes after a quiet spell. Double-tapping, or
pinching, a drawing opens it in the deep-zoom view. The slideshow wraps around at both ends.

- :mod:`.stage`: the drawings side by side, swiped by the finger;
- :mod:`.thumbs`: the strip of thumbnails; :mod:`.zoom_page`: the deep zoom and its buttons;
- :mod:`.fader`: the hint and sign that fade away; :mod:`.style`: colours and style sheet;
- :mod:`.screen`: the screen that puts them together (autoplay, texts, navigation).
"""

from kiosk.ui.screens.slideshow.screen import (
    ROUTE_SLIDESHOW,
    SlideshowScreen,
    credit_line,
    parse_argument,
)
from kiosk.ui.screens.slideshow.stage import SlideStage
from kiosk.ui.screens.slideshow.style import colours, style_sheet, text_pairs
from kiosk.ui.screens.slideshow.thumbs import FingerScroll, ThumbStrip

__all__ = [
    "ROUTE_SLIDESHOW",
    "FingerScroll",
    "SlideStage",
    "SlideshowScreen",
    "ThumbStrip",
    "colours",
    "credit_line",
    "parse_argument",
    "style_sheet",
    "text_pairs",
]
