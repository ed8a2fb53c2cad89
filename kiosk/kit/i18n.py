"""Languages: French is the source language of every string; English comes from a Qt translator.

Strings are marked with ``self.tr()`` / ``QCoreApplication.translate()`` and extracted with
``pyside6-lupdate`` into ``i18n/kiosk_en.ts``; ``pyside6-lrelease`` compiles it into
``kiosk_en.qm`` (``make translations``). Widgets re-read their strings on ``language_changed``.

Counts use Qt's plural forms: ``self.tr("%n lieu(x)", "", n)``. Qt picks a plural form only
through a translator, for the source language too: ``kiosk_fr.ts`` (made with ``lupdate
-pluralonly``) holds the French forms ("1 lieu", "2 lieux"; 0 is singular in French) and
``kiosk_fr.qm`` is installed while the kiosk speaks French. Without it French would read
"1 lieu(x)".

French typography: the French translator passes every French string (source or plural form)
through :func:`~kiosk.library.typography.french_spacing`, so a space before « : ; ! ? » or inside
« guillemets » is a non-breaking one wherever a UI string is shown, and the sources keep plain
spaces (lupdate and the English catalogue stay as they are). English is left untouched.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal

from kiosk.library.typography import french_spacing

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

log = logging.getLogger(__name__)


class FrenchTranslator(QTranslator):
    """French plurals from ``kiosk_fr.qm`` and French spacing on every French UI string."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        translated = super().translate(context, source_text, disambiguation, n)
        return french_spacing(translated or source_text)


def make_translator(language: str, parent: QObject | None = None) -> QTranslator:
    """The translator of ``language``: French spacing for French, the plain catalogue else."""
    return FrenchTranslator(parent) if language == "fr" else QTranslator(parent)


class LanguageManager(QObject):
    """Holds the visitor's language and installs the matching translator."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = DEFAULT_LANGUAGE
        self._translator: QTranslator | None = None
        self._install(DEFAULT_LANGUAGE)

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
        if language == self._language:
            return
        self._install(language)
        self._language = language
        self.language_changed.emit(language)

    def _install(self, language: str) -> None:
        """The translator of ``language`` in place of the previous one (French: its plurals)."""
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
        translator = make_translator(language, self)
        qm_file = I18N_DIR / f"kiosk_{language}.qm"
        if translator.load(str(qm_file)):
            QCoreApplication.installTranslator(translator)
            self._translator = translator
        else:
            log.error("translation file %s could not be loaded", qm_file)
