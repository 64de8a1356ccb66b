"""Bringing versions together: `merge` (two peers into one), `merge-driver` and `git-setup`
(two machines' versions of the file, through git)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from peermap.app.common import FormatOpt, TextJson, complete_peer, emit_json, store
from peermap.app.help import PeermapTyper, SubGroup
from peermap.core.errors import PeermapError
from peermap.core.text import count, join_and


def merge(
    keep: Annotated[str, typer.Argument(help="The peer that stays (name, any case, or a "
                                        "unique prefix).", metavar="KEEP", show_default=False,
                                        autocompletion=complete_peer)],
    other: Annotated[str, typer.Argument(help="The duplicate, folded into KEEP and removed.",
                                         metavar="OTHER", show_default=False,
                                         autocompletion=complete_peer)],
) -> None:
    """Fold a duplicate peer into another: tie history, log, tags, notes and next step.

    KEEP keeps its name and its details; OTHER's history joins it (every log entry), and
    any detail of OTHER that differs (team, cadence, at-risk note, next step, notes, ...)
    is kept in KEEP's notes: nothing of OTHER is lost.
    Reviews that named OTHER name KEEP. `peermap undo` takes a merge back.

    Example:

    \b
      peermap merge "José Núñez" "Jose Nunez"
    """
    from peermap.core.duplicates import merge_peers
    from peermap.core.model import neutral

    m = store().update(lambda net: merge_peers(net, keep, other),
                       lambda m: f"peermap: merge {m.other} into {m.keep.name}")
    parts = [_count(n, k) for k, n in m.added.items()]
    took = f"took its {_and([_word(k) for k in m.filled])}" if m.filled else ""
    said = "; ".join(x for x in (f"brought over {', '.join(parts)}" if parts else "", took) if x)
    lines = [f"Merged {neutral(m.other)} into {neutral(m.keep.name)}"
             + (f": {said}." if said else ".")]
    if m.kept_aside:
        aside = _and([_word(k) for k in m.kept_aside])
        lines.append(f"{neutral(m.other)}'s differing {aside} "
                     f"{'is' if len(m.kept_aside) == 1 else 'are'} kept in the notes of "
                     f"{neutral(m.keep.name)}.")
    print("\n".join(lines))


_WORDS = {"tags": ("tag", "tags"), "ties": ("tie rating", "tie ratings"),
          "log": ("log entry", "log entries"), "affects": ("affects value", "affects values"),
          "matters": ("matters value", "matters values"), "next": ("next step", "next steps"),
          "email": ("e-mail address", "e-mail addresses"),
          "phone": ("phone number", "phone numbers"),
          "replaced": ("replaced step", "replaced steps"),
          "goal_checks": ("goal check", "goal checks"), "cadence_days": ("cadence", ""),
          "why_none": ("reason for no tie", ""), "at_risk": ("at-risk note", "")}


def _word(field: str) -> str:
    return _WORDS.get(field, (field.replace("_", " "), ""))[0]


def _count(n: int, field: str) -> str:
    """"1 goal", "2 goals": any list field, counted in words that agree with the number."""
    one, many = _WORDS.get(field, (field.removesuffix("s").replace("_", " "),
                                   field.replace("_", " ")))
    return count(n, one, many)


_and = join_and  # the one "a, b and c" (core.text)


def merge_driver(
    base: Annotated[Path, typer.Argument(help="The common ancestor (git's %O).",
                                         show_default=False)],
    ours: Annotated[Path, typer.Argument(help="Our version (git's %A); the result is "
                                         "written here.", show_default=False)],
    theirs: Annotated[Path, typer.Argument(help="Their version (git's %B).",
                                           show_default=False)],
) -> None:
    """Three-way merge of the data file for git: exit 0 when clean, 1 on a conflict.

    Log entries and tie history from both sides are kept; each field comes from the side
    that changed it; a field both sides changed differently keeps our value in the file
    and both values in its [[conflicts]] table (`peermap conflicts` lists and settles
    them). Set it up with `peermap git-setup`.

    Example:

    \b
      peermap merge-driver %O %A %B      (in git's config, not by hand)
    """
    from peermap.core.model import neutral
    from peermap.core.threeway import conflict_text
    from peermap.storage.gitmerge import merge_files

    outcome = merge_files(base, ours, theirs)
    if outcome.fallback:
        print(f"peermap: a version is not a valid peermap file ({neutral(outcome.fallback)}); "
              "made a line merge instead.", file=sys.stderr)
    if outcome.unsure:
        print(f"peermap: {neutral(outcome.unsure)}; fix the file by hand until `peermap "
              "check` says it is valid, then `git add` it.", file=sys.stderr)
        raise typer.Exit(1)
    for c in outcome.conflicts:
        print(f"peermap: conflict in {neutral(conflict_text(c))}"
              + ("." if c.removed else "; the file has ours for now."), file=sys.stderr)
    if outcome.conflicts:
        n = len(outcome.conflicts)
        print(f"peermap: {count(n, 'conflict')} kept in the file, no side lost; "
              "`peermap conflicts` lists them and `peermap conflicts take ours|theirs N` "
              "settles one; then `git add` the file.", file=sys.stderr)
        raise typer.Exit(1)


def git_setup(
    encrypt: Annotated[bool, typer.Option(
        "--encrypt", help="Store the file in git encrypted with age (the working file "
        "stays plain, 0600); the key stays outside the repository.")] = False,
) -> None:
    """Let git merge the data file by meaning and keep it private (run on each clone).

    Writes `PATH merge=peermap` to the repository's .gitattributes (commit it), sets
    merge.peermap.driver in this clone's git config, and installs post-merge,
    post-checkout and post-rewrite hooks that put mode 600 back on the file after git
    writes it. Hooks and config are per clone: run it on every clone. A clone without it
    merges the file line by line, and conflict markers (<<<<<<<) then stop peermap
    from loading it.

    Example:

    \b
      peermap config git_commit true && peermap git-setup
    """
    from peermap.core.model import neutral
    from peermap.storage.gitmerge import HOOKS
    from peermap.storage.gitmerge import git_setup as setup

    s = setup(store().path, encrypt=encrypt)
    where = neutral(s.attributes)
    print(f"{'Added' if s.added_line else 'Kept'} `{neutral(s.line)}` in {where}"
          + (" (commit it)." if s.added_line else "."))
    print(f"Set merge.peermap.driver in the git config of {neutral(s.root)} (git check-attr "
          f"confirms it applies to the file):\n  {neutral(s.command)}")
    if s.ignore is not None:
        print(f"Added the lock file to {neutral(s.ignore)} (commit it): it is peermap's, "
              "never data.")
    print(f"Installed the {', '.join(HOOKS[:-1])} and {HOOKS[-1]} hooks in "
          f"{neutral(s.hooks)}: git writes files readable by others, the hooks put mode 600 "
          "back.")
    for name in s.chained:
        print(f"Your existing {name} hook is kept as {name}.before-peermap and runs first.")
    if s.private:
        print(f"{neutral(store().path)} was readable by others; it is mode 600 now.")
    if s.key is not None:
        print(f"{'Made' if s.new_key else 'Using'} this machine's encryption key "
              f"{neutral(s.key)} (keep it secret, outside the repository). The file goes into "
              "git encrypted; `git diff` and `git log -p` still show it here.")
        if s.renormalized:
            print("Staged the file encrypted; commit it. Earlier commits still hold it in "
                  "clear (rewrite or start a new repository to drop them).")
        print("On another machine: copy the key file there, or run `peermap key show` there "
              "and `peermap key add RECIPIENT` here; then `peermap git-setup --encrypt` there.")
    print(f"Run `peermap git-setup{' --encrypt' if s.key else ''}` on every clone: without it "
          "git merges the file line by line, and conflict markers (<<<<<<<) stop peermap "
          "loading it.")


conflicts_app = PeermapTyper(
    cls=SubGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@conflicts_app.callback()
def conflicts(ctx: typer.Context, format: FormatOpt = TextJson.text) -> None:
    """List the conflicts the git merge driver kept (settings, profile, peers, groups, the
    to-meet list, reviews, time away).

    The file holds our value of each until you settle it; both values are kept in the
    file's [[conflicts]] table, so nothing is lost. Settle them one at a time with
    `peermap conflicts take ours|theirs N`.

    Examples:

    \b
      peermap conflicts
      peermap conflicts --format json
      peermap conflicts take theirs 1
    """
    if ctx.invoked_subcommand is not None:
        return
    from peermap.core.threeway import conflict_rows

    rows = conflict_rows(store().load())
    if format == TextJson.json:
        emit_json(rows)
        return
    from peermap.core.model import neutral

    if not rows:
        print("No merge conflicts.")
        return
    n = len(rows)
    print(f"{count(n, 'merge conflict')} (the file has ours until you settle "
          f"{'it' if n == 1 else 'them'}):")
    for row in rows:
        print(f"  {row['n']}. {neutral(row['text'])}")
    print("Settle one: peermap conflicts take ours|theirs N")


class Side(StrEnum):
    ours = "ours"
    theirs = "theirs"


@conflicts_app.command("take")
def conflicts_take(
    side: Annotated[Side, typer.Argument(help="ours (this clone's side of the merge) or "
                                         "theirs (the side merged in).", show_default=False)],
    number: Annotated[int, typer.Argument(help="The conflict's number in `peermap "
                                          "conflicts`.", metavar="N", show_default=False)],
) -> None:
    """Settle one conflict with one side's value; nothing else in the file changes.

    Example:

    \b
      peermap conflicts take theirs 1
    """
    from peermap.core.model import neutral
    from peermap.core.threeway import settle

    done = store().update(lambda net: settle(net, number, side.value),
                          lambda d: f"peermap: conflicts take {d.side} {number}")
    text = done.text[:1].upper() + done.text[1:]
    print(neutral(text))
    if done.also:
        print(f"Also dropped its {count(done.also, 'other conflict')}.")


class FilterStep(StrEnum):
    clean = "clean"
    smudge = "smudge"
    textconv = "textconv"


def filter_cmd(
    step: Annotated[FilterStep, typer.Argument(show_default=False)],
    path: Annotated[str, typer.Argument(show_default=False)] = "",
) -> None:
    """git's clean, smudge and textconv filters for `git-setup --encrypt` (run by git).

    clean: plain working file on stdin, ciphertext out; smudge: the reverse; textconv:
    the stored version in the file PATH, plain text out.
    """
    from pathlib import Path

    from peermap.storage import crypt

    if step == FilterStep.textconv:
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise PeermapError(f"cannot read {path} ({e.strerror or e}).") from None
        out = crypt.decrypt(data, path)
    else:
        data = sys.stdin.buffer.read()
        out = (crypt.clean(data, path, crypt.repo_root(crypt.cwd()))  # only clean needs the repo
               if step == FilterStep.clean else crypt.smudge(data, path))
    sys.stdout.buffer.write(out)  # all or nothing: computed whole before a byte is written
    sys.stdout.buffer.flush()


key_app = PeermapTyper(
    cls=SubGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@key_app.command("show")
def key_show() -> None:
    """Print this machine's age recipient (the public half of its key), making the key
    when there is none yet.

    Example:

    \b
      peermap key show
    """
    from peermap.core.model import neutral
    from peermap.storage import crypt

    ident, made = crypt.make_identity()
    print(ident.to_public())
    print(f"({'made a new key: ' if made else ''}the secret key is in "
          f"{neutral(crypt.key_path())}; add the line above on your other machine with "
          "`peermap key add`)", file=sys.stderr)


@key_app.command("add")
def key_add(
    recipient: Annotated[str, typer.Argument(help="Another machine's `peermap key show`.",
                                             show_default=False)],
) -> None:
    """Encrypt the file for another machine's key too (listed in .peermap-recipients).

    Example:

    \b
      peermap key add age1...
    """
    from peermap.core.model import neutral
    from peermap.storage import crypt

    listed = crypt.add_recipient(store().path, recipient)
    print(f"Added it to {neutral(listed)} (commit it). The next change is encrypted for it "
          "too; `git add --renormalize` the data file to re-encrypt it now.")


def register(app: typer.Typer) -> None:
    app.add_typer(conflicts_app, name="conflicts")
    app.add_typer(key_app, name="key", help="This machine's key for the encrypted git "
                  "history (git-setup --encrypt).")
    app.command("filter", hidden=True)(filter_cmd)
    app.command("merge")(merge)
    app.command("merge-driver")(merge_driver)
    app.command("git-setup")(git_setup)
