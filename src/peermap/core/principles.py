"""The thirteen principles of docs/principles.md: stable keys, short names and a few lines each.

Every suggestion carries one key; what the user reads after it is the short name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principle:
    number: int
    key: str
    name: str
    text: str

    def as_json(self) -> dict[str, str]:
        return {"key": self.key, "name": self.name, "text": self.text}


PRINCIPLES: tuple[Principle, ...] = (
    Principle(1, "map-broadly", "map broadly",
              "Brainstorm the peers whose work touches yours: who helps you get work done, "
              "who depends on your work, who has goals like yours. Reach beyond your own "
              "team, floor and location, and think six to twelve months ahead. Fifteen "
              "minutes is the right size."),
    Principle(2, "rate-honestly", "rate honestly",
              "Strong: allies already, openly sharing and helping each other's work "
              "succeed. Weak: room to improve. Nonexistent: you have not tried to connect, "
              "or a clash keeps you apart. An honest rating is where the plan starts."),
    Principle(3, "relevance", "relevance, not liking",
              "Build up the weak or missing ties that matter to your current work, could "
              "help future work, or show you the bigger picture, whether or not they are "
              "the people you most enjoy."),
    Principle(4, "three-to-five", "three to five",
              "Pick only three to five ties to build up at a time. Follow-through beats "
              "breadth; when one grows strong, make room for the next."),
    Principle(5, "start-early", "start before you need it",
              "A relationship built now is there when you need it. Say hello while nothing "
              "is at stake."),
    Principle(6, "give-first", "give before you ask",
              "Share what would help this person decide better or work more easily, offer "
              "best practices, help new people with context, and deliver bad news early "
              "to those who depend on you."),
    Principle(7, "chance-encounters", "use chance encounters",
              "Replace small talk with \"What are you working on?\", \"What are you "
              "excited about right now?\" and \"What's your biggest challenge?\""),
    Principle(8, "real-feedback", "feedback you want",
              "Ask for feedback you genuinely want: decide between a quick bounce and an "
              "in-depth critique, frame the ask around the benefit to them, and close the "
              "loop by telling them what you did with it."),
    Principle(9, "know-them", "know them",
              "Learn their challenges, pressures and goals; listen, problem-solve and "
              "brainstorm with them; offer what your strengths can; share credit."),
    Principle(10, "bridge-groups", "bridge groups",
              "Ideas that are mundane in one group are valuable in another. Ties across "
              "teams and locations bring new ideas; peers with a common interest can form "
              "a small group."),
    Principle(11, "learn-from-peers", "learn from peers",
              "A peer with expertise can teach you or point you to the best material; you "
              "can share yours."),
    Principle(12, "small-steps", "one small step",
              "Each week pick one relationship and one small step, small enough to do "
              "before Friday."),
    Principle(13, "confidential", "keep it confidential",
              "Notes about people are private. Nothing leaves this machine unless you "
              "export it."),
)

BY_KEY: dict[str, Principle] = {p.key: p for p in PRINCIPLES}
KEYS: tuple[str, ...] = tuple(p.key for p in PRINCIPLES)


def short_name(key: str) -> str:
    """The name printed after a suggestion, e.g. "give before you ask"."""
    return BY_KEY[key].name
