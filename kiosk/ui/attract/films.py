"""The loop's films: the aftermovies whose files are there, with their picture size."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.kit.context import UiContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttractFilm:
    path: Path
    width: int = 16
    height: int = 9


def attract_films(context: UiContext) -> list[AttractFilm]:
    """The aftermovies whose files are there, with their picture size (for the frame)."""
    from kiosk.config import ConfigError
    from kiosk.library import catalogue_views

    catalogue = context.catalogue
    wanted = [v for v in catalogue_views.videos(catalogue, film_only=True) if v.is_aftermovie]
    sizes = catalogue_views.picture_sizes(catalogue, [v.media_id for v in wanted])
    films = []
    for video in wanted:
        try:
            path = context.root.absolute(video.path)
        except (ConfigError, ValueError):
            continue
        if not path.is_file():
            continue
        width, height = sizes.get(video.media_id, (0, 0))
        films.append(AttractFilm(path, width or 16, height or 9))
    return films
