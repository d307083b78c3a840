"""``asskomm keys``: this device's keys, HQ's pinned key and HQ's register of devices.

``show`` only reads (a snapshot: it works while the app has the store open); the others change the
store's trust state or the key file. ``trust`` shows the fingerprint to compare on the phone and
asks before it takes a key (``--ja`` after comparing, for scripts).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from . import strings as S
from .cli_store import add_db_option, err, unlock_keys

ENV_NEW_PASSPHRASE = "ASSKOMM_NEW_PASSPHRASE"


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``keys show|export|trust|revoke|rotate|passwort``."""
    keys = sub.add_parser("keys", help=S.CLI_KEYS_HELP, description=S.CLI_KEYS_DESCRIPTION)
    add_db_option(keys)
    actions = keys.add_subparsers(dest="action", title=S.CLI_ACTIONS, metavar="AKTION", required=True)
    show = actions.add_parser("show", help=S.CLI_KEYS_SHOW_HELP)
    show.add_argument("--json", action="store_true", help=S.CLI_JSON_HELP)
    add_db_option(show, 2)
    export = actions.add_parser("export", help=S.CLI_KEYS_EXPORT_HELP)
    export.add_argument("--out", type=Path, required=True, metavar="DATEI", help=S.CLI_KEYS_OUT_HELP)
    add_db_option(export, 2)
    trust = actions.add_parser("trust", help=S.CLI_KEYS_TRUST_HELP)
    trust.add_argument("file", type=Path, metavar="DATEI", help=S.CLI_KEYS_FILE_HELP)
    trust.add_argument("--ja", action="store_true", dest="yes", help=S.CLI_KEYS_YES_HELP)
    add_db_option(trust, 2)
    revoke = actions.add_parser("revoke", help=S.CLI_KEYS_REVOKE_HELP)
    revoke.add_argument("device", metavar="GERÄT", help=S.CLI_KEYS_DEVICE_HELP)
    add_db_option(revoke, 2)
    add_db_option(actions.add_parser("rotate", help=S.CLI_KEYS_ROTATE_HELP), 2)
    passphrase = actions.add_parser("passwort", help=S.CLI_KEYS_PASSPHRASE_HELP)
    passphrase.add_argument("--entfernen", action="store_true", dest="remove", help=S.CLI_KEYS_REMOVE_HELP)
    add_db_option(passphrase, 2)


def key_overview(store: Any) -> dict[str, Any]:
    """What ``keys show`` prints (also its JSON)."""
    from storage.trust import pinned_hq, register

    from storage import Repositories

    keys = store.keys
    me = store.local
    repos = Repositories(store)

    def named(entry: dict[str, Any]) -> dict[str, Any]:
        consultant = entry.get("consultant_id")
        known = consultant and store.raw("consultant", consultant) is not None
        return {**entry, "label": entry.get("name") or (repos.consultant_label(consultant) if known else "")}

    return {
        "device_id": me.device_id, "role": me.role, "fingerprint": keys.fingerprint,
        "created_at": keys.current.created_at, "protected": keys.protected, "rotations": len(keys.chain),
        "hq": pinned_hq(store), "register": [named(e) for e in register(store).values()],
    }


def hq_line(hq: dict[str, Any] | None) -> str:
    """What a laptop says about HQ's key: pinned since when, the demo's made-up one, or none."""
    from storage.trust import DEMO_HQ

    if hq is None:
        return S.CLI_KEYS_NO_HQ
    if hq["device_id"] == DEMO_HQ:
        return S.CLI_KEYS_HQ_DEMO.format(fingerprint=hq["fingerprint"])
    return S.CLI_KEYS_HQ.format(fingerprint=hq["fingerprint"], since=hq["since"][:10])


def _print_overview(view: dict[str, Any]) -> None:
    role = S.CLI_KEYS_ROLE_HQ if view["role"] == "hq" else S.CLI_KEYS_ROLE_CONSULTANT
    print(S.CLI_KEYS_OWN.format(role=role, device=view["device_id"], fingerprint=view["fingerprint"]))
    print(S.CLI_KEYS_PROTECTED if view["protected"] else S.CLI_KEYS_UNPROTECTED)
    if view["rotations"]:
        print(S.CLI_KEYS_ROTATIONS(view["rotations"]))
    if view["role"] != "hq":
        hq = view["hq"]
        print(hq_line(hq))
    devices = view["register"]
    print(S.CLI_KEYS_REGISTER(len(devices)))
    for entry in devices:
        state = S.CLI_KEYS_REVOKED if entry["status"] == "revoked" else S.CLI_KEYS_ACCEPTED
        name = entry["label"] or "–"
        print(f"  {entry['device_id'][:12]}  {entry['fingerprint']}  {state:<10} {name}")


def run(path: Path, args: argparse.Namespace) -> int:
    """Run one ``keys`` action; 0 done, 1 refused or failed (German reason on stderr)."""
    from storage import Repositories, Store, StoreError, StoreNotFoundError
    from storage.records import utc_now

    now = utc_now().isoformat().replace("+00:00", "Z")
    # a new laptop's first steps (export its keys, trust HQ) make its store, as an import does
    creates = args.action in ("export", "trust")
    if not path.is_file() and not creates:
        err(StoreNotFoundError(path).message)
        return 1
    if not path.exists():
        print(S.CLI_STORE_CREATED.format(path=path.absolute()))
    try:
        if args.action == "show":
            with Store.snapshot(path) as store:
                view = key_overview(store)
            if args.json:
                print(json.dumps(view, ensure_ascii=False, indent=2))
            else:
                _print_overview(view)
            return 0
        with Store.open(path) as store:
            return _change(store, args, now, Repositories(store))
    except StoreError as exc:
        err(exc.message)
        return 1


def _change(store: Any, args: argparse.Namespace, now: str, repos: Any) -> int:
    from storage.trust import export_public, identity_from_file, plan_trust, revoke, trust

    if args.action in ("export", "rotate", "passwort") and not unlock_keys(store):
        return 1
    if args.action == "export":
        me = repos.me()
        identity = export_public(store, args.out, me.data.name if me else "", now)
        print(S.CLI_KEYS_EXPORTED.format(path=args.out, fingerprint=identity.fingerprint))
        return 0
    if args.action == "trust":
        identity = identity_from_file(args.file)
        what = plan_trust(store, identity)
        if not args.yes:
            print(S.CLI_KEYS_COMPARE.format(fingerprint=identity.fingerprint, what=what))
            if not sys.stdin.isatty():
                err(S.CLI_KEYS_NEEDS_YES)
                return 1
            if input(S.CLI_KEYS_CONFIRM).strip().lower() not in ("j", "ja"):
                print(S.CLI_KEYS_NOT_TAKEN)
                return 1
        print(trust(store, identity, now))
        return 0
    if args.action == "revoke":
        entry = revoke(store, args.device, now)
        print(S.CLI_KEYS_REVOKED_DONE.format(device=entry["device_id"][:12], fingerprint=entry["fingerprint"]))
        return 0
    if args.action == "rotate":
        store.keys.rotate(now)
        store.keys.save()
        print(S.CLI_KEYS_ROTATED.format(fingerprint=store.keys.fingerprint))
        return 0
    # passwort
    from storage.keys import protect

    if args.remove:
        protect(store.keys, None)
        print(S.CLI_KEYS_PASSPHRASE_REMOVED)
        return 0
    new = os.environ.get(ENV_NEW_PASSPHRASE)
    if new is None:
        if not sys.stdin.isatty():
            err(S.CLI_KEYS_PASSPHRASE_NEEDS_TTY.format(env=ENV_NEW_PASSPHRASE))
            return 1
        import getpass

        new = getpass.getpass(S.CLI_KEYS_NEW_PASSPHRASE)
        if getpass.getpass(S.CLI_KEYS_REPEAT_PASSPHRASE) != new:
            err(S.CLI_KEYS_PASSPHRASE_MISMATCH)
            return 1
    if len(new) < 8:
        err(S.CLI_KEYS_PASSPHRASE_SHORT)
        return 1
    protect(store.keys, new)
    print(S.CLI_KEYS_PASSPHRASE_SET)
    return 0
