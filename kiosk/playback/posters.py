"""Poster frames of the videos, extracted with PyAV and cached as JPEG under ``cache/posters``.

The cache is derived data: deleting it is harmless, posters are extracted again on demand. A
poster's name holds the video's file name, size and modification time, so a replaced file gets
a new poster. The name is keyed by the video's whole path (under the content root when it is
there), never its stem alone: ``videos/a.mp4`` and ``videos/a.webm`` have posters of their own.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

import av
from PIL import Image

from kiosk.library.durable import atomic_writer
from kiosk.library.media_store import is_regular_file
from kiosk.library.probe import display_size, reason_of, rotation_of, sample_aspect_ratio

log = logging.getLogger(__name__)

POSTER_WIDTH = 640
POSTER_FOLDER = "posters"
# Far enough in to skip a fade from black, early enough to exist in a short clip.
POSTER_AT_FRACTION = 0.1
POSTER_AT_MAX_S = 3.0


def poster_cache_path(cache_dir: Path, video: Path, width: int = POSTER_WIDTH) -> Path:
    """Where the poster of ``video`` is (or will be) cached."""
    stat = video.stat()
    try:
        named = video.relative_to(cache_dir.parent).as_posix()  # the content root's cache/
    except ValueError:
        named = str(video)
    digest = hashlib.sha256(named.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    key = f"{digest}-{stat.st_size}-{int(stat.st_mtime)}-{width}.jpg"
    return cache_dir / POSTER_FOLDER / key


def extract_poster(video: Path, destination: Path, width: int = POSTER_WIDTH) -> Path:
    """Decode one frame near the start of ``video`` and save it, ``width`` pixels wide.

    The poster shows the picture as the player does: turned upright by the rotation metadata
    (a phone clip filmed upright gives a portrait poster) and at its display aspect ratio (the
    720×576 of a DV or DVD film widened to 4:3 or 16:9).

    Raises ``OSError`` or ``ValueError`` (with the file named) when the video cannot be decoded.
    The JPEG is written to a temporary name and renamed, so a half-written poster never exists.
    """
    if not is_regular_file(video):
        raise ValueError(f"{video} : ce n'est pas un fichier ordinaire (tube, périphérique…).")
    try:
        with av.open(str(video)) as container:
            stream = next(
                (
                    candidate
                    for candidate in container.streams.video
                    if not candidate.disposition & av.stream.Disposition.attached_pic
                ),
                None,
            )
            if stream is None:
                raise ValueError(f"{video} : aucune piste vidéo")
            duration = float(container.duration) / av.time_base if container.duration else 0.0
            target = min(POSTER_AT_MAX_S, duration * POSTER_AT_FRACTION)
            # MPEG-TS and MPEG-PS clocks rarely start at 0: aim from the stream's start.
            start = 0.0
            if stream.start_time and stream.time_base:
                start = float(stream.start_time * stream.time_base)
            image: Image.Image | None = None
            rotation = 0
            if target > 0 and stream.time_base:
                position = int((start + target) / stream.time_base)
                container.seek(position, stream=stream, backward=True)
                image, rotation = _frame_at(container, stream, start + target)
            if image is None:
                # A seek that landed between key frames (MPEG-TS has no index): from the start.
                container.seek(0)
                image, rotation = _frame_at(container, stream, 0.0)
            sar = sample_aspect_ratio(stream)
    except av.error.FFmpegError as error:
        log.info("poster of %s: %r", video, error)
        raise ValueError(f"{video} : vidéo illisible ({reason_of(error)})") from None
    if image is None:
        raise ValueError(f"{video} : aucune image décodée")
    shown_width, shown_height = display_size(image.width, image.height, sar, rotation)
    if rotation:
        image = image.rotate(rotation, expand=True)  # both counter-clockwise, exact at 90°
    height = max(1, round(shown_height * width / shown_width))
    image = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(destination) as handle:
        image.save(handle, "JPEG", quality=85)
    return destination


def _frame_at(container: Any, stream: Any, moment: float) -> tuple[Image.Image | None, int]:
    """The first picture decoded at or after ``moment`` (or the last one before the end), with
    its rotation."""
    image: Image.Image | None = None
    rotation = 0
    for frame in container.decode(stream):
        image = frame.to_image()
        rotation = rotation_of(frame, stream)
        if frame.time is None or frame.time >= moment - 0.05:
            break
    return image, rotation


def poster_for(cache_dir: Path, video: Path, width: int = POSTER_WIDTH) -> Path | None:
    """The cached poster of ``video``, extracted first if needed; None if it cannot be made."""
    try:
        cached = poster_cache_path(cache_dir, video, width)
        if cached.is_file():
            return cached
        return extract_poster(video, cached, width)
    except (OSError, ValueError) as error:
        log.warning("no poster for %s: %s", video, error)
        return None
