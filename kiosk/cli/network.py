"""``kiosk network …``: the optional network of kiosks (docs/reseau.md).

``create NAME``, ``join CODE``, ``publish``, ``status``, ``rollback``, ``leave``, ``apply``
(one round: admit, apply a waiting release if nobody uses the kiosk, write the status), ``keys``
and ``forget-key FINGERPRINT`` (the trusted keys). A kiosk
that never ran ``create`` or ``join`` is a single kiosk: nothing here runs on its own.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    Handler,
    add_command,
    add_flag,
    open_catalogue,
)
from kiosk.config import ContentRoot

REACH_FLAGS = (
    ("--lan-only", "lan", "les bornes se trouvent sur le réseau local seulement (par défaut)"),
    (
        "--discovery",
        "internet",
        "les bornes se trouvent aussi par Internet (annonce et relais de Syncthing)",
    ),
    ("--local", "loopback", "rien hors de cette machine (127.0.0.1 : essais)"),
)
REACH_SAID = {
    "lan": "réseau local seulement",
    "internet": "réseau local et Internet (annonce et relais de Syncthing)",
    "loopback": "cette machine seulement (127.0.0.1)",
}


def register(commands: Any) -> None:
    parser = add_command(
        commands, "network", _usage, help="réseau de bornes : publier une fois, partout à jour"
    )
    actions = parser.add_subparsers(dest="network_action", metavar="ACTION")
    create = add_command(
        actions, "create", _refusals(command_create), help="créer un réseau (cette borne publie)"
    )
    create.add_argument("network", metavar="NOM", help="le nom du réseau")
    create.add_argument(
        "--address",
        action="append",
        metavar="tcp://HÔTE:PORT",
        help="où les autres bornes joignent celle-ci (sinon : découverte de Syncthing)",
    )
    join = add_command(
        actions, "join", _refusals(command_join), help="rejoindre un réseau avec son code"
    )
    join.add_argument("code", metavar="CODE", help="le code d'adhésion, ou le fichier qui le tient")
    for sub in (create, join):
        reach = sub.add_mutually_exclusive_group()
        for flag, value, text in REACH_FLAGS:
            reach.add_argument(flag, dest="reach", action="store_const", const=value, help=text)
        sub.add_argument("--name", help="le nom de cette borne (par défaut : celui de la machine)")
        sub.add_argument("--place", default="", help="le lieu de cette borne")
        sub.add_argument("--listen-port", type=int, help="port de Syncthing pour les autres bornes")
        sub.add_argument("--api-port", type=int, help="port de l'API de Syncthing (127.0.0.1)")
    published = add_command(
        actions, "publish", _refusals(command_publish), help="publier le catalogue de cette borne"
    )
    add_flag(
        published,
        "--force",
        "publier même si rien n'a changé, ou par-dessus une publication plus récente "
        "qui n'est pas appliquée ici",
    )
    add_command(actions, "status", _refusals(command_status), help="l'état de toutes les bornes")
    add_command(
        actions, "rollback", _refusals(command_rollback), help="revenir à la publication d'avant"
    )
    add_command(actions, "leave", _refusals(command_leave), help="quitter le réseau")
    apply = add_command(
        actions,
        "apply",
        _refusals(command_apply),
        help="appliquer maintenant une publication arrivée (si personne n'utilise la borne)",
    )
    apply.add_argument(
        "--from",
        dest="source",
        metavar="DOSSIER",
        help="depuis une copie du dossier de publication (clé USB)",
    )
    apply.add_argument(
        "--code", metavar="CODE", help="faire confiance à la clé de ce code d'adhésion d'abord"
    )
    add_flag(
        apply,
        "--trust-new-key",
        "accepter la clé du code même si cette borne en connaît déjà une autre",
    )
    add_command(actions, "keys", _refusals(command_keys), help="les clés de confiance (empreintes)")
    forgotten = _refusals(command_forget_key)
    forget = add_command(actions, "forget-key", forgotten, help="oublier une clé de confiance")
    forget.add_argument("fingerprint", metavar="EMPREINTE", help="ABCD-EFGH-IJKL-MNOP")


def _usage(_root: ContentRoot, _args: argparse.Namespace) -> int:
    print("kiosk network : précisez une action (kiosk network --help).")
    return EXIT_USAGE


def _refusals(handler: Handler) -> Handler:
    """One French line, and a non-zero status, for what a person must act on."""

    @functools.wraps(handler)
    def run(root: ContentRoot, args: argparse.Namespace) -> int:
        from kiosk.library.network.keys import NetworkKeyError
        from kiosk.library.network.release import NetworkError
        from kiosk.library.network.syncthing_api import SyncthingError
        from kiosk.library.printable import shown

        try:
            return handler(root, args)
        except (NetworkError, NetworkKeyError, SyncthingError) as error:
            print(f"kiosk network {args.network_action} : {shown(error, 2000)}")
            return EXIT_ERROR

    return run


def _this_kiosk(args: argparse.Namespace) -> Any:
    from kiosk.library.network.membership import ThisKiosk

    return ThisKiosk(args.name, args.place, args.listen_port, args.api_port)


def command_create(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.network.membership import JOIN_CODE_NAME, create
    from kiosk.library.network.state import network_dir
    from kiosk.library.network.syncthing import Reach

    root.ensure_folders()
    membership, code = create(
        root,
        args.network,
        reach=Reach(args.reach or "lan"),
        kiosk=_this_kiosk(args),
        addresses=args.address,
    )
    print(f"Réseau « {membership.network} » créé : cette borne publie.")
    print(f"Empreinte de la clé du réseau : {code.fingerprint}")
    print(f"Code d'adhésion (aussi dans {network_dir(root) / JOIN_CODE_NAME}) :")
    print(code.text())
    return EXIT_OK


def command_join(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.network.membership import join

    root.ensure_folders()
    from kiosk.library.network.syncthing import Reach

    reach = Reach(args.reach or "lan")
    membership, code = join(root, args.code, kiosk=_this_kiosk(args), reach=reach)
    print(f"Cette borne rejoint le réseau « {membership.network} ».")
    print(f"Portée choisie sur cette borne : {REACH_SAID[reach.value]}.")
    print(f"Empreinte de la clé de confiance : {code.fingerprint}")
    print("Comparez-la avec celle qu'affiche la borne qui publie : elles doivent être égales.")
    print("La borne qui publie l'accueille à sa prochaine ronde (une minute au plus).")
    return EXIT_OK


def _member(root: ContentRoot) -> Any:
    from kiosk.library.network.membership import load_membership
    from kiosk.library.network.release import NetworkError

    membership = load_membership(root)
    if membership is None:
        raise NetworkError("cette borne ne fait partie d'aucun réseau (create ou join d'abord).")
    return membership


def command_publish(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.network.keys import load_private_key
    from kiosk.library.network.membership import publication_dir
    from kiosk.library.network.publish import NothingToPublishError, publish
    from kiosk.library.network.release import NetworkError
    from kiosk.library.network.rounds import write_own_status
    from kiosk.library.network.syncthing import api_for_home, syncthing_home
    from kiosk.library.network.syncthing_api import SyncthingError

    membership = _member(root)
    if not membership.publishes:
        raise NetworkError(
            f"cette borne reçoit les publications du réseau « {membership.network} » ; "
            "seule la borne qui l'a créé publie."
        )
    catalogue = open_catalogue(root)
    try:
        release = publish(
            root,
            catalogue,
            publication_dir(root),
            load_private_key(root),
            network=membership.network,
            force=args.force,
        )
    except NothingToPublishError as nothing:
        print(f"Rien à publier : {nothing}")
        return EXIT_OK
    write_own_status(root, membership, catalogue)
    try:  # a running Syncthing sends it now, without waiting for its watcher
        api_for_home(syncthing_home(root), timeout=5).scan(membership.publication_folder)
    except SyncthingError:
        print("Syncthing ne tourne pas ici : la publication partira à son prochain démarrage.")
    print(f"Publication {release} prête : les bornes du réseau l'appliqueront entre deux visites.")
    return EXIT_OK


def command_status(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.network.membership import status_dir
    from kiosk.library.network.rounds import write_own_status
    from kiosk.library.network.state import load_state
    from kiosk.library.network.status import format_status_table, read_statuses
    from kiosk.library.printable import shown

    membership = _member(root)
    write_own_status(root, membership, open_catalogue(root))
    state = load_state(root)
    print(
        f"Réseau « {membership.network} » ; cette borne : {membership.name} ({membership.kiosk_id})"
    )
    print(f"Publication appliquée ici : {state.applied or 'aucune'}")
    if state.waiting:
        print(f"En attente : {state.waiting} ({shown(state.waiting_reason, 600)})")
    print(format_status_table(read_statuses(status_dir(root))))
    return EXIT_OK


def command_rollback(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.network.apply import rollback
    from kiosk.library.network.membership import load_membership
    from kiosk.library.network.rounds import write_own_status

    catalogue = open_catalogue(root)
    release = rollback(root, catalogue)
    print(f"Retour à la publication {release}.")
    membership = load_membership(root)
    if membership is not None:
        write_own_status(root, membership, catalogue)
    return EXIT_OK


def command_leave(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.network.membership import leave

    membership = leave(root)
    print(
        f"Cette borne a quitté le réseau « {membership.network} » ; elle garde son contenu "
        "actuel et fonctionne seule."
    )
    return EXIT_OK


def command_apply(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library import content_lock
    from kiosk.library.network.apply import Outcome
    from kiosk.library.network.join_code import parse_code
    from kiosk.library.network.keys import trusted_network
    from kiosk.library.network.membership import load_membership, trust_code
    from kiosk.library.network.rounds import apply_from, network_round
    from kiosk.library.printable import shown

    membership = load_membership(root)
    network = membership.network if membership is not None else trusted_network(root)
    if args.code:
        code = parse_code(args.code)
        fingerprint = trust_code(root, code, trust_new_key=args.trust_new_key)
        print(f"Clé de confiance : {fingerprint} (réseau « {shown(code.network)} »)")
        network = code.network
    source = Path(args.source).expanduser().absolute() if args.source else None
    catalogue = open_catalogue(root)
    # The kiosk app, when it runs, applies on its own between two visits; here, only when no
    # other process uses this content root (nobody can be in a visit).
    nobody: Callable[[], bool] = lambda: content_lock.alone(root)  # noqa: E731
    if source is not None and membership is None:
        result = apply_from(root, catalogue, source, nobody, network=network)
    else:
        report = network_round(
            root, catalogue, visitor_idle=nobody, write_status=True, source=source
        )
        if report is None:
            print("kiosk network apply : cette borne ne fait partie d'aucun réseau.")
            return EXIT_ERROR
        for name in report.admitted:
            print(f"Borne accueillie dans le réseau : {shown(name)}")
        result = report.result
    if result.outcome is Outcome.APPLIED:
        print(f"Publication {result.release} appliquée.")
        return EXIT_OK
    if result.outcome is Outcome.NOTHING_NEW:
        print(f"Rien de nouveau (publication appliquée : {result.release or 'aucune'}).")
        return EXIT_OK
    if result.outcome is Outcome.WAITING:
        print(
            f"Publication {result.release} en attente : {shown(result.reason, 600).rstrip('. ')}."
        )
        return EXIT_OK
    reason = shown(result.reason, 600).rstrip(". ")
    print(f"kiosk network apply : publication {result.release} ignorée : {reason}.")
    return EXIT_ERROR


def command_keys(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.network.keys import load_trusted_keys, own_fingerprint, trusted_network
    from kiosk.library.printable import shown

    own = own_fingerprint(root)
    trusted = load_trusted_keys(root)
    network = trusted_network(root)
    print(
        f"Clés de confiance ({len(trusted)})"
        + (f", réseau « {shown(network)} »" if network else "")
        + " :"
    )
    for key in trusted:
        print(
            f"  {key.fingerprint}"
            + ("  (clé de publication de cette borne)" if key.fingerprint == own else "")
        )
    if not trusted:
        print("  aucune : cette borne n'applique aucune publication.")
    return EXIT_OK


def command_forget_key(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.network.keys import forget_key, own_fingerprint
    from kiosk.library.network.release import NetworkError
    from kiosk.library.printable import shown

    wanted = args.fingerprint.strip().upper()
    if own_fingerprint(root) == wanted:
        raise NetworkError(
            f"{wanted} est la clé de publication de cette borne : les autres bornes lui font "
            "confiance ; elle reste."
        )
    if not forget_key(root, wanted):
        raise NetworkError(f"aucune clé de confiance {shown(wanted, 40)} (kiosk network keys).")
    print(f"Clé {wanted} oubliée : ses publications ne seront plus appliquées ici.")
    return EXIT_OK
