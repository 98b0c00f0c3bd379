"""``docexam key`` and ``docexam trust``: signing keys (create, export) and the trust list (add, list, revoke).

Every account has a key made with it; ``key create`` makes a new one for the signed-in user, or (an administrator)
the station's, which signs the bundles made here. ``key export`` writes a public key for another store's trust
list; ``trust add`` puts one there, ``trust revoke`` refuses what it signs from then on.
"""

from __future__ import annotations

import argparse
import sys

from docexam.cli.common import EXIT_OK, EXIT_USAGE, Subparsers, add_db_option, add_json_option, fail, lazy, usage_errors
from docexam.cli.terminal import json_line, printable
from docexam.i18n import N_, _

#: Whose a key is (a trusted key's owner kind), translated where it is shown.
OWNER_KINDS = (N_("examiner"), N_("station"))


def add_parser(sub: Subparsers) -> None:
    for group, help_, commands in (
        ("key", N_("signing keys: create (yours, or the station's), export (for another store's trust list)"), (
            ("create", N_("make a new key: yours, or with --station the station's (administrators)"), "run_key_create"),
            ("export", N_("write a public key (yours, a user's, or the station's) as JSON"), "run_key_export"))),
        ("trust", N_("the trust list of keys whose signatures this store accepts: add, list, revoke"), (
            ("add", N_("trust a public key (a file from `docexam key export`)"), "run_trust_add"),
            ("list", N_("list the trusted keys, revoked ones with why"), "run_trust_list"),
            ("revoke", N_("revoke a trusted key: what it signs is refused from now on"), "run_trust_revoke"))),
    ):
        p = sub.add_parser(group, help=_(help_), description=_(
            "Signing keys (create, export) and the trust list (add, list, revoke). Every account has a key made with "
            "it; `key create` makes a new one for the signed-in user, or (an administrator) the station's, which signs "
            "the bundles made here. `key export` writes a public key for another store's trust list; `trust add` puts "
            "one there, `trust revoke` refuses what it signs from then on."))
        ks = p.add_subparsers(title=_("key commands") if group == "key" else _("trust commands"), metavar="COMMAND")
        for name, help, fn in commands:
            q = ks.add_parser(name, help=_(help), description=_(help))
            add_db_option(q)
            q.set_defaults(run=lazy("docexam.cli.key_cmd", fn))
            if fn == "run_key_create":
                q.add_argument("--station", action="store_true", help=_("the station's key, which signs its bundles"))
                add_json_option(q, _("print the new public key as JSON"))
            elif fn == "run_key_export":
                who = q.add_mutually_exclusive_group()
                who.add_argument("--station", action="store_true", help=_("the station's key"))
                who.add_argument("--user", metavar="NAME", help=_("this user's newest key (default: yours)"))
                q.add_argument("--out", metavar="FILE", help=_("write it to FILE (default: print it)"))
            elif fn == "run_trust_add":
                q.add_argument("file", metavar="FILE", help=_("a public key from `docexam key export`"))
                add_json_option(q, _("print the trusted key as JSON"))
            elif fn == "run_trust_list":
                add_json_option(q, _("one JSON object per key per line"))
            else:
                q.add_argument("key", metavar="KEY_ID", help=_("the key's id, or its first 8 or more hex digits"))
                q.add_argument("--reason", required=True, help=_("why (goes into the audit trail)"))
        p.set_defaults(run=lambda args, p=p: (p.print_help(), EXIT_USAGE)[1])


def run_key_create(args: argparse.Namespace) -> int:
    from docexam.cli.common import open_store
    from docexam.store.trust import create_key

    try:
        with open_store(args.db) as store:
            key = create_key(store, station=args.station)
    except usage_errors() as e:
        return fail("key create", e)
    if args.json:
        print(json_line(key.to_dict()))
    else:
        print(_("made the {kind} key {key} of {owner}").format(kind=_(key.owner_kind), key=key.key_id,
                                                              owner=printable(key.owner)))
    return EXIT_OK


def run_key_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from docexam.cli.common import open_store
    from docexam.store.trust import dumps, export_key

    try:
        with open_store(args.db, writes=False) as store:
            key = export_key(store, station=args.station, user=args.user)
        text = dumps(key.to_dict()) + "\n"
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
    except usage_errors() as e:
        return fail("key export", e)
    if args.out:
        print(_("wrote the {kind} key {key}... of {owner} to {file}").format(
            kind=_(key.owner_kind), key=key.key_id[:16], owner=printable(key.owner), file=printable(args.out)))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def run_trust_add(args: argparse.Namespace) -> int:
    from docexam.cli.common import open_store
    from docexam.store.trust import add_trusted, read_public_key

    try:
        key = read_public_key(args.file)
        with open_store(args.db) as store:
            trusted = add_trusted(store, key)
    except usage_errors() as e:
        return fail("trust add", e)
    if args.json:
        print(json_line(trusted.to_dict()))
    else:
        print(_("trusted the {kind} key {key} of {owner}").format(kind=_(trusted.owner_kind), key=trusted.key_id,
                                                                 owner=printable(trusted.owner)))
    return EXIT_OK


def run_trust_list(args: argparse.Namespace) -> int:
    from docexam.cli.common import open_store
    from docexam.store.trust import list_trusted

    try:
        with open_store(args.db, writes=False) as store:
            keys = list_trusted(store)
    except usage_errors() as e:
        return fail("trust list", e)
    for k in keys:
        if args.json:
            print(json_line(k.to_dict()))
            continue
        state = (_("REVOKED {day} by {who}: {reason}").format(
            day=printable((k.revoked_at or "")[:10]), who=printable(k.revoked_by), reason=printable(k.revoke_reason))
                 if k.revoked else _("trusted"))
        print(f"{k.key_id[:16]}  {_(k.owner_kind):<8}  {printable(k.owner):<24}  {k.source:<7}  {state}")
    if not keys and not args.json:
        print(_("no trusted keys"))
    return EXIT_OK


def run_trust_revoke(args: argparse.Namespace) -> int:
    from docexam.cli.common import open_store
    from docexam.store.trust import revoke

    try:
        with open_store(args.db) as store:
            key = revoke(store, args.key, reason=args.reason)
    except usage_errors() as e:
        return fail("trust revoke", e)
    print(_("revoked the {kind} key {key} of {owner}").format(kind=_(key.owner_kind), key=key.key_id,
                                                             owner=printable(key.owner)))
    return EXIT_OK
