"""The English catalogue is complete, compiled, and covers every string the code marks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.kit.i18n import I18N_DIR

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"
TS_FILE = I18N_DIR / "kiosk_en.ts"
QM_FILE = I18N_DIR / "kiosk_en.qm"


def tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.fail(f"{name} not found: install the dev extra (scripts/setup.sh --test)")
        return found
    return str(path)


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts_file)
    found = {}
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = translation
    return found


FR_TS_FILE = I18N_DIR / "kiosk_fr.ts"
FR_QM_FILE = I18N_DIR / "kiosk_fr.qm"


def finished(translation: ET.Element) -> bool:
    """Translated, and for a count (numerus) message every plural form written."""
    if translation.get("type") in {"unfinished", "vanished", "obsolete"}:
        return False
    forms = translation.findall("numerusform")
    if forms:
        return all((form.text or "").strip() and "%n" in (form.text or "") for form in forms)
    return bool((translation.text or "").strip())


def test_every_english_translation_is_finished() -> None:
    unfinished = [
        source
        for (_, source), translation in messages(TS_FILE).items()
        if not finished(translation)
    ]
    assert unfinished == []


def test_every_count_has_its_french_plural_forms(tmp_path: Path) -> None:
    """French is the source language, but Qt chooses "1 lieu" / "2 lieux" only through a
    catalogue: every count the code marks (``tr("%n …", "", n)``) has its French forms."""
    extracted = tmp_path / "plurals.ts"
    sources = sorted(str(p) for p in PACKAGE.rglob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-pluralonly", "-locations", "none", "-ts", extracted],
        check=True,
        capture_output=True,
    )
    in_code = set(messages(extracted))
    assert ("MapScreen", "%n lieu(x)") in in_code
    french = messages(FR_TS_FILE)
    assert in_code - set(french) == set(), "run `make translations` and write the forms"
    assert [source for (_, source), t in french.items() if not finished(t)] == []
    english = messages(TS_FILE)
    assert all(len(english[key].findall("numerusform")) == 2 for key in in_code)


def test_the_compiled_french_plurals_are_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "kiosk_fr.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(FR_TS_FILE), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == FR_QM_FILE.read_bytes(), "run `make translations`"


@pytest.mark.parametrize(
    "language,context,source,counts",
    [
        ("fr", "MapScreen", "%n lieu(x)", {0: "0 lieu", 1: "1 lieu", 2: "2 lieux"}),
        ("en", "MapScreen", "%n lieu(x)", {0: "0 places", 1: "1 place", 2: "2 places"}),
        ("fr", "StatsTab", "%n visite(s)", {0: "0 visite", 1: "1 visite", 2: "2 visites"}),
        ("en", "StatsTab", "%n visite(s)", {1: "1 visit", 2: "2 visits"}),
    ],
)
def test_counts_take_the_plural_of_their_language(
    qapp: object, language: str, context: str, source: str, counts: dict[int, str]
) -> None:
    from PySide6.QtCore import QCoreApplication

    from kiosk.kit.i18n import LanguageManager

    languages = LanguageManager()
    try:
        languages.set_language(language)
        for n, expected in counts.items():
            assert QCoreApplication.translate(context, source, "", n) == expected
    finally:
        languages.set_language("fr")
        languages.deleteLater()  # its translator goes with it


def test_every_marked_string_is_in_the_catalogue(tmp_path: Path) -> None:
    extracted = tmp_path / "extracted.ts"
    sources = sorted(str(p) for p in PACKAGE.rglob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-locations", "none", "-ts", str(extracted)],
        check=True,
        capture_output=True,
    )
    in_code = set(messages(extracted))
    assert in_code, "lupdate found no marked string at all"
    assert in_code - set(messages(TS_FILE)) == set(), "run `make translations` and translate"


def test_the_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "kiosk_en.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(TS_FILE), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == QM_FILE.read_bytes(), "run `make translations`"
