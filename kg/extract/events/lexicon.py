"""The words of diplomatic events: triggers by type, the cues of status, and CAMEO / PLOVER codes.

Plain data, kept apart from the rules that use it (kg.extract.events.triggers, kg.extract.events) so that a reader can
see the vocabulary in one place and extend it.
"""

from __future__ import annotations

# lemma -> event type, for verbs
VERB_TRIGGERS = {
    "meet": "Meeting", "host": "Visit", "visit": "Visit", "travel": "Visit", "arrive": "Visit",
    "negotiate": "Talks", "phone": "PhoneCall", "telephone": "PhoneCall", "announce": "Announcement",
    "declare": "Statement", "state": "Statement", "warn": "Statement", "condemn": "Statement",
    "deny": "Statement", "cancel": "Cancellation", "scrap": "Cancellation", "postpone": "Cancellation",
    "shelve": "Cancellation", "halt": "Cancellation", "abandon": "Cancellation", "agree": "Agreement",
    "sign": "Agreement", "urge": "Request", "request": "Request", "demand": "Request",
    "sanction": "Sanction", "attack": "Attack", "bomb": "Attack", "invade": "Attack",
    "shell": "Attack", "receive": "Visit", "threaten": "Statement", "ask": "Request", "appeal": "Request",
}  # fmt: skip
# lemma -> event type, for nouns
NOUN_TRIGGERS = {
    "meeting": "Meeting", "summit": "Summit", "talk": "Talks", "talks": "Talks", "negotiation": "Talks",
    "session": "Talks", "visit": "Visit", "trip": "Visit", "call": "PhoneCall",
    "conversation": "PhoneCall", "phonecall": "PhoneCall", "announcement": "Announcement",
    "statement": "Statement", "cancellation": "Cancellation", "halt": "Cancellation",
    "postponement": "Cancellation", "agreement": "Agreement", "deal": "Agreement", "treaty": "Agreement",
    "accord": "Agreement", "ceasefire": "Agreement", "sanction": "Sanction", "attack": "Attack",
    "airstrike": "Attack", "request": "Request", "encounter": "Meeting", "meet": "Meeting",
    "consultation": "Talks", "consultations": "Talks", "strike": "Attack", "action": "Attack",
}  # fmt: skip
CAMEO_PLOVER = {
    "Meeting": ("040", "CONSULT"), "Summit": ("044", "CONSULT"), "Talks": ("046", "CONSULT"),
    "Visit": ("042", "CONSULT"), "PhoneCall": ("041", "CONSULT"), "Statement": ("010", None),
    "Announcement": ("010", None), "Cancellation": ("125", "REJECT"), "Agreement": ("057", "AGREE"),
    "Request": ("020", "REQUEST"), "Sanction": ("163", "SANCTION"), "Attack": ("190", "ASSAULT"),
    "Other": (None, None),
}  # fmt: skip
CANCEL_LEMMAS = {"cancel", "scrap", "postpone", "shelve", "halt", "abandon", "call", "suspend", "drop", "nix"}
PLAN_WORDS = {
    "plan", "planned", "propose", "proposed", "upcoming", "expected", "schedule", "scheduled",
    "intend", "intended", "prepare", "preparatory", "future", "next", "possible", "potential",
    "anticipated", "set", "due", "forthcoming", "likely", "hope", "want", "seek", "invite",
    "arrange", "agree", "promise", "pledge",
}  # fmt: skip
HYPOTHETICAL_MODALS = {"could", "might", "may", "should"}
# Verbs that make what they govern a possibility, not a plan: "offered to host", "threatened action".
HYPOTHETICAL_LEMMAS = {"offer", "threaten", "suggest", "consider", "float", "raise", "ready", "willing", "open",
                       "prepared", "possible", "mediate"}  # fmt: skip
PLAN_LEMMAS = {"plan", "propose", "intend", "schedule", "expect", "want", "hope", "seek", "due", "set", "agree",
               "prepare", "aim", "arrange", "invite"}  # fmt: skip
# Verbs of motion whose "for <event>" names what the journey is for: "travel to Qatar for talks".
MOTION_LEMMAS = {
    "travel",
    "arrive",
    "come",
    "fly",
    "go",
    "head",
    "visit",
    "host",
    "leave",
    "return",
    "invite",
}
# Nouns of the media a call goes over: "talks by phone".
PHONE_WORDS = {"phone", "telephone", "video", "videoconference", "videolink", "video-link"}
# Verbs that report: a pronoun subject of what they report is usually their own subject.
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_THING = {"it"}
DENY_LEMMAS = {"deny", "rule", "reject", "dismiss"}
LIGHT_VERBS = {"hold", "have", "make", "pay", "conduct", "host", "stage", "convene", "take", "attend", "impose",
               "reach", "seek", "join", "chair", "expand", "extend", "offer", "propose", "resume", "start",
               "begin", "open", "launch", "strike", "seal", "clinch", "conclude", "sign", "carry"}  # fmt: skip
GENERIC_PEOPLE = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "source",
    "sources", "diplomat", "diplomats", "minister", "ministry", "representative", "representatives",
    "delegation", "envoy", "government", "administration", "office",
}  # fmt: skip
GROUP_WORDS = {"leaders", "sides", "men", "presidents", "countries", "nations", "diplomats", "ministers",
               "governments", "they", "them", "both"}  # fmt: skip
REPORT_LEMMAS = {"confirm", "say", "announce", "tell", "report", "state", "add", "note", "declare"}
ENCOUNTER = {"Meeting", "Summit", "Talks", "Visit"}
