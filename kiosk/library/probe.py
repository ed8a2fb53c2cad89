"""Reading what a media file is: dimensions and duration (PyAV for video, Pillow for images)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av
from PIL import Image

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
            stream = container.streams.video[0]
            frame = next(container.decode(stream), None)
            if frame is None:
                raise MediaError(f"{path} : aucune image ne peut être décodée.")
            duration = 0.0
            if container.duration:
                duration = float(container.duration) / av.time_base
            elif stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
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
        raise MediaError(f"{path} : ce n'est pas une vidéo lisible ({error}).") from None


def probe_image(path: Path) -> ImageInfo:
    try:
        with Image.open(path) as image:
            width, height = image.size
            image_format = image.format or ""
    except (OSError, Image.DecompressionBombError) as error:
        raise MediaError(f"{path} : ce n'est pas une image lisible ({error}).") from None
    return ImageInfo(width, height, IMAGE_MIME.get(image_format, f"image/{image_format.lower()}"))
