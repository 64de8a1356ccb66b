"""The peermap command line: the app, the global options and the one-peer commands.

Commands read arguments, call one domain function inside a store transaction, and hand
the result to a renderer. Bigger features register their commands from app/*.py.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from peermap import __version__
from peermap.app.common import (
    ActedOpt,
    DateOpt,
    DueOpt,
    FormatOpt,
    KindOpt,
    ListFmt,
    NoteArg,
    PeerArg,
    TextJson,
    TieOpt,
    WhyNoneOpt,
    complete_peer,
    complete_tie,
    due_date,
    emit_json,
    plain,
    screen,
    store,
    tie_or_unrated,
    tie_word,
    today,
    when,
)
from peermap.app.help import format_commands, plain_usage
from peermap.core.errors import PeermapError
from peermap.core.model import Affects, Kind, Matters, Network, Peer, Tie, WhyNone
from peermap.core.text import command
from peermap.run import Run, debug_env, fail

if TYPE_CHECKING:
    from peermap.core.peers import Details


class PeermapGroup(TyperGroup):
    """Sends every failure below through peermap.run.fail, the one error path."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as e:
            # An invalid value is a clear error (exit 1); a missing one is wrong usage (2).
            if type(e).__name__ == "MissingParameter":
                raise
            where = e.ctx.command_path if e.ctx is not None else "peermap"
            error = PeermapError(f"{e.format_message()} See `{where} --help`.")
            raise typer.Exit(fail(error, False)) from None
        except (typer.Exit, typer.Abort, TyperException, SystemExit):
            raise  # usage errors stay Typer's (exit 2)
        except BaseException as e:  # noqa: B036 (Ctrl-C is exit code 130, not a crash)
            raise typer.Exit(fail(e, _debug(ctx))) from None

    def get_command(self, ctx: Any, name: str) -> Any:
        return plain_usage(super().get_command(ctx, name))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] COMMAND [ARGS]...")

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they are defined, not alphabetical

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        format_commands(self, ctx, formatter)


def _debug(ctx: typer.Context) -> bool:
    obj = ctx.find_root().obj
    if isinstance(obj, Run):
        return obj.debug
    return bool(ctx.find_root().params.get("debug")) or debug_env(os.environ)


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
    today_: Annotated[
        str | None,
        typer.Option("--today", metavar="DATE", show_default=False,
                     help="Compute as of this day: YYYY-MM-DD, yesterday, tomorrow, +7d or a "
                     "weekday name. Preview the review or reminders of a coming day."),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback when peermap itself fails "
                           "(also PEERMAP_DEBUG=1).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Map and strengthen the peer relationships your work depends on.

    Run `peermap` alone for your dashboard, `peermap map` for the walkthrough.
    """
    from peermap.render import current

    ctx.obj = Run.build(file=file, today=today_, debug=debug)
    token = current.set(ctx.obj)  # for renderers not yet handed the run's Screen
    ctx.call_on_close(lambda: current.reset(token))
    if ctx.invoked_subcommand is None:
        _dashboard()


def _dashboard() -> None:
    s = store()
    if not s.exists():
        from peermap.render import views

        views.first_run(screen(), s.path)
        return
    from peermap.core.reminders import due_items, last_review

    net = s.load()
    t = today()
    due, last = due_items(net, t), last_review(net)
    if plain():
        from peermap.render import plain as text

        text.dashboard(net, t, due, last, s.path)
    else:
        from peermap.render import views

        views.dashboard(screen(), net, t, due, last, s.path)


def _details(team: str | None, role: str | None, location: str | None,
             affects: list[Affects] | None, matters: list[Matters] | None, tie: Tie | None,
             why_none: WhyNone | None, tags: list[str] | None, note: str | None,
             cadence: int | None = None, goals: list[str] | None = None,
             pressures: list[str] | None = None, at_risk: str | None = None) -> Details:
    from peermap.core.peers import Details

    return Details(team=team, role=role, location=location, affects=affects, matters=matters,
                   tie=tie, why_none=why_none, tags=tags, notes=note, cadence_days=cadence,
                   goals=goals, pressures=pressures, at_risk=at_risk)


def _say(text: str, *, command: str | None = None, dim: str | None = None) -> None:
    """A confirmation: plain text (shown literally), a command to paste, an aside."""
    screen().say(text, command=command, dim=dim)


Team = Annotated[str | None, typer.Option(help="Their team.", show_default=False)]
Role = Annotated[str | None, typer.Option(help="Their role.", show_default=False)]
Location = Annotated[str | None, typer.Option(help="Where they work.", show_default=False)]
AffectsList = Annotated[list[Affects] | None, typer.Option(
    "--affects", help="How their work touches yours (repeat for several).",
    show_default=False)]
MattersList = Annotated[list[Matters] | None, typer.Option(
    "--matters", help="Why the tie matters (repeat for several).", show_default=False)]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat for several).",
                                                show_default=False)]
Note = Annotated[str | None, typer.Option("--note", help="Free-text notes.",
                                          show_default=False)]
Goals = Annotated[list[str] | None, typer.Option(
    "--goal", help="What they are aiming for, in your words (repeat; replaces the list).",
    show_default=False)]
Pressures = Annotated[list[str] | None, typer.Option(
    "--pressure", help="What they are under pressure to deliver (repeat; replaces the list).",
    show_default=False)]
AtRisk = Annotated[str | None, typer.Option(
    "--at-risk", help="Something they rely on from you that is at risk ('' clears it).",
    show_default=False)]


@app.command()
def init(
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    team: Annotated[str | None, typer.Option(help="Your team.")] = None,
    location: Annotated[str | None, typer.Option(help="Where you work.")] = None,
) -> None:
    """Create the data file (0600 in a 0700 folder); an existing file is left untouched.

    Example:

    \b
      peermap init --name "Ada Example" --team Payments --location London
    """
    from peermap.core.model import Me, Network
    from peermap.core.peers import check_text

    s = store()
    def clean(label: str, value: str | None) -> str:
        return " ".join(check_text(label, value).split()) if value else ""

    me = Me(name=clean("name", name), team=clean("team", team),
            location=clean("location", location))
    if s.create(Network(me=me)):
        _say(f"Created {s.path}. Next, the walkthrough:", command="peermap map")
    else:
        _say(f"{s.path} already exists; it was left untouched.")


@app.command()
def me(
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    team: Annotated[str | None, typer.Option(help="Your team (feeds reach analysis).")] = None,
    location: Annotated[str | None, typer.Option(help="Where you work.")] = None,
    strength: Annotated[list[str] | None, typer.Option(
        "--strength", help="Something you are good at (repeat; replaces the list).")] = None,
    level: Annotated[str | None, typer.Option(
        help="junior, mid, senior or staff: the advice reads seniority from it.")] = None,
    joined: Annotated[str | None, typer.Option(
        help="When you started (YYYY-MM-DD or 30d): newcomer advice for six months.")] = None,
) -> None:
    """Show or edit your own profile.

    Example:

    \b
      peermap me
      peermap me --team Payments --strength "SQL tuning" --strength "incident reviews"
    """
    from peermap.core.dates import parse_date
    from peermap.core.model import LEVELS
    from peermap.core.peers import check_text

    s = store()
    if level is not None and level.strip().casefold() not in LEVELS:
        raise PeermapError(f"{level!r} is not a level; use one of {', '.join(LEVELS)}.")
    started = parse_date(joined, today()) if joined is not None else None
    if all(v is None for v in (name, team, location, strength, level, joined)):
        from peermap.render.views import profile

        m = s.load().me
        profile(screen(), [("name", m.name or ""), ("team", m.team or ""),
                           ("location", m.location or ""),
                           ("strengths", ", ".join(m.strengths)),
                           ("level", m.level), ("joined", m.joined.isoformat()
                                                if m.joined else "")])
        return

    def change(net: Any) -> None:
        for label, value in (("name", name), ("team", team), ("location", location)):
            if value is not None:
                setattr(net.me, label, " ".join(check_text(label, value).split()))
        if strength is not None:
            net.me.strengths = [" ".join(check_text("strength", x).split())
                                for x in strength if x.strip()]
        if level is not None:
            net.me.level = level.strip().casefold()
        if started is not None:
            net.me.joined = started

    s.update(change, "peermap: edit me")
    _say("Profile saved.")


@app.command()
def add(
    name: Annotated[str, typer.Argument(help="Their name.", show_default=False)],
    team: Team = None, role: Role = None, location: Location = None,
    affects: AffectsList = None, matters: MattersList = None, tie: TieOpt = None,
    why_none: WhyNoneOpt = None, tag: Tags = None, note: Note = None,
    goal: Goals = None, pressure: Pressures = None,
    force: Annotated[bool, typer.Option("--force", help="Add even when the name looks like "
                                        "one already on the map.")] = False,
) -> None:
    """Add one peer; an existing name is an error, a near-duplicate needs --force.

    Example:

    \b
      peermap add "Grace Example" --team Compilers --affects helps-me --tie weak
    """
    from peermap.core.duplicates import refuse_near_duplicate
    from peermap.core.peers import add_peer

    d = _details(team, role, location, affects, matters, tie, why_none, tag, note,
                 goals=goal, pressures=pressure)
    t = today()

    def change(net: Network) -> Peer:
        if not force and net.find(name) is None:
            refuse_near_duplicate(net, name)
        return add_peer(net, name, d, t)

    p = store().update(change, lambda p: f"peermap: add {p.name}")
    if p.tie:
        _say(f"Added {p.name}.")
    else:
        _say(f"Added {p.name}. Rate the tie next:", command=command("rate", p.name, "weak"))


@app.command()
def rate(
    peer: PeerArg,
    tie: Annotated[Tie, typer.Argument(
        help="strong, weak or nonexistent (or s, w, n; any case).", metavar="TIE",
        parser=tie_word, show_default=False, autocompletion=complete_tie)],
    why_none: WhyNoneOpt = None,
    date: DateOpt = None,
) -> None:
    """Rate a tie; the rating is added to the peer's tie history.

    Examples:

    \b
      peermap rate grace weak
      peermap rate bob nonexistent --why-none clash
    """
    from peermap.core.peers import rate_peer

    d = when(date)
    s = store()
    before = _current_tie(s, peer)
    p = s.update(lambda net: rate_peer(net, peer, tie, why_none, d),
                 lambda p: f"peermap: rate {p.name} {tie.value}")
    if p.tie != tie:
        current = p.tie.value if p.tie else "unrated"
        _say(f"Recorded {tie.value} for {d.isoformat()} in {p.name}'s tie history; "
             f"the current tie stays {current} (rated later).")
        return
    if before == tie:
        _say(f"{p.name} stays {tie.value}; nothing changed.")
        return
    extra = ""
    if p.focus and p.tie == Tie.STRONG:
        extra = " It has graduated: `peermap review` offers a replacement for its focus slot."
    _say(f"{p.name} is now {tie.value}.{extra}")


def _current_tie(s: Any, ref: str) -> Tie | None:
    from peermap.core.refs import resolve

    try:
        return resolve(s.load(), ref).tie
    except PeermapError:
        return None  # the update below reports it


@app.command()
def edit(
    peer: PeerArg,
    team: Team = None, role: Role = None, location: Location = None,
    affects: AffectsList = None, matters: MattersList = None, tie: TieOpt = None,
    why_none: WhyNoneOpt = None, tag: Tags = None, note: Note = None,
    cadence: Annotated[int | None, typer.Option(
        "--cadence", help="Reconnect every N days (overrides settings.cadence_days).")] = None,
    goal: Goals = None, pressure: Pressures = None, at_risk: AtRisk = None,
) -> None:
    """Change a peer's details; each option given replaces that field ('' clears text).

    Example:

    \b
      peermap edit grace --goal "ship the new inliner" --pressure "Q1 perf targets"
    """
    from peermap.core.peers import edit_peer

    given = (team, role, location, affects, matters, tie, why_none, tag, note, cadence,
             goal, pressure, at_risk)
    if all(x is None for x in given):
        raise PeermapError("nothing to change: give at least one option, such as --team or "
                           "--matters. See `peermap edit --help`.")
    d = _details(team, role, location, affects, matters, tie, why_none, tag, note, cadence,
                 goal, pressure, at_risk)
    t = today()
    p = store().update(lambda net: edit_peer(net, peer, d, t), lambda p: f"peermap: edit {p.name}")
    _say(f"Saved {p.name}.")


@app.command()
def rename(
    peer: PeerArg,
    new_name: Annotated[str, typer.Argument(help="The new name.", show_default=False)],
) -> None:
    """Rename a peer, keeping history, log and focus.

    Example:

    \b
      peermap rename "Grace" "Grace Example"
    """
    from peermap.core.peers import rename_peer

    old, p = store().update(lambda net: rename_peer(net, peer, new_name),
                            lambda r: f"peermap: rename {r[0]} to {r[1].name}")
    _say(f"Renamed {old} to {_sentence(p.name)}")


@app.command()
def remove(
    peer: PeerArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
    = False,
) -> None:
    """Delete a peer and their history (undo brings them back).

    Example:

    \b
      peermap remove "Grace Example" --yes
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
            _say("Nothing removed.")
            return
        peer = target.name
    p = s.update(lambda net: remove_peer(net, peer), lambda p: f"peermap: remove {p.name}")
    _say(f"Removed {_sentence(p.name)}", dim="`peermap undo` brings them back.")


@app.command("list")
def list_(
    tie: Annotated[str | None, typer.Option(
        "--tie", metavar="TIE", parser=tie_or_unrated,
        help="Only this tie: strong, weak, nonexistent or unrated (s, w, n, u).")] = None,
    focus: Annotated[bool, typer.Option("--focus", help="Only focus peers.")] = False,
    affects: Annotated[Affects | None, typer.Option("--affects", help="Only peers whose "
                                                       "work touches yours this way.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only peers with this tag.")] = None,
    format: Annotated[ListFmt, typer.Option("--format", help="Output format.")] = ListFmt.table,
) -> None:
    """List peers by name; focus peers are marked ★.

    Examples:

    \b
      peermap list --tie weak
      peermap list --focus --format json
    """
    from peermap.core.model import Network, name_key

    net = store().load()
    peers = [
        p for p in net.peers
        if (tie is None or (p.tie.value if p.tie else "unrated") == tie)
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
        from peermap.core.model import neutral

        sys.stdout.write("".join(
            "\t".join(neutral(x) for x in (p.name, p.tie.value if p.tie else "unrated",
                                          p.team, p.location)) + "\n" for p in peers))
    else:
        if plain():
            from peermap.render import plain as text

            text.peer_table(peers, today())
        else:
            from peermap.render.views import peer_table

            peer_table(screen(), peers, today())


def _with_last_contact(doc: dict[str, Any], p: Any) -> dict[str, Any]:
    last = p.last_contact()
    doc["last_contact"] = last.isoformat() if last else None
    return doc


@app.command()
def show(peer: PeerArg, format: FormatOpt = TextJson.text) -> None:
    """One peer: details, tie history, log, next step and suggestions.

    Examples:

    \b
      peermap show grace
      peermap show grace --format json
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
        if plain():
            from peermap.render import plain as text

            text.peer_detail(p, t, tips)
        else:
            from peermap.render.views import peer_detail

            peer_detail(screen(), p, t, tips)


def _sentence(name: str) -> str:
    """A name ending a sentence: one full stop, even after "Mei T."."""
    return name if name.endswith(".") else name + "."


@app.command()
def log(
    words: Annotated[list[str], typer.Argument(
        metavar="PEER [PEER ...] [NOTE]", autocompletion=complete_peer, show_default=False,
        help="The peer, then the note; with --note, every word is a peer (one meeting "
        "logged on each).")],
    kind: KindOpt = Kind.CHAT, date: DateOpt = None,
    note: Annotated[str | None, typer.Option(
        "--note", metavar="TEXT", help="What happened; then every argument is a peer.",
        show_default=False)] = None,
    due: DueOpt = None,
    acted: ActedOpt = None,
) -> None:
    """Record an interaction with a peer (or one meeting with several peers).

    Examples:

    \b
      peermap log grace "Sent her the profiling write-up" --kind shared
      peermap log bob --kind met --date yesterday
      peermap log chen "Shorten the cursor tokens" --kind promised --due 2027-01-20
      peermap log ana bob chen --note "Design review" --kind met
    """
    from peermap.app.books import acted_for, logged_words
    from peermap.core.books import log_contacts

    refs, text = logged_words(words, note)
    d = when(date)
    day = due_date(due) if due is not None else None
    key = acted_for(refs, acted) if acted is not None else ""
    peers = store().update(
        lambda net: log_contacts(net, refs, text, kind, d, due=day, acted=key),
        lambda ps: f"peermap: log {', '.join(p.name for p in ps)} ({kind.value})")
    names = ", ".join(p.name for p in peers)
    promise = f", due {day.isoformat()}" if day is not None else ""
    _say(f"Logged a {kind.value} interaction with {names} on {d.isoformat()}{promise}.")
    if len(peers) == 1 and acted is None:
        from peermap.app.ritual import after_contact

        p = peers[0]
        after_contact(p.name, next(e for e in reversed(p.log) if (e.date, e.kind) == (d, kind)))


@app.command()
def plan(
    peer: PeerArg,
    step: Annotated[str, typer.Argument(help="The next small step.", show_default=False)],
    due: Annotated[str | None, typer.Option(
        "--due", metavar="DATE", help="YYYY-MM-DD, today, tomorrow, +Nd, in Nd, +Nw or a "
        "weekday name.", show_default="the next review date")] = None,
) -> None:
    """Set the next small step with a peer (a step it replaces stays in their history).

    Examples:

    \b
      peermap plan grace "Ask what she is most excited about" --due friday
      peermap plan bob "Share the incident review" --due +3d
    """
    from peermap.core.peers import replan
    from peermap.core.reminders import next_review

    t = today()
    day = due_date(due) if due is not None else None

    def change(net: Any) -> Any:
        return replan(net, peer, step, day if day is not None else next_review(net, t), t)

    p, replaced = store().update(change, lambda r: f"peermap: plan {r[0].name}")
    if replaced is not None:
        _say(f"This replaces the step {replaced.step!r} (kept in {p.name}'s history).")
    due_text = f"(due {p.next.due.isoformat()})" if p.next.due else None
    _say(f"Next step with {p.name}: {p.next.step}", dim=due_text)


@app.command()
def done(
    peer: PeerArg,
    note: NoteArg = "", kind: KindOpt = Kind.CHAT, date: DateOpt = None,
    acted: ActedOpt = None,
) -> None:
    """Mark the next step done and log it as an interaction.

    Example:

    \b
      peermap done grace "She is excited about the new allocator" --kind met
    """
    from peermap.core.peers import complete_step

    d = when(date)
    key = ""
    if acted is not None:
        from peermap.app.books import acted_for

        key = acted_for([peer], acted)

    def change(net: Network) -> tuple[Any, str]:
        p, step = complete_step(net, peer, note, kind, d)
        p.log[-1].acted = key
        return p, step

    p, step = store().update(change, lambda r: f"peermap: done {r[0].name} ({kind.value})")
    _say(f"Done: {step}. Logged as a {kind.value} interaction with {p.name}.",
         dim="Plan the next one: " + command("plan", p.name, "STEP"))
    from peermap.app.ritual import after_contact

    after_contact(p.name)


@app.command()
def check() -> None:
    """Validate the data file, its permissions and backups; spot sync-conflict copies.

    Changes nothing. Exit 1 when the file cannot be used.

    Example:

    \b
      peermap check
    """
    from peermap.storage.checkup import checkup

    report = checkup(store())
    screen().lines(report.lines)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def undo() -> None:
    """Restore the file as it was before the last change; run it again to redo.

    Example:

    \b
      peermap undo
    """
    s = store()
    done = s.undo()
    what = f"{'redid' if done.redo else 'undid'}: {done.change}" if done.change else \
        "undid the last change"
    _say(f"{what[0].upper()}{what[1:]}. Restored {s.path} from {done.backup.name}. "
         "Run `peermap undo` again to redo.")


# "-5" is a value to refuse with a reason, not an unknown option.
@app.command(context_settings={"ignore_unknown_options": True})
def config(
    key: Annotated[str | None, typer.Argument(help="A setting name.")] = None,
    value: Annotated[str | None, typer.Argument(help="Its new value.")] = None,
) -> None:
    """Show or set [settings].

    Examples:

    \b
      peermap config
      peermap config cadence_days 10
    """
    from peermap.core.settings import get_setting, set_setting, settings_lines

    s = store()
    if key is None:
        for line in settings_lines(s.load()):
            print(line)
    elif value is None:
        print(get_setting(s.load(), key))
    else:
        def change(net: Any) -> Any:
            set_setting(net, key, value)
            return net

        net = s.update(change, f"peermap: config {key} {value}")
        _say(f"{key} = {get_setting(net, key)}")
        st = net.settings
        if key in ("focus_min", "focus_max") and (st.focus_min < 3 or st.focus_max > 5):
            _say("Note: the method says three to five focus ties; follow-through beats "
                 "breadth.")


@app.command()
def where() -> None:
    """Print the data file path in use.

    Example:

    \b
      peermap where
    """
    from peermap.core.model import neutral

    print(neutral(store().path))


def _register_features() -> None:
    from peermap.app import advice as cli_advice
    from peermap.app import books as cli_books
    from peermap.app import context as cli_context
    from peermap.app import network as cli_network
    from peermap.app import ritual as cli_ritual
    from peermap.app import sync as cli_sync
    from peermap.app import walkthrough as cli_walkthrough

    for module in (cli_walkthrough, cli_advice, cli_context, cli_ritual, cli_network,
                   cli_sync, cli_books):
        module.register(app)


_register_features()


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the commands `args` can reach: Typer builds every command's
    parameters on each run (about a quarter of a daily command's own time), so a run
    that names its command builds just that one. Help, completion and anything that
    names no command get the whole app, so their output stays the same."""
    import copy
    import os

    from typer.main import get_command_name

    wanted = set(args)
    # Completion comes with no arguments (the words are in the environment): whole app.
    if "--help" in wanted or "-h" in wanted or any(
            k.startswith("_PEERMAP_COMPLETE") for k in os.environ):
        return app

    def name(info: object) -> str | None:
        given = getattr(info, "name", None)
        if isinstance(given, str):
            return given
        callback = getattr(info, "callback", None)
        return get_command_name(callback.__name__) if callback is not None else None

    commands = [c for c in app.registered_commands if name(c) in wanted]
    groups = [g for g in app.registered_groups if name(g) in wanted]
    if args and not commands and not groups:
        return app  # an option alone, or a typo: Typer's own answer, with every command
    pruned = copy.copy(app)
    pruned.registered_commands = commands
    pruned.registered_groups = groups
    return pruned
