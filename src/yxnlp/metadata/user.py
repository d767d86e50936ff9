"""Metadata a data team already knows: validated values, manifest files, government hosts.

A scraper often knows a page's title, site and date. Those values win over any guess of
:func:`yxnlp.metadata.read_metadata` and are marked ``user`` in ``Metadata.rules``. Keys:
``title, issuer, region`` (a name the gazetteer resolves, or a 6-digit code), ``published``
(a date), ``summary_year, plan_year`` and ``url`` (its host maps to a region when the page
itself names none: ``www.<pinyin>.gov.cn``, see ``data/gov_hosts.json``).

>>> u = user_metadata({"region": "330421", "summary_year": "2023", "url": "", "published": "2024/1/8"})
>>> u.region, u.summary_year, u.published
(Region(name='嘉善县', code='330421'), 2023, '2024-01-08')
>>> region_from_url("https://fgw.hangzhou.gov.cn/art/2024/1/8/art_1.html")
Region(name='杭州市', code='330100')
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from yxnlp import gazetteer
from yxnlp.errors import InputError
from yxnlp.metadata.dates import find_date, year
from yxnlp.metadata.place import formal_name
from yxnlp.record import Region

#: The columns of a manifest; every one but ``path`` may be missing or empty.
MANIFEST_COLUMNS = ("path", "title", "issuer", "region", "published", "summary_year",
                    "plan_year", "url")
USER_KEYS = MANIFEST_COLUMNS[1:]
_CODE = re.compile(r"\d{6}(?:\d{3})?")


@dataclass(frozen=True)
class UserMetadata:
    """Validated values given by a user; ``None`` where none was given."""

    title: str | None = None
    issuer: str | None = None
    region: Region | None = None
    published: str | None = None
    summary_year: int | None = None
    plan_year: int | None = None
    url: str | None = None


def user_metadata(values: Mapping[str, str], *, where: str = "metadata") -> UserMetadata:
    """Check user values (empty ones are ignored); raise :class:`yxnlp.InputError` naming
    ``where``, the key and the value for a value that cannot be used.

    >>> user_metadata({"plan_year": "明年"})
    Traceback (most recent call last):
    ...
    yxnlp.errors.InputError: metadata: plan_year '明年' is not a year (e.g. 2024)
    """
    given = {k: v.strip() for k, v in values.items() if v is not None and v.strip()}
    unknown = sorted(set(given) - set(USER_KEYS))
    if unknown:
        raise InputError(where, f"unknown key(s) {', '.join(unknown)}; expected some of "
                                f"{', '.join(USER_KEYS)}")
    region = _region(given["region"], where) if "region" in given else None
    published = None
    if (value := given.get("published")) is not None:
        published = find_date(value)
        if published is None or len(value) > 20:
            raise InputError(where, f"published {value!r} is not a date (e.g. 2024-01-18)")
    years = {key: _user_year(key, given[key], where)
             for key in ("summary_year", "plan_year") if key in given}
    url = given.get("url")
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(where, f"url {url!r} is not an http(s) address")
    return UserMetadata(title=given.get("title"), issuer=given.get("issuer"), region=region,
                        published=published, summary_year=years.get("summary_year"),
                        plan_year=years.get("plan_year"), url=url)


def _user_year(key: str, value: str, where: str) -> int:
    y = year(value) if value.isascii() and value.isdigit() and len(value) == 4 else None
    if y is None:
        raise InputError(where, f"{key} {value!r} is not a year (e.g. 2024)")
    return y


def _region(value: str, where: str) -> Region:
    g = gazetteer.load()
    if _CODE.fullmatch(value):
        div = g.get(value)
        if div is None and value == "100000":
            return g.resolve("全国") or Region(name=value, code=value)
        if div is None:
            raise InputError(where, f"region code {value!r} is not in the gazetteer")
        return Region(name=formal_name(div), code=div.code)
    region = g.resolve(value)
    if region is None:
        raise InputError(where, f"region {value!r} is neither a known region name (e.g. 嘉善县, "
                                f"佛山市南海区) nor a 6-digit code")
    return region


def read_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """A manifest CSV (``path,title,issuer,region,published,summary_year,plan_year,url``) as
    ``{path as written: {key: value}}`` with empty values left out. Every row is checked by
    :func:`user_metadata`; an error names the file and the line.

    Paths are kept as written (``/`` separators): a caller joins them to the manifest's folder.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(p, f"cannot read manifest ({exc.__class__.__name__})") from exc
    reader = csv.DictReader(text.splitlines())
    columns = reader.fieldnames or []
    if "path" not in columns:
        raise InputError(p, f"manifest has no 'path' column (columns: {', '.join(MANIFEST_COLUMNS)})")
    unknown = [c for c in columns if c not in MANIFEST_COLUMNS]
    if unknown:
        raise InputError(p, f"unknown column(s) {', '.join(unknown)}; expected "
                            f"{', '.join(MANIFEST_COLUMNS)}")
    out: dict[str, dict[str, str]] = {}
    for row in reader:
        where = f"{p}, line {reader.line_num}"
        if None in row:
            raise InputError(where, "more values than columns")
        key = PurePosixPath((row.pop("path") or "").strip().replace("\\", "/")).as_posix()
        if key in ("", "."):
            raise InputError(where, "empty path")
        if key in out:
            raise InputError(where, f"path {key!r} listed twice")
        user_metadata(row, where=where)
        out[key] = {k: v.strip() for k, v in row.items() if v and v.strip()}
    return out


# -- government hosts --------------------------------------------------------------------------
@functools.cache
def _hosts() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    data = json.loads(resources.files("yxnlp.data").joinpath("gov_hosts.json").read_text("utf-8"))
    left = [k for k in data if not k.startswith("_") and k not in ("curated", "labels")]
    if left:
        raise ValueError(f"gov_hosts.json: keys no code reads: {left}")
    return dict(data["curated"]), {k: tuple(v) for k, v in data["labels"].items()}


def _largest(codes: tuple[str, ...]) -> tuple[str, ...]:
    """Of divisions sharing a label, the one of the highest level if it is alone there (the
    larger division holds the plain name: ``nanjing`` is 南京市, not 南靖县)."""
    if len(codes) < 2:
        return codes
    g = gazetteer.load()
    order = {"province": 0, "city": 1, "county": 2, "township": 3}
    ranks = {c: order[d.level] if (d := g.get(c)) else 0 for c in codes}
    top = min(ranks.values())
    best = tuple(c for c in codes if ranks[c] == top)
    return best if len(best) == 1 else codes


def region_from_url(url: str, *, within: str | None = None) -> Region | None:
    """The region of a ``….gov.cn`` site, from its host labels right to left: the label before
    ``gov.cn`` names the site's region, a label left of it may name a division inside it.
    ``None`` for other hosts and for labels that name several divisions of the same level.

    >>> region_from_url("http://www.jiashan.gov.cn/art/1.html").code
    '330421'
    >>> region_from_url("http://www.gov.cn/zhengce/1.htm").code, region_from_url("https://example.com/") is None
    ('100000', True)
    >>> region_from_url("http://www.xihu.gov.cn/") is None  # four districts
    True
    """
    host = (urlsplit(url).hostname or "").lower()
    if host != "gov.cn" and not host.endswith(".gov.cn"):
        return None
    labels = [lb for lb in host.removesuffix("gov.cn").split(".") if lb and lb != "www"]
    curated, table = _hosts()
    g = gazetteer.load()
    found: str | None = None
    for label in reversed(labels or ["gov"]):
        codes = (curated[label],) if label in curated else table.get(label, ())
        if found is not None:  # a division inside the one found so far
            codes = tuple(c for c in codes if found in {a.code for a in g.lineage(c)} and c != found)
        elif within is not None:
            inside = tuple(c for c in codes if within in {a.code for a in g.lineage(c)})
            codes = inside or codes
        codes = _largest(codes)
        if len(codes) != 1:
            if found is None and labels:
                continue
            break
        found = codes[0]
    if found is None:
        return None
    div = g.get(found)
    return Region(name=formal_name(div), code=found) if div else g.resolve("全国")
