"""Derived rule data kept on disk: read back as built, built again when damaged, never in the
way (off, or a directory that cannot be written)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from yxnlp import datacache, lexicon
from yxnlp.extract.entities import data, places


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(datacache.ENV_CACHE, str(tmp_path))
    return tmp_path


Built = dict[str, tuple[int, ...]]


def counter(name: str) -> tuple[list[int], Callable[[], Built]]:
    calls: list[int] = []

    @datacache.disk_cached(name)
    def build() -> Built:
        calls.append(1)
        return {"嘉兴": (3, 2), "湖州": (3,)}

    return calls, build


def test_built_once_then_read(cache: Path) -> None:
    calls, build = counter("t-once")
    assert build() == build() == {"嘉兴": (3, 2), "湖州": (3,)}
    assert len(calls) == 1
    assert [p.name.rsplit("-", 1)[0] for p in cache.iterdir()] == ["t-once"]


def test_a_damaged_file_is_built_again(cache: Path) -> None:
    calls, build = counter("t-damaged")
    build()
    (path,) = cache.iterdir()
    path.write_bytes(b"\x80\x05not a pickle")
    assert build() == {"嘉兴": (3, 2), "湖州": (3,)}
    assert len(calls) == 2


def test_off_keeps_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(datacache.ENV_CACHE, "off")
    calls, build = counter("t-off")
    build(), build()
    assert len(calls) == 2 and not list(cache.iterdir())


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(datacache.ENV_CACHE, str(blocker / "cache"))  # under a file: cannot exist
    calls, build = counter("t-unwritable")
    assert build() == {"嘉兴": (3, 2), "湖州": (3,)}
    assert len(calls) == 1


def test_only_a_few_versions_are_kept(cache: Path) -> None:
    for n in range(datacache.KEEP + 2):
        (cache / f"t-keep-{n:016x}.pickle").write_bytes(b"")
    _, build = counter("t-keep")
    build()
    assert len(list(cache.glob("t-keep-*.pickle"))) == datacache.KEEP


def test_the_fingerprint_follows_the_lexicon_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    datacache.fingerprint.cache_clear()
    on = datacache.fingerprint()
    monkeypatch.setenv(lexicon.ENV_SWITCH, "off")
    datacache.fingerprint.cache_clear()
    try:
        assert datacache.fingerprint() != on
    finally:
        monkeypatch.delenv(lexicon.ENV_SWITCH)
        datacache.fingerprint.cache_clear()


TEXT = "引进鸿图科技、华兴电子等企业，嘉禾县与苏州市工业园区签约，由区商务局牵头。"


def test_cached_rule_data_equals_built(cache: Path) -> None:
    """What is read back is what the builders make: the lexicon and its matcher, the place
    and industry words, the short place names."""
    short_places = places._short_place_names.__wrapped__  # under functools.cache: the disk's
    built = (lexicon._build(), data._word_data.__wrapped__(), short_places.__wrapped__())  # type: ignore[attr-defined]
    for _ in range(2):  # written, then read
        lex = lexicon._built()
        assert all(lex.words(k) == built[0].words(k) for k in lexicon.KINDS)
        assert lex.longest == built[0].longest
        assert lex.spans(TEXT) == built[0].spans(TEXT)
        assert data._word_data() == built[1]
        assert short_places() == built[2]
    written = {p.name.rsplit("-", 1)[0] for p in cache.iterdir()}  # and what they load first
    assert written >= {"entity-words", "lexicon", "short-place-names"}


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_collector_as_it_was(cache: Path, enabled: bool) -> None:
    """The collector is paused while a file is read, and left as it was found."""
    import gc

    _, build = counter(f"t-gc-{enabled}")
    build()  # written
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert build() == {"嘉兴": (3, 2), "湖州": (3,)}  # read
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
