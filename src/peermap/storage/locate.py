"""Where a data file that does not load went wrong, and how to fix it.

The parser (peermap.storage.codec) calls these only on failure: each returns the one
message the user sees, with the line found in the file's text and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path


def fix_hint(line: int | None) -> str:
    """How to repair a file that does not load. A hand edit is fixed where it went wrong:
    `undo` would also throw away every other edit made since peermap last wrote it."""
    where = f"line {line}" if line else "it"
    return (f"Fix {where} in an editor and run the command again (`peermap undo` would go "
            "back to the version before peermap's last change, dropping that change and "
            "your edits since).")


def not_utf8(where: Path | str, data: bytes, start: int) -> str:
    line = data[:start].count(b"\n") + 1
    return f"{where} is not valid UTF-8 (line {line}, byte {start}). {fix_hint(line)}"


def not_toml(where: Path | str, text: str, error: Exception) -> str:
    merge = unfinished_merge(where, text)
    if merge:
        return merge
    m = re.search(r"line (\d+)", str(error))
    return f"{where} is not valid TOML: {error}. {fix_hint(int(m.group(1)) if m else None)}"


_MARKERS = re.compile(r"^(<<<<<<<|>>>>>>>)(?: |$)", re.M)


def unfinished_merge(where: Path | str, text: str) -> str | None:
    """The message for a file git left with conflict markers (a line merge without
    peermap's merge driver), or None when it holds none."""
    found = {m.group(1): m.start() for m in reversed(list(_MARKERS.finditer(text)))}
    if len(found) < 2:
        return None
    from peermap.core.text import shell_quote

    line = text.count("\n", 0, found["<<<<<<<"]) + 1
    name = shell_quote(str(where))
    return (f"{where} is an unfinished git merge (conflict markers from line {line}). "
            f"Either let peermap merge it: `peermap git-setup`, then `git merge --abort` "
            f"and run the merge (or pull) again; or keep one side whole: "
            f"`git checkout --ours -- {name}` (or `--theirs`).")


def too_deep(where: Path | str) -> str:
    return f"{where} is nested too deeply to be a peermap file. {fix_hint(None)}"


def too_large(where: Path | str, text: str) -> str:
    at_line = long_number_line(text)
    return (f"{where} holds a number far too large{f' (line {at_line})' if at_line else ''}; "
            f"peermap's numbers are at most 10000. {fix_hint(at_line)}")


def invalid(where: Path | str, text: str, problems: list[str]) -> str:
    """A file that is TOML but not a peermap file: the first problem gets its line."""
    if "newer than this peermap" in problems[0]:  # nothing to fix in the file
        return f"{where}: {problems[0]}."
    found = locate(text, problems[0])
    at = f" (line {found})" if found else ""
    return f"{where}: {'; '.join([problems[0] + at, *problems[1:]])}. {fix_hint(found)}"


def long_number_line(text: str) -> int | None:
    m = re.search(r"\d{100,}", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def locate(text: str, problem: str) -> int | None:
    """The line a validation problem most likely points at, found in the file's text.

    Problems name a peer (`peer 'Grace'`) and a field (`field log.#2.kind`, `unknown key
    'tiee'`) or a setting (`settings.cadence_days`); the line is the field's line inside
    that peer's table, or the peer's `name` line.
    """
    lines = text.splitlines()
    start, stop = 0, len(lines)
    peer = re.search(r"peer ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")", problem)
    if peer:
        span = _peer_span(lines, peer.group(1))
        if span is None:
            return None
        start, stop = span
    key = re.search(r"unknown key '([^']+)'|field (?:[\w.#]*\.)?(\w+)|settings\.(\w+)", problem)
    if key:
        k = next(g for g in key.groups() if g)
        pattern = re.compile(rf"(^|[{{,]\s*)\s*{re.escape(k)}\s*=")
        for j in range(start, stop):
            if pattern.search(lines[j]):
                return j + 1
    return start + 1 if peer else None


def _peer_span(lines: list[str], quoted: str) -> tuple[int, int] | None:
    """The lines of the `[[peers]]` table whose name is `quoted` (a Python literal)."""
    import ast

    try:
        name = ast.literal_eval(quoted)
    except (ValueError, SyntaxError):
        return None
    found = None
    for i, line in enumerate(lines):
        m = re.match(r"\s*name\s*=\s*(.+?)\s*(#.*)?$", line)
        if m and _toml_text(m.group(1)) == name:
            found = i
            break
    if found is None:
        return None
    start = found
    while start > 0 and not lines[start].lstrip().startswith("[[peers]]"):
        start -= 1
    stop = next((j for j in range(found + 1, len(lines))
                 if lines[j].lstrip().startswith("[[")), len(lines))
    return start, stop


def _toml_text(value: str) -> str | None:
    import tomllib

    try:
        v = tomllib.loads(f"v = {value}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    return v if isinstance(v, str) else None
