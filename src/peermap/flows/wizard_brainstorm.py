"""Step 1 of the walkthrough: map broadly, one question at a time (about you first)."""

from __future__ import annotations

from peermap.core.duplicates import near_duplicates
from peermap.core.errors import PeermapError
from peermap.core.model import (
    Network,
)
from peermap.core.peers import Details, add_peer, edit_peer, valid_name
from peermap.flows.answers import (
    parse_yes,
)
from peermap.flows.ui import plural as _plural
from peermap.flows.wizard_base import (
    PROMPTS,
    Prompt,
    WizardBase,
    _mark,
    _me_setter,
    _peer,
    _profile_empty,
    _progress,
    _question,
    resume_question,
)


class Brainstorm(WizardBase):
    def brainstorm(self, redo: bool = False) -> None:
        self.header("brainstorm")
        net = self.store.load()
        w = None if redo else net.walkthrough
        if w is not None and w.profile:  # stopped while answering about you
            self.about_me(w.profile)
        elif _profile_empty(net) and (redo or w is None):
            self.about_me()
        if w is not None and w.adding:  # stopped while asking a new peer's team or place
            self.where(w.adding, resume=w.detail)
        net = self.store.load()
        start = 1 if redo else resume_question(net) or 1
        if start > 1:
            self.ui.say("info", f"Picking up at question {start} of {len(PROMPTS)}.")
        for i, prompt in enumerate(PROMPTS, 1):
            if i < start:
                continue
            self.save(_progress(i), f"brainstorm question {i}")
            self.progress("brainstorm", f"question {i} of {len(PROMPTS)} · "
                          f"{_plural(len(net.peers), 'peer')} on your map")
            self.ui.say("question", _question(prompt, net),
                        "One name per line; an empty line goes on." if i == start else "")
            while True:
                name = self.ui.ask("name").strip()
                if not name:
                    break
                self.one_name(name, prompt)
            net = self.store.load()
        self.save(_progress(None), "brainstorm done")

    def about_me(self, start: str = "name") -> None:
        """Your name, team, location and strengths; each question reached is kept in the
        file, so a walkthrough stopped here resumes at that very question."""
        self.progress("brainstorm", "about you")
        self.ui.say("question", "First, about you:", "your team and location show which ties "
                                "reach beyond them, your strengths what you can offer "
                                "(Enter skips).")
        fields = ("name", "team", "location", "strengths")
        for field in fields[fields.index(start) if start in fields else 0:]:
            self.save(_mark(profile=field), f"about you ({field})")
            if field == "strengths":
                answer = self.ui.ask("two or three strengths", "comma between them, e.g. SQL "
                                                                "tuning, incident reviews")
                strengths = [" ".join(x.split()) for x in answer.replace(";", ",").split(",")]
                if any(strengths):
                    self.save_me("strengths", [x for x in strengths if x])
                continue
            answer = " ".join(self.ui.ask(f"your {field}").split())
            if answer:
                self.save_me(field, answer)
        self.save(_mark(profile=""), "about you done")

    def save_me(self, field: str, value: str | list[str]) -> None:
        try:
            self.save(_me_setter(field, value), f"me {field}")
        except PeermapError as e:
            self.ui.say("warn", e.message)

    def one_name(self, name: str, prompt: Prompt) -> None:
        try:
            name = valid_name(name)
        except PeermapError as e:
            self.ui.say("warn", e.message)
            return
        net = self.store.load()
        same = net.find(name)
        if same is None:
            for p in near_duplicates(net, name):
                answer = None
                while answer is None:
                    answer = parse_yes(self.ui.ask(f"same as {p.name}?", "Y/n"))
                if answer:
                    same = p
                    break
        if same is not None:
            self.gain(same.name, prompt)
            return
        details = Details(affects=[prompt.affects] if prompt.affects else None,
                          matters=[prompt.matters] if prompt.matters else None)
        try:
            p = self.save(lambda net: add_peer(net, name, details, self.today), f"add {name}")
        except PeermapError as e:  # added elsewhere meanwhile, say
            self.ui.say("warn", e.message)
            return
        self.where(p.name, own_team=self.store.load().me.team if prompt.own_team else "")

    def gain(self, name: str, prompt: Prompt) -> None:
        """An existing peer gains this question's category instead of a duplicate."""
        def change(net: Network) -> bool:
            p = _peer(net, name)
            if prompt.affects and prompt.affects not in p.affects:
                p.affects.append(prompt.affects)
                return True
            if prompt.matters and prompt.matters not in p.matters:
                p.matters.append(prompt.matters)
                return True
            return False

        gained = self.save(change, f"note {name}")
        if gained:
            self.ui.say("ok", f"{name} is already on your map; noted: {prompt.noted}.")
        else:
            self.ui.say("ok", f"{name} is already on your map.")

    def where(self, name: str, own_team: str = "", resume: str = "") -> None:
        """Team and location, each asked on its own (Enter skips either one); the question
        reached is kept in the file, so a stop here resumes at it (`resume`).

        A name given for your own team joins it without asking.
        """
        team = own_team
        if team:
            self.edit(name, Details(team=team), "team")
        elif resume != "location":
            self.save(_mark(adding=name, detail="team"), f"team of {name}")
            team = " ".join(self.ui.ask("  team", "Enter skips").split())
            if team:
                self.edit(name, Details(team=team), "team")
        self.save(_mark(adding=name, detail="location"), f"location of {name}")
        location = " ".join(self.ui.ask("  location", "Enter skips").split())
        if location:
            self.edit(name, Details(location=location), "location")
        self.save(_mark(adding="", detail=""), f"{name} added")
        self.ui.say("ok", f"Added {name}" + (f" ({', '.join(x for x in (team, location) if x)})"
                                             if team or location else ""))

    def edit(self, name: str, details: Details, what: str) -> None:
        try:
            self.save(lambda net: edit_peer(net, _peer(net, name).name, details, self.today),
                      f"{what} of {name}")
        except PeermapError as e:
            self.ui.say("warn", e.message)
