"""Finding the subtitle file that sits beside a video (``film.srt``, ``film.fr.vtt``…)."""

from __future__ import annotations

from pathlib import Path

SUBTITLE_SUFFIXES = (".srt", ".vtt")
PREFERRED_LANGUAGES = ("fr", "fre", "fra")


def find_sidecar(video: Path) -> Path | None:
    """The sidecar subtitles of ``video``: same stem, ``.srt`` or ``.vtt``, French first."""
    candidates = [
        video.with_name(f"{video.stem}{middle}{suffix}")
        for middle in ("", *(f".{language}" for language in PREFERRED_LANGUAGES))
        for suffix in SUBTITLE_SUFFIXES
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def subtitles_for(video: Path, recorded: Path | None) -> Path | None:
    """The file the catalogue records if it exists, else a sidecar found beside the video."""
    if recorded is not None and recorded.is_file():
        return recorded
    return find_sidecar(video)
