"""Sizes of files in the units staff read (o, Ko, Mo, Go), for the CLI and the staff area."""

from __future__ import annotations


def human_size(count: float) -> str:
    for unit in ("o", "Ko", "Mo", "Go"):
        if count < 1024 or unit == "Go":
            return f"{count:.0f} {unit}" if unit == "o" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} Go"
