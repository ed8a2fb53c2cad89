"""The department rule: which French department a row is in, from its department column, its
INSEE code, its postcode or its text."""

from __future__ import annotations

import re
from collections.abc import Mapping

_DEPARTMENT = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-8]|98[4-9])$")
_DEPARTMENT_IN_TEXT = re.compile(r"(?<![0-9A-Z])(\d{1,3}|2[AB])(?![0-9A-Z])")
_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def normalise_department(value: str) -> str | None:
    """A department code (``03``, ``2A``, ``971``) from ``3``, ``03``, ``03 - Allier`` or
    ``Allier (03)``; None when the text holds none (``0``, ``00``, a name alone)."""
    text = value.strip().upper()
    match = _DEPARTMENT_IN_TEXT.search(text)
    if not match:
        return None
    code = match.group(1)
    if code.isdigit() and len(code) < 2:
        code = code.zfill(2)
    return code if _DEPARTMENT.match(code) else None


def _department_of_commune(code: str, *, postcode: bool) -> str | None:
    """The department of an INSEE commune code or a postcode (5 characters, or 4 digits that
    lost their leading zero); None for ``0``, ``00000`` and anything else."""
    code = code.replace(" ", "").upper()
    if code.endswith(".0"):  # a spreadsheet read it as a number
        code = code[:-2]
    if len(code) == 4 and code.isdigit():
        code = "0" + code
    if not _INSEE.match(code) or (postcode and not code.isdigit()):
        return None
    if postcode and code.startswith("20"):
        department = "2A" if int(code) < 20200 else "2B"
    elif code.startswith(("97", "98")):
        department = code[:3]
    else:
        department = code[:2]
    return department if _DEPARTMENT.match(department) else None


def department_of(
    values: Mapping[str, str], columns: Mapping[str, str]
) -> tuple[str | None, str | None]:
    """The department of a row and the column it came from: a department column, else the
    INSEE code of the commune, else the postcode; a missing or ``0`` value falls through."""
    for field_name in ("department", "insee", "postcode"):
        column = columns.get(field_name)
        raw = (values.get(column) or "").strip() if column else ""
        if not raw or column is None:
            continue
        if field_name == "department":
            found = normalise_department(raw)
        else:
            found = _department_of_commune(raw, postcode=field_name == "postcode")
        if found is not None:
            return found, column
    return None, None
