"""What a health check finds: problems with their code, severity and plain-French action, and
the reports of a check and of a fix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kiosk.library.plurals import counted


class Severity(StrEnum):
    ERROR = "erreur"
    WARNING = "attention"


class Code(StrEnum):
    DATABASE = "database"
    MISSING = "missing"
    SIZE = "size"
    HASH = "hash"
    UNREADABLE = "unreadable"
    ORPHAN = "orphan"
    PARTIAL = "partial"
    UNPLACED = "unplaced"
    BROKEN_REFERENCE = "broken-reference"
    UNSAFE_PATH = "unsafe-path"
    INVALID = "invalid"
    NO_MAP = "no-map"
    DISK_SPACE = "disk-space"
    SETTING = "setting"  # a stored setting the kiosk ignores (its detail: the setting's name)


# The problems of a media's own file: each is told with the media's title, its uses and a hint.
MEDIA_CODES = {Code.MISSING, Code.SIZE, Code.HASH, Code.UNREADABLE}


@dataclass(frozen=True)
class MediaFacts:
    """A media as staff know it, for a problem about its file: its title, its kind in staff
    words (film, vidéo d'un lieu, dessin, photo, carte…), where visitors see it, what they see
    meanwhile."""

    id: int
    title: str
    title_en: str | None
    kind: str
    uses: tuple[str, ...]
    visitors: str
    file_name: str = ""

    @property
    def name(self) -> str:
        """« title » (in English « … »); an untitled media by the name the Médias list shows."""
        name = (
            f"« {self.title} »"
            if self.title
            else f"sans titre (« {self.file_name} » dans la liste des Médias)"
        )
        if self.title_en and self.title_en != self.title:
            name += f" (en anglais « {self.title_en} »)"
        return name


@dataclass(frozen=True)
class Problem:
    """One thing wrong. ``subject`` is what it is about as a technician names it (a file path
    relative to the content root for a media, a place, a table row); a problem about a media's
    file also has ``media`` (how staff know it), ``action`` (what to do, in plain French) and
    ``detail`` (the numbers a technician wants). ``title``, when given, is the headline instead
    of « subject : message » (« Un fichier vidéo que rien n'utilise », the path in ``detail``)."""

    code: Code
    severity: Severity
    subject: str
    message: str
    media: MediaFacts | None = None
    action: str = ""
    detail: str = ""
    title: str = ""  # the headline when the subject means nothing to staff (a raw path)

    @property
    def headline(self) -> str:
        """The first line: what is wrong, named as staff know it."""
        if self.title:
            return self.title
        if self.media is None:
            return f"{self.subject} : {self.message}"
        return f"{self.media.kind.capitalize()} {self.media.name} : {self.message}"

    def explanation(self) -> list[str]:
        """The lines under the headline: uses, what visitors see, what to do, the detail."""
        if self.media is None:
            lines = [f"À faire : {self.action}"] if self.action else []
            if self.detail:
                lines.append(f"Détail technique : {self.detail}")
            return lines
        lines = [
            "Utilisé par : " + (" ; ".join(self.media.uses) if self.media.uses else "rien") + ".",
            f"Pour les visiteurs : {self.media.visitors}.",
        ]
        if self.action:
            lines.append(f"À faire : {self.action}")
        lines.append(f"Détail technique : {self.detail or self.subject}")
        return lines

    def lines(self) -> list[str]:
        return [f"[{self.severity.value}] {self.headline}", *self.explanation()]

    def line(self) -> str:
        return " ".join(self.lines())


@dataclass
class HealthReport:
    problems: list[Problem] = field(default_factory=list)
    media_checked: int = 0
    bytes_checked: int = 0
    free_bytes: int = 0
    total_bytes: int = 0
    database_ok: bool = True

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def of(self, code: Code) -> list[Problem]:
        return [p for p in self.problems if p.code is code]


@dataclass
class FixReport:
    removed_partial: list[str] = field(default_factory=list)
    trashed_orphans: list[str] = field(default_factory=list)
    caches_rebuilt: int = 0
    caches_failed: list[str] = field(default_factory=list)
    trash_folder: Path | None = None
    busy: bool = False  # another kiosk process was at work: partial and orphan files left alone
    settings_reset: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What was done, in a volunteer's words (the paths last, for a technician)."""
        lines = [f"copie interrompue supprimée : {path}" for path in self.removed_partial]
        if self.busy:
            lines.append(
                "la borne est occupée par un autre travail : les copies interrompues et les "
                "fichiers que rien n'utilise sont laissés en place (relancez « Ranger et "
                "réparer sans risque » ou « kiosk check --fix » quand il sera fini)"
            )
        lines += [
            f"fichier que rien n'utilise mis de côté (dans la Corbeille de la borne) : {path}"
            for path in self.trashed_orphans
        ]
        if self.caches_rebuilt:
            lines.append(
                f"aperçus refaits : {counted(self.caches_rebuilt, 'image', 'images')} (les "
                "petites images que la borne recalcule d'elle-même)"
            )
        lines += [f"aperçu non refait : {reason}" for reason in self.caches_failed]
        lines += [
            f"réglage {name} remis à sa valeur par défaut (la valeur enregistrée était illisible)"
            for name in self.settings_reset
        ]
        return lines


ProgressCallback = Callable[[int, int], None]


# What to do, by problem, in plain French (the button names are the Médias tab's).
_REPLACE = (
    "onglet Médias, touchez le média, choisissez le fichier d'origine dans le navigateur "
    "puis « Remplacer par le fichier choisi »"
)
ACTIONS = {
    Code.MISSING: "Le fichier a disparu : réimportez-le depuis la clé (" + _REPLACE + ") ou "
    "retirez le média (« Retirer »).",
    Code.SIZE: "Réimportez le fichier d'origine depuis la clé (" + _REPLACE + ").",
    Code.HASH: "Réimportez le fichier d'origine depuis la clé (" + _REPLACE + ").",
    Code.UNREADABLE: "Réimportez le fichier d'origine depuis la clé (" + _REPLACE + ") ; "
    "si l'original est lui aussi illisible, exportez-le à nouveau depuis l'appareil ou le "
    "logiciel d'où il vient.",
}
TIDY_ACTION = (
    "rien d'urgent ; « Ranger et réparer sans risque » (onglet Santé) le range : un fichier "
    "que plus rien n'utilise est mis de côté dans la Corbeille de la borne, une copie "
    "interrompue est supprimée."
)
SUBTITLES_ACTION = (
    "Remettez le fichier de sous-titres : réimportez la vidéo avec son fichier .srt ou .vtt "
    "à côté (" + _REPLACE + "). La vidéo se lit sans sous-titres en attendant."
)
