"""The English catalogue is complete, compiled, and covers every string the code marks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.ui.i18n import I18N_DIR

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


def test_every_english_translation_is_finished() -> None:
    unfinished = [
        source
        for (_, source), translation in messages(TS_FILE).items()
        if translation.get("type") in {"unfinished", "vanished", "obsolete"}
        or not (translation.text or "").strip()
    ]
    assert unfinished == []


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
