"""Carte: the illustrated map with its pins, the list of places beside it and the place sheet.

The map is a ``QGraphicsView`` whose scene is the map image in its own pixels. Pins ignore the
view's transform, so they keep their size at every zoom; their labels are laid out again after
each zoom so that they never pile up (:mod:`kiosk.library.label_layout`). One finger drags with
inertia, two fingers pinch around the fingers, a double tap zooms in (:mod:`kiosk.kit.gestures`),
the wheel zooms with a mouse; the zoom stays between "the whole map" and eight times closer, and
the view never leaves the map. The image is decoded off the GUI thread, at most 4096 px wide.

- :mod:`.pins`: pin style, one pin, the layer drawing them all;
- :mod:`.decode`: the image-decode job;
- :mod:`.canvas`: the view, its zoom and pan, its input;
- :mod:`.place_list`: the list model and its delegate;
- :mod:`.chips`: the filter chips; :mod:`.legend`: the legend; :mod:`.style`: the style sheet;
- :mod:`.screen`: the screen that puts them together.
"""

from kiosk.library.label_layout import layout_labels
from kiosk.ui.screens.map.canvas import MAX_ZOOM, MapCanvas
from kiosk.ui.screens.map.pins import PinItem, PinStyle
from kiosk.ui.screens.map.place_list import PlaceListModel
from kiosk.ui.screens.map.screen import MapScreen
from kiosk.ui.screens.map.style import text_pairs

__all__ = [
    "MAX_ZOOM",
    "MapCanvas",
    "MapScreen",
    "PinItem",
    "PinStyle",
    "PlaceListModel",
    "layout_labels",
    "text_pairs",
]
