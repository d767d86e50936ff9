"""Build ``src/yxnlp/data/gov_hosts.json``: host labels of government sites → region codes.

Government portals are named ``www.<label>.gov.cn`` (``www.hangzhou.gov.cn``,
``www.jiashan.gov.cn``), and department sites sit under them (``fgw.hangzhou.gov.cn``).
The labels here are

* ``curated``: the 31 provincial portals and the central government's (public facts, listed by
  hand in this script: their labels are abbreviations that no rule derives);
* ``labels``: the Hanyu Pinyin of every province, city and county name of the shipped gazetteer
  (``data/gazetteer``), without its ending (``嘉善县`` → ``jiashan``; also with the ending
  spelled out, ``jiashanxian``, and for one-character stems only with it, ``郏县`` → ``jiaxian``).
  Readings come from the ``pypinyin`` package with every reading of a heteronym kept (``朝阳``
  → ``chaoyang`` and ``zhaoyang``), so a label may name several divisions; the reader decides
  only when one division is left.

Labels made of initials (``hzxh``), or spelled in other ways, are not covered.

Run with a Python that has ``pypinyin`` (it is not a dependency of yxnlp)::

    pip install pypinyin && python scripts/build_gov_hosts.py
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from pathlib import Path

from pypinyin import Style, pinyin

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "src" / "yxnlp" / "data" / "gazetteer"
OUT = ROOT / "src" / "yxnlp" / "data" / "gov_hosts.json"

CURATED = {
    "gov": "100000",
    "beijing": "110000", "tj": "120000", "hebei": "130000", "shanxi": "140000", "nmg": "150000",
    "ln": "210000", "jl": "220000", "hlj": "230000", "shanghai": "310000", "sh": "310000",
    "jiangsu": "320000", "zj": "330000", "ah": "340000", "fujian": "350000", "jiangxi": "360000",
    "shandong": "370000", "henan": "410000", "hubei": "420000", "hunan": "430000",
    "gd": "440000", "gxzf": "450000", "hainan": "460000", "cq": "500000", "sc": "510000",
    "guizhou": "520000", "yn": "530000", "xizang": "540000", "shaanxi": "610000",
    "gansu": "620000", "qinghai": "630000", "nx": "640000", "xinjiang": "650000",
}
ENDINGS = re.compile(r"(?:[\u4e00-\u9fff]{1,8}?族)*自治(?:县|旗|州)$|(?:林区|特区|矿区|地区|县|区|市|旗|盟)$")
MAX_VARIANTS = 8


def _rows(name: str) -> list[dict[str, str]]:
    with (GAZ / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _spellings(word: str) -> list[str]:
    readings = pinyin(word, style=Style.NORMAL, heteronym=True, errors="ignore")
    combos = itertools.islice(itertools.product(*readings), MAX_VARIANTS)
    return sorted({"".join(c) for c in combos if c})


def _labels(name: str) -> set[str]:
    stem = ENDINGS.sub("", name)
    ending = name[len(stem):]
    out: set[str] = set()
    if len(stem) >= 2:
        out.update(_spellings(stem))
    if ending in ("县", "旗", "区", "市") and stem:
        out.update(_spellings(stem + ending))
    return {label for label in out if label.isascii() and label.isalpha()}


def _dump(data: dict[str, object]) -> str:
    """JSON with one label per line (diffs stay readable)."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            rows = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
            lines.append(f"{json.dumps(key)}: {{\n" + ",\n".join(rows) + "\n}")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main() -> int:
    placeholders = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    divisions = [(r["code"].ljust(6, "0"), r["name"]) for r in _rows("provinces.csv")]
    cities = {r["code"]: r["name"] for r in _rows("cities.csv")}
    divisions += [(c.ljust(6, "0"), n) for c, n in cities.items() if n not in placeholders]
    divisions += [(r["code"], r["name"]) for r in _rows("areas.csv")
                  if cities.get(r["cityCode"]) != r["name"]]
    labels: dict[str, list[str]] = {}
    for code, name in divisions:
        for label in _labels(name):
            if label not in CURATED and code not in labels.setdefault(label, []):
                labels[label].append(code)
    unique = sum(1 for codes in labels.values() if len(codes) == 1)
    covered = len({codes[0] for codes in labels.values() if len(codes) == 1})
    data = {
        "_doc": "Host labels of government sites (www.<label>.gov.cn) to region codes; built by "
                "scripts/build_gov_hosts.py from the gazetteer's names (Hanyu Pinyin by the "
                "pypinyin package, every reading of a heteronym kept) and a hand list of the "
                "provincial and central portals. A label with several codes is decided only "
                "by another label of the host or by the caller's region.",
        "_coverage": f"{len(divisions)} divisions; {len(labels)} labels, {unique} naming one "
                     f"division; {covered} divisions reachable by a label of their own",
        "curated": CURATED,
        "labels": dict(sorted(labels.items())),
    }
    OUT.write_text(_dump(data), "utf-8")
    print(data["_coverage"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
