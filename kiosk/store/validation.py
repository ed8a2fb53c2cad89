"""The one gate for content: every column of every content table, declared once.

Whatever the door (a bundle, a CSV or GeoJSON file of places, a staff editor, the command line,
the demo builder), a row reaches the catalogue only through these rules. Each column says its
kind (text on one line, text on several lines, a web address, a path of a media file, a number
with its bounds…), whether it may be empty, its length and its characters. A refusal is a
:class:`ValidationError` naming the table, the column and the reason, in French, so each door
can say which file, row and field it came from.

Two ways in, the same rules:

- :func:`check_row` for rows given as dicts (bundles, which insert with SQLAlchemy Core);
- :func:`install` hooks a ``before_flush`` listener on a session factory, so every ORM object
  that is added or changed is checked before anything is written (staff editors, CLI, imports).

No Qt here, and nothing above the store: the library's settings add their own checks of the
``settings`` values on top (their keys and their scope).
"""

from __future__ import annotations

import enum
import ipaddress
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import models

MEDIA_FOLDERS = ("assets", "videos")
MAX_ID = 2**53  # beyond this, a JSON reader in another language loses precision
MAX_SIZE_BYTES = 2**50
MAX_SORT = 10**9
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
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_MIME = re.compile(r"^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$")
_ICON = re.compile(r"^[a-z0-9]+\.[a-z0-9-]+$")
_SETTING_KEY = re.compile(r"^[a-z][a-z0-9_]{0,79}$")
_URL_FORBIDDEN = frozenset(' <>"\\^`{|}')


class ValidationError(ValueError):
    """A value the gate refuses. ``field`` is ``table.column``; ``reason`` is French."""

    def __init__(self, field: str, reason: str, value: Any = None) -> None:
        self.field = field
        self.reason = reason
        self.value = value
        super().__init__(f"{field} : {reason}")


# ---------------------------------------------------------------------------------------------
# The checks of each kind of value. Each takes the value and returns a reason, or None if good.

Check = Callable[[Any], str | None]


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


def web_address_problem(value: Any) -> str | None:
    """Why ``value`` is not a web address the kiosk may show (None when it is one).

    The address is parsed, not pattern-matched: scheme http or https, no user name or password,
    a real host name (labels of letters, digits and hyphens, a top-level domain of letters;
    international names through IDNA) or a public IP address, no space or markup anywhere.
    """
    if not isinstance(value, str):
        return "un texte est attendu"
    if len(value) > 500:
        return "adresse trop longue (500 caractères au plus)"
    if _forbidden_character(value, multiline=False) or any(c in _URL_FORBIDDEN for c in value):
        return "caractère interdit dans une adresse web (espace, <, >, guillemet…)"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return "adresse web illisible"
    if parts.scheme.lower() not in ("http", "https"):
        return "seules les adresses http:// et https:// sont acceptées"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "une adresse web ne contient pas de nom d'utilisateur (« @ »)"
    host = parts.hostname or ""
    if not host:
        return "pas de nom de site après http://"
    if port is not None and not 0 < port < 65536:
        return "numéro de port impossible"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if not address.is_global:
            return "adresse d'une machine locale ou privée"
        return None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return f"nom de site invalide ({host})"
    for label in host.rstrip(".").split("."):
        scripts = {_script_of(char) for char in label if char.isalpha()}
        if len(scripts) > 1:
            return f"nom de site qui mêle plusieurs écritures ({host}) : adresse trompeuse ?"
    labels = ascii_host.rstrip(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels):
        return f"nom de site invalide ({host})"
    top = labels[-1]
    if not (top.isalpha() and len(top) >= 2) and not top.startswith("xn--"):
        return f"nom de site invalide ({host})"
    return None


def _script_of(char: str) -> str:
    """The writing system of a letter, from its Unicode name: LATIN, CYRILLIC, GREEK…"""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def media_path_problem(value: Any, folders: Iterable[str] = MEDIA_FOLDERS) -> str | None:
    """Why ``value`` is not a path of a media file (None when it is one).

    A media path is relative to the content root, in POSIX form and normalised (no ``.``,
    ``..`` or empty part, no backslash), inside ``assets/`` or ``videos/``, and names no hidden
    or temporary file. ``data.db``, ``/etc/passwd``, ``../x`` and ``assets/../data.db`` are
    all refused.
    """
    if not isinstance(value, str):
        return "un chemin (texte) est attendu"
    if not value or len(value) > 500:
        return "chemin vide ou trop long"
    if _forbidden_character(value, multiline=False):
        return "caractère de contrôle dans le chemin"
    if value.startswith("/") or (len(value) > 1 and value[1] == ":"):
        return "chemin absolu interdit"
    if "\\" in value:
        return "barre oblique inverse interdite"
    parts = value.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "chemin non normalisé ou qui sort du dossier de contenu (« .. »)"
    allowed = tuple(folders)
    if len(parts) < 2 or parts[0] not in allowed:
        return f"le fichier doit être dans {' ou '.join(f'{f}/' for f in allowed)}"
    if any(part.startswith(".") for part in parts):
        return "fichier caché ou temporaire"
    if any(len(part.encode("utf-8", "surrogatepass")) > 255 for part in parts):
        return "nom de fichier trop long (255 octets au plus par nom)"
    if unicodedata.normalize("NFC", value) != value:
        return "chemin Unicode non normalisé (NFC)"
    return None


def whole(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return "un nombre entier est attendu"
        if not low <= value <= high:
            return f"hors limites ({value} ; entre {low} et {high})"
        return None

    return check


def decimal(low: float, high: float) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "un nombre est attendu"
        if not math.isfinite(value):
            return "nombre infini ou indéfini (NaN)"
        if not low <= value <= high:
            return f"hors limites ({value} ; entre {low} et {high})"
        return None

    return check


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "vrai ou faux (booléen) est attendu"


def pattern(regex: re.Pattern[str], what: str, max_length: int) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str) or len(value) > max_length or not regex.match(value):
            return f"{what} attendu"
        return None

    return check


def choice(enum_class: type[enum.Enum]) -> Check:
    values = {member.value for member in enum_class}

    def check(value: Any) -> str | None:
        raw = value.value if isinstance(value, enum_class) else value
        if not isinstance(raw, str | int) or isinstance(raw, bool) or raw not in values:
            return f"valeur inconnue (attendu : {', '.join(sorted(map(str, values)))})"
        return None

    return check


def timestamp(value: Any) -> str | None:
    if isinstance(value, datetime):
        return None
    if isinstance(value, str) and len(value) <= 40:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return "date illisible"
        return None
    return "une date ISO est attendue"


def media_path(value: Any) -> str | None:
    return media_path_problem(value)


def json_text(value: Any) -> str | None:
    """A setting's value: JSON text, short, with only finite numbers."""
    if not isinstance(value, str) or len(value) > 20_000:
        return "un texte JSON de 20 000 caractères au plus est attendu"

    def refuse_constant(name: str) -> Any:
        raise ValueError(name)

    try:
        json.loads(value, parse_constant=refuse_constant)
    except (ValueError, RecursionError):
        return "JSON illisible, ou nombre infini ou indéfini"
    return None


def json_document(max_length: int) -> Check:
    """A JSON object (a removed row kept in the Corbeille), finite numbers only."""

    def check(value: Any) -> str | None:
        if not isinstance(value, str) or len(value) > max_length:
            return f"un texte JSON de {max_length} caractères au plus est attendu"

        def refuse_constant(name: str) -> Any:
            raise ValueError(name)

        try:
            document = json.loads(value, parse_constant=refuse_constant)
        except (ValueError, RecursionError):
            return "JSON illisible, ou nombre infini ou indéfini"
        return None if isinstance(document, dict) else "un objet JSON est attendu"

    return check


def trash_paths(value: Any) -> str | None:
    """A JSON list of paths of files in the Corbeille: ``trash/<batch>/assets|videos/…``."""
    if not isinstance(value, str) or len(value) > 20_000:
        return "une liste JSON de chemins est attendue"
    try:
        paths = json.loads(value)
    except (ValueError, RecursionError):
        return "JSON illisible"
    if not isinstance(paths, list):
        return "une liste JSON de chemins est attendue"
    for path in paths:
        if not isinstance(path, str) or not path.startswith("trash/"):
            return "chemin hors de la corbeille (trash/)"
        parts = path.split("/")
        if len(parts) < 4:
            return "chemin de la corbeille incomplet"
        reason = media_path_problem("/".join(parts[2:]))
        if reason:
            return reason
        if any(part in ("", ".", "..") or part.startswith(".") for part in parts[:2]):
            return "chemin non normalisé ou qui sort du dossier de contenu (« .. »)"
    return None


@dataclass(frozen=True)
class Column:
    check: Check
    nullable: bool = False
    # The table a foreign key points to (its rows must exist: checked by the doors that bring
    # whole sets of rows, like bundles, and by SQLite's foreign keys).
    references: str | None = None


def _id() -> Column:
    return Column(whole(1, MAX_ID))


def _ref(table: str, *, nullable: bool = False) -> Column:
    return Column(whole(1, MAX_ID), nullable=nullable, references=table)


_SORT = Column(whole(-MAX_SORT, MAX_SORT))
_SLUG_COLUMN = Column(pattern(_SLUG, "un identifiant en minuscules, chiffres et tirets", 120))

COLUMNS: dict[str, dict[str, Column]] = {
    "media_assets": {
        "id": _id(),
        "kind": Column(choice(models.MediaKind)),
        "role": Column(choice(models.MediaRole)),
        "title": Column(line_text(200)),
        "title_en": Column(line_text(200), nullable=True),
        "credit": Column(line_text(200)),
        "credit_en": Column(line_text(200), nullable=True),
        "path": Column(media_path),
        "sha256": Column(pattern(_SHA256, "une empreinte SHA-256 (64 chiffres hexadécimaux)", 64)),
        "size_bytes": Column(whole(0, MAX_SIZE_BYTES)),
        "mime_type": Column(pattern(_MIME, "un type de fichier (type/sous-type)", 100)),
        "width": Column(whole(1, 1_000_000), nullable=True),
        "height": Column(whole(1, 1_000_000), nullable=True),
        "duration_s": Column(decimal(0, 7 * 24 * 3600), nullable=True),
        "subtitles_path": Column(media_path, nullable=True),
        "is_demo": Column(boolean),
        "sort_order": _SORT,
        "created_at": Column(timestamp),
        "is_film": Column(boolean),
    },
    "tags": {
        "id": _id(),
        "name": Column(line_text(80, required=True)),
        "name_en": Column(line_text(80), nullable=True),
    },
    "places": {
        "id": _id(),
        "slug": _SLUG_COLUMN,
        "name": Column(line_text(200, required=True)),
        "commune": Column(line_text(120), nullable=True),
        "description": Column(long_text(20_000)),
        "description_en": Column(long_text(20_000), nullable=True),
        "website": Column(web_address_problem, nullable=True),
        "latitude": Column(decimal(-90, 90), nullable=True),
        "longitude": Column(decimal(-180, 180), nullable=True),
        "map_x": Column(decimal(0, 1), nullable=True),
        "map_y": Column(decimal(0, 1), nullable=True),
        "photo_id": _ref("media_assets", nullable=True),
        "video_id": _ref("media_assets", nullable=True),
        "sort_order": _SORT,
        "published": Column(boolean),
        "updated_at": Column(timestamp),
    },
    "place_tags": {"place_id": _ref("places"), "tag_id": _ref("tags")},
    "maps": {
        "id": _id(),
        "image_id": _ref("media_assets"),
        "title": Column(line_text(200, required=True)),
        "credit": Column(line_text(200)),
        "credit_en": Column(line_text(200), nullable=True),
        "date_label": Column(line_text(80), nullable=True),
        "is_current": Column(boolean),
    },
    "geo_points": {
        "id": _id(),
        "map_id": _ref("maps"),
        "label": Column(line_text(120)),
        "latitude": Column(decimal(-90, 90)),
        "longitude": Column(decimal(-180, 180)),
        "x": Column(decimal(-1e6, 1e6)),
        "y": Column(decimal(-1e6, 1e6)),
    },
    "albums": {
        "id": _id(),
        "slug": _SLUG_COLUMN,
        "title": Column(line_text(200, required=True)),
        "title_en": Column(line_text(200), nullable=True),
        "date_label": Column(line_text(80), nullable=True),
        "date_label_en": Column(line_text(80), nullable=True),
        "credit": Column(line_text(200)),
        "credit_en": Column(line_text(200), nullable=True),
        "sort_order": _SORT,
        "published": Column(boolean),
    },
    "album_items": {
        "id": _id(),
        "album_id": _ref("albums"),
        "media_id": _ref("media_assets"),
        "position": Column(whole(-1_000_000, 1_000_000)),  # negative while reordering
        "caption": Column(long_text(2_000)),
        "caption_en": Column(long_text(2_000), nullable=True),
    },
    "pages": {
        "id": _id(),
        "slug": _SLUG_COLUMN,
        "icon": Column(pattern(_ICON, "un nom d'icône (mdi6.nom)", 80)),
        "title": Column(line_text(200, required=True)),
        "title_en": Column(line_text(200), nullable=True),
        "body": Column(long_text(100_000)),
        "body_en": Column(long_text(100_000), nullable=True),
        "sort_order": _SORT,
        "published": Column(boolean),
        "updated_at": Column(timestamp),
    },
    # The Corbeille (kiosk.library.trash): this kiosk's own, never in a bundle.
    "trash_items": {
        "id": _id(),
        "kind": Column(choice(models.TrashKind)),
        "label": Column(line_text(200)),
        "removed_at": Column(timestamp),
        "data": Column(json_document(400_000)),
        "files": Column(trash_paths),
    },
    "settings": {
        "key": Column(pattern(_SETTING_KEY, "un nom de réglage (minuscules et _)", 80)),
        "value": Column(json_text),
    },
}
CONTENT_TABLES = tuple(COLUMNS)
# Tables declared here (their rows pass the gate) that stay on this kiosk: no bundle or release
# ever carries them, and one that tries is refused as carrying an unknown table.
LOCAL_TABLES = frozenset({"trash_items"})
TRAVELLING_TABLES = tuple(table for table in COLUMNS if table not in LOCAL_TABLES)
# Columns that hold paths of files of the content root: trash, export and check follow them.
PATH_COLUMNS = tuple(
    (table, name)
    for table, columns in COLUMNS.items()
    for name, column in columns.items()
    if column.check is media_path
)


def check_value(table: str, column: str, value: Any) -> None:
    """Raise :class:`ValidationError` unless ``value`` may go in ``table.column``."""
    try:
        rule = COLUMNS[table][column]
    except KeyError:
        raise ValidationError(f"{table}.{column}", "colonne inconnue") from None
    if value is None:
        if not rule.nullable:
            raise ValidationError(f"{table}.{column}", "valeur obligatoire absente")
        return
    reason = rule.check(value)
    if reason:
        raise ValidationError(f"{table}.{column}", reason, value)


def check_row(table: str, row: Mapping[str, Any], *, complete: bool = True) -> None:
    """Check every value of a row given as a dict; with ``complete``, every column must be there
    (columns with a default may be left out of a row, as SQL would fill them)."""
    columns = COLUMNS.get(table)
    if columns is None:
        raise ValidationError(table, "table inconnue")
    for name in row:
        if name not in columns:
            raise ValidationError(f"{table}.{name}", "colonne inconnue")
    for name in columns:
        if name in row:
            check_value(table, name, row[name])
        elif complete and _required_without_default(table, name):
            raise ValidationError(f"{table}.{name}", "valeur obligatoire absente")


def _required_without_default(table: str, name: str) -> bool:
    column = models.Base.metadata.tables[table].columns[name]
    return not column.nullable and column.default is None and not column.primary_key


def check_references(rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Every foreign key of ``rows`` points to a row of ``rows`` (a whole catalogue's rows)."""
    ids = {
        table: {row.get("id") for row in table_rows}
        for table, table_rows in rows.items()
        if table in COLUMNS and "id" in COLUMNS[table]
    }
    for table, table_rows in rows.items():
        for name, column in COLUMNS.get(table, {}).items():
            if column.references is None:
                continue
            known = ids.get(column.references, set())
            for row in table_rows:
                value = row.get(name)
                if value is not None and value not in known:
                    raise ValidationError(
                        f"{table}.{name}",
                        f"renvoie à {column.references} n°{value}, qui n'existe pas",
                        value,
                    )


# ---------------------------------------------------------------------------------------------
# The ORM door: every added or changed object is checked before the flush writes it.


def check_object(instance: Any) -> None:
    """Check the column values of an ORM object of a content table."""
    table = getattr(instance, "__tablename__", None)
    if table not in COLUMNS:
        return
    state = inspect(instance)
    for attribute in state.mapper.column_attrs:
        name = attribute.key
        if name not in COLUMNS[table]:
            continue
        value = getattr(instance, name)
        if value is None and (
            name == "id" or COLUMNS[table][name].references or _has_default(table, name)
        ):
            continue  # filled at flush: by the database, a default, or a related object
        check_value(table, name, value)


def _has_default(table: str, name: str) -> bool:
    return models.Base.metadata.tables[table].columns[name].default is not None


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for instance in (*session.new, *session.dirty):
        if session.is_modified(instance) or instance in session.new:
            check_object(instance)


def install(factory: sessionmaker[Session]) -> None:
    """Check every content object flushed by sessions of ``factory``."""
    event.listen(factory, "before_flush", _before_flush)
