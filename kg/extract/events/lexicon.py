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
    "protest": "Statement", "denounce": "Statement", "criticise": "Statement", "criticize": "Statement",
    "deny": "Statement", "cancel": "Cancellation", "scrap": "Cancellation", "postpone": "Cancellation",
    "shelve": "Cancellation", "halt": "Cancellation", "abandon": "Cancellation", "agree": "Agreement",
    "sign": "Agreement", "urge": "Request", "request": "Request", "demand": "Request",
    "sanction": "Sanction", "attack": "Attack", "bomb": "Attack", "invade": "Attack",
    "shell": "Attack", "receive": "Meeting", "threaten": "Statement", "ask": "Request", "appeal": "Request",
    "welcome": "Meeting", "greet": "Meeting", "summon": "Meeting", "invite": "Request", "propose": "Request",
    "accept": "Agreement", "pledge": "Agreement", "vow": "Agreement", "promise": "Agreement",
    "expel": "Sanction", "oust": "Other", "topple": "Other", "overthrow": "Other", "swear": "Other",
    "head": "Visit", "fly": "Visit", "tour": "Visit", "return": "Other", "recall": "Other",
    "ratify": "Agreement", "land": "Visit", "leave": "Visit",
}  # fmt: skip
# Verbs of saying: a statement of their subject (see kg.extract.events.statements).
SPEECH_LEMMAS = {
    "say", "tell", "tweet", "post", "write", "add", "describe", "charge", "accuse", "insist", "claim", "stress",
    "emphasise", "emphasize", "reiterate", "note", "confirm", "indicate", "express", "declare", "state", "warn",
    "condemn", "deny", "threaten", "quote", "highlight", "complain", "protest", "denounce", "criticise",
    "criticize", "acknowledge", "object", "reaffirm", "underline", "underscore", "voice", "argue",
    "thank", "congratulate", "praise", "hail", "commend", "welcome", "applaud", "deplore", "regret",
    "assure", "echo", "signal", "explain", "point", "reject", "dismiss", "reply", "respond", "offer",
}  # fmt: skip
# Verbs of saying that are reactions to someone or something, with an object of their own ("thanked X
# for", "welcomed the deal"), never needing a clause of what is said.
REACTION_LEMMAS = {"thank", "congratulate", "praise", "hail", "commend", "welcome", "applaud", "deplore",
                   "regret", "assure", "echo"}  # fmt: skip
# Words in the names of news media: their reports are the channel of a story, not statements in it.
MEDIA_WORDS = {
    "news", "times", "post", "journal", "herald", "tribune", "agency", "radio", "tv", "television", "daily",
    "press", "gazette", "broadcasting", "broadcaster", "wire", "reuters", "ap", "afp", "xinhua", "tass", "itar-tass",
    "interfax", "yonhap", "kyodo", "bernama", "anadolu", "efe", "ansa", "dpa", "irna", "suna", "wafa", "apa",
    "asahi", "yomiuri", "sankei", "mainichi", "nikkei", "bbc", "cnn", "nhk", "cctv", "rt", "sputnik", "aljazeera",
    "prensa", "kuna", "ena", "gna", "pti", "ians",
}  # fmt: skip
# Kinds of events finer than their type: (type, kind) by trigger lemma, with CAMEO codes in CAMEO_KINDS.
KINDS = {"expel": ("Sanction", "Expulsion"), "expulsion": ("Sanction", "Expulsion"),
         "summon": ("Meeting", "Summons"), "recall": ("Other", "Recall"), "oust": ("Other", "Coup"),
         "topple": ("Other", "Coup"), "overthrow": ("Other", "Coup"), "coup": ("Other", "Coup"),
         "swear": ("Other", "Inauguration"), "return": ("Other", "Return"), "war": ("Other", "Conflict"),
         "receive": ("Meeting", "Reception"), "welcome": ("Meeting", "Reception"), "greet": ("Meeting", "Reception"),
         "invite": ("Request", "Invitation"), "invitation": ("Request", "Invitation"),
         "pledge": ("Agreement", "Pledge"), "vow": ("Agreement", "Pledge"), "promise": ("Agreement", "Pledge"),
         "ratify": ("Agreement", "Ratification"), "ratification": ("Agreement", "Ratification"),
         "inauguration": ("Other", "Inauguration"),
         "gather": ("Meeting", "Gathering"), "convene": ("Meeting", "Gathering")}  # fmt: skip
# Kinds read from a verb and its object rather than from the verb alone (kg.extract.events.arguments).
OBJECT_KINDS = {"Opening", "Closure", "Relations", "Rupture"}
CAMEO_KINDS = {"Expulsion": ("166", None), "Conflict": ("190", "ASSAULT"), "Relations": ("064", "COOPERATE"),
               "Rupture": ("161", "SANCTION"), "Ratification": ("057", "AGREE")}  # fmt: skip
# lemma -> event type, for nouns
NOUN_TRIGGERS = {
    "meeting": "Meeting", "summit": "Summit", "talk": "Talks", "talks": "Talks", "negotiation": "Talks",
    "session": "Talks", "visit": "Visit", "trip": "Visit", "call": "PhoneCall",
    "conversation": "Talks", "phonecall": "PhoneCall", "announcement": "Announcement",
    "statement": "Statement", "cancellation": "Cancellation", "halt": "Cancellation",
    "postponement": "Cancellation", "agreement": "Agreement", "deal": "Agreement", "treaty": "Agreement",
    "accord": "Agreement", "ceasefire": "Agreement", "sanction": "Sanction", "attack": "Attack",
    "airstrike": "Attack", "request": "Request", "encounter": "Meeting", "meet": "Meeting",
    "consultation": "Talks", "consultations": "Talks", "strike": "Attack", "action": "Attack",
    "discussion": "Talks", "discussions": "Talks", "dialogue": "Talks", "mediation": "Talks",
    "conference": "Meeting", "lunch": "Meeting", "dinner": "Meeting", "breakfast": "Meeting",
    "invitation": "Request", "offer": "Request", "proposal": "Request", "pledge": "Agreement",
    "remarks": "Statement", "readout": "Statement", "tweet": "Statement", "coup": "Other",
    "expulsion": "Sanction", "tour": "Visit", "war": "Other", "ratification": "Agreement",
    "inauguration": "Other", "pact": "Agreement", "memorandum": "Agreement", "mou": "Agreement",
    "communique": "Statement", "communiqué": "Statement", "audience": "Meeting", "bilateral": "Meeting",
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
                       "prepared", "possible", "mediate", "possibility", "likely", "unlikely", "difficult", "hard",
                       "explore", "chance", "prospect", "invite", "urge", "ask", "demand", "request", "press",
                       "appeal", "weigh", "mull", "contemplate", "eye", "accuse", "allege"}  # fmt: skip
# Nouns of an effort under way whose purpose is not yet settled: "talks to set up a visit".
EFFORT_NOUNS = {
    "talk",
    "talks",
    "negotiation",
    "negotiations",
    "effort",
    "efforts",
    "bid",
    "attempt",
    "push",
    "drive",
}
PLAN_LEMMAS = {"plan", "propose", "intend", "schedule", "expect", "want", "hope", "seek", "due", "set", "agree",
               "prepare", "aim", "arrange", "invitation", "suppose"}  # fmt: skip
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
# Nouns of diplomats: "expelled the ambassador" is an expulsion, "recalled its envoy" a recall.
DIPLOMAT_WORDS = {"ambassador", "ambassadors", "envoy", "envoys", "diplomat", "diplomats", "consul", "attache",
                  "chargé", "charge", "staff", "mission"}  # fmt: skip
# Verbs that report: a pronoun subject of what they report is usually their own subject.
PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}
PRONOUNS_THING = {"it"}
DENY_LEMMAS = {"deny", "rule", "reject", "dismiss"}
LIGHT_VERBS = {"hold", "have", "make", "pay", "conduct", "host", "stage", "convene", "take", "attend", "impose",
               "reach", "seek", "join", "chair", "expand", "extend", "offer", "propose", "resume", "start",
               "begin", "open", "launch", "strike", "seal", "clinch", "conclude", "sign", "carry", "lead",
               "undertake"}  # fmt: skip
GENERIC_PEOPLE = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "source",
    "sources", "diplomat", "diplomats", "minister", "ministry", "representative", "representatives",
    "delegation", "envoy", "government", "administration", "office",
}  # fmt: skip
GROUP_WORDS = {"leaders", "sides", "men", "presidents", "countries", "nations", "diplomats", "ministers",
               "governments", "they", "them", "both", "officials", "parties", "delegations"}  # fmt: skip
REPORT_LEMMAS = {"confirm", "say", "announce", "tell", "report", "state", "add", "note", "declare"}
ENCOUNTER = {"Meeting", "Summit", "Talks", "Visit"}
