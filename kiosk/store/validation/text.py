"""The checks of texts: on one line or several, of a bounded length, with no control, direction
or invisible-only characters and nothing that would open a tag."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from kiosk.store.validation.values import Check

# Characters never allowed in any text: C0/C1 controls (terminal escapes among them), DEL, the
# bidirectional overrides and isolates that make a text read as another, lone surrogates.
_BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_LINE_BREAKS = frozenset("\u2028\u2029\u0085")
# Characters with no visible width: a name made only of these (and spaces) is no name.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u3164\u115f\u1160\u2800\uffa0\u17b4\u17b5"
)
_TAG = re.compile(r"<\s*(?:[/?]?\s*[A-Za-z]|!)")


def _forbidden_character(text: str, *, multiline: bool) -> str | None:
    for char in text:
        code = ord(char)
        if char in "\n\t" and multiline:
            continue
        if code < 0x20 or 0x7F <= code < 0xA0:
            return f"caractère de contrôle interdit (U+{code:04X})"
        if char in _BIDI_CONTROLS:
            return f"caractère de direction du texte interdit (U+{code:04X})"
        if char in _LINE_BREAKS and not multiline:
            return "saut de ligne interdit dans un nom"
        if 0xD800 <= code <= 0xDFFF:
            return "caractère Unicode invalide"
    return None


def has_visible_character(text: str) -> bool:
    """True when ``text`` shows something: a letter, a digit, a punctuation mark or a symbol
    that is not one of the blank-looking ones (Braille blank, Hangul fillers…). Spaces,
    zero-width and format characters, combining marks and variation selectors alone show
    nothing."""
    return any(unicodedata.category(char)[0] in "LNPS" and char not in _INVISIBLE for char in text)


def line_text(max_length: int, *, required: bool = False) -> Check:
    """A name, a title, a credit: one line of plain text, no markup, no control characters."""

    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "un texte est attendu"
        if len(value) > max_length:
            return f"trop long ({len(value)} caractères, {max_length} au plus)"
        reason = _forbidden_character(value, multiline=False)
        if reason:
            return reason
        if (required or value) and not has_visible_character(value):
            return "vide ou fait seulement d'espaces et de caractères invisibles"
        if _TAG.search(value):
            return "balise HTML interdite (un nom est du texte simple)"
        return None

    return check


def long_text(max_length: int) -> Check:
    """A description, a page body, a caption: several lines (Markdown for some, shown sanitised)."""

    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "un texte est attendu"
        if len(value) > max_length:
            return f"trop long ({len(value)} caractères, {max_length} au plus)"
        return _forbidden_character(value, multiline=True)

    return check
