"""Counts in French words: « 0 lieu », « 1 lieu », « 2 lieux » (0 and 1 take the singular).

For the command line and the reports of the library; the screens use Qt's plural forms
(``self.tr("%n lieu(x)", "", n)``) instead.
"""

from __future__ import annotations


def counted(count: int, one: str, many: str, *, shown: str | None = None) -> str:
    """``count`` followed by ``one`` or ``many``; ``shown`` is the count as written when it is
    not plain digits (``1 504``)."""
    return f"{str(count) if shown is None else shown} {one if abs(count) < 2 else many}"
