"""The vocabulary of offices: the words that make up titles like "Russian Foreign Minister"."""

from __future__ import annotations

# Nouns that head an office title (and their abbreviations before names: "Sgt.", "Gen.").
TITLE_HEADS = frozenset([
    "adm.", "administrator", "admiral", "adviser", "advisor", "aide", "ambassador", "archbishop",
    "attorney", "attorney-general", "ayatollah", "bishop", "capt.", "captain", "cardinal", "ceo",
    "chair", "chairman", "chairperson", "chairwoman", "chancellor", "chief", "col.", "colonel",
    "commander", "commissioner", "comptroller", "congressman", "congressmember", "congresswoman",
    "consul", "consul-general", "coordinator", "counterpart", "delegate", "cpl.", "crown-prince", "czar", "deputy", "dictator", "diplomat",
    "director", "emir", "emissary", "envoy", "foreign-minister", "gen.", "general", "gov.", "governor",
    "governor-general", "head", "judge", "justice", "king", "lawmaker", "leader", "lieutenant",
    "lord", "lt.", "maj.", "major", "marshal", "mayor", "mediator", "minister", "minister-president", "monarch",
    "mp", "negotiator", "official", "officials", "pope", "premier", "president", "president-elect",
    "prince", "princess", "prosecutor", "pvt.", "queen", "regent", "rep.", "representative",
    "secretary", "secretary-general", "sen.", "senator", "sgt", "sgt.", "shah", "speaker",
    "spokesman", "spokesperson", "spokeswoman", "sultan", "supt.", "taoiseach", "treasurer", "tsar",
    "under-secretary", "undersecretary", "vice-chancellor", "vice-premier", "vice-president",
    "viceroy"
])  # fmt: skip
# Words that modify a head inside a title ("Foreign", "Prime", "Deputy", "Supreme").
TITLE_MODIFIERS = frozenset([
    "acting", "affairs", "agriculture", "air", "armed", "army", "assistant", "chief", "city",
    "commerce", "county", "crown", "culture", "defence", "defense", "deputy", "development",
    "district", "economic", "economy", "education", "energy", "environment", "european",
    "executive", "external", "federal", "finance", "first", "force", "forces", "foreign", "general",
    "grand", "health", "high", "home", "homeland", "housing", "immigration", "industry",
    "intelligence", "interior", "internal", "international", "justice", "labor", "labour",
    "majority", "military", "minority", "national", "navy", "opposition", "parliamentary", "party",
    "permanent", "policy", "presidential", "press", "prime", "principal", "private", "provincial", "shadow",
    "public", "regional", "security", "senior", "special", "state", "supreme", "top", "trade",
    "transport", "transportation", "treasury", "veterans", "vice", "war"
])  # fmt: skip
# Nouns of institutions that may sit inside a title before its head ("Foreign Ministry spokesman").
INSTITUTION_WORDS = frozenset([
    "agency", "assembly", "bureau", "cabinet", "commission", "congress", "council", "court",
    "delegation", "department", "embassy", "government", "kremlin", "ministry", "mission", "office",
    "palace", "parliament", "party", "presidency", "senate"
])  # fmt: skip
# Heads of titles whose holder is posted to another country or organisation ("ambassador to X").
POSTED_HEADS = frozenset({"ambassador", "envoy", "representative", "delegate", "emissary", "consul"})
# Heads of state or government: what "the Russian leader" may stand for.
LEADER_HEADS = frozenset({
    "chancellor", "emir", "king", "leader", "monarch", "premier", "president", "queen", "sultan",
    "taoiseach"
})  # fmt: skip
# Forms of address written before a name that are not offices ("Sheikh Tamim", "Sir Keir").
HONORIFICS = frozenset(
    {"sheikh", "sheik", "sir", "dame", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "h.e.", "h.e"}
)
# Words that mean the office is no longer held.
# ("then-Foreign Minister X" is the office held at the time told, so it counts.)
FORMER = frozenset({"former", "ex", "ex-", "late", "outgoing", "erstwhile", "previous"})
# Offices whose bare English name denotes one country's office; general knowledge, used only
# when the text names no country for the title.
NATIONAL_OFFICES = {
    "secretary of state": "United States",
    "secretary of defense": "United States",
    "secretary of the treasury": "United States",
    "treasury secretary": "United States",
    "attorney general": None,
    "foreign secretary": "United Kingdom",
    "home secretary": "United Kingdom",
    "chancellor of the exchequer": "United Kingdom",
    "taoiseach": "Ireland",
}


def is_title_word(word: str) -> bool:
    """Whether a lower-cased word can be part of an office title."""
    return word in TITLE_HEADS or word in TITLE_MODIFIERS


def is_head(word: str) -> bool:
    """Whether a lower-cased word can head an office title."""
    return word in TITLE_HEADS


def tidy(title: str) -> str:
    """The title as written, with spacing normalised and a capital on each main word."""
    words = title.replace("\n", " ").split()
    small = {"of", "for", "the", "and", "to", "on"}
    return " ".join(w if (w in small or w[:1].isupper()) else w[:1].upper() + w[1:] for w in words)


def national_office(title: str) -> str | None:
    """The country an unqualified national office title denotes, if it denotes one."""
    return NATIONAL_OFFICES.get(" ".join(title.lower().split()))


def singular(word: str) -> str | None:
    """The singular of a plural office noun ("presidents" -> "president", "heads" -> "head"), else None."""
    if word.endswith("ies") and word[:-3] + "y" in TITLE_HEADS:
        return word[:-3] + "y"  # "secretaries"
    if word.endswith("s") and word[:-1] in TITLE_HEADS:
        return word[:-1]
    return None
