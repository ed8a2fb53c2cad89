"""Reading what a media file is: dimensions and duration (PyAV for video, Pillow for images)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
from PIL import Image, UnidentifiedImageError

from kiosk.library.media_store import MediaError

IMAGE_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff", "WEBP": "image/webp"}
VIDEO_MIME = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".mkv": "video/x-matroska",
    ".webm": "video/webm",
    ".mov": "video/quicktime",
    ".avi": "video/x-msvideo",
}
# FFmpeg opens a still picture as a one-frame "video" (png_pipe, image2…): not a film.
STILL_IMAGE_FORMATS = ("image2", "_pipe")
# A truncated file often keeps a header announcing the full length: its packets must reach it.
TRUNCATION_SLACK_S = 0.5
TRUNCATION_SLACK_RATIO = 0.02


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    duration_s: float
    mime_type: str
    has_audio: bool


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int
    mime_type: str


def probe_video(path: Path) -> VideoInfo:
    """Open the file with PyAV and decode its first frame; refuse what cannot be played."""
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise MediaError(f"{path} : aucune piste vidéo.")
            if container.format.name.endswith(STILL_IMAGE_FORMATS):
                raise MediaError(
                    f"{path} : c'est une image ({container.format.name}), pas une vidéo ; "
                    "vérifiez l'extension du fichier."
                )
            stream = container.streams.video[0]
            frame = next(container.decode(stream), None)
            if frame is None:
                raise MediaError(f"{path} : aucune image ne peut être décodée.")
            duration = 0.0
            if container.duration:
                duration = float(container.duration) / av.time_base
            elif stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            _check_complete(path, container, duration)
            return VideoInfo(
                width=frame.width,
                height=frame.height,
                duration_s=duration,
                mime_type=VIDEO_MIME.get(path.suffix.lower(), "video/unknown"),
                has_audio=bool(container.streams.audio),
            )
    except MediaError:
        raise
    except (av.error.FFmpegError, StopIteration, OSError, ValueError) as error:
        raise MediaError(f"{path} : ce n'est pas une vidéo lisible ({reason_of(error)}).") from None


def reason_of(error: BaseException) -> str:
    """The reason of a decoder's error without the path and the error number it repeats."""
    if isinstance(error, UnidentifiedImageError):
        return "format inconnu ou fichier endommagé"
    strerror = getattr(error, "strerror", None)
    return str(strerror) if strerror else str(error)


def _check_complete(path: Path, container: Any, duration: float) -> None:
    """Refuse a file cut short: its packets stop well before the duration its header announces.

    Only demuxes (no decoding): one more read of the file, like the hash.
    """
    if duration <= 0:
        return
    container.seek(0)
    reached = 0.0
    try:
        for packet in container.demux():
            if packet.pts is None or packet.time_base is None:
                continue
            end = float((packet.pts + (packet.duration or 0)) * packet.time_base)
            reached = max(reached, end)
    except av.error.FFmpegError as error:
        raise MediaError(
            f"{path} : fichier incomplet ou endommagé après {reached:.1f} s ({error})."
        ) from None
    start = float(container.start_time / av.time_base) if container.start_time else 0.0
    if reached - start < duration * (1 - TRUNCATION_SLACK_RATIO) - TRUNCATION_SLACK_S:
        raise MediaError(
            f"{path} : fichier incomplet (tronqué ?) : {reached - start:.1f} s lisibles sur "
            f"{duration:.1f} s annoncées. Copiez-le à nouveau depuis l'original."
        )


def probe_image(path: Path) -> ImageInfo:
    try:
        with Image.open(path) as image:
            width, height = image.size
            image_format = image.format or ""
    except (OSError, Image.DecompressionBombError) as error:
        raise MediaError(f"{path} : ce n'est pas une image lisible ({reason_of(error)}).") from None
    return ImageInfo(width, height, IMAGE_MIME.get(image_format, f"image/{image_format.lower()}"))
