"""What the text asserts of an event: its status from the words around its trigger.

status_of(token, is_verb, type) -> ("occurred" | "planned" | "cancelled" | "negated" | "hypothetical", strength)

The cues, in the order they are tried: a condition ("if"), a negation ("did not meet", "no plans
to"), the object of a calling off, a modal or a verb of possibility ("could", "offered to host"), a
plan ("agreed to meet", "the planned summit", "the agenda includes"), a future time around the
trigger (its own tense, or the main clause of a "before"/"when" clause it sits in), else occurred.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.arguments import prompted_by
from kg.extract.events.lexicon import (
    CANCEL_LEMMAS,
    DENY_LEMMAS,
    EFFORT_NOUNS,
    ENCOUNTER,
    HYPOTHETICAL_LEMMAS,
    HYPOTHETICAL_MODALS,
    NOUN_TRIGGERS,
    PLAN_LEMMAS,
    PLAN_WORDS,
)
from kg.extract.events.triggers import _carriers, compound_preposition, postponing
from kg.extract.time.expressions import infinitive_relative, tense_of

# Words that make an event a claim not established: "the alleged attack", "allegedly met".
ALLEGED = {"alleged", "allegedly", "purported", "purportedly", "suspected"}
# Adjectives that tell an event noun as done: "the recent agreement", "their previous meeting".
PAST_WORDS = {"recent", "previous", "earlier", "past", "former"}
# Verbs of staying away from an event: what they govern did not happen for their subject.
AVOID_LEMMAS = {"fail", "decline", "refuse", "skip", "boycott", "snub", "shun"}
# Phrasal verbs of staying away: "pulled out of the summit", "withdrew from the talks".
AVOID_PHRASES = {("pull", "out"), ("withdraw", "from"), ("stay", "away"), ("back", "out")}


def _stays_away(t: Token) -> bool:
    """Whether a verb says its subject stays away from what it governs: "failed to", "skipped",
    "pulled out of"."""
    if t.pos_ not in {"VERB", "AUX"}:
        return False
    if t.lemma_ in AVOID_LEMMAS:
        return True
    # "pulled out of the summit", not "withdrew troops from the border": what is left is an event
    left = any(
        (t.lemma_, c.lower_) in AVOID_PHRASES for c in t.children if c.dep_ in {"prt", "prep", "advmod"}
    )
    return left and any(g.dep_ == "pobj" and g.lemma_.lower() in NOUN_TRIGGERS for g in t.subtree)


# Verbs that carry an event noun as their object: negated, they negate it for their subject.
CARRIER_LEMMAS = {"attend", "hold", "join", "have", "host", "make", "pay"}
# Verbs of a wish when "would" governs them: "would like to meet", "would love to host".
WISH_LEMMAS = {"like", "love", "prefer"}


def _status(trig: Token, is_verb: bool, etype: str) -> tuple[str, str | None]:
    """The status of an event from the words around its trigger."""
    # a condition outranks a negation inside it: "if Tehran does not reach a deal"
    for t in [trig, *list(trig.ancestors)[:3]]:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            return "hypothetical", None
    # negation on the trigger or a "no plans for X to meet"
    toks = [trig, *trig.ancestors][:5]
    for t in toks:
        if (
            any(c.dep_ == "neg" for c in t.children)
            and (t is trig or t.dep_ != "ROOT" or t.head.i == t.i)
            and (t is trig or (t.pos_ in {"AUX", "VERB"} and trig.dep_ in {"nsubj", "nsubjpass", "xcomp"}))
        ):
            return "negated", None
        if (
            t.i == trig.head.i
            and trig.dep_ == "dobj"
            and t.lemma_ in CARRIER_LEMMAS
            and any(c.dep_ == "neg" for c in t.children)
        ):
            return "negated", None  # "will not attend the summit", "did not hold talks"
        if t.pos_ == "NOUN" and any(c.lower_ == "no" and c.dep_ == "det" for c in t.children):
            return "negated", None
        if (
            t is trig
            and is_verb
            and any(
                c.dep_ in {"nsubj", "nsubjpass"}
                and any(d.lower_ == "no" and d.dep_ == "det" for d in c.children)
                for c in t.children
            )
        ):
            return "negated", None  # "No minister had visited X": nobody did
        if t is not trig and t.lemma_ in DENY_LEMMAS and trig.dep_ in {"ccomp", "dobj", "xcomp", "pobj"}:
            if any(c.dep_ == "neg" for c in t.children):
                return "hypothetical", None  # "did not rule out a meeting": still possible
            return "negated", None
        if (
            t is not trig
            and t.lemma_ in DENY_LEMMAS
            and trig.dep_ in {"acl", "xcomp"}
            and trig.head.lemma_ in {"plan", "plans", "report", "reports"}
            and trig.head.head.i == t.i
        ):
            return "negated", None  # "denied plans to visit Kampala"
        if t is not trig and etype != "Request" and _stays_away(t):
            return "negated", None  # "failed to meet", "skipped the summit", "declined to attend the talks"
    if trig.dep_ == "pobj" and trig.head.lower_ == "without":
        return "negated", None  # "the talks ended without an agreement"
    plans = trig.head
    if (
        trig.dep_ in {"acl", "xcomp", "relcl"}
        and plans.lemma_ in {"plan", "plans", "proposal", "bid", "idea"}
        and plans.dep_ in {"dobj", "nsubjpass"}
        and (plans.head.lemma_ in CANCEL_LEMMAS - {"call"} or postponing(plans.head))
    ):
        return "cancelled", None  # "scrapped plans to visit Kampala"
    for t in [trig, *list(trig.ancestors)[:2]]:
        if any(
            c.dep_ == "advmod" and c.lower_ == "longer" and any(d.lower_ == "no" for d in c.children)
            for c in t.children
        ):
            return "cancelled", None  # "the meeting will no longer take place"
    # an event noun that is the object of cancelling: "the summit was called off"
    if etype != "Cancellation":
        head = trig.head
        if trig.dep_ in {"nsubjpass", "dobj", "pobj"}:
            if trig.dep_ == "pobj":
                head = head.head
            if head.lemma_ in CANCEL_LEMMAS and (
                head.lemma_ != "call" or any(c.lower_ == "off" for c in head.children)
            ):
                return "cancelled", None
            if postponing(head):
                return "cancelled", None  # "put off his visit" (a new day, when told, makes it planned)
            if head.lemma_ in {"halt", "cancellation", "postponement"}:
                return "cancelled", None
    if any(c.dep_ in {"amod", "advmod"} and c.lower_ in ALLEGED for c in trig.children):
        return "hypothetical", None  # "the alleged attack", "allegedly met": claimed, not established
    if not is_verb and any(c.dep_ == "amod" and c.lower_ in PAST_WORDS for c in trig.children):
        return "occurred", None  # "the recent peace agreement", "their previous meeting": told as done
    if trig.dep_ == "pobj" and trig.head.lower_ in {"towards", "toward"} and not is_verb:
        return "hypothetical", None  # "agreed to work towards an agreement": a goal
    if prompted_by(trig):
        return "occurred", None  # "will attend upon the invitation of X": the invitation came first
    # modality, then plans: "offering to mediate a new round of talks" is four words up, but a
    # relative or adverbial clause ends the climb ("the trip, which had been postponed, ..."). A
    # possibility anywhere up the clause outranks a plan below it: "it will be difficult to arrange
    # a summit", "would like to invite them to attend" are not planned.
    anchor = None if is_verb else _time_anchor(trig, gathering=etype in ENCOUNTER)
    if anchor is not None:
        # "hope the treaty can be signed by the summit in June": the clause's modality is the
        # treaty's, the summit it is timed by is simply ahead (or, told in the past, done)
        return ("occurred" if tense_of(anchor) == "past" else "planned"), None
    chain = _clause_chain(trig, 5)
    for t in chain:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS:
                return "hypothetical", None
            if c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}:
                return "hypothetical", None
            if (
                c.dep_ == "advcl"
                and tense_of(t) == "future"
                and any(d.dep_ == "mark" and d.lower_ in {"if", "unless"} for d in c.children)
            ):
                return "hypothetical", None  # "if the trip goes ahead, X will be the first to visit"
        if t is not trig and t.lemma_ in HYPOTHETICAL_LEMMAS:
            return "hypothetical", None  # "offered to host a summit", "accused X of attacking Y"
        if (
            t is not trig
            and _goal_of_effort(t)
            and not any(u.pos_ in {"VERB", "AUX"} for u in chain[1 : chain.index(t)])
        ):
            return "hypothetical", None  # "talks to set up a visit", "efforts to arrange a summit": a goal
        if t is not trig and any(c.dep_ == "acomp" and c.lemma_ in HYPOTHETICAL_LEMMAS for c in t.children):
            return "hypothetical", None  # "it will be difficult to arrange a summit"
        if (
            t is not trig
            and t.lemma_ in WISH_LEMMAS
            and any(c.lower_ in {"would", "'d", "’d"} for c in t.children)
        ):
            return "hypothetical", None  # "he'd like to invite", "would love to host": a wish
    for t in chain:
        marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
        if "so" in marks and any(
            c.dep_ == "aux" and c.lower_ in {"can", "will", "would"} for c in t.children
        ):
            return (
                "planned",
                None,
            )  # "put off so that the envoy can travel": the purpose of an act is ahead of it
        if t is not trig and t.lemma_ in PLAN_LEMMAS:
            return "planned", None
        if t.lemma_ == "look" and any(c.lower_ == "forward" for c in t.children):
            return "planned", None  # "looks forward to having productive discussions"
    if not is_verb:
        for c in trig.children:
            # "the planned summit", "upcoming talks" (not "talks to set up a visit": a purpose, not a plan)
            if c.dep_ in {"amod", "compound", "nmod", "advmod"} and (
                c.lower_ in PLAN_WORDS or c.lemma_ in PLAN_WORDS
            ):
                return "planned", None
    if _on_agenda(trig):
        return "planned", None  # "the minister's agenda includes a meeting with X"
    if _before_a_future(trig):
        return "planned", None  # "three weeks before the Union holds its summit", told of a coming event
    if is_verb and _headline_infinitive(trig):
        return "planned", None  # "Minister to visit London": a headline's future
    tense = tense_of(trig)
    auxes = [c for c in trig.children if c.dep_ in {"aux", "auxpass"}]
    simple_past = is_verb and (
        (trig.tag_ == "VBD" and not auxes)
        or (trig.tag_ == "VBN" and [a.lemma_ for a in auxes] == ["have"])  # "has called for"
    )
    if tense == "future" and not simple_past:  # "called for a ceasefire" happened, whatever "for" follows
        return "planned", None
    if not is_verb:
        carriers = _carriers(trig)
        if any(tense_of(c) == "future" for c in carriers):
            return "planned", None
        if not carriers and not any(c.dep_ in {"acl", "relcl"} for c in trig.children):
            return "occurred", "weak"
        if not carriers and any(c.dep_ == "acl" and c.lemma_ in PLAN_LEMMAS for c in trig.children):
            return "planned", None  # "a breakfast meeting arranged by the party", "talks scheduled for May"
    return "occurred", None


# Nouns of a plan of engagements: what they include is still to happen.
AGENDA_NOUNS = {"agenda", "schedule", "programme", "program", "itinerary", "plans"}
# Conjunctions of a clause whose time follows its main clause's: "before X holds", "when X meets".
TIME_MARKS = {"before", "after", "when", "until", "once", "while"}


def _on_agenda(trig: Token) -> bool:
    """Whether an event noun is what an agenda includes: "X's agenda includes a meeting with Y" (and
    the meetings listed after it: "... and a breakfast meeting with Z")."""
    while trig.dep_ == "conj" and trig.head.i != trig.i:
        trig = trig.head
    head = trig.head
    return (
        trig.dep_ in {"dobj", "attr"}
        and head.lemma_ in {"include", "feature", "be"}
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in AGENDA_NOUNS for c in head.children)
    )


def _before_a_future(trig: Token) -> bool:
    """Whether a present-tense event sits in a time clause of a future main clause: in English such a
    clause keeps the present for the future ("will come before the Union holds its summit")."""
    verb = trig
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "advcl" or verb.tag_ not in {"VBZ", "VBP"}:
        return False
    if not any(c.dep_ in {"mark", "advmod"} and c.lower_ in TIME_MARKS for c in verb.children):
        return False
    return tense_of(verb.head) == "future"


def _headline_infinitive(trig: Token) -> bool:
    """ "X to visit Y" as a clause of its own (a headline): the infinitive of a future act."""
    aux = [c for c in trig.children if c.dep_ == "aux" and c.lower_ == "to"]
    subj = [c for c in trig.children if c.dep_ == "nsubj"]
    return bool(aux and subj) and trig.dep_ == "ROOT"


CLAUSE_BOUNDARIES = {"relcl", "advcl", "ccomp", "parataxis"}


# Tags of a verb with a tense of its own: a conjoined clause with one does not share the other's plan
# ("was scheduled to visit on Friday but cancelled the trip": the cancelling is done).
FINITE_TAGS = {"VBD", "VBZ", "VBP"}


# Prepositions that make an event noun the time another act is measured by: "signed by the summit".
ANCHOR_PREPOSITIONS = {"by", "before", "until", "till"}


def _time_anchor(noun: Token, *, gathering: bool) -> Token | None:
    """The verb whose time an event noun marks: "ready by the summit", "met before the summit",
    "ahead of the summit", "prior to the talks", "around the time of the meeting", "in time for the
    summit"; None when the noun is not such a mark. A passive's "by" is read as a time only for a
    gathering ("to be signed by the summit"): "talks derailed by an attack" names a cause."""
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    word = prep.lower_
    if word == "of" and prep.head.lower_ == "time" and prep.head.dep_ == "pobj":
        prep = prep.head.head  # "around the time of", "at the time of"
    elif compound_preposition(prep) is not prep:
        prep = prep.head  # "ahead of", "prior to"
    elif word == "for" and prep.head.lower_ == "time" and prep.head.head.lower_ == "in":
        prep = prep.head.head  # "in time for"
    elif word not in ANCHOR_PREPOSITIONS:
        return None
    verb = prep.head
    if prep.dep_ == "agent" and not gathering:
        return None
    return verb if verb.pos_ in {"VERB", "AUX"} else None


def _goal_of_effort(verb: Token) -> bool:
    """Whether a verb is the infinitive right after a noun of an effort under way: "talks to set up a
    visit" (read by position, as the parser often hangs the infinitive on the main verb)."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if verb.tag_ != "VB" or to is None or to.i != verb.i - 1 or to.i == 0:
        return False
    return verb.doc[to.i - 1].lower_ in EFFORT_NOUNS


def _clause_chain(tok: Token, n: int) -> list[Token]:
    """The token and up to n-1 of its heads, stopping at the head of a subordinate clause or of a
    conjoined clause whose verb has a tense of its own."""
    chain = [tok]
    while (
        len(chain) < n
        and (tok.dep_ not in CLAUSE_BOUNDARIES or infinitive_relative(tok))
        and not (tok.dep_ in {"conj", "pcomp"} and tok.tag_ in FINITE_TAGS)
        and tok.head.i != tok.i
    ):
        tok = tok.head
        chain.append(tok)
    return chain


status_of = _status
