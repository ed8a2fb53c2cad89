"""PyAV encoders of the demo videos: MP4 files with H.264 video and an AAC chord.

Frames are cheap to make: the title card is drawn once with Pillow, and each frame only redraws
the band at the bottom where things move (a walking ant, a progress bar, a time code).
"""

from __future__ import annotations

import functools
import math
from array import array
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image, ImageDraw

from kiosk.library.demo.drawing import (
    CHARCOAL,
    CREAM,
    HEDGE_DARK,
    OCHRE,
    TERRACOTTA,
    draw_ant,
    draw_text_centered,
    font,
    title_card,
)
from kiosk.library.demo.texts import (
    AFTERMOVIE_SUBTITLE,
    AFTERMOVIE_TITLE,
    COMMUNE_UNKNOWN,
    VIGNETTE_SUBTITLE,
)

FPS = 25
SAMPLE_RATE = 48_000
AUDIO_FRAME_SAMPLES = 1024
BYTES_PER_SAMPLE = 4  # signed 16 bits, two channels
# "ultrafast" keeps the whole demo build within seconds on two cores; the pictures are flat
# colours, which even the fastest preset compresses well. A key frame every two seconds.
X264_OPTIONS = {"preset": "ultrafast", "crf": "23", "g": str(2 * FPS)}
BAND_TOP = 0.80  # the moving parts live below this fraction of the height
ROUTE_STOPS = 11  # the 2021 road trip met 11 places

# Gentle chords (whole hertz, so one second of sound loops seamlessly).
CHORDS: tuple[tuple[int, ...], ...] = (
    (220, 277, 330),
    (196, 247, 294),
    (175, 220, 262),
    (262, 330, 392),
    (147, 185, 220),
    (165, 208, 247),
    (233, 294, 349),
    (208, 262, 311),
)

Motion = Callable[[ImageDraw.ImageDraw, tuple[int, int], float, float], None]
"""Draws the moving parts of one frame: (draw, frame size, seconds, progress from 0 to 1)."""


def write_aftermovie(
    path: Path, *, duration_s: float = 30.0, size: tuple[int, int] = (1920, 1080)
) -> None:
    """The demo aftermovie: a title card and an ant travelling a road with 11 stops."""
    card = title_card(size, AFTERMOVIE_TITLE, [AFTERMOVIE_SUBTITLE], seed=2021)
    width, height = size
    road_y = height * 0.895
    stops = [((index + 1) * width / (ROUTE_STOPS + 1), road_y) for index in range(ROUTE_STOPS)]
    draw = ImageDraw.Draw(card)
    draw.line([(0, road_y), (width, road_y)], fill=CHARCOAL, width=max(2, height // 200))
    radius = height / 70
    for x, y in stops:
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=CREAM,
            outline=CHARCOAL,
            width=max(2, height // 270),
        )

    def motion(
        draw: ImageDraw.ImageDraw, frame_size: tuple[int, int], seconds: float, progress: float
    ) -> None:
        ant_x = progress * width
        reached = 0
        for x, y in stops:
            if x <= ant_x:
                reached += 1
                draw.ellipse(
                    (x - radius, y - radius, x + radius, y + radius),
                    fill=OCHRE,
                    outline=CHARCOAL,
                    width=max(2, height // 270),
                )
        draw_ant(
            draw, (ant_x, road_y - height * 0.035), height * 0.05, 0.0, CHARCOAL, step=seconds * 9
        )
        label = f"lieu {reached} / {ROUTE_STOPS}" if reached else "en route…"
        draw.text(
            (width * 0.02, height * 0.825), label, font=font(height // 30, "bold"), fill=HEDGE_DARK
        )
        _progress_and_time(draw, frame_size, seconds, progress, duration_s)

    encode_clip(path, card, duration_s, motion, CHORDS[0])


def write_vignette(
    path: Path,
    name: str,
    commune: str | None,
    index: int,
    *,
    duration_s: float = 8.0,
    size: tuple[int, int] = (1280, 720),
) -> None:
    """A demo vignette for one place: its name on a title card, an ant crossing the hedge."""
    lines = [commune or COMMUNE_UNKNOWN, VIGNETTE_SUBTITLE]
    card = title_card(size, name, lines, seed=100 + index)
    width, height = size

    def motion(
        draw: ImageDraw.ImageDraw, frame_size: tuple[int, int], seconds: float, progress: float
    ) -> None:
        ant_x = -0.05 * width + progress * 1.1 * width
        bob = math.sin(seconds * 6) * height * 0.006
        draw_ant(draw, (ant_x, height * 0.87 + bob), height * 0.06, 0.0, CHARCOAL, step=seconds * 9)
        _progress_and_time(draw, frame_size, seconds, progress, duration_s)

    encode_clip(path, card, duration_s, motion, CHORDS[(index + 1) % len(CHORDS)])


def _progress_and_time(
    draw: ImageDraw.ImageDraw,
    size: tuple[int, int],
    seconds: float,
    progress: float,
    duration_s: float,
) -> None:
    width, height = size
    bar_height = max(4, height // 90)
    draw.rectangle((0, height - bar_height, width * progress, height), fill=TERRACOTTA)
    code = f"{_clock(seconds)} / {_clock(duration_s)}"
    draw_text_centered(
        draw, (width * 0.9, height * 0.835), code, font(max(10, height // 32), "bold"), CHARCOAL
    )


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def encode_clip(
    path: Path, card: Image.Image, duration_s: float, motion: Motion, chord: Sequence[int]
) -> None:
    """Encode ``duration_s`` seconds of ``card`` with ``motion`` over it, and a chord, to MP4."""
    width, height = card.size
    frame_count = round(duration_s * FPS)
    band_box = (0, int(height * BAND_TOP), width, height)
    band = card.crop(band_box)
    canvas = card.copy()
    draw = ImageDraw.Draw(canvas)
    audio = _audio_frames(_pcm(duration_s, tuple(chord)))
    pending_audio = next(audio, None)
    with av.open(str(path), "w") as container:
        video_stream = container.add_stream("libx264", rate=FPS, options=X264_OPTIONS)
        video_stream.width = width
        video_stream.height = height
        video_stream.pix_fmt = "yuv420p"
        audio_stream = container.add_stream("aac", rate=SAMPLE_RATE, layout="stereo")
        for index in range(frame_count):
            seconds = index / FPS
            canvas.paste(band, band_box[:2])
            motion(draw, (width, height), seconds, index / max(1, frame_count - 1))
            frame = _video_frame(canvas)
            frame.pts = index
            frame.time_base = Fraction(1, FPS)
            container.mux(video_stream.encode(frame))
            # Keep the sound level with the picture so the muxer interleaves them.
            while (
                pending_audio is not None
                and pending_audio.pts is not None
                and (pending_audio.pts <= (index + 1) * SAMPLE_RATE // FPS)
            ):
                container.mux(audio_stream.encode(pending_audio))
                pending_audio = next(audio, None)
        while pending_audio is not None:
            container.mux(audio_stream.encode(pending_audio))
            pending_audio = next(audio, None)
        container.mux(video_stream.encode(None))
        container.mux(audio_stream.encode(None))


def _video_frame(image: Image.Image) -> av.VideoFrame:
    """An RGB frame holding ``image`` (PyAV rows may be padded to an alignment)."""
    frame = av.VideoFrame(image.width, image.height, "rgb24")
    plane = frame.planes[0]
    pixels = image.tobytes()
    row = image.width * 3
    if plane.line_size == row:
        plane.update(pixels)
    else:
        padding = bytes(plane.line_size - row)
        plane.update(
            b"".join(pixels[start : start + row] + padding for start in range(0, len(pixels), row))
        )
    return frame


@functools.lru_cache(maxsize=len(CHORDS))
def _chord_second(frequencies: tuple[int, ...]) -> bytes:
    """One second of a soft chord that swells once, as interleaved 16-bit stereo."""
    samples = array("h")
    peak = 0.22 * 32767 / len(frequencies)
    for index in range(SAMPLE_RATE):
        moment = index / SAMPLE_RATE
        swell = 0.75 + 0.25 * math.cos(math.tau * moment)
        value = int(peak * swell * sum(math.sin(math.tau * f * moment) for f in frequencies))
        samples.append(value)
        samples.append(value)
    return samples.tobytes()


def _pcm(duration_s: float, chord: tuple[int, ...]) -> bytes:
    """The chord looped for ``duration_s``, faded in and out over one second."""
    total = round(duration_s * SAMPLE_RATE)
    second = _chord_second(chord)
    repeats = total // SAMPLE_RATE + 1
    samples = array("h")
    samples.frombytes((second * repeats)[: total * BYTES_PER_SAMPLE])
    fade = min(SAMPLE_RATE, total // 2)
    for index in range(fade):
        gain = index / fade
        for position in (index, total - 1 - index):
            samples[2 * position] = int(samples[2 * position] * gain)
            samples[2 * position + 1] = int(samples[2 * position + 1] * gain)
    return samples.tobytes()


def _audio_frames(pcm: bytes) -> Iterator[av.AudioFrame]:
    total = len(pcm) // BYTES_PER_SAMPLE
    for start in range(0, total, AUDIO_FRAME_SAMPLES):
        count = min(AUDIO_FRAME_SAMPLES, total - start)
        frame = av.AudioFrame(format="s16", layout="stereo", samples=count)
        frame.planes[0].update(pcm[start * BYTES_PER_SAMPLE : (start + count) * BYTES_PER_SAMPLE])
        frame.sample_rate = SAMPLE_RATE
        frame.pts = start
        frame.time_base = Fraction(1, SAMPLE_RATE)
        yield frame
