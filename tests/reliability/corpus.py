"""The bad media corpus of issue 8, generated: what old USB sticks hold besides good media."""

from __future__ import annotations

import struct
import zlib
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image

from tests.media_factory import make_clip, make_garbage, make_image

# Ext4 and most file systems allow 255 bytes per name.
LONG_STEM = "carnet-" + "é" * 60 + "-" + "x" * 100


def make_webm(path: Path, seconds: float = 1.0, size: tuple[int, int] = (160, 90)) -> Path:
    """A VP8 WebM clip (the codec WebM requires), video only."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libvpx", rate=25)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for index in range(int(seconds * 25)):
            picture = Image.new("RGB", size, (40 + index * 4 % 200, 107, 57))
            container.mux(stream.encode(av.VideoFrame.from_image(picture)))
        container.mux(stream.encode())
    return path


def make_audio_only(path: Path, seconds: float = 1.0) -> Path:
    """A container with sound and no picture (an .mp4 that is really a song)."""
    codec = "mp3" if path.suffix == ".mp3" else "aac"
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=48000)
        stream.layout = "mono"  # type: ignore[union-attr]
        chunk = 1152 if codec == "mp3" else 1024
        for start in range(0, int(seconds * 48000), chunk):
            frame = av.AudioFrame(format="fltp", layout="mono", samples=chunk)
            frame.planes[0].update(bytes(4 * chunk))
            frame.sample_rate = 48000
            frame.pts = start
            frame.time_base = Fraction(1, 48000)
            container.mux(stream.encode(frame))  # type: ignore[arg-type,union-attr]
        container.mux(stream.encode())  # type: ignore[union-attr]
    return path


def truncated(source: Path, target: Path, fraction: float = 0.5) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims a huge size: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
    return path


def empty_pdf(path: Path) -> Path:
    """A well-formed PDF with no page at all."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def build_corpus(folder: Path) -> dict[str, tuple[Path, bool]]:
    """Every case: its file and whether a correct import is expected (else a refusal)."""
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / "_sources"
    work.mkdir()
    good_mp4 = make_clip(work / "good.mp4", 1.0)
    good_mkv = make_clip(work / "good.mkv", 1.0)
    good_webm = make_webm(work / "good.webm", 1.0)
    jpeg = work / "photo.jpg"
    Image.new("RGB", (300, 200), "#E0A03A").save(jpeg)
    cases: dict[str, tuple[Path, bool]] = {}

    def add(name: str, path: Path, imports: bool) -> None:
        cases[name] = (path, imports)

    for suffix in (".mp4", ".png", ".jpg", ".mkv"):
        empty = folder / f"vide{suffix}"
        empty.write_bytes(b"")
        add(f"zero-byte {suffix}", empty, False)
    add("truncated mp4 (half)", truncated(good_mp4, folder / "coupé.mp4"), False)
    add("truncated mp4 (header only)", truncated(good_mp4, folder / "entête.mp4", 0.05), False)
    add("truncated mkv", truncated(good_mkv, folder / "coupé.mkv", 0.3), False)
    add("truncated webm", truncated(good_webm, folder / "coupé.webm", 0.3), False)
    for suffix in (".mp4", ".mkv", ".webm", ".mov", ".avi"):
        add(f"random bytes {suffix}", make_garbage(folder / f"bruit{suffix}", 200_000), False)
    add("no video track (.mp4 of sound)", make_audio_only(folder / "chanson.mp4"), False)
    add("audio only (.mp3)", make_audio_only(folder / "chanson.mp3"), False)
    add("decompression bomb png", png_claiming(folder / "bombe.png", 100_000, 100_000), False)
    add("png named .mp4", make_image(work / "image.png").rename(folder / "image.mp4"), False)
    add("mp4 named .jpg", make_clip(work / "film.mp4", 0.4).rename(folder / "film.jpg"), False)
    wrong = folder / "photo-en-fait-jpeg.png"
    wrong.write_bytes(jpeg.read_bytes())
    add("jpeg named .png", wrong, True)
    add("pdf with no pages", empty_pdf(folder / "vide.pdf"), False)
    add("text file named .pdf", make_garbage(folder / "faux.pdf", 3000), False)
    add(
        "spaces and accents",
        make_image(folder / "Fête des tiers lieux été 2022.png", (240, 160), "#3333AA"),
        True,
    )
    add("emoji", make_clip(folder / "vidéo 🎬 fourmis 🐜.mp4", 0.4, (128, 72)), True)
    long_name = folder / f"{LONG_STEM}.png"
    assert len(long_name.name.encode()) <= 255
    add("very long name", make_image(long_name, (200, 150), "#AA3333"), True)
    add("good webm", good_webm.rename(folder / "bon film.webm"), True)
    return cases
