"""Bytes to text: BOM, strict UTF-8, a declared charset, then charset detection.

Binary files (NUL bytes, control characters) are refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252 (curly quotes in 0x80-0x9f).
_WHATWG_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
_WESTERN_PUNCT = frozenset("\u00a0‘’‚“”„–—…•€£¥¢©®™°«»·§¶½¼¾×÷¿¡‹›†‡‰ˆ˜´¨¸ºª")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


class DecodeError(ValueError):
    """The bytes are not text we can decode; the message is the one-line reason."""


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the BOM's length, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration in the first 4 KB names, if any."""
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def canonical_encoding(name: str | None) -> str | None:
    """A Python codec name for a charset label (WHATWG Latin-1 → cp1252), None if unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(codec, codec)


def looks_binary(sample: bytes) -> bool:
    """True for bytes that are not text in any encoding we accept (NUL bytes without a BOM).

    UTF-16/32 text without a BOM also holds NULs; it is recognised by NULs falling on one
    parity of position only and decoding cleanly.
    """
    if bom_encoding(sample) or b"\x00" not in sample:
        return False
    return _bomless_utf16(sample) is None


def _bomless_utf16(data: bytes) -> str | None:
    """The UTF-16 variant of BOM-less text whose every other byte is mostly NUL, else None."""
    sample = data[:4096]
    if len(sample) < 32:
        return None  # too little to tell text from binary
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    guess = (
        "utf-16-le" if odd > 0.3 and even == 0 else "utf-16-be" if even > 0.3 and odd == 0 else None
    )
    if guess is None:
        return None
    try:
        text = sample[: len(sample) // 2 * 2].decode(guess)
    except UnicodeDecodeError:
        return None
    return guess if not _too_many_controls(text) else None


def _too_many_controls(text: str) -> bool:
    # Real text has almost no C0 control characters besides tab/newline/form feed.
    if not text:
        return False
    return len(_CONTROL.findall(text[:100_000])) > max(2, len(text[:100_000]) // 100)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a file's bytes to text.

    Order: byte-order mark; strict UTF-8; the declared charset (HTTP header, ``<meta charset>``
    or XML declaration), WHATWG-style; then `charset_normalizer` detection.

    Args:
        data: the raw bytes.
        declared: a charset named outside the bytes (e.g. an HTTP Content-Type header); the
            bytes' own ``<meta charset>`` / XML declaration is read when this is None.

    Returns:
        The decoded text (BOM removed).

    Raises:
        DecodeError: for empty, binary or undecodable input.
    """
    if not data.strip():
        raise DecodeError("empty file")
    bom = bom_encoding(data)
    if bom:
        name, size = bom
        try:
            return _checked(data[size:].decode(name))
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"undecodable: byte-order mark says {name} but {exc.reason}"
            ) from None
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise DecodeError("binary file (NUL bytes), not text")
        try:
            return _checked(data[: len(data) // 2 * 2].decode(utf16))
        except UnicodeDecodeError:
            raise DecodeError("binary file (NUL bytes), not text") from None
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for label in (declared, declared_charset(data) if declared is None else None):
        enc = canonical_encoding(label)
        if enc and enc not in ("utf-8", "utf-16", "utf-32"):
            try:
                return _checked(data.decode(enc))
            except UnicodeDecodeError:
                if enc == "cp1252":
                    # Five bytes are undefined in cp1252; Latin-1 decodes everything.
                    return _checked(data.decode("latin-1"))
    western = _plausible_cp1252(data)
    if western is not None:
        return _checked(western)
    return _detect(data)


def _plausible_cp1252(data: bytes) -> str | None:
    """The cp1252 reading of mostly-ASCII bytes whose other characters are Western ones.

    Statistical detection is unreliable on short Western text (cp1252 "« à" comes back as
    ISO-8859-10 "Ŧ ā"), and undeclared non-UTF-8 English/European news is nearly always cp1252.
    Scripts that are mostly non-ASCII (Cyrillic, Greek, CJK) fail the ratio test and go to
    detection.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:200_000]
    high = [c for c in sample if ord(c) > 127]
    if not high or len(high) > len(sample) * 0.2:
        return None
    good = sum(
        1 for c in high if c in _WESTERN_PUNCT or ("\u00c0" <= c <= "\u017f" and c.isalpha())
    )
    return text if good >= len(high) * 0.95 else None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable: not UTF-8 and no character encoding detected")
    return _checked(str(best))


def _checked(text: str) -> str:
    if _too_many_controls(text):
        raise DecodeError("binary file (control characters), not text")
    return text
