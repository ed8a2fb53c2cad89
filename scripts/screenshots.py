"""Regenerate the screenshots of every visitor screen into docs/screenshots/ (`make screenshots`).

Every screen at the three sizes (1920x1080, 1080x1920, 1280x800) in French with normal text,
then every screen once in English, with larger text and in high contrast (each at one size,
the three sizes shared out), plus the first start's waiting screen. ``--all`` takes the whole
matrix instead: every screen at every size, in both languages, normal, larger text and high
contrast (216 screenshots, about ten minutes on two cores). Each screenshot is the
kiosk itself (``kiosk run --windowed --size --route --screenshot``) on a demo home made once in
a temporary folder, saved once the screen is ready (posters and tiles decoded, the video's
first pictures on screen: kiosk/ui/screenshot.py); the PNGs are then reduced to 256 colours
to keep the repository small. Names: ``<screen>-<size>-<language>[-large|-contrast].png``
(``zoom``: a drawing of the slideshow zoomed in).

Run under X (the player needs a native window): ``xvfb-run -s "-screen 0 1920x1920x24"``, as
scripts/screenshots.sh does. The screens with a video (player, attract loop) are taken from
the screen's pixels, each kiosk alone on an Xvfb display of its own, since libvlc draws into a
native window. A shot that fails is taken again (twice at most); the last line names those
that still failed. ``--only map`` limits it to some screens.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sqlite3
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

REPOSITORY = Path(__file__).resolve().parent.parent
OUTPUT = REPOSITORY / "docs" / "screenshots"
SIZES = ("1920x1080", "1080x1920", "1280x800")
ALBUM = "faites-des-tiers-lieux-2022"
SCREENS: dict[str, str] = {
    "home": "home",
    "map": "map",
    "place": "map:le-mazier",
    "videos": "videos",
    "player": "player:{aftermovie}",
    "notes": "notes",
    "slideshow": f"slideshow:{ALBUM}",
    "zoom": f"slideshow:{ALBUM}:0:zoom",
    "page": "page:ess",
    "attract": "attract",
    "countdown": "countdown",
}
# Shown by libvlc in a native window: taken from the screen, each on its own X display.
VIDEO_SCREENS = frozenset({"player", "attract"})
ATTEMPTS = 3  # a shot that fails (an X connection lost at start…) is taken again
_display_numbers = itertools.count(300)  # xvfb-run -a searches upwards from a number of its own
# Each variant at one size: together they cover the three sizes.
VARIANTS = (("en", "", "1920x1080"), ("fr", "large", "1080x1920"), ("fr", "contrast", "1280x800"))


@dataclass(frozen=True)
class Shot:
    screen: str
    size: str
    language: str
    variant: str  # "", "large" or "contrast"

    @property
    def name(self) -> str:
        suffix = f"-{self.variant}" if self.variant else ""
        return f"{self.screen}-{self.size}-{self.language}{suffix}.png"


LANGUAGES = ("fr", "en")
MODES = ("", "large", "contrast")


def shots(only: set[str] | None, every: bool = False) -> list[Shot]:
    screens = [name for name in [*SCREENS, "wait"] if only is None or name in only]
    if every:
        return [
            Shot(screen, size, language, mode)
            for screen in screens
            for size in SIZES
            for language in LANGUAGES
            for mode in MODES
        ]
    found = [Shot(screen, size, "fr", "") for screen in screens for size in SIZES]
    found += [
        Shot(screen, size, language, variant)
        for language, variant, size in VARIANTS
        for screen in screens
    ]
    return found


def make_home(home: Path) -> str:
    """The demo home; returns the aftermovie's media id."""
    subprocess.run([sys.executable, "-m", "kiosk", "--home", str(home), "demo"], check=True)
    with sqlite3.connect(home / "data.db") as connection:
        row = connection.execute(
            "SELECT id FROM media_assets WHERE role = 'aftermovie' ORDER BY id LIMIT 1"
        ).fetchone()
    return str(row[0]) if row else ""


def take(shot: Shot, home: Path, aftermovie: str) -> tuple[Shot, bool, str]:
    """The shot, taken again if it fails: (shot, saved, the last error line)."""
    why = ""
    for attempt in range(1, ATTEMPTS + 1):
        ok, why = take_once(shot, home, aftermovie)
        if ok:
            return shot, True, f"(attempt {attempt})" if attempt > 1 else ""
        print(f"retry {shot.name} (attempt {attempt} failed: {why})", flush=True)
    return shot, False, why


def take_once(shot: Shot, home: Path, aftermovie: str) -> tuple[bool, str]:
    target = OUTPUT / shot.name
    target.unlink(missing_ok=True)
    if shot.screen == "wait":
        command = [sys.executable, str(Path(__file__).with_name("wait_screenshot.py"))]
        command += [shot.size, str(target), shot.language, shot.variant or "normal"]
    else:
        route = SCREENS[shot.screen].format(aftermovie=aftermovie)
        command = [sys.executable, "-m", "kiosk", "--home", str(home), "run", "--windowed"]
        command += ["--size", shot.size, "--lang", shot.language, "--route", route]
        command += ["--screenshot", str(target)]
        if shot.variant == "large":
            command.append("--large-text")
        if shot.variant == "contrast":
            command.append("--high-contrast")
        if shot.screen in VIDEO_SCREENS and os.environ.get("QT_QPA_PLATFORM") == "xcb":
            number = str(next(_display_numbers))
            screen = f"-screen 0 {shot.size}x24"
            command = ["xvfb-run", "-a", "-n", number, "-s", screen, *command]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return False, "timed out after 120 s"
    if result.returncode != 0 or not target.exists():
        lines = (result.stderr or result.stdout).strip().splitlines()
        return False, lines[-1] if lines else f"exit status {result.returncode}"
    shrink(target)
    return True, ""


def shrink(path: Path) -> None:
    """256 colours, optimised: a screenshot of flat colours loses nothing one sees."""
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="only these screens (home, map, …, wait)")
    parser.add_argument(
        "--all", action="store_true", help="every size x language x mode (216 screenshots)"
    )
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    only = set(args.only) if args.only else None
    OUTPUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    with tempfile.TemporaryDirectory(prefix="kiosk-screenshots-") as temporary:
        home = Path(temporary) / "home"
        aftermovie = make_home(home)
        wanted = shots(only, every=args.all)
        failed: list[str] = []
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as executor:
            for shot, ok, why in executor.map(lambda s: take(s, home, aftermovie), wanted):
                print(f"{'ok  ' if ok else 'FAIL'} {shot.name} {why}", flush=True)
                if not ok:
                    failed.append(shot.name)
    where = OUTPUT.relative_to(REPOSITORY)
    print(f"{len(wanted) - len(failed)} of {len(wanted)} screenshots in {where}", flush=True)
    if failed:
        print(f"FAILED ({len(failed)}, after {ATTEMPTS} attempts): {' '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
