"""Decoding a text file's bytes: byte-order mark first, then UTF-8 and GB18030, then a detector.

1. A byte-order mark decides (UTF-32 before UTF-16, whose mark is a prefix of it); bytes that
   do not decode in the marked encoding are refused, never decoded as something else.
2. Without one: UTF-8, else GB18030 (which covers GBK and GB2312) when the result reads as
   Chinese, else UTF-8 with a few stray bytes (a file cut mid-character; each stray byte
   becomes U+FFFD).
3. Else the maintained detector charset-normalizer, whose guess is kept only when it is a
   Chinese or Unicode encoding (Big5, UTF-16 or UTF-32 without a mark …) and the text reads
   as Chinese. What it cannot decide is refused, as "binary" when the bytes look like it.

A decoding that holds NUL or more than :data:`CONTROL_SHARE` control characters is not text.
Nothing else is changed: the file's characters are the source text.

>>> detect_and_decode("增长7%".encode("utf-16-le"))
('增长7%', 'utf_16_le')
>>> detect_and_decode(b"\\xff\\xfe\\x00\\x00" + "增长".encode("utf-32-le"))
('增长', 'utf-32')
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from pathlib import Path

from yxnlp.errors import InputError, short

#: Encodings accepted from charset-normalizer's guess (Chinese and Unicode ones).
GUESSABLE = ("big5", "cp950", "gb", "hz", "utf_16", "utf_32", "utf_8")
_SNIFF = 8192  # bytes examined for the binary test

# Thresholds of the heuristics below (shares are fractions).
CONTROL_SHARE = 0.1  # control characters above which bytes or a decoding are not text
STRAY_PER_BYTE = 0.001  # undecodable UTF-8 sequences tolerated per byte (a cut file)
CJK_SHARE = 0.9  # non-ASCII characters that must be CJK for a decoding to read as Chinese
COMMON_SHARE = 0.5  # ideographs that must be everyday ones (GB2312 or Big5) to be real text
_CONTROL = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}
_CONTROL_CHARS = frozenset(map(chr, _CONTROL))

# (mark, codec that removes it, name); UTF-32LE's mark starts with UTF-16LE's: test it first
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16BE"),
)


def is_binary(raw: bytes) -> bool:
    """NUL bytes, or more than 10% control bytes, in the first 8 KiB.

    >>> is_binary("一、概况\\n".encode("gb18030")), is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00")
    (False, True)
    """
    head = raw[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM holds NULs
        return False
    if b"\x00" in head:
        return True
    return sum(b in _CONTROL for b in head) > CONTROL_SHARE * max(len(head), 1)


def is_text(text: str) -> bool:
    """No NUL and at most 10% control characters (tabs and line breaks are text).

    >>> is_text("一、概况\\n"), is_text("a\\x00b")
    (True, False)
    """
    if "\x00" in text:
        return False
    head = text[:_SNIFF]
    return sum(c in _CONTROL_CHARS for c in head) <= CONTROL_SHARE * max(len(head), 1)


def decode_text(raw: bytes, *, path: str | Path = "<bytes>") -> str:
    """Decode a text file as the module docstring says.

    >>> decode_text("\\ufeff规上工业".encode("utf-8"))
    '规上工业'
    >>> decode_text("规上工业增加值增长8%".encode("gbk"))
    '规上工业增加值增长8%'
    """
    return detect_and_decode(raw, path=path)[0]


def detect_and_decode(raw: bytes, *, path: str | Path = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of a text file; raises :class:`InputError` when it cannot decide.

    >>> detect_and_decode("规上工业".encode("gb18030"))
    ('规上工业', 'gb18030')
    >>> detect_and_decode(b"\\xff\\xfe\\x00\\x00\\x00\\xd8\\x00\\x00", path="a.txt")
    Traceback (most recent call last):
    ...
    yxnlp.errors.InputError: a.txt: starts with a UTF-32LE byte-order mark but is not UTF-32LE text (...)
    """
    for mark, codec, name in _BOMS:
        if raw.startswith(mark):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {name} byte-order mark but is not {name}"
                                       f" text ({short(exc.reason)})") from exc  # fmt: skip
            if not is_text(text):
                raise InputError(path, "binary file, not text")
            return text, codec
    for decoder in _DECODERS:
        found = decoder(raw)
        if found is not None and is_text(found[0]):
            return found
    if is_binary(raw):
        raise InputError(path, "binary file, not text")
    raise InputError(path, "cannot decode text (not UTF-8 or GB18030, and charset-normalizer"
                           " found no Chinese or Unicode encoding)")  # fmt: skip


def _utf8(raw: bytes) -> tuple[str, str] | None:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def _gb18030(raw: bytes) -> tuple[str, str] | None:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return (text, "gb18030") if _looks_chinese(text) else None


def _cut_utf8(raw: bytes) -> tuple[str, str] | None:
    """UTF-8 with at most one stray byte per thousand (a file cut mid-character)."""
    lenient = raw.decode("utf-8", errors="replace")
    stray = lenient.count("\ufffd") - raw.count("\ufffd".encode())
    if stray <= max(1, len(raw) * STRAY_PER_BYTE) and _looks_chinese(lenient.replace("\ufffd", "")):
        return lenient, f"utf-8 ({stray} undecodable byte sequence(s) replaced by U+FFFD)"
    return None


def _detected(raw: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, when it is a Chinese or Unicode encoding."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(raw).best()
    if best is None or not best.encoding.lower().startswith(GUESSABLE):
        return None
    text = str(best).removeprefix("\ufeff")
    return (text, best.encoding) if _looks_chinese(text) else None


_DECODERS: tuple[Callable[[bytes], tuple[str, str] | None], ...] = (
    _utf8, _gb18030, _cut_utf8, _detected
)


def _looks_chinese(text: str) -> bool:
    """Most non-ASCII characters are CJK ideographs or CJK/full-width punctuation."""
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return True
    good = sum(
        "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
        or "\u2000" <= c <= "\u206f" or "\u3400" <= c <= "\u4dbf"
        for c in wide
    )
    return good >= CJK_SHARE * len(wide) and common_share(text) >= COMMON_SHARE


def common_share(text: str, *, min_ideographs: int = 20) -> float:
    """Share of the CJK ideographs in ``text`` that are common ones (in GB2312 or Big5); 1.0 when
    there are too few to judge. Real Chinese prose scores above 0.95; text decoded with
    the wrong mapping (e.g. PDF fonts without ToUnicode) scores far lower.

    >>> common_share("全年实现规上工业增加值215亿元，同比增长7.5%。" * 2)
    1.0
    >>> common_share("䑣鉆㨋䥩鵇钑㱻鬒㡄㩾㧮鏅㱆鵇㩾㧮鏅饄醟嶜㩾㧮鏅㱆") < 0.5
    True
    """
    ideographs = [c for c in text if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"]
    if len(ideographs) < min_ideographs:
        return 1.0
    return sum(map(_is_common, ideographs)) / len(ideographs)


@functools.cache
def _is_common(char: str) -> bool:
    for encoding in ("gb2312", "big5"):  # simplified and traditional everyday characters
        try:
            char.encode(encoding)
            return True
        except UnicodeEncodeError:
            pass
    return False
