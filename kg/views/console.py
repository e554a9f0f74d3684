"""The read-only check of the SPARQL console."""

from __future__ import annotations

import re

# -- SPARQL console -----------------------------------------------------------------------------
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "SERVICE")
_SPARQL_NOISE = re.compile(
    "|".join(
        (
            r'"""(?:[^"\\]|\\.|"(?!""))*"""',  # long strings
            r"'''(?:[^'\\]|\\.|'(?!''))*'''",
            r'"(?:[^"\\\n]|\\.)*"',  # short strings
            r"'(?:[^'\\\n]|\\.)*'",
            r"<[^<>\s]*>",  # IRIs
            r"#[^\n]*",  # comments
            r"[?$]\w+",  # variables
            r"[\w.-]*:[\w.-]*",  # prefixed names
        )
    )
)


def read_only_problem(sparql: str) -> str | None:
    """Why a query may not run in a read-only console (an update or SERVICE keyword), else None."""
    bare = _SPARQL_NOISE.sub(" ", sparql)
    words = set(re.findall(r"[A-Za-z]+", bare.upper()))
    bad = [w for w in _UPDATE_WORDS if w in words]
    if bad:
        return (
            f"This console only reads: {', '.join(bad)} is not allowed. Use SELECT, ASK, CONSTRUCT "
            "or DESCRIBE; SERVICE (federated queries to other endpoints) is refused too."
        )
    return None
