"""Chinese and full-width numerals: the one place that reads them.

Used by :mod:`yxnlp.extract.numbers` (figures), :mod:`yxnlp.sections` (heading ordinals) and
:mod:`yxnlp.metadata` (dates written in Chinese).

>>> cn_to_number("一千二百万"), cn_to_number("一百零五"), cn_to_number("十三五")
(12000000.0, 105.0, None)
>>> cn_int("二〇二三"), cn_int("十二"), cn_int("三十一"), cn_int("元")
(2023, 12, 31, None)
>>> halfwidth("６．５％")
'6.5%'
"""

from __future__ import annotations

#: Digit characters, including the zero forms seen in dates (〇, ○, full-width Ｏ).
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_ZEROS = "零〇"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def halfwidth(text: str) -> str:
    """Full-width digits, point, comma and percent sign as ASCII."""
    return text.translate(_FULLWIDTH)


def _section(text: str) -> float | None:
    """Value of a Chinese numeral below 10 000 (``三千三百``, ``十二``, ``一百零五``)."""
    total, digit, seen = 0, None, False
    for ch in text:
        if ch in _ZEROS and seen and digit is None:
            continue  # a place-holder zero: 一百零五
        if ch in DIGITS:
            if digit is not None:  # two digits in a row: 一二, 十三五 …
                return None
            digit = DIGITS[ch]
        elif ch in _SMALL:
            mult = _SMALL[ch]
            total += (1 if digit is None else digit) * mult
            digit, seen = None, True
        else:
            return None
    if digit is not None:
        total += digit
    return float(total) if (seen or text) else None


def cn_to_number(text: str) -> float | None:
    """Value of a positional Chinese numeral, or None if it is not one well-formed number.

    >>> cn_to_number("两"), cn_to_number("三千三百万"), cn_to_number("一二三")
    (2.0, 33000000.0, None)
    """
    if not text:
        return None
    total = 0.0
    rest = text
    for big in ("亿", "万"):
        if big in rest:
            head, _, rest = rest.partition(big)
            val = _section(head) if head else None
            if val is None:
                return None
            total += val * _BIG[big]
    if rest:
        if rest.startswith("零"):
            rest = rest[1:]
        val = _section(rest)
        if val is None:
            return None
        total += val
    return total


def cn_digits(text: str) -> int | None:
    """Digits written one by one (``二〇二三`` → 2023), or None.

    >>> cn_digits("二〇二三"), cn_digits("十二")
    (2023, None)
    """
    if not text or any(ch not in DIGITS for ch in text):
        return None
    return int("".join(str(DIGITS[ch]) for ch in text))


def cn_int(text: str) -> int | None:
    """An integer written in Chinese, digit by digit (years) or positionally (days, ordinals)."""
    whole = cn_digits(text)
    if whole is not None:
        return whole
    value = cn_to_number(text)
    return int(value) if value is not None else None


def cn_fraction(text: str) -> str | None:
    """The digits of a decimal part written in Chinese (``三五`` → ``"35"``), or None."""
    if not text or any(ch not in DIGITS for ch in text):
        return None
    return "".join(str(DIGITS[ch]) for ch in text)
