"""The peermap command line: the app, the global options and the one-peer commands.

Commands read arguments, call one domain function inside a store transaction, and hand
the result to a renderer. Bigger features register their commands from cli_*.py.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from peermap import __version__
from peermap.app.common import (
    Affects,
    DateOpt,
    FormatOpt,
    Kind,
    ListFmt,
    Matters,
    PeerArg,
    TextJson,
    Tie,
    TieFilter,
    WhyNone,
    emit_json,
    store,
    today,
    use_file,
    when,
)
from peermap.core.errors import PeermapError


class PeermapGroup(TyperGroup):
    """Turns a PeermapError anywhere below into one line on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PeermapError as e:
            from peermap.core.model import neutral

            # A message may quote a path or name the user typed: keep escapes out.
            print(f"peermap: {neutral(e.message)}", file=sys.stderr)
            raise typer.Exit(e.exit_code) from None
        except typer.BadParameter as e:
            # An invalid value is a clear error (exit 1); a missing one is wrong usage (2).
            if type(e).__name__ == "MissingParameter":
                raise
            command = e.ctx.command_path if e.ctx is not None else "peermap"
            print(f"peermap: {e.format_message()} See `{command} --help`.", file=sys.stderr)
            raise typer.Exit(1) from None

    def list_commands(self, ctx):  # in the order they are defined, not alphabetical
        return list(self.commands)


app = typer.Typer(
    cls=PeermapGroup,
    help="Map and strengthen the peer relationships your work depends on.\n\n"
    "Run `peermap` for your dashboard or `peermap map` for the guided walkthrough.",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,  # a real bug shows a plain traceback, no locals (notes!)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"peermap {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Option("--file", "-f", metavar="PATH", show_default=False,
                     help="Data file (default: $PEERMAP_FILE, then the platform's data "
                     "folder; see `peermap where`)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Map and strengthen the peer relationships your work depends on.

    Run `peermap` alone for your dashboard, `peermap map` for the walkthrough.
    """
    use_file(file)
    if ctx.invoked_subcommand is None:
        _dashboard()


def _dashboard() -> None:
    from peermap.render import console as render

    s = store()
    if not s.exists():
        render.first_run(s.path)
        return
    from peermap.core.reminders import due_items, last_review

    net = s.load()
    t = today()
    render.dashboard(net, t, due_items(net, t), last_review(net), s.path)


def _details(team, role, location, affects, matters, tie, why_none, tags, note, cadence=None):
    from peermap.core.peers import Details

    return Details(team=team, role=role, location=location, affects=affects, matters=matters,
                   tie=tie, why_none=why_none, tags=tags, notes=note, cadence_days=cadence)


def _ok(markup: str) -> None:
    from peermap.render import console as render

    render.say(markup)


def _safe(text: str) -> str:
    from peermap.render.console import safe

    return safe(text)


Team = Annotated[str | None, typer.Option(help="Their team.", show_default=False)]
Role = Annotated[str | None, typer.Option(help="Their role.", show_default=False)]
Location = Annotated[str | None, typer.Option(help="Where they work.", show_default=False)]
AffectsList = Annotated[list[Affects] | None, typer.Option(
    "--affects", help="How their work touches yours (repeat for several).",
    show_default=False)]
MattersList = Annotated[list[Matters] | None, typer.Option(
    "--matters", help="Why the tie matters (repeat for several).", show_default=False)]
Tieion = Annotated[Tie | None, typer.Option("--tie", help="strong, weak or nonexistent.",
                                                  show_default=False)]
WhyNoneion = Annotated[WhyNone | None, typer.Option(
    "--why-none", help="For a nonexistent tie: not-tried or clash.", show_default=False)]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat for several).",
                                                show_default=False)]
Note = Annotated[str | None, typer.Option("--note", help="Free-text notes.",
                                          show_default=False)]


@app.command()
def init(
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    team: Annotated[str | None, typer.Option(help="Your team.")] = None,
    location: Annotated[str | None, typer.Option(help="Where you work.")] = None,
) -> None:
    """Create the data file (0600 in a 0700 folder); an existing file is left untouched.

    Example: peermap init --name "Ada Example" --team Payments --location London
    """
    from peermap.core.model import Me, Network
    from peermap.core.peers import check_text

    s = store()
    me = Me(**{k: " ".join(check_text(k, v).split()) for k, v in
               (("name", name), ("team", team), ("location", location)) if v})
    if s.create(Network(me=me)):
        _ok(f"Created {_safe(s.path)}. Next: [bold]peermap map[/] for the walkthrough.")
    else:
        _ok(f"{_safe(s.path)} already exists; it was left untouched.")


@app.command()
def me(
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    team: Annotated[str | None, typer.Option(help="Your team (feeds reach analysis).")] = None,
    location: Annotated[str | None, typer.Option(help="Where you work.")] = None,
    strength: Annotated[list[str] | None, typer.Option(
        "--strength", help="Something you are good at (repeat; replaces the list).")] = None,
) -> None:
    """Show or edit your own profile.

    Example: peermap me --team Payments --strength "SQL tuning" --strength "incident reviews"
    """
    from peermap.core.peers import check_text

    s = store()
    if name is None and team is None and location is None and strength is None:
        m = s.load().me
        for label, value in (("name", m.name), ("team", m.team), ("location", m.location),
                             ("strengths", ", ".join(m.strengths))):
            _ok(f"{label:<10} {_safe(value) if value else '[dim](not set)[/]'}")
        return

    def change(net):
        for label, value in (("name", name), ("team", team), ("location", location)):
            if value is not None:
                setattr(net.me, label, " ".join(check_text(label, value).split()))
        if strength is not None:
            net.me.strengths = [" ".join(check_text("strength", x).split())
                                for x in strength if x.strip()]

    s.update(change, "peermap: edit me")
    _ok("Profile saved.")


@app.command()
def add(
    name: Annotated[str, typer.Argument(help="Their name.", show_default=False)],
    team: Team = None, role: Role = None, location: Location = None,
    affects: AffectsList = None, matters: MattersList = None, tie: Tieion = None,
    why_none: WhyNoneion = None, tag: Tags = None, note: Note = None,
    force: Annotated[bool, typer.Option("--force", help="Add even when the name looks like "
                                        "one already on the map.")] = False,
) -> None:
    """Add one peer; an existing name is an error, a near-duplicate needs --force.

    Example: peermap add "Grace Example" --team Compilers --affects helps-me --tie weak
    """
    from peermap.core.duplicates import refuse_near_duplicate
    from peermap.core.peers import add_peer

    d = _details(team, role, location, affects, matters, tie, why_none, tag, note)
    t = today()

    def change(net):
        if not force and net.find(name) is None:
            refuse_near_duplicate(net, name)
        return add_peer(net, name, d, t)

    p = store().update(change, lambda p: f"peermap: add {p.name}")
    _ok(f"Added {_safe(p.name)}" + ("" if p.tie else
        f". Rate the tie next: peermap rate {_safe(_quote(p.name))} weak"))


def _quote(name: str) -> str:
    import shlex

    return shlex.quote(name)


@app.command()
def rate(
    peer: PeerArg,
    tie: Annotated[Tie, typer.Argument(help="strong, weak or nonexistent.", metavar="TIE",
                                       show_default=False)],
    why_none: WhyNoneion = None,
    date: DateOpt = None,
) -> None:
    """Rate a tie; the rating is added to the peer's tie history.

    Example: peermap rate grace weak      peermap rate bob nonexistent --why-none clash
    """
    from peermap.core.peers import rate_peer

    d = when(date)
    p = store().update(lambda net: rate_peer(net, peer, tie, why_none, d),
                       lambda p: f"peermap: rate {p.name} {tie.value}")
    if p.tie != tie:
        current = p.tie.value if p.tie else "unrated"
        _ok(f"Recorded {tie.value} for {d.isoformat()} in {_safe(p.name)}'s tie history; "
            f"the current tie stays {current} (rated later).")
        return
    extra = ""
    if p.focus and p.tie == Tie.STRONG:
        extra = " It has graduated: `peermap review` offers a replacement for its focus slot."
    _ok(f"{_safe(p.name)} is now {tie.value}.{extra}")


@app.command()
def edit(
    peer: PeerArg,
    team: Team = None, role: Role = None, location: Location = None,
    affects: AffectsList = None, matters: MattersList = None, tie: Tieion = None,
    why_none: WhyNoneion = None, tag: Tags = None, note: Note = None,
    cadence: Annotated[int | None, typer.Option(
        "--cadence", help="Reconnect every N days (overrides settings.cadence_days).")] = None,
) -> None:
    """Change a peer's details; each option given replaces that field ('' clears text).

    Example: peermap edit grace --role "Staff engineer" --matters current-work --tag mentoring
    """
    from peermap.core.peers import edit_peer

    d = _details(team, role, location, affects, matters, tie, why_none, tag, note, cadence)
    t = today()
    p = store().update(lambda net: edit_peer(net, peer, d, t), lambda p: f"peermap: edit {p.name}")
    _ok(f"Saved {_safe(p.name)}.")


@app.command()
def rename(
    peer: PeerArg,
    new_name: Annotated[str, typer.Argument(help="The new name.", show_default=False)],
) -> None:
    """Rename a peer, keeping history, log and focus.

    Example: peermap rename "Grace" "Grace Example"
    """
    from peermap.core.peers import rename_peer

    old, p = store().update(lambda net: rename_peer(net, peer, new_name),
                            lambda r: f"peermap: rename {r[0]} to {r[1].name}")
    _ok(f"Renamed {_safe(old)} to {_safe(p.name)}.")


@app.command()
def remove(
    peer: PeerArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
    = False,
) -> None:
    """Delete a peer and their history (undo brings them back).

    Example: peermap remove "Grace Example" --yes
    """
    from peermap.core.peers import remove_peer
    from peermap.core.refs import resolve

    s = store()
    if not yes:
        target = resolve(s.load(), peer)
        if not sys.stdin.isatty():
            raise PeermapError(f"not removing {target.name!r} without confirmation; "
                               "add --yes when stdin is not a terminal.")
        try:
            sure = typer.confirm(f"Remove {target.name} and all their history?", default=False)
        except typer.Abort:  # Ctrl-C or Ctrl-D at the question
            print("Nothing removed.", file=sys.stderr)
            raise typer.Exit(130) from None
        if not sure:
            _ok("Nothing removed.")
            return
        peer = target.name
    p = s.update(lambda net: remove_peer(net, peer), lambda p: f"peermap: remove {p.name}")
    _ok(f"Removed {_safe(p.name)}. [dim]`peermap undo` brings them back.[/]")


@app.command("list")
def list_(
    tie: Annotated[TieFilter | None, typer.Option("--tie", help="Only this tie.")] = None,
    focus: Annotated[bool, typer.Option("--focus", help="Only focus peers.")] = False,
    affects: Annotated[Affects | None, typer.Option("--affects", help="Only peers whose "
                                                       "work touches yours this way.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only peers with this tag.")] = None,
    format: Annotated[ListFmt, typer.Option("--format", help="Output format.")] = ListFmt.table,
) -> None:
    """List peers by name; focus peers are marked ★.

    Example: peermap list --tie weak --format json
    """
    from peermap.core.model import Network, name_key

    net = store().load()
    peers = [
        p for p in net.peers
        if (tie is None or (p.tie.value if p.tie else "unrated") == tie.value)
        and (not focus or p.focus)
        and (affects is None or affects in p.affects)
        and (tag is None or name_key(tag) in {name_key(t) for t in p.tags})
    ]
    if format == ListFmt.json:
        from peermap.core.model import peer_to_doc

        emit_json([_with_last_contact(peer_to_doc(p, dates_as_text=True), p) for p in peers])
    elif format == ListFmt.csv:
        from peermap.formats.exporters import export

        sys.stdout.write(export("csv", Network(me=net.me, settings=net.settings, peers=peers),
                                today()))
    elif format == ListFmt.plain:
        from peermap.render.console import neutral

        for p in peers:
            tie_text = p.tie.value if p.tie else "unrated"
            sys.stdout.write("\t".join(neutral(x) for x in (p.name, tie_text, p.team,
                                                            p.location)) + "\n")
    else:
        from peermap.render.console import peer_table

        peer_table(peers, today())


def _with_last_contact(doc: dict, p) -> dict:
    last = p.last_contact()
    doc["last_contact"] = last.isoformat() if last else None
    return doc


@app.command()
def show(peer: PeerArg, format: FormatOpt = TextJson.text) -> None:
    """One peer: details, tie history, log, next step and suggestions.

    Example: peermap show grace --format json
    """
    from peermap.core.refs import resolve
    from peermap.core.suggestions import suggest

    net = store().load()
    p = resolve(net, peer)
    t = today()
    tips = suggest(net, p, t)
    if format == TextJson.json:
        from peermap.core.model import peer_to_doc

        doc = _with_last_contact(peer_to_doc(p, dates_as_text=True), p)
        doc["suggestions"] = [s.as_json() for s in tips]
        emit_json(doc)
    else:
        from peermap.render.console import peer_detail

        peer_detail(p, t, tips)


@app.command()
def log(
    peer: PeerArg,
    note: Annotated[str, typer.Argument(help="What happened (optional).")] = "",
    kind: Annotated[Kind, typer.Option("--kind", "-k", help="Kind of interaction.")]
    = Kind.CHAT,
    date: DateOpt = None,
) -> None:
    """Record an interaction with a peer.

    Example: peermap log grace "Sent her the profiling write-up" --kind shared
    """
    from peermap.core.peers import log_interaction

    d = when(date)
    p = store().update(lambda net: log_interaction(net, peer, note, kind, d),
                       lambda p: f"peermap: log {p.name} ({kind.value})")
    _ok(f"Logged {kind.value} with {_safe(p.name)} on {d.isoformat()}.")


@app.command()
def plan(
    peer: PeerArg,
    step: Annotated[str, typer.Argument(help="The next small step.", show_default=False)],
    due: Annotated[str | None, typer.Option(
        "--due", help="YYYY-MM-DD, today, or Nd.", show_default="the next review date")] = None,
) -> None:
    """Set the next small step with a peer.

    Example: peermap plan grace "Ask what she is most excited about" --due 2026-11-27
    """
    from peermap.core.peers import plan_step
    from peermap.core.reminders import next_review

    t = today()

    def change(net):
        return plan_step(net, peer, step,
                         when(due, future=True) if due else next_review(net, t))

    p = store().update(change, lambda p: f"peermap: plan {p.name}")
    _ok(f"Next step with {_safe(p.name)}: {_safe(p.next.step)} "
        f"[dim](due {p.next.due.isoformat()})[/]")


@app.command()
def done(
    peer: PeerArg,
    note: Annotated[str, typer.Argument(help="How it went (optional).")] = "",
    kind: Annotated[Kind, typer.Option("--kind", "-k", help="Kind of interaction.")]
    = Kind.CHAT,
    date: DateOpt = None,
) -> None:
    """Mark the next step done and log it as an interaction.

    Example: peermap done grace "She is excited about the new allocator" --kind met
    """
    from peermap.core.peers import complete_step

    d = when(date)
    p, step = store().update(
        lambda net: complete_step(net, peer, note, kind, d),
        lambda r: f"peermap: done {r[0].name} ({kind.value})")
    _ok(f"Done: {_safe(step)}. Logged as {kind.value} with {_safe(p.name)}. "
        f"[dim]Plan the next one: peermap plan {_safe(_quote(p.name))} STEP[/]")


@app.command()
def check() -> None:
    """Validate the data file, its permissions and backups; spot sync-conflict copies.

    Changes nothing. Exit 1 when the file cannot be used.
    Example: peermap check
    """
    from peermap.storage.checkup import checkup

    s = store()
    report = checkup(s)
    for line in report.lines:
        _ok(_safe(line))
    if report.failed:
        raise typer.Exit(1)


@app.command()
def undo() -> None:
    """Restore the file as it was before the last change; run it again to redo.

    Example: peermap undo
    """
    s = store()
    backup = s.undo()
    _ok(f"Restored {_safe(s.path)} from {_safe(backup.name)}. "
        "Run `peermap undo` again to redo.")


# "-5" is a value to refuse with a reason, not an unknown option.
@app.command(context_settings={"ignore_unknown_options": True})
def config(
    key: Annotated[str | None, typer.Argument(help="A setting name.")] = None,
    value: Annotated[str | None, typer.Argument(help="Its new value.")] = None,
) -> None:
    """Show or set [settings].

    Example: peermap config cadence_days 10
    """
    from peermap.core.settings import get_setting, set_setting, settings_lines

    s = store()
    if key is None:
        for line in settings_lines(s.load()):
            print(line)
    elif value is None:
        print(get_setting(s.load(), key))
    else:
        net = s.update(lambda net: (set_setting(net, key, value), net)[1],
                       f"peermap: config {key} {value}")
        _ok(f"{_safe(key)} = {_safe(get_setting(net, key))}")


@app.command()
def where() -> None:
    """Print the data file path in use.

    Example: peermap where
    """
    print(store().path)


def _register_features() -> None:
    from peermap.app import advice as cli_advice
    from peermap.app import network as cli_network
    from peermap.app import ritual as cli_ritual
    from peermap.app import sync as cli_sync
    from peermap.app import walkthrough as cli_walkthrough

    for module in (cli_walkthrough, cli_advice, cli_ritual, cli_network, cli_sync):
        module.register(app)


_register_features()
