"""One screenshot of the first start's waiting screen (scripts/screenshots.py runs it).

Usage: wait_screenshot.py WIDTHxHEIGHT OUT.png LANGUAGE normal|large|contrast
The screen is shown as the kiosk shows it, half way through the demo's videos.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication

from kiosk.kit.theme import HIGH_CONTRAST, LARGE_TEXT_SCALE, WARM, Metrics, scale_for
from kiosk.library.demo import BuildStep
from kiosk.ui.app import application, install_translator
from kiosk.ui.wait_screen import WaitScreen


def main() -> int:
    size, target, language, variant = sys.argv[1:5]
    width, height = (int(part) for part in size.split("x"))
    app = application()
    translator = install_translator(language)
    metrics = Metrics(scale_for(width, height))
    if variant == "large":
        metrics.text_scale = LARGE_TEXT_SCALE
    now = [0.0]
    screen = WaitScreen(
        metrics,
        QCoreApplication.translate("WaitScreen", "Préparation de la borne"),
        QCoreApplication.translate(
            "WaitScreen", "Première mise en route : la borne crée son contenu de démonstration."
        ),
        palette=HIGH_CONTRAST if variant == "contrast" else WARM,
        portrait=height > width,
        clock=lambda: now[0],
    )
    screen.resize(width, height)
    screen.set_demo_step(BuildStep("map", 0.0, "Carte de démonstration…"))
    now[0] = 15.0
    screen.set_demo_step(BuildStep("video", 0.45, "Vidéo 5/8…", 5, 8))
    screen.show()
    app.processEvents()
    ok = screen.grab().save(target)
    del translator
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
