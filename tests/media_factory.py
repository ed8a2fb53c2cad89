"""Small media files made by the tests: images with Pillow, clips with PyAV, broken files."""

from __future__ import annotations

import math
import struct
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
from PIL import Image, ImageDraw


def make_image(path: Path, size: tuple[int, int] = (320, 200), colour: str = "#3E6B39") -> Path:
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, size[0] // 2, size[1] // 2), fill="#E0A03A")
    image.save(path)
    return path


def make_clip(path: Path, seconds: float = 1.0, size: tuple[int, int] = (160, 90)) -> Path:
    """An H.264 clip with a moving bar (and AAC sound), as the kiosk's real videos are."""
    fps = 25
    with av.open(str(path), "w") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height = size
        video.pix_fmt = "yuv420p"
        audio = container.add_stream("aac", rate=48000)
        audio.layout = "mono"
        frames = int(seconds * fps)
        for index in range(frames):
            picture = Image.new("RGB", size, (240, 240, 240))
            x = index * size[0] // max(frames, 1)
            ImageDraw.Draw(picture).rectangle((x, 0, x + 8, size[1]), fill=(62, 107, 57))
            container.mux(video.encode(av.VideoFrame.from_image(picture)))
        container.mux(video.encode())
        chunk = 1024
        for start in range(0, int(seconds * 48000), chunk):
            samples = [
                int(6000 * math.sin(2 * math.pi * 440 * (start + i) / 48000)) for i in range(chunk)
            ]
            frame = av.AudioFrame(format="s16", layout="mono", samples=chunk)
            frame.planes[0].update(struct.pack(f"<{chunk}h", *samples))
            frame.sample_rate = 48000
            frame.pts = start
            frame.time_base = Fraction(1, 48000)
            container.mux(audio.encode(frame))
        container.mux(audio.encode())
    return path


def make_garbage(path: Path, size: int = 4096) -> Path:
    path.write_bytes(bytes((i * 7919) % 251 for i in range(size)))
    return path


# What a camera, a phone, a DVD or a TV capture writes, as PyAV can encode it: the video and
# sound codecs of each container the kiosk accepts (encoder names of the FFmpeg bundled in
# PyAV). Theora (the usual OGV) is absent: PyAV's FFmpeg has no Theora encoder.
CONTAINER_CLIPS: dict[str, dict[str, Any]] = {
    ".mp4": {},
    ".mov": {},
    ".m4v": {},
    ".mkv": {},
    ".webm": {"video_codec": "libvpx-vp9", "audio_codec": "libopus"},
    ".avi": {"video_codec": "mpeg4", "audio_codec": "libmp3lame"},
    ".ts": {"video_codec": "mpeg2video", "audio_codec": "mp2"},  # a TV capture
    ".mts": {},  # AVCHD camcorders: H.264 and AC-3 in MPEG-TS
    ".m2ts": {"audio_codec": "ac3"},  # Blu-ray / AVCHD: 192-byte packets
    ".mpg": {"video_codec": "mpeg2video", "audio_codec": "mp2"},
    ".vob": {"video_codec": "mpeg2video", "audio_codec": "mp2"},  # a DVD's titles
    ".3gp": {},  # a phone: H.264 and AAC
    ".3g2": {"video_codec": "mpeg4", "size": (176, 144)},  # an older phone: MPEG-4 Part 2
    ".flv": {},
    ".wmv": {"video_codec": "wmv2", "audio_codec": "libmp3lame"},
    ".mxf": {"video_codec": "mpeg2video", "audio_codec": "pcm_s16le", "size": (720, 576)},
    ".dv": {"video_codec": "dvvideo", "audio_codec": None, "size": (720, 576)},
}
# The FFmpeg muxer of an extension PyAV would not guess.
MUXERS = {".mts": "mpegts", ".vob": "vob", ".3g2": "3g2"}
MARKER = (220, 30, 30)


def make_video(
    path: Path,
    *,
    video_codec: str = "libx264",
    audio_codec: str | None = "aac",
    size: tuple[int, int] = (160, 90),
    seconds: float = 1.0,
    fps: int = 25,
    muxer: str | None = None,
    sample_aspect_ratio: Fraction | None = None,
    rotation: float | None = None,
) -> Path:
    """A clip in the container its extension names: a moving bar on grey, a red square in the
    top left corner (to tell which way up a poster is), and a tone when ``audio_codec`` is set.

    ``sample_aspect_ratio`` makes an anamorphic clip (720×576 at 64:45 is a 16:9 DV film);
    ``rotation`` (counter-clockwise degrees) writes the display matrix a phone writes.
    """
    width, height = size
    with av.open(str(path), "w", format=muxer or MUXERS.get(path.suffix.lower())) as container:
        video = container.add_stream(video_codec, rate=fps)
        video.width, video.height = size  # type: ignore[union-attr]
        video.pix_fmt = "yuv420p"  # type: ignore[union-attr]
        if sample_aspect_ratio is not None:
            video.codec_context.sample_aspect_ratio = sample_aspect_ratio  # type: ignore[union-attr]
        if rotation is not None:
            video.set_display_rotation(rotation)  # type: ignore[union-attr]
        audio = None if audio_codec is None else _add_sound(container, audio_codec)
        frames = max(1, int(seconds * fps))
        for index in range(frames):
            picture = Image.new("RGB", size, (200, 200, 200))
            draw = ImageDraw.Draw(picture)
            x = index * width // frames
            draw.rectangle((x, height // 2, x + width // 16, height - 1), fill=(62, 107, 57))
            draw.rectangle((0, 0, width // 4, height // 4), fill=MARKER)
            frame = av.VideoFrame.from_image(picture).reformat(format="yuv420p")
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            container.mux(video.encode(frame))  # type: ignore[union-attr]
        container.mux(video.encode())  # type: ignore[union-attr]
        if audio is not None:
            _mux_tone(container, audio, seconds)
    return path


def _add_sound(container: Any, codec: str) -> Any:
    audio = container.add_stream(codec, rate=48000)
    audio.layout = "stereo" if codec in ("ac3", "pcm_s16le") else "mono"
    return audio


def _mux_tone(container: Any, audio: Any, seconds: float) -> None:
    channels = audio.layout.nb_channels
    chunk = 1152
    for start in range(0, int(seconds * 48000), chunk):
        samples = [
            int(6000 * math.sin(2 * math.pi * 440 * (start + i) / 48000))
            for i in range(chunk)
            for _ in range(channels)
        ]
        frame = av.AudioFrame(format="s16", layout=audio.layout.name, samples=chunk)
        frame.planes[0].update(struct.pack(f"<{chunk * channels}h", *samples))
        frame.sample_rate = 48000
        frame.pts = start
        frame.time_base = Fraction(1, 48000)
        container.mux(audio.encode(frame))
    container.mux(audio.encode())


def make_container_clip(path: Path, seconds: float = 1.0) -> Path:
    """A clip of the container ``path``'s extension names, with that container's usual codecs."""
    return make_video(path, seconds=seconds, **CONTAINER_CLIPS[path.suffix.lower()])


def make_sound(path: Path, codec: str = "aac", seconds: float = 1.0) -> Path:
    """A file with sound and no picture (a voice memo, a song)."""
    with av.open(str(path), "w", format=MUXERS.get(path.suffix.lower())) as container:
        _mux_tone(container, _add_sound(container, codec), seconds)
    return path


def make_truncated(source: Path, path: Path, fraction: float = 0.5) -> Path:
    """The first ``fraction`` of ``source``: a copy cut short (a USB stick pulled out)."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def write_srt(path: Path, cues: list[tuple[float, float, str]]) -> Path:
    """An SRT file of ``(start s, end s, text)`` cues (text may hold SRT's <font> tags)."""

    def stamp(seconds: float) -> str:
        millis = round(seconds * 1000)
        hours, minutes = millis // 3_600_000, millis // 60_000 % 60
        return f"{hours:02}:{minutes:02}:{millis // 1000 % 60:02},{millis % 1000:03}"

    blocks = [
        f"{index}\n{stamp(start)} --> {stamp(end)}\n{text}\n"
        for index, (start, end, text) in enumerate(cues, start=1)
    ]
    path.write_text("\n".join(blocks) + "\n", encoding="utf-8")
    return path


def make_subtitled_mkv(
    path: Path,
    cues: list[tuple[float, float, str]],
    *,
    seconds: float = 6.0,
    size: tuple[int, int] = (640, 360),
) -> Path:
    """A Matroska clip (H.264, AAC) with an embedded SRT subtitle track of ``cues``: the clip is
    made by :func:`make_video`, then its packets and those of an SRT file PyAV reads are muxed
    together in time order (no flag marks the track as "default": libvlc shows it only when
    asked to)."""
    base = make_video(path.with_name(f".{path.stem}-base.mkv"), seconds=seconds, size=size)
    srt = write_srt(path.with_name(f".{path.stem}.srt"), cues)
    with av.open(str(base)) as video, av.open(str(srt)) as text, av.open(str(path), "w") as out:
        streams = {s.index: out.add_stream_from_template(s) for s in video.streams}
        subtitle_in = text.streams.subtitles[0]
        subtitle_out = out.add_stream_from_template(subtitle_in)
        # The clip's packets in the order they come (Matroska gives the first ones no dts),
        # each cue muxed before the first packet that comes after it.
        cues_in = [p for p in text.demux(subtitle_in) if p.size and p.pts is not None]
        for packet in video.demux():
            if not packet.size:
                continue
            stamp = packet.dts if packet.dts is not None else packet.pts
            moment = float(stamp * packet.time_base) if stamp is not None else 0.0
            while cues_in and float(cues_in[0].pts * cues_in[0].time_base) <= moment:  # type: ignore[operator]
                cue = cues_in.pop(0)
                cue.stream = subtitle_out
                out.mux(cue)
            packet.stream = streams[packet.stream.index]
            out.mux(packet)
        for cue in cues_in:
            cue.stream = subtitle_out
            out.mux(cue)
    base.unlink()
    srt.unlink()
    return path
