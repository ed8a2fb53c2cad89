"""``kiosk install``, ``kiosk uninstall`` (a kiosk that starts itself) and ``kiosk status``."""

from __future__ import annotations

import argparse
import math
import os
import pwd
import shutil
import sys
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, add_command, add_flag, open_catalogue
from kiosk.cli.pin import NO_PIN_HINT, offer_pin_setup_for
from kiosk.config import HOME_ENV, ContentRoot, default_home
from kiosk.library import deploy, pin
from kiosk.library.catalogue_views import counts
from kiosk.library.french_format import human_size
from kiosk.library.plurals import counted
from kiosk.library.run_journal import read_journal, record_service_exit, scan_log
from kiosk.store.database import Catalogue, CatalogueError


def register(commands: Any) -> None:
    install = add_command(
        commands,
        "install",
        command_install,
        help="faire démarrer la borne toute seule à l'ouverture de session (service systemd)",
    )
    _add_target_options(install)
    add_flag(
        install,
        "--session",
        "une session X qui ne lance que la borne (sans bureau autour), au lieu du "
        "démarrage automatique dans le bureau",
    )
    install.add_argument(
        "--autologin",
        metavar="UTILISATEUR",
        help="avec --system --session : ouvrir la session de la borne sans mot de passe (LightDM)",
    )
    uninstall = add_command(
        commands, "uninstall", command_uninstall, help="défaire exactement ce qu'a fait install"
    )
    _add_target_options(uninstall)
    status = add_command(
        commands,
        "status",
        command_status,
        help="état de la borne : version, contenu, derniers démarrage et plantage, disque, service",
    )
    status.add_argument(
        "--home-dir",
        metavar="DIR",
        help="dossier personnel où chercher le service (par défaut $HOME)",
    )
    # Run by the unit's ExecStopPost=, with systemd's $SERVICE_RESULT, $EXIT_CODE, $EXIT_STATUS.
    add_flag(status, "--record-exit", argparse.SUPPRESS)


def _add_target_options(parser: argparse.ArgumentParser) -> None:
    add_flag(parser, "--system", "pour toute la machine (root) : /etc, /usr/share")
    add_flag(parser, "--dry-run", "montrer ce qui changerait, sans rien changer")
    parser.add_argument(
        "--home-dir", metavar="DIR", help="dossier personnel visé (par défaut $HOME)"
    )
    parser.add_argument(
        "--system-root",
        metavar="DIR",
        help="avec --system : écrire sous DIR au lieu de / (préparer une image, essais)",
    )


def _syncthing_home(root: ContentRoot) -> Path | None:
    """A network member's Syncthing home (its user service is installed too), else None."""
    from kiosk.library.network.membership import load_membership
    from kiosk.library.network.syncthing import syncthing_home

    return syncthing_home(root) if load_membership(root) is not None else None


def _target(args: argparse.Namespace) -> deploy.Target:
    if args.system:
        root_dir = Path(args.system_root) if args.system_root else None
        return deploy.Target.for_system(root_dir)
    if args.system_root:
        raise deploy.DeployError("--system-root : seulement avec --system.")
    return deploy.Target.for_user(Path(args.home_dir).expanduser() if args.home_dir else None)


def _needs_root(args: argparse.Namespace) -> bool:
    return bool(args.system and not args.system_root and not args.dry_run and os.geteuid() != 0)


def _is_own_home(target: deploy.Target) -> bool:
    try:
        return target.home_dir == Path(pwd.getpwuid(os.getuid()).pw_dir).absolute()
    except KeyError:
        return False


def command_install(root: ContentRoot, args: argparse.Namespace) -> int:
    if _needs_root(args):
        print(
            "kiosk install --system : à lancer en root (sudo), ou avec --dry-run.", file=sys.stderr
        )
        return EXIT_USAGE
    explicit_home = getattr(args, "home", None) or os.environ.get(HOME_ENV)
    try:
        target = _target(args)
        checkout = default_home()
        options = deploy.InstallOptions(
            kiosk_command=deploy.find_kiosk_command(checkout, Path(sys.prefix)),
            checkout=checkout,
            content_home=root.home if explicit_home else None,
            session=args.session,
            autologin_user=args.autologin,
            systemd_version=deploy.systemd_version(),
            syncthing_home=_syncthing_home(root),
        )
        lines = deploy.install(options, target, dry_run=args.dry_run)
    except (deploy.DeployError, OSError) as error:
        print(f"kiosk install : {error}", file=sys.stderr)
        return EXIT_ERROR
    if _printed_plan(lines, dry_run=args.dry_run):
        return EXIT_OK
    print(f"La borne démarrera avec : {' '.join(deploy.kiosk_arguments(options))}")
    _after_change(target, args)
    _offer_pin(root)
    if args.session:
        print(
            "Choisissez la session « Borne du Mazier » à l'écran de connexion (ou --system "
            "--session --autologin UTILISATEUR), puis redémarrez."
        )
    else:
        print("Elle démarrera à la prochaine ouverture de session (redémarrez pour essayer).")
    return EXIT_OK


def _offer_pin(root: ContentRoot) -> None:
    """A kiosk without a staff PIN: ask for it now, in the terminal (never at the touchscreen).

    Not as root in another user's content folder: the catalogue (and its -wal file) would then
    belong to root, and the kiosk, run as that user, could not write it."""
    if not sys.stdin.isatty():
        return
    if os.geteuid() == 0 and _owner(root.home) not in (0, None):
        print("Code équipe : à choisir par l'utilisateur de la borne avec « kiosk pin set ».")
        return
    offer_pin_setup_for(root, interactive=True)


def _owner(folder: Path) -> int | None:
    try:
        return folder.stat().st_uid
    except OSError:
        return None


def command_uninstall(_root: ContentRoot, args: argparse.Namespace) -> int:
    if _needs_root(args):
        print(
            "kiosk uninstall --system : à lancer en root (sudo), ou avec --dry-run.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        target = _target(args)
        lines = deploy.uninstall(target, dry_run=args.dry_run)
    except (deploy.DeployError, OSError) as error:
        print(f"kiosk uninstall : {error}", file=sys.stderr)
        return EXIT_ERROR
    if _printed_plan(lines, dry_run=args.dry_run):
        return EXIT_OK
    if any("laissé" in line for line in lines):
        return EXIT_ERROR
    _after_change(target, args)
    return EXIT_OK


def _printed_plan(lines: list[str], *, dry_run: bool) -> bool:
    """Print what install/uninstall did (or would do); True when it was only a dry run."""
    for line in lines:
        print(line)
    if dry_run:
        print("Essai : rien n'a été changé.")
    return dry_run


def _after_change(target: deploy.Target, args: argparse.Namespace) -> None:
    """Let the user's systemd manager see the change, when it is this user's own home."""
    if target.system:
        if not args.system_root:
            print("Chaque utilisateur : systemctl --user daemon-reload (ou redémarrer).")
        return
    if args.home_dir and not _is_own_home(target):
        return
    problem = deploy.reload_user_manager()
    if problem is None:
        print("systemctl --user daemon-reload : fait.")
    else:
        print(
            f"systemctl --user daemon-reload : pas possible ici ({problem}) ; sans effet au "
            "prochain démarrage."
        )


def command_status(root: ContentRoot, args: argparse.Namespace) -> int:
    if args.record_exit:
        record_service_exit(
            root,
            os.environ.get("SERVICE_RESULT", ""),
            os.environ.get("EXIT_CODE", ""),
            os.environ.get("EXIT_STATUS", ""),
        )
        return EXIT_OK
    status = EXIT_OK
    print(f"Borne du Mazier {__version__}")
    print(f"Dossier de contenu : {root.home}")
    if not root.db_path.exists():
        print("Catalogue : pas encore créé (il le sera au premier lancement)")
        print(f"Code équipe : {NO_PIN_HINT}")
    else:
        try:
            catalogue = open_catalogue(root)
            try:
                numbers = counts(catalogue)
                pin_line = _pin_status(catalogue)
            finally:
                catalogue.close()
            print(
                f"Catalogue : lieux : {numbers.places} · médias : {numbers.media} (vidéos : "
                f"{numbers.videos}, dessins : {numbers.drawings}) · carnets : {numbers.albums} · "
                f"pages : {numbers.pages}"
            )
            print(f"Code équipe : {pin_line}")
        except CatalogueError as error:
            print(f"Catalogue : illisible ({error})")
            status = EXIT_ERROR

    journal = read_journal(root)
    events = scan_log(root)
    last_start = journal.last_start or events.last_start
    print(f"Dernier démarrage : {_when(last_start)}")
    if journal.last_stop:
        print(f"Dernier arrêt normal : {_when(journal.last_stop)}")
    unclean = "aucun"
    if journal.last_unclean_end:
        detail = f", {journal.last_unclean_detail}" if journal.last_unclean_detail else ""
        unclean = (
            f"la séance démarrée le {_when(journal.last_unclean_end)}{detail} "
            f"({journal.unclean_ends} en tout)"
        )
    print(f"Dernier arrêt brutal (plantage, coupure, arrêt forcé) : {unclean}")
    _print_last_crash(root)
    if events.last_error:
        print(f"Dernière erreur : {_when(events.last_error)} — {events.last_error_message}")
    else:
        print("Dernière erreur : aucune dans le journal")
    print(f"Journal : {root.logs_dir / 'kiosk.log'}")

    usage = shutil.disk_usage(root.home)
    print(
        f"Espace libre : {human_size(usage.free)} sur {human_size(usage.total)} "
        f"({100 * usage.free / usage.total:.0f} %)"
    )

    target = deploy.Target.for_user(Path(args.home_dir).expanduser() if args.home_dir else None)
    system = deploy.Target.for_system()
    state = deploy.service_state(target)
    system_state = deploy.service_state(system)
    if state.installed:
        where = f"installé ({state.unit_path})"
    elif system_state.installed:
        where = f"installé pour toute la machine ({system_state.unit_path})"
    else:
        where = "non installé (kiosk install)"
    print(f"Service {deploy.SERVICE_NAME} : {where} ; état : {_state_fr(state.active)}")
    return status


def _print_last_crash(root: ContentRoot) -> None:
    """The last native crash (logs/crash.log, written by faulthandler): when, and how it began."""
    from kiosk.library.run_journal import last_crash

    crash = last_crash(root)
    if crash is None:
        print("Dernier plantage (logs/crash.log) : aucun")
        return
    print(f"Dernier plantage ({crash.path}) : {_when(crash.when)}")
    for line in crash.lines:
        print(f"  {line}")


def _pin_status(catalogue: Catalogue) -> str:
    if not pin.has_pin(catalogue):
        return NO_PIN_HINT
    guard = pin.PinGuard(catalogue)
    locked = guard.seconds_locked()
    if locked:
        return (
            f"choisi ; pavé bloqué encore {math.ceil(locked)} s "
            f"({guard.wrong_tries} essais faux d'affilée)"
        )
    if guard.wrong_tries:
        tries = counted(guard.wrong_tries, "essai faux", "essais faux")
        return f"choisi ({tries} depuis le dernier bon)"
    return "choisi"


def _when(stamp: str | None) -> str:
    return stamp.replace("T", " ") if stamp else "inconnu"


STATES_FR = {
    "active": "en marche",
    "inactive": "arrêté",
    "failed": "en échec",
    "activating": "en cours de démarrage (ou redémarrage)",
    "deactivating": "en cours d'arrêt",
}


def _state_fr(answer: str) -> str:
    return STATES_FR.get(answer, answer)
