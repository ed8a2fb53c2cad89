"""The checks of addresses: web addresses the kiosk may show, and paths of media files under
assets/ or videos/."""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from kiosk.store.validation.text import _forbidden_character

MEDIA_FOLDERS = ("assets", "videos")


_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


_URL_FORBIDDEN = frozenset(' <>"\\^`{|}')


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


def media_path(value: Any) -> str | None:
    return media_path_problem(value)


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
