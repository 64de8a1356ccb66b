"""The tables in docs/ that come from the code: written here, checked by tests/test_docs.py.

Each table sits between two marker lines in its page,

    <!-- generated:NAME -->
    ...
    <!-- end:NAME -->

and is built from the code's own tables: the ranking weights (core.ranking.WEIGHTS), the
principles (core.principles), the log kinds (core.model.Kind and its groups), the types of
`remind --format json` (core.reminders.TYPES) and every command with its options (the
Typer app). What a value means to a reader is written here, beside the table it explains;
a value the code has and this file does not describe is an error, so a new weight, kind
or reminder type cannot reach a release undocumented.

Run:  python tests/gen_docs.py           rewrite the generated regions
      python tests/gen_docs.py --check   exit 1 and name each region that drifted
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "src"))  # the code of this checkout, not an installed copy


class Undocumented(Exception):
    """The code has a value this file does not describe yet."""


# --- ranking weights (docs/ranking.md) ---------------------------------------------------

WEIGHT_ROWS: dict[str, tuple[str, str]] = {
    "current-work": ("matters: current work", "`current-work` in matters"),
    "future-work": ("matters: future work", "`future-work` in matters"),
    "big-picture": ("matters: big picture", "`big-picture` in matters"),
    "relies-on-me": ("relies on your work", "`relies-on-me` in affects"),
    "helps-me": ("helps your work", "`helps-me` in affects"),
    "shared-goals": ("shares your goals", "`shared-goals` in affects"),
    "bridges-team": ("bridges to a team", "their team is not yours and none of your other "
                     "strong or weak ties is in it"),
    "bridges-location": ("bridges to a location", "the same for their location"),
    "weak": ("weak tie", '`tie = "weak"`: a foothold to build on'),
    "not-tried": ("nonexistent, not tried", '`why_none = "not-tried"` (or no reason given)'),
    "clash": ("nonexistent, clash", '`why_none = "clash"`: repairing is harder'),
}
STALE = ("stale-days-per-point", "stale-max")  # one row: time since contact


def weights_table() -> str:
    from peermap.core.ranking import WEIGHTS

    missing = [k for k in WEIGHTS if k not in WEIGHT_ROWS and k not in STALE]
    if missing:
        raise Undocumented(f"ranking weights {missing}: describe them in WEIGHT_ROWS")
    rows = ["| what | when | points |", "| --- | --- | ---: |"]
    rows += [f"| {WEIGHT_ROWS[k][0]} | {WEIGHT_ROWS[k][1]} | {v} |"
             for k, v in WEIGHTS.items() if k not in STALE]
    per, most = WEIGHTS["stale-days-per-point"], WEIGHTS["stale-max"]
    rows.append(f"| time since contact | 1 per full {per} days since the last interaction "
                f"(or since the peer was added or first rated), at most {most} | 0–{most} |")
    return "\n".join(rows)


# --- principles (docs/principles.md) ------------------------------------------------------

def principles_table() -> str:
    from peermap.core.principles import PRINCIPLES

    rows = ["| # | key | printed as | what it asks of you |", "| ---: | --- | --- | --- |"]
    rows += [f"| {p.number} | `{p.key}` | {p.name} | {p.text} |" for p in PRINCIPLES]
    return "\n".join(rows)


# --- log kinds (docs/data-file.md) --------------------------------------------------------

KIND_MEANING: dict[str, str] = {
    "chat": "a conversation (the default kind)",
    "shared": "you shared something useful with them",
    "helped": "you helped them",
    "asked": "you asked them for something",
    "feedback-asked": "you asked them for feedback",
    "feedback-given": "you gave them feedback",
    "met": "you met (a 1:1, a meeting, in person)",
    "they-helped": "they helped you",
    "they-asked": "they asked your advice",
    "promised": "you promised them something",
}


def kinds_table() -> str:
    from peermap.core.model import ASKING, GETTING, GIVING, OPENS_LOOP, SIGNS, Kind

    missing = [k.value for k in Kind if k.value not in KIND_MEANING]
    if missing:
        raise Undocumented(f"log kinds {missing}: describe them in KIND_MEANING")

    def counts(k: Kind) -> str:
        if k in GIVING:
            return "giving"
        if k in ASKING:
            return "asking"
        if k in GETTING:
            return "getting (they gave)"
        if k in SIGNS:
            return "a sign the tie works"
        return "—"

    rows = ["| kind | what it records | in the give-and-get balance | open loop until closed |",
            "| --- | --- | --- | --- |"]
    rows += [f"| `{k.value}` | {KIND_MEANING[k.value]} | {counts(k)} | "
             f"{'yes' if k in OPENS_LOOP else 'no'} |" for k in Kind]
    return "\n".join(rows)


# --- remind --format json types (docs/reminders.md) ---------------------------------------

REMIND_TYPES: dict[str, tuple[str, str, str, str]] = {
    # type: (when it is due, peer, detail, what `days` means)
    "step": ("a peer's next step on or after its due date", "the peer",
             "the step itself", "days past the due date (0 on the day)"),
    "stale": ("a focus peer once their cadence has run out, counted from the later of the "
              "last contact and the day they joined focus (the day added when neither is "
              "known)", "the peer", "when the last contact was",
              "days since that day (the last contact, joining focus or being added)"),
    "promise": ("a promise logged with `--due`, from the Monday of the week it falls due",
                "the peer", "the promise and its due date",
                "days past the due date (negative: days still to go; 0 on the day)"),
    "loop": ("an open loop either way (asked, feedback-asked, an undated promise, or a "
             "they-asked you owe) from its due date, or without one once open longer than "
             "the peer's cadence", "the peer", "the kind, date and note of the entry",
             "days since the entry was logged"),
    "group": ("a peer group's meeting, `cadence_days` after its last meeting (a day every "
              "member has a log entry) or after it was added", "the group's name",
              "when the group last met", "days past the meeting's due day"),
    "quiet": ("a strong tie outside focus with no contact for more than twice their "
              "cadence", "the peer", "when the last contact was",
              "days since the last contact (or since added, when nothing is logged)"),
    "review": ("the weekly review, `review_every_days` after the last one (or now, when "
               "there has been none and the map has peers)", "`null`",
               "when the last review was", "days since the last review; `null` before "
               "the first"),
    "remap": ("90 days after the map last grew (the latest `added`), until a review on or "
              "after that day", "`null`", "how long since someone was added, and the "
              "command for a short re-map", "days since the re-map fell due"),
}


def remind_table() -> str:
    from peermap.core.reminders import TYPES

    missing = [t for t in TYPES if t not in REMIND_TYPES]
    if missing:
        raise Undocumented(f"remind types {missing}: describe them in REMIND_TYPES")
    rows = ["| `type` | due when | `peer` | `detail` | `days` |",
            "| --- | --- | --- | --- | --- |"]
    rows += [f"| `{t}` | " + " | ".join(REMIND_TYPES[t]) + " |" for t in TYPES]
    return "\n".join(rows)


# --- every command and option (docs/commands.md) ------------------------------------------

def _value(p: Any) -> str:
    """What an option takes, as a reader types it."""
    if getattr(p, "is_flag", False):
        return ""
    choices = getattr(p.type, "choices", None)
    if choices:
        return "|".join(str(c) for c in choices)
    if p.metavar:
        return str(p.metavar)
    return {"INT": "N", "INTEGER": "N"}.get(p.type.name.upper(), "TEXT")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _help(text: str) -> list[str]:
    """A command's help as Markdown: paragraphs, and its examples in a code block."""
    out: list[str] = []
    for para in text.strip().split("\n\n"):
        if para.startswith("\b\n"):
            lines = [line[2:] if line.startswith("  ") else line
                     for line in para[2:].splitlines()]
            out += ["```sh", *lines, "```", ""]
        else:
            out += [" ".join(para.split()), ""]
    return out


def _command(path: str, cmd: Any, ctx: Any) -> list[str]:
    args = [p for p in cmd.params if p.param_type_name == "argument"]
    opts = [p for p in cmd.params if p.param_type_name == "option" and not p.hidden]
    usage = [path]
    if opts:
        usage.append("[OPTIONS]")
    for a in args:
        name = str(a.metavar or a.name).upper()
        name += "..." if a.nargs == -1 and not name.endswith("...") else ""
        usage.append(name if a.required else f"[{name}]")
    if hasattr(cmd, "list_commands"):
        usage.append("[COMMAND]")
    out = [f"### `{path}`", "", "```", " ".join(usage), "```", ""]
    out += _help(cmd.help or "")
    if opts:
        out += ["| option | value | default | what |", "| --- | --- | --- | --- |"]
        for p in opts:
            names = ", ".join(f"`{o}`" for o in [*p.opts, *p.secondary_opts])
            value = _value(p)
            default = p.show_default if isinstance(p.show_default, str) else (
                p.default if p.show_default and p.default not in (None, False, ()) else "")
            more = " Repeatable." if p.multiple else ""
            out.append(f"| {names} | {_cell(f'`{value}`' if value else '')} | "
                       f"{_cell(str(default))} | {_cell((p.help or '') + more)} |")
        out.append("")
    if hasattr(cmd, "list_commands"):
        sub = cmd.make_context(path, [], parent=ctx, resilient_parsing=True)
        for name in cmd.list_commands(sub):
            child = cmd.get_command(sub, name)
            if child is not None and not child.hidden:
                out += _command(f"{path} {name}", child, sub)
    return out


def commands_reference() -> str:
    import typer.main

    from peermap.app.root import app

    group = typer.main.get_command(app)
    ctx = group.make_context("peermap", [], resilient_parsing=True)
    return "\n".join(_command("peermap", group, ctx)).rstrip()


# --- the regions ----------------------------------------------------------------------------

REGIONS: dict[str, tuple[str, Callable[[], str]]] = {
    "weights": ("ranking.md", weights_table),
    "principles": ("principles.md", principles_table),
    "log-kinds": ("data-file.md", kinds_table),
    "remind-types": ("reminders.md", remind_table),
    "commands": ("commands.md", commands_reference),
}


def region(text: str, name: str) -> str | None:
    """The text between a page's markers for `name`, or None when it has none."""
    m = re.search(rf"<!-- generated:{name} -->\n(.*?)<!-- end:{name} -->", text, re.S)
    return m.group(1).rstrip("\n") if m else None


def replace(text: str, name: str, body: str) -> str:
    start, end = f"<!-- generated:{name} -->\n", f"<!-- end:{name} -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}{body}\n{end}{tail}"


def drifted() -> list[str]:
    """The regions whose page text differs from what the code gives now."""
    out = []
    for name, (page, build) in REGIONS.items():
        if region((DOCS / page).read_text(encoding="utf-8"), name) != build():
            out.append(f"docs/{page} ({name})")
    return out


def main(argv: list[str]) -> int:
    if "--check" in argv:
        bad = drifted()
        for where in bad:
            print(f"gen_docs: {where} differs from the code; run python tests/gen_docs.py",
                  file=sys.stderr)
        return 1 if bad else 0
    for name, (page, build) in REGIONS.items():
        path = DOCS / page
        text = path.read_text(encoding="utf-8")
        if region(text, name) is None:
            raise SystemExit(f"gen_docs: docs/{page} has no <!-- generated:{name} --> region")
        new = replace(text, name, build())
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"gen_docs: rewrote docs/{page} ({name})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
