"""`discover git` in words (docs/groups.md): plain text from what core.discover found;
git authors' names, addresses and evidence are made harmless with `neutral`."""

from __future__ import annotations

from datetime import date
from typing import Any

from peermap.core.discover import contact_words
from peermap.core.text import command, neutral


def discover_text(d: Any, t: date, me: list[str], shown: int) -> str:
    """`discover git` in words: what was read, who is not on your map yet with the
    evidence and the command to add them, who is (git authors' text made harmless)."""
    lines = [f"Read {d.commits} commits since {d.since.isoformat()}; {d.yours} are yours "
             f"({neutral(', '.join(me))}), touching {d.your_files} files."]
    if d.skipped:
        lines.append("Left out: " + ", ".join(
            f"{n} {'by bots' if k == 'bot' else 'touching more than 50 files'}"
            for k, n in sorted(d.skipped.items())) + ".")
    if not d.new and not d.known:
        lines.append("Nobody shares your work in this window; try a longer --since.")
    if d.new:
        lines.append("\nNot on your map yet:")
        for i, f in enumerate(d.new[:shown], 1):
            lines.append(f"{i:>3}. {neutral(f.person.name)} <{neutral(f.person.email)}>: "
                         f"{neutral(f.evidence)}")
            lines.append(f"     {neutral(command('add', f.person.name))}")
        if len(d.new) > shown:
            lines.append(f"     and {len(d.new) - shown} more (--format json lists all)")
    if d.known:
        lines.append("\nAlready on your map:")
        for f in d.known[:shown]:
            lines.append(f"  - {neutral(f.peer.name)}: {contact_words(f.peer, t)}; "
                         f"{neutral(f.evidence)}")
    return "\n".join(lines)
