"""Reading what a media file is: dimensions and duration (PyAV for video, Pillow for images).

A video is judged by its content, never by its extension: PyAV names the container it found
(``mpegts``, ``matroska,webm``…), and a container is accepted when the kiosk's player (libvlc 3)
plays it and its first picture decodes. The MIME type recorded comes from that container.

FFmpeg and Pillow explain their errors in English ("Invalid data found when processing input");
the reasons given here are French phrases, the English detail only goes to the log.
"""

from __future__ import annotations

import errno
import logging
import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
from PIL import Image, UnidentifiedImageError

from kiosk.library.media_store import MediaError

log = logging.getLogger(__name__)

IMAGE_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff", "WEBP": "image/webp"}
IMAGE_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "TIFF": ".tif", "WEBP": ".webp"}


@dataclass(frozen=True)
class Container:
    """A container format libvlc 3 plays: its MIME type and the usual extension of its files."""

    mime_type: str
    suffix: str
    label: str


# Keyed by PyAV's ``container.format.name`` (the demuxer that recognised the content). Every one
# is played by libvlc 3 (checked with clips PyAV encodes, tests/test_video_formats.py).
CONTAINERS = {
    "mov,mp4,m4a,3gp,3g2,mj2": Container("video/mp4", ".mp4", "MP4"),
    "matroska,webm": Container("video/x-matroska", ".mkv", "Matroska"),
    "avi": Container("video/x-msvideo", ".avi", "AVI"),
    "mpegts": Container("video/mp2t", ".ts", "MPEG-TS"),
    "mpeg": Container("video/mpeg", ".mpg", "MPEG-PS"),
    "ogg": Container("video/ogg", ".ogv", "Ogg"),
    "flv": Container("video/x-flv", ".flv", "FLV"),
    "asf": Container("video/x-ms-asf", ".wmv", "WMV"),
    "mxf": Container("application/mxf", ".mxf", "MXF"),
    "dv": Container("video/dv", ".dv", "DV"),
}
# The ISO family tells its members apart by the "major brand" of the file.
ISO_BRANDS = {
    "qt": Container("video/quicktime", ".mov", "QuickTime"),
    "3gp": Container("video/3gpp", ".3gp", "3GP"),
    "3g2": Container("video/3gpp2", ".3g2", "3GP2"),
    "m4v": Container("video/x-m4v", ".m4v", "M4V"),
}
WEBM = Container("video/webm", ".webm", "WebM")
WEBM_CODECS = frozenset({"vp8", "vp9", "av1", "opus", "vorbis", "webvtt"})
# Video codecs libvlc 3 plays in a container where it does not play them all (VP8 in Ogg opens,
# then libvlc shows nothing and ends at once).
PLAYABLE_CODECS = {"ogg": frozenset({"theora"})}

# FFmpeg opens a still picture as a one-frame "video" (png_pipe, image2…): not a film.
STILL_IMAGE_FORMATS = ("image2", "_pipe")
STILL_IMAGE_NAMES = frozenset({"gif", "apng", "webp", "image2", "bmp", "ico"})
# A truncated file often keeps a header announcing the full length: its packets must reach it.
TRUNCATION_SLACK_S = 0.5
TRUNCATION_SLACK_RATIO = 0.02

DAMAGED = "format inconnu ou fichier endommagé"
TRUNCATED = "fichier tronqué"
NO_VIDEO = "aucune piste vidéo"


class SoundOnlyError(MediaError):
    """A file with sound and no picture (a song, a voice memo): not a film."""


@dataclass(frozen=True)
class VideoInfo:
    """What a video shows: ``width``×``height`` is its displayed size (upright, square pixels)."""

    width: int
    height: int
    duration_s: float
    mime_type: str
    has_audio: bool
    container: str = ""
    rotation: int = 0


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int
    mime_type: str


def probe_video(path: Path) -> VideoInfo:
    """Open the file with PyAV and decode its first frame; refuse what cannot be played."""
    check_not_empty(path)
    try:
        with av.open(str(path)) as container:
            stream = video_stream_of(path, container)
            frame = next(container.decode(stream), None)
            if frame is None:
                raise MediaError(f"{path} : aucune image ne peut être décodée ({DAMAGED}).")
            duration = 0.0
            if container.duration:
                duration = float(container.duration) / av.time_base
            elif stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            _check_complete(path, container, duration)
            rotation = rotation_of(frame, stream)
            width, height = display_size(
                frame.width, frame.height, sample_aspect_ratio(stream), rotation
            )
            kind = container_of(container)
            return VideoInfo(
                width=width,
                height=height,
                duration_s=duration,
                mime_type=kind.mime_type,
                has_audio=bool(container.streams.audio),
                container=kind.label,
                rotation=rotation,
            )
    except MediaError:
        raise
    except (av.error.FFmpegError, StopIteration, OSError, ValueError) as error:
        log.info("probe of %s: %r", path, error)
        raise MediaError(f"{path} : ce n'est pas une vidéo lisible ({reason_of(error)}).") from None


def video_stream_of(path: Path, container: Any) -> Any:
    """The film's video stream of an opened ``container``; MediaError when it has none the
    kiosk can play (a sound file, a picture, a container libvlc does not read)."""
    name = container.format.name
    if name.endswith(STILL_IMAGE_FORMATS) or name in STILL_IMAGE_NAMES:
        kind = name.removesuffix("_pipe").upper() if name.endswith("_pipe") else "image"
        raise MediaError(
            f"{path} : c'est une image ({kind}), pas une vidéo ; vérifiez l'extension du fichier."
        )
    streams = [
        stream
        for stream in container.streams.video
        if not stream.disposition & av.stream.Disposition.attached_pic  # an album's cover
    ]
    if not streams:
        if container.streams.audio:
            raise SoundOnlyError(f"{path} : {NO_VIDEO} (c'est un fichier son seulement).")
        raise MediaError(f"{path} : {NO_VIDEO}.")
    if name not in CONTAINERS:
        log.info("%s: container %s is not one libvlc is known to play", path, name)
        raise MediaError(
            f"{path} : format vidéo non pris en charge par le lecteur de la borne ; "
            "convertissez-le en MP4 (H.264)."
        )
    stream = streams[0]
    codec = stream.codec_context.name
    playable = PLAYABLE_CODECS.get(name)
    if playable is not None and codec not in playable:
        raise MediaError(
            f"{path} : vidéo {codec.upper()} dans un fichier {CONTAINERS[name].label}, que le "
            "lecteur de la borne ne lit pas ; convertissez-la en MP4 (H.264)."
        )
    return stream


def container_of(container: Any) -> Container:
    """The accepted container format of an opened file (its MIME type and usual extension)."""
    name = container.format.name
    if name == "mov,mp4,m4a,3gp,3g2,mj2":
        brand = str(container.metadata.get("major_brand", "")).strip().lower()
        for prefix, kind in ISO_BRANDS.items():
            if brand.startswith(prefix):
                return kind
    if name == "matroska,webm":
        codecs = {stream.codec_context.name for stream in container.streams if stream.codec_context}
        if codecs and codecs <= WEBM_CODECS:
            return WEBM
    return CONTAINERS[name]


def looks_like_video(path: Path) -> Container:
    """Open ``path`` (without decoding) and say which accepted container it is, or MediaError.

    Quick enough to sort files of unknown type; :func:`probe_video` checks them fully.
    """
    check_not_empty(path)
    try:
        with av.open(str(path)) as container:
            video_stream_of(path, container)
            return container_of(container)
    except MediaError:
        raise
    except (av.error.FFmpegError, OSError, ValueError) as error:
        log.info("probe of %s: %r", path, error)
        raise MediaError(f"{path} : ce n'est pas une vidéo lisible ({reason_of(error)}).") from None


def image_format(path: Path) -> str | None:
    """The Pillow format name of ``path`` ("PNG", "JPEG"…) read from its header, or None."""
    try:
        with Image.open(path) as image:
            return image.format
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


def rotation_of(frame: Any, stream: Any) -> int:
    """How many degrees (counter-clockwise, a multiple of 90) the picture turns to be upright.

    From the display matrix (phones record portrait clips as landscape frames plus this matrix),
    or the older ``rotate`` tag (clockwise degrees) when a file has only that.
    """
    degrees = float(getattr(frame, "rotation", 0) or 0)
    if not degrees:
        tag = stream.metadata.get("rotate") if stream.metadata else None
        try:
            degrees = -float(tag) if tag else 0.0
        except ValueError:
            degrees = 0.0
    if math.isnan(degrees):
        return 0
    return (round(degrees / 90) * 90) % 360


def sample_aspect_ratio(stream: Any) -> Fraction:
    """The shape of one stored pixel (DV and DVD store 720 pixels for a 4:3 or 16:9 picture)."""
    sar = stream.sample_aspect_ratio or stream.codec_context.sample_aspect_ratio
    if not sar or sar <= 0:
        return Fraction(1)
    return Fraction(sar)


def display_size(width: int, height: int, sar: Fraction, rotation: int) -> tuple[int, int]:
    """The size a player shows a ``width``×``height`` frame at: pixels made square (the width
    stretched or squeezed by ``sar``), then turned by ``rotation``."""
    shown_width = max(1, round(width * sar))
    if rotation % 180 == 90:
        return height, shown_width
    return shown_width, height


def reason_of(error: BaseException) -> str:
    """A French phrase for a decoder's error (its English stays in the log)."""
    if isinstance(error, UnidentifiedImageError):
        return DAMAGED
    if isinstance(error, EOFError):
        return TRUNCATED
    if isinstance(error, av.error.InvalidDataError):
        return DAMAGED
    if isinstance(error, av.error.DecoderNotFoundError):
        return "codec non pris en charge"
    if isinstance(error, av.error.PatchWelcomeError):
        return "variante du format non prise en charge"
    if isinstance(error, FileNotFoundError):
        return "fichier introuvable"
    if isinstance(error, PermissionError):
        return "lecture interdite (droits du fichier)"
    if isinstance(error, IsADirectoryError):
        return "c'est un dossier"
    if isinstance(error, OSError) and error.errno == errno.EIO:
        return "erreur de lecture du disque ou de la clé"
    if isinstance(error, MemoryError):
        return "mémoire insuffisante"
    text = str(error).lower()
    if "truncated" in text or "end of file" in text:
        return TRUNCATED
    return DAMAGED


def check_not_empty(path: Path) -> None:
    """MediaError for a missing, unreadable or empty file (a copy that failed)."""
    try:
        empty = path.stat().st_size == 0
    except OSError as error:
        raise MediaError(f"{path} : {reason_of(error)}.") from None
    if empty:
        raise MediaError(f"{path} : fichier vide (0 octet).")


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
        log.info("demuxing %s: %r", path, error)
        raise MediaError(
            f"{path} : fichier incomplet ou endommagé après {reached:.1f} s ({reason_of(error)})."
        ) from None
    start = float(container.start_time / av.time_base) if container.start_time else 0.0
    if reached - start < duration * (1 - TRUNCATION_SLACK_RATIO) - TRUNCATION_SLACK_S:
        raise MediaError(
            f"{path} : fichier incomplet ({TRUNCATED} ?) : {reached - start:.1f} s lisibles sur "
            f"{duration:.1f} s annoncées. Copiez-le à nouveau depuis l'original."
        )


def probe_image(path: Path) -> ImageInfo:
    try:
        with Image.open(path) as image:
            width, height = image.size
            image_format = image.format or ""
    except (OSError, Image.DecompressionBombError) as error:
        log.info("probe of %s: %r", path, error)
        raise MediaError(f"{path} : ce n'est pas une image lisible ({reason_of(error)}).") from None
    return ImageInfo(width, height, IMAGE_MIME.get(image_format, f"image/{image_format.lower()}"))
