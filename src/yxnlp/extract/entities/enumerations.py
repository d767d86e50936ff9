"""Lists (source ``list``): every item of ``A、B、C等N家企业`` or ``A、B等企业`` is a firm, even
without a legal form or industry word, unless it reads as words (a verb phrase, a category,
a place, a body; :func:`.brands.list_item_ok`). ``A、B等品牌`` is a list of firms only when
one of its items is the start of a firm named elsewhere in the report (永盛 for 永盛门业);
otherwise its brands are products or events (榨菜, 公开赛). A list whose items are all
dictionary words (工矿、交通运输等企业) names sectors, not firms. Lists of projects are read by
:mod:`.contexts` (``project_list``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from yxnlp.extract.entities.brands import list_item_ok
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import rules, search_lines
from yxnlp.extract.entities.dictionary import words_of
from yxnlp.extract.entities.words import cut_left, ordinary_words

_SEPARATORS = re.compile("、")  # 和/及/与 may be part of a name (永和)
_BRAND_ITEM_MAX = 4


def find_enumerations(text: str, *, known: Iterable[str] = ()) -> Iterator[Candidate]:
    """Every item of a list of firms is a company (``known``: firms found by other rules).

    >>> [c.text for c in find_enumerations("为金诚、宏远电子等6家企业办理转贷,督促长兴、德清等县区落实")]
    ['金诚', '宏远电子']
    >>> [c.text for c in find_enumerations("进一步落实领导联系、定期调度，协调解决永和、鑫隆等企业诉求")]
    ['永和', '鑫隆']
    >>> [c.text for c in find_enumerations("永盛、丰华等品牌畅销", known=["永盛门业"])]
    ['永盛', '丰华']
    >>> [c.text for c in find_enumerations("清理工矿、交通运输、建筑安装等企业的仓库")]
    []
    """
    r = rules()
    firms = tuple(known)
    for m in search_lines(r.enum_company_re, text, r.enum_cue_re):
        s = m.start("items")
        run = m.group("items")
        start = s + cut_left(run.split("、")[0], r.company_left, keep=2)
        items: list[tuple[int, str]] = []
        pos = start
        for item in _SEPARATORS.split(text[start : m.end("items")]):
            items.append((pos, item))
            pos += len(item) + 1
        brands = m.group("head").endswith("品牌")
        if brands and not any(f.startswith(i) for _, i in items if len(i) >= 2 for f in firms):
            continue  # 榨菜、脐橙等品牌: products, not firms
        if len(items) > 1 and all(_sector(i) for _, i in items if i):
            continue  # 工矿、交通运输、建筑安装等企业: sectors; a name is not all dictionary words
        for i_start, item in items:
            if brands and len(item) > _BRAND_ITEM_MAX:
                continue
            shaped = r.shaped_end_re.search(item[2:])
            if list_item_ok(item) or (shaped and 3 <= len(item) <= 12):
                yield Candidate("COMPANY", i_start, i_start + len(item), item, "list")


def _sector(item: str) -> bool:
    """An item made of dictionary words of two characters or more, none a person's or a
    place's name, without a legal form or industry word at its end (交通运输, 建筑安装)."""
    r = rules()
    if r.shaped_end_re.search(item[2:]):
        return False
    return ordinary_words(item) and all(len(w) >= 2 for w in words_of(item))
