"""Training data for the NER model: corpora converted to one line format, and fixtures.

Every builder yields examples ``{"text": ..., "entities": [[start, end, label], ...]}``
(end exclusive, code points) with yxnlp's labels COMPANY, ORG and PROJECT. How each corpus's
labels map is data, ``configs/ner_labels.json``; the fixtures' templates and invented name
parts are ``configs/fixtures.json``. :mod:`yxnlp.train` writes the files and trains.

>>> convert_cluener_line('{"text": "国务院和华为公司", "entity_list": [{"entity_type": "government",'
...     ' "entity": "国务院", "entity_index": {"begin": 0, "end": 3}}, {"entity_type": "company",'
...     ' "entity": "华为公司", "entity_index": {"begin": 4, "end": 8}}]}')
{'text': '国务院和华为公司', 'entities': [[0, 3, 'ORG'], [4, 8, 'COMPANY']]}
>>> is_government_body("市教育局"), is_government_body("北京理工大学"), is_government_body("宏达公司")
(True, False, False)
"""

from __future__ import annotations

import functools
import hashlib
import json
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

Example = dict[str, Any]
LABELS: tuple[str, ...] = ("COMPANY", "ORG", "PROJECT")
#: The version of the shipped model this code trains.
MODEL_VERSION = "0.2.0"
_SENTENCE_END = re.compile(r"(?:\\n)+|[\n。！？!?；;]+")


def repo_root() -> Path:
    """The checkout that holds ``configs/`` and ``models/`` (the package is in ``src/``)."""
    return Path(__file__).resolve().parents[2]


@functools.cache
def _config(name: str) -> Any:
    return json.loads((repo_root() / "configs" / name).read_text("utf-8"))


def label_map(corpus: str) -> dict[str, str]:
    """Source label → yxnlp label for ``cluener`` or ``boson`` (``ORG?``: bodies only)."""
    return dict(_config("ner_labels.json")[corpus])


def train_repeat() -> dict[str, int]:
    """How many times each corpus's training lines are used per pass (``train_repeat`` of
    ``configs/ner_labels.json``; a corpus not named is used once).

    >>> train_repeat()["cluener"]
    2
    """
    return {k: int(v) for k, v in _config("ner_labels.json").get("train_repeat", {}).items()}


def is_government_body(name: str) -> bool:
    """Whether an organisation name names a government or party body, by the rule of
    ``configs/ner_labels.json``: a body suffix, and no school, club, company, association …
    in it.

    >>> [is_government_body(n) for n in ("外交部欧亚司", "中国奥委会", "县人大常委会", "城南中学")]
    [True, False, True, False]
    """
    spec = _config("ner_labels.json")
    name = name.strip()
    if name.endswith(tuple(spec["not_body_endings"])):
        return False
    if len(name) < 2 or not name.endswith(tuple(spec["body_suffixes"])):
        return False
    return not any(word in name for word in spec["not_body"])


def _entities(raw: dict[str, Any], mapping: dict[str, str]) -> list[list[Any]]:
    """Mapped, stripped, non-overlapping spans of one source line."""
    text = raw["text"]
    ents: list[list[Any]] = []
    for item in raw.get("entity_list", []):
        label = mapping.get(item["entity_type"])
        idx = item["entity_index"]
        s, e = int(idx["begin"]), int(idx["end"])
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if label == "ORG?":
            label = "ORG" if is_government_body(text[s:e]) else None
        if label is not None and s < e:
            ents.append([s, e, label])
    ents.sort(key=lambda x: (x[0], -x[1]))  # of two spans at one start, the longer first
    kept: list[list[Any]] = []
    for x in ents:
        if not kept or x[0] >= kept[-1][1]:
            kept.append(x)
    return kept


def convert_cluener_line(line: str, *, labels: dict[str, str] | None = None) -> Example:
    """One CLUENER JSON line as an example with yxnlp labels."""
    raw = json.loads(line)
    return {"text": raw["text"], "entities": _entities(raw, labels or label_map("cluener"))}


def split_sentences(ex: Example, *, max_len: int = 150) -> Iterator[Example]:
    """An example cut into sentences (at 。！？；, line breaks and written ``\\n``), each at
    most about ``max_len`` characters and never inside an entity; offsets are remapped.

    >>> [s["text"] for s in split_sentences({"text": "甲公司投产。乙局。", "entities": [[0, 3, "COMPANY"]]})]
    ['甲公司投产。', '乙局。']
    """
    text, ents = ex["text"], ex["entities"]
    inside = {i for s, e, _ in ents for i in range(s + 1, e)}
    cuts = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() not in inside]
    start = 0
    for cut in [*cuts, len(text)]:
        while cut - start > max_len:  # a long stretch: cut at a comma outside any entity
            window = [i + 1 for i in range(start + 20, start + max_len) if text[i] in "，,、"]
            step = next((c for c in reversed(window) if c not in inside), start + max_len)
            while step in inside:
                step += 1
            yield from _piece(text, ents, start, step)
            start = step
        yield from _piece(text, ents, start, cut)
        start = cut


def _piece(text: str, ents: list[list[Any]], a: int, b: int) -> Iterator[Example]:
    lead = len(text[a:b]) - len(text[a:b].lstrip())
    a += lead
    if text[a:b].strip():
        inner = [[s - a, e - a, lab] for s, e, lab in ents if a <= s and e <= b]
        yield {"text": text[a:b], "entities": inner}


def boson_examples(path: Path, *, seed: int = 0) -> tuple[list[Example], list[Example]]:
    """BosonNLP documents as sentences, split into training and held-out documents (a
    seeded ``heldout_fraction`` of the documents)."""
    docs = [json.loads(ln) for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    n_held = round(len(docs) * float(_config("ner_labels.json")["heldout_fraction"]))
    held = set(order[:n_held])
    mapping = label_map("boson")
    train: list[Example] = []
    dev: list[Example] = []
    for i, raw in enumerate(docs):
        ex = {"text": raw["text"], "entities": _entities(raw, mapping)}
        (dev if i in held else train).extend(split_sentences(ex))
    return train, dev


# -- fixtures ------------------------------------------------------------------------------
class _Filler:
    """Fills one template's slots with invented names (state: the last full company name,
    for its declared short form)."""

    def __init__(self, rng: random.Random, parts: dict[str, Any]) -> None:
        self.rng, self.p = rng, parts
        self.last_core = ""
        self.last_industry = ""

    def pick(self, key: str) -> str:
        return str(self.rng.choice(self.p[key]))

    def core(self) -> str:
        r = self.rng.random()
        if r < 0.7:
            return self.pick("syllables_head") + self.pick("syllables_tail")
        if r < 0.9:
            return "".join(self.rng.sample(self.p["syllables_foreign"], 3))
        return self.pick("syllables_head") + self.pick("syllables_tail") + self.pick("syllables_tail")

    def region(self) -> str:
        return self.pick("provinces" if self.rng.random() < 0.5 else "places")

    def co(self) -> str:
        self.last_core, self.last_industry = self.core(), self.pick("industry")
        head = self.region() if self.rng.random() < 0.3 else ""
        return head + self.last_core + self.last_industry

    def slot(self, name: str) -> str:
        rng, pick = self.rng, self.pick
        if name == "co":
            return self.co()
        if name == "cofull":
            head = self.region() if rng.random() < 0.8 else ""
            return head + self.co().removeprefix(head) + pick("legal")
        if name == "short":
            return self.last_core + (self.last_industry if rng.random() < 0.6 else "")
        if name == "brand":
            return self.core()
        if name == "group":
            head = self.region() if rng.random() < 0.3 else ""
            return head + self.core() + rng.choice(["集团", "集团", "控股集团", "集团公司"])
        if name == "body":
            return self.body()
        if name == "gov":
            head = pick("places") + pick("levels") if rng.random() < 0.5 else pick("levels")
            return head + rng.choice(["人民政府", "委", "政府", "委员会"])
        if name in ("proj", "coproj"):
            owner = self.co() if name == "coproj" or rng.random() < 0.4 else ""
            size = f"年产{rng.randint(1, 90)}{pick('units')}" if rng.random() < 0.5 else ""
            return owner + size + pick("products") + pick("project_ends")
        if name == "park":
            if rng.random() < 0.25:  # a company inside the park's name
                return self.core() + rng.choice(["工业园", "产业园", "科技园", "智造园"])
            head = pick("places") if rng.random() < 0.5 else ""
            return head + pick("park_themes") + pick("park_ends")
        if name == "base":
            return pick("places") + pick("park_themes") + rng.choice(["产业基地", "生产基地"])
        if name == "phase":
            return (self.co() if rng.random() < 0.6 else self.core()) + pick("phase_ends")
        return self.plain(name)

    def body(self) -> str:
        rng, pick = self.rng, self.pick
        r = rng.random()
        if r < 0.5:
            return pick("levels") + pick("dept")
        if r < 0.8:
            return pick("places") + pick("levels") + pick("dept")
        zone = pick("zones")
        return (pick("places") if rng.random() < 0.6 else "") + zone + pick("zone_bodies")

    def plain(self, name: str) -> str:
        rng = self.rng
        if name == "num":
            return rng.choice([str(rng.randint(1, 99)), f"{rng.randint(1, 50)}.{rng.randint(1, 9)}"])
        if name == "n":
            return str(rng.randint(2, 60))
        if name == "year":
            return str(rng.randint(2023, 2027))
        if name == "month":
            return str(rng.randint(1, 12))
        if name in ("product", "unit"):
            return self.pick(name + "s")
        if name == "place":
            return self.pick("places")
        raise KeyError(f"configs/fixtures.json: unknown slot {{{name}}}")


_SLOT = re.compile(r"\{(\w+)\}")


def fill_template(template: str, filler: _Filler, labels: dict[str, str | None]) -> Example:
    """One sentence from a template, with the labelled slots as entities."""
    text, ents, pos = "", [], 0
    for m in _SLOT.finditer(template):
        text += template[pos : m.start()]
        value = filler.slot(m.group(1))
        label = labels.get(m.group(1))
        if label:
            ents.append([len(text), len(text) + len(value), label])
        text += value
        pos = m.end()
    return {"text": text + template[pos:], "entities": ents}


def fixture_examples(*, seed: int = 0, count: int | None = None) -> list[Example]:
    """Sentences from the templates of ``configs/fixtures.json``, seeded; every template is
    used about equally often.

    >>> exs = fixture_examples(seed=1, count=3)
    >>> len(exs), all(0 <= s < e <= len(x["text"]) for x in exs for s, e, _ in x["entities"])
    (3, True)
    """
    parts = _config("fixtures.json")
    n = int(parts["count"]) if count is None else count
    rng = random.Random(seed)
    filler = _Filler(rng, parts)
    templates: list[str] = parts["templates"]
    labels: dict[str, str | None] = parts["slot_labels"]
    out: list[Example] = []
    seen: set[str] = set()
    i = 0
    while len(out) < n and i < n * 5:
        ex = fill_template(templates[i % len(templates)], filler, labels)
        i += 1
        if ex["text"] not in seen:
            seen.add(ex["text"])
            out.append(ex)
    return out


def keep_silver(ex: Example, *, legal: Iterable[str]) -> bool:
    """Whether a silver sentence is clean enough to train on: its COMPANY spans (the rule
    layer's noisiest label) must all end in a legal form, and no span may start with a verb
    or quantifier of ``silver_bad_starts`` (``configs/ner_labels.json``).

    >>> keep_silver({"text": "甲乙集团", "entities": [[0, 4, "COMPANY"]]}, legal=["集团"])
    True
    >>> keep_silver({"text": "一批产业园", "entities": [[0, 5, "PROJECT"]]}, legal=["集团"])
    False
    """
    ends = tuple(legal)
    bad = tuple(_config("ner_labels.json")["silver_bad_starts"])
    names = [(ex["text"][s:e], lab) for s, e, lab in ex["entities"]]
    return all(
        (lab != "COMPANY" or name.endswith(ends)) and not name.startswith(bad)
        for name, lab in names
    )


# -- the model card --------------------------------------------------------------------
def model_version(extra: Sequence[Example]) -> str:
    """The shipped version, or ``<version>+extra.<8 hex digits>`` naming the added sentences.

    >>> model_version([]), model_version([{"text": "甲", "entities": []}])[-15:]
    ('0.2.0', '+extra.6f7c32e6')
    """
    if not extra:
        return MODEL_VERSION
    digest = hashlib.sha256(json.dumps(list(extra), ensure_ascii=False, sort_keys=True).encode())
    return f"{MODEL_VERSION}+extra.{digest.hexdigest()[:8]}"


def write_card(model: Path) -> Path:
    """``README.md`` in a trained model's folder: what it is, what it was trained on, its
    scores (from its ``meta.json``)."""
    meta = json.loads((model / "meta.json").read_text("utf-8"))
    on = meta.get("trained_on") or {}
    perf = meta.get("performance") or {}
    lines = [f"# {meta['name']} {meta['version']}", "", meta.get("description", ""), "",
             f"License: {meta.get('license')}", "", "## Trained on", "",
             f"- the training data in `{on.get('data')}`: {on.get('train_examples')} training"
             f" and {on.get('dev_examples')} selection examples, seed {on.get('seed')},"
             f" config `{on.get('config')}`, max_steps {on.get('max_steps') or 'as configured'}"]  # fmt: skip
    for x in on.get("extra") or []:
        lines.append(f"- corrections from `{x.get('gold_dir')}`: {x.get('files')} gold files,"
                     f" {x.get('sentences')} sentences, {x.get('entities')} entity spans"
                     f" (sha256 of the gold files {x.get('sha256', '')[:16]}…), each sentence"
                     f" used {on.get('extra_repeat')} times per pass")  # fmt: skip
    for src in meta.get("sources") or []:
        lines.append(f"- {src.get('name')}")
    lines += ["", "## Scores on the selection set", "", f"entity F1 {perf.get('ents_f')},"
              f" P {perf.get('ents_p')}, R {perf.get('ents_r')}; decoding"
              f" {json.dumps({k: v for k, v in (meta.get('decoding') or {}).items() if k != 'f1'})}"]  # fmt: skip
    card = model / "README.md"
    card.write_text("\n".join(lines) + "\n", "utf-8")
    return card
