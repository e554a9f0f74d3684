"""Bytes to text: byte-order marks, UTF-8, UTF-16 without a BOM, charset detection, and the
checks that a text is text (not binary) and what script and language it is in.

`Bad` says why an input cannot be read; kg.sources turns it into a SourceError naming the input.
"""

from __future__ import annotations

import codecs
import re


class Bad(Exception):
    """Why one input or record cannot be read (kg.sources makes it a SourceError)."""


_Bad = Bad

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _bom(data: bytes) -> str | None:
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def _looks_like_text(s: str) -> bool:
    """No NULs and almost no control characters: what a text file holds and binary noise does not."""
    return "\x00" not in s and len(_CONTROL.findall(s)) <= len(s) * 0.01


def _wide(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII-range text leaves every other byte NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> str:
    """Bytes to text: BOM, else UTF-8, else a detected charset if the result reads as text."""
    enc = _bom(data) or _wide(data)
    if enc:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            raise _Bad(f"looks like {enc} but is not valid {enc} ({e.reason})") from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode(_detect(data))
    if not _looks_like_text(text):
        raise _Bad("does not look like text (binary data?)")
    return _newlines(text)


def _detect(data: bytes) -> str:
    """The charset of bytes that are not UTF-8, as charset_normalizer judges it."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[: 1 << 20]))
    if not matches:
        raise _Bad("is neither UTF-8 nor any text encoding that can be detected (binary data?)")
    best = matches[0]
    # Short Western text fits several code pages equally well and the detector breaks ties
    # arbitrarily (it picks cp1250 for French); Windows-1252 is then by far the likeliest.
    for m in matches:
        if m.chaos <= best.chaos + 0.01 and "cp1252" in m.could_be_from_charset:
            return "cp1252"
    return best.encoding


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid(s: str) -> str:
    """A string with lone surrogates (JSON allows "\\ud800") replaced by U+FFFD, same length.

    They are not Unicode text: UTF-8 cannot encode them and spaCy's tokenizer fails on them.
    """
    return _SURROGATE.sub("\ufffd", s)


_ENGLISH = {
    "the", "a", "an", "of", "to", "in", "and", "on", "for", "with", "at", "by", "from", "that", "is",
    "was", "were", "are", "be", "been", "has", "have", "had", "said", "he", "she", "it", "its", "his",
    "her", "they", "their", "as", "after", "this", "will", "would", "not", "but", "who",
}  # fmt: skip
_LETTERS = re.compile(r"[^\W\d_]+")
# Below this many words a text says too little to judge its language.
LANGUAGE_MIN_WORDS = 30
# ... or this many letters of a script without spaces between words (Chinese, Japanese).
LANGUAGE_MIN_LETTERS = 20
LANGUAGE_SAMPLE_CHARS = 20_000


def _mostly_latin(text: str) -> bool:
    """Whether most letters are Latin (up to Latin Extended-B); True for a text without letters."""
    letters = [c for c in text[:LANGUAGE_SAMPLE_CHARS] if c.isalpha()]
    return sum(c < "\u0250" for c in letters) >= len(letters) / 2


def _not_english(text: str) -> str | None:
    """Why the text does not look like English (the only language extraction reads), or None."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    # an ASCII text is all Latin letters: its characters need no counting (most news in English)
    if (
        not sample.isascii()
        and sum(c.isalpha() for c in sample) >= LANGUAGE_MIN_LETTERS
        and not _mostly_latin(sample)
    ):
        return "the text is mostly in a non-Latin script"
    words = _LETTERS.findall(sample)
    common = sum(w.lower() in _ENGLISH for w in words)
    if len(words) >= LANGUAGE_MIN_WORDS and common < len(words) * 0.08:
        return (
            f"the text does not look like English ({common} of {len(words)} words are 'the', 'of', 'and' ...)"
        )
    return None
