"""``cehours queue``: the review queue on the command line; every decision goes to the audit log.

cehours queue list [--status pending|all|needs_review|auto_ok|confirmed|adjusted|rejected]
                   [--applicant ID] [--flag FLAG] [--type TYPE] [--batch NAME]
cehours queue show ITEM_ID
cehours queue confirm ITEM_ID
cehours queue adjust ITEM_ID --hours H [--type T] [--field k=v] [--year Y] [--category C] --reason R
cehours queue reject ITEM_ID --reason R

A decision is made on the item's version as last seen (``--version``, default: as it is now);
when someone else changed the item in between, it is refused and nothing is written.
"""

from __future__ import annotations

import getpass
import json
import os
from typing import Annotated, Any

import typer

from pipeline.cli.reading import DbOpt, fail, read_session
from rules.coerce import hours_text as _h

queue_app = typer.Typer(help="The review queue: list, show, confirm, adjust, reject.", no_args_is_help=True)

UserOpt = Annotated[
    str | None, typer.Option("--user", "-u", help="Reviewer (default: CEHOURS_USER or the OS user).")
]
FullIdOpt = Annotated[
    bool, typer.Option("--full-id-numbers", help="ID-card numbers in full (needs --user of an admin).")
]
VersionOpt = Annotated[
    int | None, typer.Option("--version", help="The item version you looked at (default: the current one).")
]


def _factory(db: str | None) -> Any:
    from pipeline.store.db import NoDatabase, open_db

    try:
        return open_db(db, create=False)
    except NoDatabase as e:
        raise fail(e) from None


def _full_id_numbers(session: Any, asked: bool, user: str | None) -> bool:
    """``--full-id-numbers`` granted to an account whose role may see them; refused otherwise."""
    from pipeline.privacy import FULL_ID_ROLES, may_see_id_numbers, role_of

    if asked and not may_see_id_numbers(role_of(session, default_user(user))):
        raise fail(f"--full-id-numbers needs --user with a role of {', '.join(FULL_ID_ROLES)}")
    return asked


def default_user(user: str | None) -> str:
    if user:
        return user
    try:
        return os.environ.get("CEHOURS_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry for this uid (containers)
        return f"uid{os.getuid()}"


@queue_app.command("list")
def list_(
    status: Annotated[
        str, typer.Option("--status", "-s", help="pending (default), all, or one status.")
    ] = "pending",
    applicant: Annotated[str | None, typer.Option("--applicant", "-a")] = None,
    flag: Annotated[str | None, typer.Option("--flag")] = None,
    evidence_type: Annotated[str | None, typer.Option("--type", "-t", help="Evidence type code.")] = None,
    batch: Annotated[str | None, typer.Option("--batch", "-b")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    full_id_numbers: FullIdOpt = False,
    user: UserOpt = None,
    db: DbOpt = None,
) -> None:
    """Items waiting for a decision (needs_review first), or any status with --status.
    ID-card numbers (in item names, fields, reasons) are masked unless an admin asks."""
    from pipeline.privacy import redact
    from pipeline.store.queue import list_queue

    with read_session(db, errors=(ValueError,)) as s:  # ValueError: an unknown status
        full = _full_id_numbers(s, full_id_numbers, user)
        entries = list_queue(s, batch, status, applicant, flag, evidence_type, limit)
        if full:  # whose numbers are shown in full: the access log says so
            from pipeline.privacy import log_id_reveal, revealed_in

            log_id_reveal(s, default_user(user), "id_queue", revealed_in(e.record for e in entries), "cli")
    if not full:
        for e in entries:
            e.record = redact(e.record)
    if fmt == "json":
        for e in entries:
            typer.echo(
                json.dumps({"item_id": e.item_id, "version": e.version, **e.record}, ensure_ascii=False)
            )
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{len(entries)} item(s)")
    for col in ("ID", "Applicant", "Item", "Type", "Hours", "Clause", "Status", "Flags"):
        t.add_column(col)
    for e in entries:
        r = e.record
        t.add_row(str(e.item_id), r["applicant_id"] or "", r["item"], r["evidence_type"] or "—",
                  _h(r["hours"]), r["clause"] or "", r["status"], ", ".join(r["flags"]))  # fmt: skip
    Console().print(t)


@queue_app.command("show")
def show(
    item_id: Annotated[int, typer.Argument()],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    full_id_numbers: FullIdOpt = False,
    user: UserOpt = None,
    db: DbOpt = None,
) -> None:
    """Everything about one item: the record, its fields and where they were read, history.
    ID-card numbers are masked unless an admin asks."""
    from pipeline.privacy import redact
    from pipeline.store.queue import item_detail

    with _factory(db)() as s:
        full = _full_id_numbers(s, full_id_numbers, user)
        d = item_detail(s, item_id)
        if full and d is not None:
            from pipeline.privacy import holds_id_number, log_id_reveal

            rec = d["record"]
            if holds_id_number(d):
                log_id_reveal(s, default_user(user), "id_queue", [(rec["batch"], rec["applicant_id"])], "cli")
    if d is None:
        typer.echo(f"error: there is no item {item_id}", err=True)
        raise typer.Exit(1)
    if not full:
        d = redact(d)
    if fmt == "json":
        typer.echo(json.dumps(d, ensure_ascii=False, indent=1))
        return
    from rich.console import Console

    out, r = Console(), d["record"]
    out.print(f"[bold]item {d['item_id']}[/bold] (version {d['version']})  {r['batch']} / {r['item']}")
    out.print(f"type: {r['evidence_type']} ({r['type_confidence']:.2f})   status: {r['status']}   "
              f"hours: {_h(r['hours'])}   clause: {r['clause']}   policy: {r['policy']}")  # fmt: skip
    out.print(
        "credits: "
        + (", ".join(f"{c['year']} {c['category']} {_h(c['hours'])}" for c in r["credits"]) or "—")
    )
    out.print(f"explanation: {r['explanation']}", markup=False)
    for flag in r["flags"]:
        out.print(f"[yellow]flag {flag}[/yellow]: {d['flag_details'].get(flag, '')}")
    if d["intake_error"]:
        out.print(f"[red]intake error[/red]: {d['intake_error']}")
    for f in d["fields"]:
        where = f" page {f['page'] + 1}" if f["page"] is not None else ""
        out.print(
            f"  {f['name']} = {f['value']!r}  (conf {f['confidence']:.2f}{where}) «{f['source']}»",
            markup=False,
        )
    for f in d["files"]:
        out.print(f"file {', '.join(f['names'])}: {len(f['pages'])} page(s), {f['kind']}", markup=False)
    for p in d["proposals"]:
        out.print(
            f"proposal {p['id']} {p['created_at'][:19]} {p['policy']} {p['model']}: "
            f"{_h(p['hours'])} h, {p['status']}"
        )
    for rv in d["reviews"]:
        out.print(f"review {rv['at'][:19]} {rv['user']} {rv['action']}: {rv['reason']}", markup=False)


def _decide(item_id: int, user: str | None, action: str, version: int | None, changes: dict[str, Any],
            reason: str, db: str | None) -> None:  # fmt: skip
    from pipeline.store import AlreadyConfirmed, ReviewError, StaleItem, review_item
    from pipeline.store.models import ItemRow, ProposalRow

    who = default_user(user)
    factory = _factory(db)
    with factory() as s:
        item = s.get(ItemRow, item_id)
        if item is None:
            typer.echo(f"error: there is no item {item_id}", err=True)
            raise typer.Exit(1)
        expected = version if version is not None else item.version
        proposal = s.get(ProposalRow, item.proposal_id) if item.proposal_id else None
        recompute = action == "adjust" and bool({"fields", "evidence_type"} & set(changes))
        policy = _policy(proposal.policy_id) if proposal is not None and recompute else None
    try:
        row = review_item(factory(), item_id, who, action, expected, changes, reason, policy=policy)
    except StaleItem as e:
        typer.echo(f"refused: {e}", err=True)
        raise typer.Exit(3) from None
    except AlreadyConfirmed as e:  # a no-op, not a failure: the item stands as asked
        typer.echo(f"item {item_id}: {e}")
        return
    except ReviewError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from None
    after = row.after
    typer.echo(f"item {item_id}: {after['status']} by {who}, {_h(after['hours'])} hours "
               f"(version {row.item_version})")  # fmt: skip


def _policy(policy_id: str) -> Any:
    """The policy that recomputes the hours of a field or type correction; a policy file that
    no longer loads is an error (exit 3), never a correction saved with the old hours."""
    from rules import load_policy
    from rules.errors import PolicyError

    try:
        return load_policy(policy_id)
    except PolicyError as e:
        typer.echo(f"error: the hours cannot be recomputed: {e}; fix the policy file, "
                   "or set the hours directly (--hours)", err=True)  # fmt: skip
        raise typer.Exit(3) from None


@queue_app.command("confirm")
def confirm(
    item_id: Annotated[int, typer.Argument()],
    reason: Annotated[str, typer.Option("--reason", "-r")] = "",
    user: UserOpt = None,
    version: VersionOpt = None,
    db: DbOpt = None,
) -> None:
    """Accept the proposal as it stands."""
    _decide(item_id, user, "confirm", version, {}, reason, db)


@queue_app.command("adjust")
def adjust(
    item_id: Annotated[int, typer.Argument()],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why (required).")],
    hours: Annotated[float | None, typer.Option("--hours", help="Hours to recognise.")] = None,
    evidence_type: Annotated[
        str | None, typer.Option("--type", "-t", help="Corrected evidence type.")
    ] = None,
    field: Annotated[
        list[str] | None, typer.Option("--field", help="Corrected field, key=value (repeatable).")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Year the hours go to.")] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="public | professional | full_year")
    ] = None,
    user: UserOpt = None,
    version: VersionOpt = None,
    db: DbOpt = None,
) -> None:
    """Change the hours, type or fields (a changed type or field is re-proposed by the rules)."""
    from pipeline.cli.commands.rules_cmd import parse_fields

    changes: dict[str, Any] = {}
    if hours is not None:
        changes["hours"] = hours
    if evidence_type is not None:
        changes["evidence_type"] = evidence_type
    if field:
        changes["fields"] = parse_fields(field)
    if year is not None:
        changes["year"] = year
    if category is not None:
        changes["category"] = category
    if not changes:
        raise typer.BadParameter("say what to change: --hours, --type, --field, --year or --category")
    _decide(item_id, user, "adjust", version, changes, reason, db)


@queue_app.command("reject")
def reject(
    item_id: Annotated[int, typer.Argument()],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why (required).")],
    user: UserOpt = None,
    version: VersionOpt = None,
    db: DbOpt = None,
) -> None:
    """Recognise no hours for this item."""
    _decide(item_id, user, "reject", version, {}, reason, db)


def register(app: typer.Typer) -> None:
    app.add_typer(queue_app, name="queue")
