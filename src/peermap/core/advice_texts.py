"""The suggestion table: every situation (slot), its tier, and its texts, each tied to one
principle key of docs/principles.md.

A new suggestion is one line here. Fields a text may use: {n} the peer's first name (the
full name when another peer shares it), {arg} the name quoted for a shell, and the
fields its slot provides (see `core.suggestions._situations`). Words the user wrote
(goals, pressures, notes, log notes, a risk) arrive already quoted and are always
followed in the text by who wrote them ("your words", "your note", "your log").

Tiers: 0 urgent, in table order (a risk you flagged, open loops, a step long past, only
taking, a clash); 1 the tie's state, in table order (first contact, rating, graduation,
reconnecting); 2 the person (their goals, pressures, help both ways, what the tie is),
taking turns week by week; 3 the wider map and habits (bridging, learning, chance
encounters, small steps, privacy), taking turns week by week.
"""

from __future__ import annotations

Texts = tuple[tuple[str, str], ...]

SLOTS: dict[str, tuple[int, Texts]] = {
    # --- tier 0: urgent --------------------------------------------------------------
    "at_risk": (0, (
        ("give-first", "Tell {n} now about {risk} (your words), while they can still plan "
                       "around it; early bad news is a favour, late bad news is a fire."),
        ("give-first", "Send {n} a short, honest status on {risk} (your words): what is at "
                       "risk, what you are doing, and when you will know more."),
        ("give-first", "Give {n} the bad news early: {risk} (your words). Say what it means "
                       "for their plans and what you can still protect."),
    )),
    "give_first": (0, (
        ("give-first", "Before you ask {n} for anything else, send something useful their "
                       "way (a link, a draft, a heads-up) with no ask attached; lately you "
                       "have taken {took} and given {gave}."),
        ("give-first", "Send {n} something that would help them decide or work more easily, "
                       "before any new ask; the last {days} days were mostly asks."),
        ("give-first", "Lead your next message to {n} with something for them (a finding, a "
                       "shortcut, context they are missing) and keep your next question for "
                       "another week."),
        ("give-first", "Offer {n} a hand with whatever they are pushing on right now before "
                       "your next question; the balance has tipped toward asking."),
    )),
    "give_first_planned": (0, (
        ("give-first", "Your planned step already gives first: {step}. Do it before any new "
                       "ask of {n}; lately you have taken {took} and given {gave}."),
        ("give-first", "Keep to your plan with {n} ({step}) and hold your next question "
                       "until it has landed; the last 90 days were mostly asks."),
    )),
    "loop_promise": (0, (
        ("give-first", "Keep your promise to {n} from {when}: {loop} (your log). Do it this "
                       "week or tell them when, then: peermap close {arg}"),
        ("small-steps", "Your promise to {n} is still open since {when}: {loop} (your log). "
                        "Cut it to something you can deliver by Friday, and say so."),
        ("know-them", "{n} is counting on what you promised on {when}: {loop} (your log). "
                      "Deliver it, or tell them honestly what changed."),
    )),
    "loop_feedback": (0, (
        ("real-feedback", "Tell {n} what you did with the feedback you asked for on {when} "
                          "({loop}, your log); closing the loop is what makes people glad "
                          "they helped. Then: peermap close {arg}"),
        ("real-feedback", "Show {n} what changed because of their feedback ({loop}, your log "
                          "of {when}); people keep helping when they see their input land."),
        ("real-feedback", "Thank {n} for the feedback you asked for on {when} ({loop}, your "
                          "log) with specifics: which point you used and how it turned out."),
    )),
    "loop_ask": (0, (
        ("real-feedback", "Close the loop on what you asked {n} on {when} ({loop}, your log): "
                          "tell them how it turned out, or that you no longer need it."),
        ("give-first", "Your ask of {n} from {when} is still open ({loop}, your log). If it "
                       "still matters, make it easier to answer; if not, release them from it."),
        ("know-them", "Let {n} know where things stand on your question of {when} ({loop}, "
                      "your log); an ask left hanging costs more goodwill than a no."),
    )),
    "graduated": (0, (
        ("three-to-five", "Celebrate your strong tie with {n} and free the focus slot for "
                          "the next candidate: peermap focus drop {arg}"),
        ("three-to-five", "Keep {n} in your regular rhythm now that the tie is strong, and "
                          "make room in your focus for someone new."),
        ("three-to-five", "Thank {n} for how the collaboration has grown, then pick the next "
                          "tie to build up with peermap focus."),
    )),
    "was_too_big": (0, (
        ("small-steps", "Last week's step with {n} ({step}) turned out too big. Try "
                        "the smallest version of it: two lines in a message."),
        ("small-steps", "You said {step} was too big for a week. Cut it in half with {n}: "
                        "the first question only, or the first five minutes."),
    )),
    "was_wrong_moment": (0, (
        ("know-them", "Last week was the wrong moment for {step} with {n}. Ask them when "
                      "suits, or wait for your next regular contact."),
        ("know-them", "Try {step} with {n} again at a better moment: after their deadline, "
                      "or at the start of a meeting you already share."),
    )),
    "was_done": (2, (
        ("know-them", "You did {step} with {n} last week. Ask what came of it, and build "
                      "the next step on their answer."),
        ("small-steps", "Build on last week's step with {n} ({step}): one small follow-up "
                        "while it is fresh."),
    )),
    "overdue": (0, (
        ("small-steps", "Your step with {n} ({step}, planned for {due}) has waited {since}. "
                        "Do it this week, or swap it for something that takes ten minutes."),
        ("small-steps", "The step you planned with {n} on {due} ({step}) has not happened "
                        "yet. Was it too big? Shrink it to one message you can send today."),
        ("small-steps", "Still waiting since {due}: {step}. Either book it in your calendar "
                        "this week or replace it with a smaller step with {n}."),
    )),
    "clash_listen": (0, (
        ("know-them", "Ask {n} for twenty minutes to hear how things look from their side, "
                      "and spend it listening rather than re-arguing."),
        ("know-them", "Ask {n} what they are under pressure to deliver this quarter; "
                      "understanding comes before agreement."),
        ("know-them", "In your next shared meeting, ask {n} one genuine question about "
                      "their view, and let them finish."),
    )),
    "clash_own": (0, (
        ("real-feedback", "Own your part with {n}: name one thing you would do differently "
                          "about {about}, and ask what they would change."),
        ("real-feedback", "Tell {n} plainly which part of {about} you got wrong, without a "
                          "\"but\"; it makes room for them to do the same."),
        ("real-feedback", "Ask {n} how your part in {about} landed for them, and listen to "
                          "the answer as feedback you want."),
    )),
    "clash_goals": (0, (
        ("relevance", "Find one goal you and {n} both care about{goal_hint} and open with "
                      "it; shared goals are firmer ground than the old disagreement."),
        ("relevance", "Start from the work you both depend on{goal_hint}, not from the "
                      "disagreement: ask {n} what a good outcome looks like for them."),
        ("relevance", "Propose to {n} one small thing you could get done together that "
                      "helps you both{goal_hint}; repair grows from joint work."),
    )),
    "clash_credit": (0, (
        ("know-them", "Credit {n} by name, where others can see it, for something they got "
                      "right; it mends more than talking about the past."),
        ("know-them", "Next time {n}'s work helps yours, say so in public and be specific; "
                      "credit is the cheapest repair there is."),
        ("know-them", "Mention {n}'s contribution in your next update or review; people "
                      "notice who credits them after a disagreement."),
    )),
    # --- tier 1: the tie's state -----------------------------------------------------
    "first_here": (1, (
        ("chance-encounters", "Find {n} in person this week in {loc} (coffee, the lift, "
                              "after a meeting) and skip the small talk: \"What are you "
                              "working on?\", \"What are you excited about right now?\", "
                              "\"What's your biggest challenge?\""),
        ("chance-encounters", "Sit near {n} at lunch or a talk in {loc} and ask \"What are "
                              "you working on?\"; then \"What's your biggest challenge?\" "
                              "tells you where you could help."),
        ("start-early", "Introduce yourself to {n} in person in {loc} before you need "
                        "anything: one line on your work, then \"What are you excited "
                        "about right now?\""),
    )),
    "first_far": (1, (
        ("start-early", "Send {n} a two-line hello{far}: what you work on and one question "
                        "about theirs, with nothing to decide and nothing to ask for."),
        ("start-early", "Book fifteen minutes on a call with {n}{far} to hear what they are "
                        "working on; no agenda beyond that, before you need anything."),
        ("chance-encounters", "Join your next shared call with {n} two minutes early and "
                              "ask \"What are you working on?\" instead of waiting in "
                              "silence."),
        ("start-early", "Message {n}{far} about something of theirs you noticed, with one "
                        "question and no ask; it is easier to start before anything is at "
                        "stake."),
    )),
    "not_tried_future": (1, (
        ("start-early", "Say hello to {n} while nothing is at stake; you will likely need "
                        "each other for future work, and then you won't be strangers."),
        ("start-early", "Ask {n} where their work is heading this year, since yours may "
                        "meet it; it is easier to start before you need something."),
        ("start-early", "Follow what {n} is doing and send a note when something of theirs "
                        "lands; build the tie months before the work that needs it."),
    )),
    "unrated": (1, (
        ("rate-honestly", "Rate your tie with {n} honestly: strong if you already help each "
                          "other, weak if there is room to improve, nonexistent if not yet "
                          "connected."),
        ("rate-honestly", "Take a minute to rate how things really stand with {n}: "
                          "peermap rate {arg} strong|weak|nonexistent"),
    )),
    "no_matters": (1, (
        ("relevance", "Decide what {n} matters for (current work, future work or the big "
                      "picture): peermap edit {arg} --matters current-work"),
        ("relevance", "Write down why {n} matters to your work before investing time; "
                      "relevance, not liking, decides where the effort goes."),
    )),
    "stale": (1, (
        ("small-steps", "Pick up with {n} where you left off {since} ago ({last}, your log): "
                        "a two-line note on what has moved since."),
        ("small-steps", "Send {n} a short message; {since} since you last spoke ({last}, "
                        "your log), and a small check-in now keeps the tie warm."),
    )),
    "stale_plain": (1, (
        ("small-steps", "Time to reconnect with {n}: it has been {since}. Share one thing "
                        "that changed in your work and ask what changed in theirs."),
        ("small-steps", "Send {n} a two-line note on what you are working on; {since} since "
                        "you last talked is long enough."),
    )),
    # --- tier 2: the person ------------------------------------------------------------
    "rerate": (2, (
        ("rate-honestly", "You rated {n} {tie} on {rated}; {evidence} since. Does {tie} "
                          "still hold? peermap rate {arg} strong|weak"),
        ("rate-honestly", "Check your rating of {n}: {tie} since {rated}, and {evidence} "
                          "since then. Rate what is true now, not what it was."),
        ("rate-honestly", "{evidence_cap} since you rated {n} {tie} ({rated}). If help now "
                          "flows both ways, that is a strong tie: peermap rate {arg} strong"),
    )),
    "rerate_fresh": (1, (
        ("rate-honestly", "{evidence_cap}, after you rated your tie with {n} {tie} on "
                          "{rated}. When they come to you, the tie may be stronger than you "
                          "think: peermap rate {arg} strong|weak"),
        ("rate-honestly", "{evidence_cap}: a good sign. Is {n} still a {tie} tie, as you "
                          "rated it on {rated}? Rate what is true now."),
    )),
    "goal": (2, (
        ("know-them", "Ask {n} how {goal} (their goal, your words) is going, and listen for "
                      "one thing you could do about it."),
        ("know-them", "Bring {n} one idea, link or contact that moves {goal} (their goal, "
                      "your words) forward, and ask what is in the way."),
        ("give-first", "Share with {n} what you know that bears on {goal} (their goal, your "
                       "words) before they have to ask."),
        ("know-them", "Ask {n} what would have to be true by next quarter for {goal} (their "
                      "goal, your words) to count as done."),
    )),
    "pressure": (2, (
        ("give-first", "{n} is under pressure: {pressure} (your words). Offer one concrete "
                       "thing that takes weight off it this week."),
        ("know-them", "Ask {n} how {pressure} (their pressure, your words) is going, and "
                      "problem-solve the hardest part with them."),
        ("give-first", "Check whether anything from your side makes {pressure} (your words) "
                       "harder for {n}, and fix or flag it early."),
        ("know-them", "Ask {n} what would make {pressure} (your words) lighter, and listen "
                      "before you offer anything."),
    )),
    "note": (2, (
        ("know-them", "Pick up from your note on {n}, {note}: ask how it has moved since, "
                      "and what they need next."),
        ("know-them", "Your note on {n} says {note}. Ask one question that shows you "
                      "remembered, and listen for how you could help."),
        ("give-first", "With your note on {n} in mind ({note}), send them one thing that "
                       "would help with it, unasked."),
    )),
    "last_talk": (2, (
        ("know-them", "Follow up on your last contact with {n} ({last}, your log of {when}): "
                      "ask what happened next."),
        ("small-steps", "Build on your last contact with {n} ({last}, your log of {when}): "
                        "one message that carries it a step further."),
        ("know-them", "Ask {n} how things went after {when} ({last}, your log); remembering "
                      "is a small gift."),
    )),
    "strength_offer": (2, (
        ("give-first", "Offer {n} an hour of your {strength}: it fits {fit} (your words)."),
        ("know-them", "Ask {n} whether your {strength} could help with {fit} (your words); "
                      "if so, offer a concrete hour."),
        ("give-first", "Send {n} one tip from your {strength} that bears on {fit} (your "
                       "words), with no strings attached."),
    )),
    "strength_compare": (2, (
        ("learn-from-peers", "Compare notes with {n} on {strength}: it is your strength and "
                             "close to their {fit}; trade one lesson each."),
        ("learn-from-peers", "Ask {n} how they approach {fit}, and share how you do "
                             "{strength}; both of you leave with something."),
    )),
    "they_helped": (2, (
        ("know-them", "Thank {n} with specifics for their help on {when} ({last}, your log), "
                      "and credit them where their manager can see it."),
        ("know-them", "Tell {n} what their help on {when} made possible ({last}, your log); "
                      "specific thanks is rarer than help."),
        ("give-first", "{n} helped you on {when} ({last}, your log); find one way to return "
                       "the favour before anything else."),
    )),
    "they_asked": (2, (
        ("know-them", "{n} asked your advice on {when} ({last}, your log), a sign the tie "
                      "works: ask how it turned out."),
        ("know-them", "Follow up on the advice {n} asked you for on {when} ({last}, your log), "
                      "and offer the next step of help if they need it."),
        ("real-feedback", "{n} came to you for advice on {when}; it is a good moment to ask "
                          "for a quick bounce on something of yours in return."),
    )),
    "fine_to_ask": (2, (
        ("real-feedback", "You have given {n} more than you have asked lately; it is fine to "
                          "ask now: a quick bounce on one question they would enjoy."),
        ("real-feedback", "Ask {n} for feedback you genuinely want on one concrete draft; you "
                          "have given plenty, and asking lets them give back."),
        ("learn-from-peers", "Ask {n} to teach you one thing they know well; after what you "
                             "have given, they will likely be glad to."),
    )),
    "relies": (2, (
        ("know-them", "Ask {n} what they most need from your work in the next quarter, and "
                      "by when; then you will know early if anything slips."),
        ("give-first", "Tell {n} about changes coming in the work they rely on from you, "
                       "before they find out some other way."),
        ("know-them", "Ask {n} which of your dates matter most to their plans, so you can "
                      "warn them in time if one moves."),
    )),
    "relies_note": (2, (
        ("know-them", "Your note says {note}. Ask {n} which dates and details matter most, "
                      "so you can warn them early if anything moves."),
        ("give-first", "With {note} (your note) in mind, send {n} a short status on what "
                       "they depend on from you, before they need to ask."),
    )),
    "helps": (2, (
        ("know-them", "Credit {n} by name in your next update or demo for the part their "
                      "work plays in yours."),
        ("know-them", "Tell {n}'s manager, specifically, how their work helps yours; credit "
                      "that travels upward is remembered."),
        ("know-them", "Ask {n} what is hardest in their work right now; you rely on it, so "
                      "their problems are partly yours."),
    )),
    "shared_goals": (2, (
        ("know-them", "Book thirty minutes with {n} to brainstorm the hardest part of the "
                      "goal you share{goal_hint}."),
        ("know-them", "Ask {n} what is blocking their side of the goal you share{goal_hint}, "
                      "and problem-solve it together."),
        ("relevance", "Compare plans with {n} for next quarter; where your goals overlap, "
                      "split the work or pool it."),
    )),
    "weak_share": (2, (
        ("give-first", "Send {n} a short note with something you know that would help them "
                       "decide better this month."),
        ("give-first", "Share one practice with {n} that is routine for you but could save "
                       "them time: a checklist, a script, a lesson learned."),
        ("give-first", "Pass on to {n} something you heard that affects their work; context "
                       "travels slowly and is welcome early."),
    )),
    "weak_feedback": (2, (
        ("real-feedback", "Ask {n} for a quick bounce on one specific question, framed "
                          "around how the answer helps them too, then tell them what you "
                          "did with it."),
        ("real-feedback", "Decide whether you want a quick reaction or an in-depth critique "
                          "from {n}, ask for exactly that, and close the loop afterwards."),
        ("real-feedback", "Ask {n} for feedback you genuinely want on one concrete draft, "
                          "and follow up with what changed because of it."),
    )),
    "strong_keep": (2, (
        ("small-steps", "Keep the tie with {n} alive with a short check-in every few weeks; "
                        "strong ties stay strong on small, regular contact."),
        ("know-them", "Spread the word about {n}'s latest win to the people who should hear "
                      "it; shared credit keeps a strong tie strong."),
        ("give-first", "Send {n} something useful you came across this week, unasked; small "
                       "gifts keep a strong tie alive."),
    )),
    "strong_intro": (2, (
        ("map-broadly", "Ask {n} for one introduction to someone whose work touches yours, "
                        "and add them to your map."),
        ("map-broadly", "Ask {n} who you should meet before next quarter; strong ties make "
                        "the best introductions."),
        ("map-broadly", "Ask {n} which of their contacts would matter for your future work, "
                        "and whether they would introduce you."),
    )),
    "big_picture": (2, (
        ("relevance", "Ask {n} what their leadership is most concerned about this year; it "
                      "is the bigger picture your own work sits in."),
        ("relevance", "Ask {n} how their work connects to the organisation's priorities, and "
                      "what they see coming that you might not."),
        ("relevance", "Ask {n} what they think will matter most for the organisation next "
                      "year, and share your own view."),
    )),
    "future_work": (2, (
        ("start-early", "Ask {n} where their work is heading in the next six to twelve "
                        "months; yours may meet it, and now is the cheap time to know."),
        ("start-early", "Tell {n} what your team plans for next year that may touch theirs; "
                        "an early heads-up is worth more than a late one."),
    )),
    # --- tier 3: the wider map and habits ----------------------------------------------
    "bridge_team": (3, (
        ("bridge-groups", "Trade ideas with {n}: what is routine {in_my_team} that {team} may "
                          "never have seen, and the other way round?"),
        ("bridge-groups", "Ask {n} what {team} does that everyone there takes for granted; "
                          "it may be news {in_my_team}."),
        ("bridge-groups", "Ask {n} which problem {team} solved this year that {my_team} "
                          "might be about to meet."),
    )),
    "bridge_loc": (3, (
        ("bridge-groups", "Ask {n} what is ordinary in {loc} that would be news {in_my_loc}, "
                          "and offer the same in return."),
        ("bridge-groups", "Swap notes with {n} on how work gets done in {loc} and "
                          "{in_my_loc}; small local habits travel well."),
    )),
    "group": (3, (
        ("bridge-groups", "Suggest a monthly half-hour on {tag} to {group}: a small interest "
                          "group of people who already care about it."),
        ("bridge-groups", "Start a small {tag} circle with {group}: one shared channel, one "
                          "topic a month."),
        ("bridge-groups", "Ask {n} whether a short {tag} session with {others} would be "
                          "worth their time; you all care about it."),
    )),
    "learn_tag": (3, (
        ("learn-from-peers", "Ask {n} what they have learned lately about {topic} that "
                             "surprised them; twenty minutes, your questions prepared."),
        ("learn-from-peers", "Ask {n} what they would recommend reading or trying on "
                             "{topic}."),
        ("learn-from-peers", "Ask {n} which mistake about {topic} they see most often, and "
                             "how to avoid it."),
    )),
    "learn_role": (3, (
        ("learn-from-peers", "Ask {n} what took longest to learn as {role}, and what they "
                             "would tell someone starting out."),
        ("learn-from-peers", "Ask {n} for twenty minutes on how a {role} sees the work you "
                             "share."),
    )),
    "chance_here": (3, (
        ("chance-encounters", "Next time you run into {n} in {loc}, skip the small talk and "
                              "ask: \"What are you working on?\""),
        ("chance-encounters", "When you see {n} around the office, ask \"What are you "
                              "excited about right now?\"; then listen for where you could "
                              "help."),
        ("chance-encounters", "Ask {n} in passing \"What's your biggest challenge at the "
                              "moment?\"; the answer tells you what would really help."),
    )),
    "chance_far": (3, (
        ("chance-encounters", "Open your next call with {n} with \"What are you working "
                              "on?\" instead of the weather."),
        ("chance-encounters", "Arrive a minute early to your next shared call with {n} and "
                              "ask \"What are you excited about right now?\""),
        ("chance-encounters", "In your next chat thread with {n}, ask \"What's your biggest "
                              "challenge at the moment?\" and listen."),
    )),
    "small_step": (3, (
        ("small-steps", "Pick one small step with {n} for this week; a five-minute message "
                        "beats a grand plan."),
        ("small-steps", "Put one small thing with {n} on this week's list: a question, a "
                        "link or a thank-you."),
        ("small-steps", "Choose one ten-minute thing you can do for {n} this week, and do it "
                        "before Friday."),
    )),
    "map_broadly": (3, (
        ("map-broadly", "Ask {n} who else in {team} touches your work, and add them to your "
                        "map."),
        ("map-broadly", "Ask {n} who in {team} you may need in six to twelve months, and "
                        "add them to your map now."),
    )),
    "confidential": (3, (
        ("confidential", "After you next talk with {n}, note their goals and pressures in "
                         "peermap (peermap edit {arg} --goal ...); unlike a shared doc, it "
                         "stays on this machine."),
        ("confidential", "Keep what {n} tells you in confidence in your peermap notes, not "
                         "in a shared doc or channel; trust is slow to build and quick to "
                         "lose."),
    )),
    "confidential_known": (3, (
        ("confidential", "Keep your notes on {n}'s pressures ({pressure}, your words) to "
                         "yourself; use them to help, never to gossip."),
        ("confidential", "Update your notes on {n} after your next talk; what you learn about "
                         "{pressure} (your words) stays on this machine, not in a shared doc."),
    )),
}


def all_texts() -> list[tuple[str, str, str]]:
    """(slot, principle key, text) for every suggestion text in the table."""
    return [(slot, key, text) for slot, (_, texts) in SLOTS.items() for key, text in texts]
