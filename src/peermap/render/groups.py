"""Groups, people to meet and imported meetings in words (docs/groups.md): plain text
built from the JSON-shaped records core hands over, user text made safe with `neutral`."""

from __future__ import annotations

from typing import Any

from peermap.core.text import command, count, neutral


def group_lines(r: dict[str, Any]) -> str:
    facts = [count(len(r['members']), 'member')]
    if r["cadence_days"]:
        facts.append(f"every {count(r['cadence_days'], 'day')}")
    facts.append(f"last met {r['last_meeting']}" if r["last_meeting"] else "not met yet")
    if r["next_due"]:
        facts.append(f"next due {r['next_due']}")
    lines = [neutral(r["name"]) + "  " + " · ".join(facts)]
    if r["members"]:
        gone = set(r["not_on_map"])
        lines.append("  " + ", ".join(neutral(m) + (" (not on your map)" if m in gone else "")
                                      for m in r["members"]))
    if r["purpose"]:
        lines.append(f"  purpose: {neutral(r['purpose'])}")
    return "\n".join(lines)


def brief_text(b: dict[str, Any]) -> str:
    lines = [group_lines(b), ""]
    for m in b["members_brief"]:
        team = f" ({neutral(m['team'])})" if m["team"] else ""
        lines.append(f"{neutral(m['peer'])}{team}")
        for label, items in (("goals", m["goals"]), ("pressures", m["pressures"])):
            lines.append(f"  {label}: " + ("; ".join(neutral(x) for x in items)
                                           if items else "not known yet: ask"))
        for lp in m["open_loops"]:
            lines.append(f"  open loop: {lp['kind']} {lp['date']}"
                         + (f": {neutral(lp['note'])}" if lp["note"] else ""))
        for x in m["bring"]:
            lines.append(f"  bring: {neutral(x)}")
    lines.append("\nEach member brings one issue; what is said stays inside the group.")
    return "\n".join(lines)


def meet_line(r: dict[str, Any]) -> str:
    parts = [neutral(r["name"])]
    if r["via"]:
        parts.append(f"via {neutral(r['via'])}")
    if r["why"]:
        parts.append(neutral(r["why"]))
    if r["added"]:
        parts.append(f"since {r['added']}")
    return " · ".join(parts)


def meetings_report(plan: Any, start: Any, dry_run: bool) -> str:
    by_meeting: dict[tuple[Any, str], list[str]] = {}
    notes: dict[tuple[Any, str], str] = {}
    for p, e in plan.entries:
        by_meeting.setdefault((e.date, e.uid), []).append(p.name)
        notes[(e.date, e.uid)] = e.note
    n = plan.meetings
    verb = "Would log" if dry_run else "Logged"
    lines = [f"{verb} {count(n, 'meeting')} with peers since "
             f"{start.isoformat()}" + (":" if n else ".")]
    for (day, uid), names in by_meeting.items():
        lines.append(f"  {day.isoformat()}  {neutral(', '.join(names))}"
                     + (f"  ({neutral(notes[(day, uid)])})" if notes[(day, uid)] else ""))
    if plan.already:
        lines.append(f"Already logged by an earlier import: {count(plan.already, 'meeting')}.")
    words = {"declined": "declined or cancelled", "all-day": "all-day",
             "large": "with more than 12 people"}
    if plan.skipped:
        lines.append("Skipped: " + ", ".join(f"{plan.skipped[k]} {w}" for k, w in words.items()
                                              if plan.skipped[k]) + ".")
    if plan.not_on_map:
        people = [x for x, _ in plan.not_on_map.most_common()]
        lines.append(f"Not on your map ({len(people)}): "
                     + ", ".join(neutral(x) for x in people[:10])
                     + (f" and {len(people) - 10} more" if len(people) > 10 else "") + ".")
        first = people[0].split(" <")[0]
        lines.append(f"  Someone worth knowing? {neutral(command('meet', first))}")
    if dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)
