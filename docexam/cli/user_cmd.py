"""``docexam user``: the accounts of a case store (add, list, disable).

On a store without accounts the first ``user add`` makes its administrator, with no sign-in; after that only a
signed-in administrator adds or disables accounts. Signing in: ``$DOCEXAM_USER`` and ``$DOCEXAM_PASSPHRASE``, or a
prompt on a terminal. A new account's passphrase: ``$DOCEXAM_NEW_PASSPHRASE``, or asked twice on a terminal.
"""

from __future__ import annotations

import argparse
import sys

from docexam.cli.common import EXIT_OK, EXIT_USAGE, Subparsers, add_db_option, add_json_option, fail, lazy, usage_errors
from docexam.cli.terminal import json_line, printable
from docexam.i18n import N_, _

ROLES = ("administrator", "examiner", "reviewer", "trainer", "trainee")
#: The roles' names, translated where they are shown.
ROLE_WORDS = (N_("administrator"), N_("examiner"), N_("reviewer"), N_("trainer"), N_("trainee"))


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("user", help=_("accounts: add, list, disable (roles: {roles})").format(roles=", ".join(ROLES)),
                       description=_("The accounts of a case store (add, list, disable). On a store without accounts "
                                     "the first `user add` makes its administrator, with no sign-in; after that only a "
                                     "signed-in administrator adds or disables accounts. Signing in: $DOCEXAM_USER and "
                                     "$DOCEXAM_PASSPHRASE, or a prompt on a terminal. A new account's passphrase: "
                                     "$DOCEXAM_NEW_PASSPHRASE, or asked twice on a terminal."))
    us = p.add_subparsers(title=_("user commands"), metavar="COMMAND")

    def cmd(name: str, help: str, fn: str) -> argparse.ArgumentParser:
        q = us.add_parser(name, help=help, description=help)
        add_db_option(q)
        q.set_defaults(run=lazy("docexam.cli.user_cmd", fn))
        return q

    q = cmd("add", _("make an account with its signing key (the first account of a store is its administrator)"),
            "run_add")
    q.add_argument("name", metavar="NAME", help=_("the account's name"))
    q.add_argument("--role", required=True, choices=ROLES, help=_("what the account may do"))
    add_json_option(q, _("print the new account as a JSON object"))

    q = cmd("list", _("list the accounts"), "run_list")
    add_json_option(q, _("one JSON object per account per line"))

    q = cmd("disable", _("disable an account: it can no longer sign in (what it signed stays valid)"), "run_disable")
    q.add_argument("name", metavar="NAME", help=_("the account's name"))
    q.add_argument("--reason", required=True, help=_("why (goes into the audit trail)"))

    q = cmd("grants", _("PostgreSQL only: make docexam's group roles and grant each what its role needs (run as the "
                        "database's owner, signed in as an administrator), and optionally a login role"), "run_grants")
    q.add_argument("--login", metavar="PG_ROLE", help=_("also make this PostgreSQL login role (lower case)..."))
    q.add_argument("--role", choices=ROLES, help=_("...a member of this docexam role's group"))
    p.set_defaults(run=lambda args: (p.print_help(), EXIT_USAGE)[1])


def new_passphrase(who: str) -> str | None:
    """The passphrase of a new account or key: ``$DOCEXAM_NEW_PASSPHRASE``, else asked twice on a terminal; None
    when there is neither."""
    import getpass
    import os

    from docexam.store.accounts import NEW_PASSPHRASE_ENV

    value = os.environ.get(NEW_PASSPHRASE_ENV)
    if value is not None:
        return value
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    first = getpass.getpass(_("new passphrase for {who}: ").format(who=who))
    if getpass.getpass(_("the same again: ")) != first:
        print("docexam: " + _("the two passphrases differ"), file=sys.stderr)
        return None
    return first


def run_add(args: argparse.Namespace) -> int:
    from docexam.cli.common import open_store
    from docexam.store.accounts import NEW_PASSPHRASE_ENV, add_user

    passphrase = new_passphrase(args.name)
    if passphrase is None:
        return fail("user add", _("no passphrase for {name}: set {variable}, or run it on a terminal to be asked").format(
            name=args.name, variable=NEW_PASSPHRASE_ENV))
    try:
        with open_store(args.db) as store:
            user = add_user(store, args.name, args.role, passphrase)
    except usage_errors() as e:
        return fail("user add", e)
    if args.json:
        print(json_line(user.to_dict()))
    else:
        print(_("added {name} ({role}), with a signing key").format(name=printable(user.name), role=_(user.role.value)))
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from docexam.cli.common import open_store
    from docexam.store.accounts import list_users

    try:
        with open_store(args.db, writes=False) as store, store.engine.connect() as conn:
            found = list_users(conn)
    except usage_errors() as e:
        return fail("user list", e)
    for u in found:
        if args.json:
            print(json_line(u.to_dict()))
        else:
            state = _("DISABLED") if u.disabled else _("active")
            print(f"{printable(u.name):<24} {_(u.role.value):<14} {state:<9} "
                  + _("since {day}, by {who}").format(day=printable(u.created_at[:10]), who=printable(u.created_by)))
    if not found and not args.json:
        print(_("no accounts (the store works under your login name; `docexam user add NAME --role administrator` "
                "makes its administrator)"))
    return EXIT_OK


def run_disable(args: argparse.Namespace) -> int:
    from docexam.cli.common import open_store
    from docexam.store.accounts import disable_user

    try:
        with open_store(args.db) as store:
            user = disable_user(store, args.name, reason=args.reason)
    except usage_errors() as e:
        return fail("user disable", e)
    print(_("disabled {name} ({role})").format(name=printable(user.name), role=_(user.role.value)))
    return EXIT_OK


def run_grants(args: argparse.Namespace) -> int:
    from docexam.cli.common import open_store
    from docexam.store.accounts import Permission, Role
    from docexam.store.grants import create_login, install

    if bool(args.login) != bool(args.role):
        return fail("user grants", _("give --login and --role together"))
    try:
        with open_store(args.db) as store:
            if store.engine.dialect.name != "postgresql":
                return fail("user grants", _("roles and grants are PostgreSQL's; a SQLite store is protected by its "
                                             "file's permissions"))
            with store.engine.begin() as conn:
                store.require(conn, Permission.ACCOUNTS, N_("grant database roles"))
                install(conn)
                if args.login:
                    create_login(conn, args.login, Role(args.role))
    except ValueError as e:  # a login role name PostgreSQL would not take
        return fail("user grants", e)
    except usage_errors() as e:
        return fail("user grants", e)
    print(_("granted docexam's roles on this database") + ("; " + _("login {login} is a {role}").format(
        login=args.login, role=_(args.role)) if args.login else ""))
    return EXIT_OK
