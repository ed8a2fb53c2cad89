"""French typography at display time: non-breaking spaces where French puts a space.

French writes a space before « ? ! : ; » and inside « guillemets »; a plain space there lets a
line break leave the "?" or the "«" alone at the start or end of a line. Staff type plain
spaces (or none): :func:`french_spacing` makes those spaces non-breaking when a text is shown.
English never has a space there, so the function is harmless on it. Markdown stays Markdown:
a table's alignment row (``| :--- |``) and an image (``![alt](…)``) are left as they are.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

# A space (or several) before ? ! ; » and before a colon that is not a table's ":---" or "::".
_BEFORE = re.compile(r"[ \t]+(?=[?;»]|!(?!\[)|:(?![-:]))")
_AFTER_OPENING = re.compile(r"«[ \t]+")


def french_spacing(text: str) -> str:
    """``text`` with non-breaking spaces before « ? ! : ; » and after « (none added where the
    writer put no space; a line break before the mark is left alone)."""
    if not text:
        return text
    text = _BEFORE.sub(NBSP, text)
    return _AFTER_OPENING.sub("«" + NBSP, text)
