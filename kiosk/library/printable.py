"""Catalogue text made safe to print on a terminal or show in a report (no Qt).

One rule for every report that quotes content (bundle plans and refusals, places and media
imports, the health check): every control, format or unassigned character (terminal escape
sequences, bidirectional overrides, zero-width characters, line breaks) is written as
``\\uNNNN``, so a name from a file can never rewrite what staff read.
"""

from __future__ import annotations

import unicodedata
from typing import Any


def shown(text: Any, limit: int = 80) -> str:
    """``text`` safe to print, its special characters written as ``\\uNNNN``, cut at ``limit``
    characters (an ellipsis says it was)."""
    value = text if isinstance(text, str) else str(text)
    out: list[str] = []
    for char in value[:limit]:
        category = unicodedata.category(char)
        if category[0] == "C" or category in ("Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out) + ("…" if len(value) > limit else "")
