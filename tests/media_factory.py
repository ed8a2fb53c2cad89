"""Small media files made by the tests: images with Pillow, clips with PyAV, broken files."""

from __future__ import annotations

import math
import struct
from fractions import Fraction
from pathlib import Path

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
