"""Bytes -> text: BOMs, declared charsets, detection, and refusal of binary data."""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import InputError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_UTF8_MULTIBYTE_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
MAX_CONTROL_RATIO = 0.02
MAX_BAD_UTF8_SHARE = 0.001  # of the bytes: a few stray bytes in UTF-8 text are replaced, not a reason to guess


def decode_bytes(data: bytes, source: str, *, html: bool = False) -> str:
    if not data.strip():
        raise InputError(source, "empty input")
    text = _decode_with_bom(data, source)
    if text is None:
        if b"\x00" in data[:65536]:
            raise InputError(source, "binary data, not text (contains NUL bytes)")
        text = _decode_utf8(data) or (html and _decode_declared(data)) or _decode_detected(data, source)
    if _looks_binary(text):
        raise InputError(source, "binary data, not text (too many control characters)")
    if not text.strip():
        raise InputError(source, "empty input")
    return text


def _decode_with_bom(data: bytes, source: str) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(source, f"invalid {codec.upper()} text after its byte-order mark") from None
    return None


def _decode_utf8(data: bytes) -> str | None:
    """UTF-8, or UTF-8 with its few invalid bytes replaced when the rest is clearly UTF-8
    (more valid multi-byte sequences than bad bytes). Latin-1 text, whose every accented
    letter is a bad byte, falls through to the codec guess."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad <= MAX_BAD_UTF8_SHARE * len(data) + 8 and len(_UTF8_MULTIBYTE_RE.findall(data)) > bad:
        return text
    return None


def _decode_declared(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:8192])
    if not match:
        return None
    try:
        return data.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_detected(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None:
        raise InputError(source, "cannot tell the text encoding (binary data?)")
    return data.decode(best.encoding, errors="replace")


def _looks_binary(text: str) -> bool:
    sample = text[:100_000]
    bad = sum(1 for ch in sample if ch not in "\n\r\t" and unicodedata.category(ch) in ("Cc", "Co", "Cn"))
    bad += sample.count("\ufffd")
    return bad > MAX_CONTROL_RATIO * max(len(sample), 1)
