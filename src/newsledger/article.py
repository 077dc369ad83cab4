"""The `Article`: one news item, its normalised text and its metadata."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Whitespace other than a plain space: when a text has none of it and no double space (most
# texts), _SPACES would only replace every single space by itself, so it is not run at all.
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def normalise_text(text: str) -> str:
    """Normalise article text once, so that every offset refers to the same string.

    Unicode NFC; CRLF/CR to LF; control and zero-width characters dropped; runs of spaces
    collapsed; each line stripped; blank lines collapsed (paragraphs stay one per line).

    Args:
        text: raw text as decoded from the input.

    Returns:
        The normalised text.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_LINES.sub("\n", text)
    return text.strip()


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the (normalised) text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Article:
    """One article as the pipeline holds it; ``text`` is already normalised."""

    text: str
    id: str = ""
    url: str | None = None
    path: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str = "en"
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = normalise_text(self.text)
        if not self.id:
            # A stable id from the text: the same article ingested twice is stored once.
            self.id = "sha-" + text_sha256(self.text)[:16]
        else:
            self.id = str(self.id)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the normalised text."""
        return text_sha256(self.text)

    def meta(self) -> dict[str, Any]:
        """The metadata extractors may read (everything but the text); msgpack-safe."""
        return {
            "id": self.id,
            "url": self.url,
            "path": self.path,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "lang": self.lang,
        }

    def record(self, with_text: bool = True) -> dict[str, Any]:
        """The contract's ``article`` record."""
        rec: dict[str, Any] = {"type": "article", **self.meta(), "sha256": self.sha256}
        if with_text:
            rec["text"] = self.text
        return rec
