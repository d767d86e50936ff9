"""Training the shipped NER model (COMPANY, ORG, PROJECT): data preparation and one seeded run.

Training data live in the repository under ``models/training-data/`` as JSONL lines
``{"text": ..., "entities": [[start, end, label], ...]}`` (end exclusive, code points):

- ``cluener/{train,dev}.jsonl``: CLUENER 2020, ``company`` → COMPANY, ``government`` → ORG;
- ``boson/{train,heldout}.jsonl``: BosonNLP NER in sentences, ``company_name`` → COMPANY,
  ``org_name`` → ORG for government and party bodies only; ``heldout`` (a seeded tenth of the
  documents) is for evaluation only;
- ``silver/*.jsonl``: sentences of report texts annotated by the rule layer
  (:func:`silver_examples`), so the model sees the register of work reports;
- ``fixtures/*.jsonl``: sentences generated from ``configs/fixtures.json``
  (:func:`yxnlp.trainingdata.fixture_examples`) and hand-written ones.

:func:`prepare` writes these files from their sources; :func:`train` converts them to spaCy
``DocBin`` files (character tokens, BILUO tags) and runs ``spacy train`` with
``configs/ner.cfg`` (seeded). The shipped model is the best checkpoint on CLUENER dev plus a
held-out tenth of the silver and fixture lines.

>>> convert_cluener_line('{"text": "国务院和华为公司", "entity_list": [{"entity_type": "government",'
...     ' "entity": "国务院", "entity_index": {"begin": 0, "end": 3}}, {"entity_type": "company",'
...     ' "entity": "华为公司", "entity_index": {"begin": 4, "end": 8}}]}')
{'text': '国务院和华为公司', 'entities': [[0, 3, 'ORG'], [4, 8, 'COMPANY']]}
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from yxnlp.errors import InputError
from yxnlp.trainingdata import (
    LABELS,
    boson_examples,
    convert_cluener_line,
    fixture_examples,
    keep_silver,
    model_version,
    repo_root,
    train_repeat,
    write_card,
)
from yxnlp.trainingdata import MODEL_VERSION as MODEL_VERSION

NER_LABELS: tuple[str, ...] = LABELS
MODEL_NAME = "yxnlp-ner-zh"
#: Rule sources left out of silver data: short-form company shapes and owners guessed from
#: a province prefix (浙江某某…产业园) are the noisiest rules.
SILVER_SKIP = frozenset({"rule:shape", "rule:project_owner"})

Example = dict[str, Any]


def default_data_dir() -> Path:
    return repo_root() / "models" / "training-data"


def default_config() -> Path:
    return repo_root() / "configs" / "ner.cfg"


def read_jsonl(path: Path) -> Iterator[Example]:
    """Examples from one JSONL file; a malformed line is an :class:`InputError`."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                ex = json.loads(line)
                text, ents = ex["text"], ex["entities"]
            except (ValueError, KeyError) as exc:
                raise InputError(path, f"line {n}: not a training example ({exc})") from exc
            for s, e, _ in ents:
                if not 0 <= s < e <= len(text):
                    raise InputError(path, f"line {n}: span [{s}, {e}) outside the text")
            yield {"text": text, "entities": ents}


def write_jsonl(path: Path, examples: Iterable[Example]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for ex in examples:
            fh.write(json.dumps(ex, ensure_ascii=False) + "\n")
            n += 1
    return n


def silver_examples(texts: Iterable[str], *, max_len: int = 160) -> Iterator[Example]:
    """Sentences of report texts with the rule layer's COMPANY, ORG and PROJECT mentions.

    Only sentences with at least one mention are kept; each sentence is cut at ``max_len``
    characters without splitting a mention. Of overlapping mentions the longest is kept (a
    project holding its owner's name is one PROJECT span); sentences with a COMPANY span that
    does not end in a legal form are left out (:func:`yxnlp.trainingdata.keep_silver`).

    >>> ex = next(silver_examples(["一、概况\\n区发展改革局联合华强电子科技有限公司召开座谈会。"]))
    >>> [ex["text"][s:e] + "/" + lab for s, e, lab in ex["entities"]]
    ['区发展改革局/ORG', '华强电子科技有限公司/COMPANY']
    """
    from importlib import resources

    from yxnlp.extract.entities import extract_entities
    from yxnlp.ingest import from_text
    from yxnlp.pipeline import analyse

    suffixes = json.loads(resources.files("yxnlp.data").joinpath("company_suffixes.json").read_text("utf-8"))
    legal: list[str] = suffixes["legal_forms"]
    for doc_text in texts:
        a = analyse(from_text(doc_text, name="<silver>"))
        found = sorted(
            {(m.span[0], m.span[1], e.label)
             for e in extract_entities(a, use_ner=False)
             if e.label in NER_LABELS
             for m in e.mentions
             if m.source not in SILVER_SKIP},
            key=lambda x: (x[0] - x[1], x[0]),
        )
        spans: list[tuple[int, int, str]] = []
        for s, e, lab in found:  # longest first: drop what overlaps a kept span
            if all(e <= s2 or e2 <= s for s2, e2, _ in spans):
                spans.append((s, e, lab))
        spans.sort()
        for sent in a.sentences:
            s0, s1 = sent.span
            inside = [(s, e, lab) for s, e, lab in spans if s0 <= s and e <= s1]
            if not inside:
                continue
            end = min(s1, s0 + max_len)
            crossing = [e for s, e, _ in inside if s < end < e]
            end = max([end, *crossing])
            ents = [[s - s0, e - s0, lab] for s, e, lab in inside if e <= end]
            ex = {"text": a.text[s0:end], "entities": ents}
            if keep_silver(ex, legal=legal):
                yield ex


def prepare(
    *,
    cluener_dir: Path | None = None,
    boson: Path | None = None,
    report_texts: Iterable[Path] = (),
    data_dir: Path | None = None,
    seed: int = 0,
) -> dict[str, int]:
    """Write the training files under ``data_dir``; returns the number of lines per file.

    Sources not given keep their files as they are; the generated fixtures are always
    rewritten (they need no source).
    """
    out = data_dir or default_data_dir()
    counts: dict[str, int] = {}
    if cluener_dir is not None:
        for split in ("train", "dev"):
            src = cluener_dir / f"{split}.txt"
            if not src.is_file():
                raise InputError(src, "CLUENER split not found")
            lines = src.read_text("utf-8").splitlines()
            exs = (convert_cluener_line(ln) for ln in lines if ln.strip())
            counts[f"cluener/{split}"] = write_jsonl(out / "cluener" / f"{split}.jsonl", exs)
    if boson is not None:
        if not boson.is_file():
            raise InputError(boson, "BosonNLP file not found")
        b_train, b_held = boson_examples(boson, seed=seed)
        counts["boson/train"] = write_jsonl(out / "boson" / "train.jsonl", b_train)
        counts["boson/heldout"] = write_jsonl(out / "boson" / "heldout.jsonl", b_held)
    texts = [t for p in sorted(report_texts) for t in report_file_texts(p)]
    if texts:
        counts["silver/reports"] = write_jsonl(
            out / "silver" / "reports.jsonl", silver_examples(texts)
        )
    counts["fixtures/generated"] = write_jsonl(
        out / "fixtures" / "generated.jsonl", fixture_examples(seed=seed)
    )
    return counts


def report_file_texts(path: Path) -> list[str]:
    """Report texts in one file: a .txt report, or .csv/.jsonl rows with a text column
    (``full_text``, ``report``, ``content`` or ``text``)."""
    columns = ("full_text", "report", "content", "text")
    if path.suffix == ".txt":
        return [path.read_text("utf-8")]
    rows: list[dict[str, Any]]
    if path.suffix == ".csv":
        csv.field_size_limit(1 << 30)
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    elif path.suffix == ".jsonl":
        rows = [json.loads(ln) for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    else:
        raise InputError(path, "expected a .txt, .csv or .jsonl report file")
    texts = [next((str(r[c]) for c in columns if r.get(c)), "") for r in rows]
    return [t for t in texts if t.strip()]


def load_splits(data_dir: Path, *, seed: int = 0) -> tuple[list[Example], list[Example]]:
    """Train and dev examples: CLUENER's own split, Boson's training documents, and a seeded
    90/10 split of the silver and fixture lines (Boson's held-out documents are in neither);
    a corpus's training lines are repeated as ``train_repeat`` of ``configs/ner_labels.json``
    says."""
    repeat = train_repeat()
    train = list(read_jsonl(data_dir / "cluener" / "train.jsonl")) * repeat.get("cluener", 1)
    dev = list(read_jsonl(data_dir / "cluener" / "dev.jsonl"))
    if (data_dir / "boson" / "train.jsonl").is_file():
        train += list(read_jsonl(data_dir / "boson" / "train.jsonl")) * repeat.get("boson", 1)
    extra: list[Example] = []
    for sub in ("silver", "fixtures"):
        for path in sorted((data_dir / sub).glob("*.jsonl")):
            extra.extend(read_jsonl(path))
    random.Random(seed).shuffle(extra)
    cut = len(extra) // 10
    return train + extra[cut:], dev + extra[:cut]


def to_docbin(examples: Iterable[Example]) -> Any:
    """A spaCy ``DocBin`` of character-tokenised docs with entity spans and their BILUO tags
    as ``token.tag_`` (what the tagger learns)."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import biluo_tags_to_spans, offsets_to_biluo_tags

    nlp = spacy.blank("zh")  # the default Chinese segmenter is "char"
    db = DocBin(attrs=["ORTH", "TAG", "ENT_IOB", "ENT_TYPE"])
    for ex in examples:
        doc = nlp.make_doc(ex["text"])
        spans = []
        for s, e, label in ex["entities"]:
            span = doc.char_span(s, e, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = spacy.util.filter_spans(spans)
        tags = offsets_to_biluo_tags(doc, [(e.start_char, e.end_char, e.label_) for e in doc.ents])
        assert len(biluo_tags_to_spans(doc, tags)) == len(doc.ents)
        for token, tag in zip(doc, tags, strict=True):
            token.tag_ = tag
        db.add(doc)
    return db


def train(
    *,
    data_dir: Path | None = None,
    config: Path | None = None,
    output: Path | None = None,
    max_steps: int | None = None,
    seed: int = 0,
    limit: int | None = None,
    overrides: dict[str, Any] | None = None,
    extra: Sequence[Example] = (),
    extra_sources: Sequence[dict[str, Any]] = (),
    extra_repeat: int | None = None,
) -> dict[str, Any]:
    """Train the NER model and copy the best checkpoint to ``output``; returns its scores.

    ``limit`` keeps only the first examples of each split (for quick checks and tests);
    ``overrides`` are spaCy config overrides (``{"training.max_steps": 100}``). ``extra``
    are a user's corrected sentences (``yxnlp train --extra GOLD_DIR``), added to the
    training split only, each used ``extra_repeat`` times per pass (default: ``train_repeat``
    ``extra`` of ``configs/ner_labels.json``); ``extra_sources`` say where they came from.
    The model's ``meta.json`` and ``README.md`` record what it was trained on; with extra
    sentences its version is ``<version>+extra.<hash of the sentences>``.
    """
    from spacy.cli.train import train as spacy_train

    import yxnlp.extract.ner_decode
    import yxnlp.extract.ner_features  # noqa: F401

    data = data_dir or default_data_dir()
    cfg = config or default_config()
    dest = output or repo_root() / "models" / MODEL_NAME
    if not cfg.is_file():
        raise InputError(cfg, "training config not found")
    if not (data / "cluener" / "train.jsonl").is_file():
        raise InputError(data, "no training data; run `yxnlp train --prepare` first")
    if dest.exists() and any(dest.iterdir()) and not (dest / "meta.json").is_file():
        raise InputError(dest, "exists and is not a model folder; name a new or a model folder")
    train_ex, dev_ex = load_splits(data, seed=seed)
    if limit is not None:
        train_ex, dev_ex = train_ex[:limit], dev_ex[:limit]
    repeat = extra_repeat if extra_repeat is not None else train_repeat().get("extra", 1)
    train_ex += list(extra) * repeat
    trained_on = {
        "data": str(data), "train_examples": len(train_ex), "dev_examples": len(dev_ex),
        "seed": seed, "max_steps": max_steps, "config": str(cfg),
        "extra": list(extra_sources), "extra_sentences": len(extra), "extra_repeat": repeat,
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="yxnlp-train-") as tmp:
        work = Path(tmp)
        to_docbin(train_ex).to_disk(work / "train.spacy")
        to_docbin(dev_ex).to_disk(work / "dev.spacy")
        settings: dict[str, Any] = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "system.seed": seed,
            **(overrides or {}),
        }
        if max_steps is not None:
            settings["training.max_steps"] = max_steps
            settings["training.eval_frequency"] = max(1, min(500, max_steps))
        spacy_train(cfg, work / "out", overrides=settings)
        best = work / "out" / "model-best"
        if not best.is_dir():
            best = work / "out" / "model-last"
        meta = json.loads((best / "meta.json").read_text("utf-8"))
        meta.update(
            name=MODEL_NAME.replace("-", "_"),
            version=model_version(extra),
            trained_on=trained_on,
            description=(
                "yxnlp NER (COMPANY, ORG, PROJECT): BILUO tagger over character tokens with "
                "bigram, segmenter and lexicon features; load with yxnlp.extract.ner.load "
                "(it registers yxnlp.CharFeatureEmbed.v1); see models/README.md"
            ),
            license=(
                "research use only (trained on CLUENER 2020 and BosonNLP NER, which state "
                "no licence)"
            ),
            sources=[
                {"name": "CLUENER 2020", "url": "https://github.com/CLUEbenchmark/CLUENER2020"},
                {"name": "BosonNLP NER (public release)"},
                {"name": "companynameparser word lists (Apache-2.0), as features"},
                {"name": "silver annotations of government work reports by yxnlp's rules"},
                {"name": "fixtures written for yxnlp (configs/fixtures.json)"},
            ],
        )
        (best / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(best, dest)
    calibration = calibrate(dest, dev_ex)
    write_card(dest)
    return {
        "output": str(dest),
        "train_examples": len(train_ex),
        "dev_examples": len(dev_ex),
        "performance": meta.get("performance", {}),
        "o_weight": calibration,
    }


#: Decoding settings tried by :func:`calibrate`: the weight of ``O`` and the floor of tags.
O_WEIGHTS: tuple[float, ...] = (1.0, 0.8, 0.6, 0.45, 0.35, 0.25, 0.18, 0.12)
FLOORS: tuple[float, ...] = (0.0, 0.05, 0.15, 0.3)


def calibrate(model: Path, examples: list[Example]) -> dict[str, Any]:
    """Pick the decoding settings (``o_weight``, ``floor`` of
    :func:`yxnlp.extract.ner_decode.decode_probs`) with the best entity F1 on ``examples``
    (the selection set) and write them into the model's config; returns them with the F1 of
    each pair tried."""
    from thinc.api import Config

    from yxnlp.extract import ner
    from yxnlp.extract.ner_decode import decode_probs
    from yxnlp.extract.ner_features import char_doc

    nlp = ner.load(str(model))
    tagger = nlp.get_pipe("ner")
    labels = list(tagger.labels)  # type: ignore[attr-defined]
    docs = [char_doc(nlp.vocab, ex["text"]) for ex in examples]
    probs = [p for i in range(0, len(docs), 64) for p in tagger.predict(docs[i : i + 64])]  # type: ignore[attr-defined]
    bounds = [doc.to_array(["IDX", "LENGTH"]) for doc in docs]
    golds = [{(s, e, lab) for s, e, lab in ex["entities"]} for ex in examples]
    f1: dict[tuple[float, float], float] = {}
    for w in O_WEIGHTS:
        for floor in FLOORS:
            tp = n_pred = n_gold = 0
            for b, gold, p in zip(bounds, golds, probs, strict=True):
                pred = {(int(b[s.start, 0]), int(b[s.end - 1, 0] + b[s.end - 1, 1]), s.label)
                        for s in decode_probs(p, labels, o_weight=w, floor=floor)}
                tp, n_pred, n_gold = tp + len(pred & gold), n_pred + len(pred), n_gold + len(gold)
            f1[w, floor] = round(2 * tp / (n_pred + n_gold), 4) if n_pred + n_gold else 0.0
    best = max(f1, key=lambda k: (f1[k], k))
    cfg = Config().from_disk(model / "config.cfg", interpolate=False)
    cfg["components"]["ner"]["o_weight"], cfg["components"]["ner"]["floor"] = best
    cfg.to_disk(model / "config.cfg")
    ner.load_from.cache_clear()
    result = {"o_weight": best[0], "floor": best[1], "selection_f1": f1[best],
              "f1": {f"{w}/{fl}": v for (w, fl), v in f1.items()}}
    meta = json.loads((model / "meta.json").read_text("utf-8"))
    meta["decoding"] = result
    (model / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
    return result
