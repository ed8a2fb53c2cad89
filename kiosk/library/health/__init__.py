"""The health check: is every file the catalogue names there, whole and readable, and is nothing
else lying around?

``check`` only reads. ``fix`` repairs what is safe: it removes partial files (temporary copies an
interruption left) and bundle staging folders, rebuilds caches, and moves orphan files (files in
``assets/`` or ``videos/`` that no catalogue row names) to ``trash/`` under the content root. It
never deletes a staff member's file.
"""

from __future__ import annotations

from kiosk.library.health.checking import check
from kiosk.library.health.fixing import fix
from kiosk.library.health.problems import Code, HealthReport, Problem, Severity

__all__ = [
    "Code",
    "HealthReport",
    "Problem",
    "Severity",
    "check",
    "fix",
]
