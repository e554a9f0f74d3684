"""The vocabulary of offices: the words that make up titles like "Russian Foreign Minister"."""

from __future__ import annotations

# Nouns that head an office title.
TITLE_HEADS = frozenset(
    ["president", "president-elect", "minister", "premier", "chancellor", "secretary", "secretary-general", "ambassador", "envoy", "senator", "congressman", "congresswoman", "congressmember", "representative", "governor", "mayor", "king", "queen", "prince", "princess", "emir", "sultan", "monarch", "leader", "chairman", "chairwoman", "chairperson", "chair", "director", "spokesman", "spokeswoman", "spokesperson", "general", "admiral", "commander", "chief", "adviser", "advisor", "diplomat", "negotiator", "prosecutor", "judge", "justice", "ceo", "head", "pope", "speaker", "lawmaker", "commissioner", "counterpart", "ayatollah", "cardinal", "archbishop", "bishop", "dictator", "premier", "taoiseach", "lord", "mp", "minister-president", "official", "officials", "aide", "attorney-general", "attorney", "marshal", "colonel", "lieutenant", "captain", "major", "administrator", "coordinator", "czar", "tsar", "treasurer", "comptroller", "deputy", "vice-president", "viceroy", "governor-general", "regent", "shah", "crown-prince", "foreign-minister", "undersecretary", "under-secretary", "vice-chancellor", "vice-premier"]
)
# Words that modify a head inside a title ("Foreign", "Prime", "Deputy", "Supreme").
TITLE_MODIFIERS = frozenset(
    ["foreign", "defense", "defence", "interior", "home", "finance", "prime", "vice", "deputy", "acting", "supreme", "crown", "top", "national", "security", "state", "trade", "economy", "economic", "energy", "health", "justice", "special", "senior", "assistant", "general", "executive", "federal", "first", "grand", "chief", "principal", "press", "intelligence", "military", "army", "navy", "air", "force", "armed", "forces", "affairs", "development", "environment", "agriculture", "education", "labor", "labour", "transport", "transportation", "culture", "treasury", "commerce", "industry", "war", "homeland", "veterans", "housing", "immigration", "public", "private", "permanent", "majority", "minority", "opposition", "party", "parliamentary", "presidential", "external", "internal", "european", "international", "regional", "provincial", "district", "county", "city", "policy", "high"]
)
# Nouns of institutions that may sit inside a title before its head ("Foreign Ministry spokesman").
INSTITUTION_WORDS = frozenset(
    ["ministry", "department", "office", "presidency", "government", "cabinet", "embassy", "mission", "council", "commission", "parliament", "assembly", "congress", "senate", "kremlin", "palace", "court", "party", "delegation", "agency", "bureau"]
)
# Heads of titles whose holder is posted to another country or organisation ("ambassador to X").
POSTED_HEADS = frozenset({"ambassador", "envoy", "representative", "delegate", "emissary", "consul"})
# Heads of state or government: what "the Russian leader" may stand for.
LEADER_HEADS = frozenset(
    {"president", "premier", "chancellor", "king", "queen", "emir", "sultan", "monarch", "leader", "taoiseach"}
)
# Forms of address written before a name that are not offices ("Sheikh Tamim", "Sir Keir").
HONORIFICS = frozenset({"sheikh", "sheik", "sir", "dame", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."})
# Words that mean the office is no longer held.
FORMER = frozenset({"former", "ex", "ex-", "late", "then", "outgoing", "erstwhile", "previous"})
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
