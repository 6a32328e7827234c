"""wordfreq's tables stored once per installation: wordfreq's own dicts, made again when unsound."""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from types import SimpleNamespace

import pytest
from wordfreq import get_frequency_dict

from corpuscheck.checks.translation import stored_tables
from corpuscheck.checks.translation.passages import PASSAGE_LANGUAGES
from corpuscheck.checks.translation.resources import LATIN_LANGUAGES, _word_frequencies
from corpuscheck.checks.translation.stored_tables import (
    FOLDER_ENV,
    MAGIC,
    frequency_table,
    read_table,
    spelling_counts,
    table_folder,
    write_table,
)


def _stored(folder: Path, lang: str, wordlist: str) -> Path:
    name = f"{lang}-{wordlist}" if wordlist else lang
    (path,) = folder.glob(f"{name}-*.table")
    return path


def _same(table: dict[str, float], expected: dict[str, float]) -> None:
    """Every entry the same, in the same order (a check iterating over a table sees no change)."""
    assert len(table) == len(expected)
    assert list(table.items()) == list(expected.items())


def test_every_table_the_checks_read_is_wordfreqs_own_once_stored(tmp_path: Path) -> None:
    # Every table the checks read from wordfreq's data: the target's and the
    # passage languages' full lists, and the small lists of in_other_language
    # (those whose preprocessing lets them be read directly).
    tables = [("fr", "best"), *((lang, "best") for lang in PASSAGE_LANGUAGES)]
    tables += [(lang, "small") for lang in ("fr", *LATIN_LANGUAGES)]
    read = 0
    for lang, wordlist in tables:
        if _word_frequencies.__wrapped__(lang, wordlist) is None:  # type: ignore[attr-defined]
            continue  # wordfreq rewrites its words: asked word by word, never stored
        expected = get_frequency_dict(lang, wordlist)
        made = frequency_table(lang, wordlist, tmp_path)
        assert made is expected  # the first time, wordfreq's own table
        stored = frequency_table(lang, wordlist, tmp_path)
        assert stored is not expected
        _same(stored, expected)
        read += 1
    assert read >= 7 + 18


def test_the_checks_read_their_tables_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FOLDER_ENV, str(tmp_path))
    _word_frequencies.cache_clear()
    try:
        table = _word_frequencies("en", "small")
        assert table is not None
        assert read_table(_stored(tmp_path, "en", "small")) == table
    finally:
        _word_frequencies.cache_clear()


def _corruptions(good: bytes) -> dict[str, bytes]:
    payload = marshal.dumps(["not", "a", "table"])
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "a byte flipped": bytes(flipped),
        "another format": b"corpuscheck word table 0\n" + good[len(MAGIC) :],
        "garbage": b"\x00\xff" * 100,
        "no table inside": MAGIC + hashlib.sha256(payload).digest() + payload,
        "undecodable": MAGIC + hashlib.sha256(b"\xff\xff").digest() + b"\xff\xff",
    }


@pytest.mark.parametrize("kind", sorted(_corruptions(b"x" * 64)))
def test_an_unsound_file_is_made_again(tmp_path: Path, kind: str) -> None:
    expected = get_frequency_dict("en", "small")
    frequency_table("en", "small", tmp_path)
    path = _stored(tmp_path, "en", "small")
    path.write_bytes(_corruptions(path.read_bytes())[kind])
    assert read_table(path) is None
    _same(frequency_table("en", "small", tmp_path), expected)
    # ...and written again, sound.
    stored = read_table(_stored(tmp_path, "en", "small"))
    assert stored is not None
    _same(stored, expected)


def test_a_missing_file_is_made_and_written(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    table = frequency_table("de", "small", folder)
    path = _stored(folder, "de", "small")
    assert path.read_bytes().startswith(MAGIC)
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left
    _same(frequency_table("de", "small", folder), table)


def test_a_folder_that_cannot_be_written_still_gives_the_table(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    _same(frequency_table("en", "small", blocked / "tables"), get_frequency_dict("en", "small"))
    assert not write_table(blocked / "tables" / "en-small-0.table", {"a": 1.0})
    assert blocked.read_text() == "not a folder"


def test_a_table_under_another_key_is_removed_only_when_long_unused(tmp_path: Path) -> None:
    # Another installation of the same user (another virtual environment) keeps its files:
    # removing them would have the two write their own in turn.
    import os
    import time

    older = tmp_path / "en-small-0000000000000000.table"
    recent = tmp_path / "en-small-1111111111111111.table"
    other = tmp_path / "de-small-0000000000000000.table"
    for path in (older, recent, other):
        assert write_table(path, {"old": 1.0})
    long_ago = time.time() - stored_tables.UNUSED_AFTER - 60
    for path in (older, other):
        os.utime(path, (long_ago, long_ago))
    frequency_table("en", "small", tmp_path)
    assert not older.exists()
    assert recent.exists()
    assert other.exists()
    (stored,) = set(tmp_path.glob("en-small-*.table")) - {recent}
    assert read_table(stored) == get_frequency_dict("en", "small")


def test_a_language_without_a_file_of_its_own_is_left_to_wordfreq(tmp_path: Path) -> None:
    # wordfreq answers "pt-BR" from the "pt" list: nothing is stored under a name of its own.
    assert stored_tables._key("pt-BR", "small") is None
    _same(frequency_table("pt-BR", "small", tmp_path), get_frequency_dict("pt-BR", "small"))
    assert list(tmp_path.iterdir()) == []


def test_the_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(FOLDER_ENV, str(tmp_path / "chosen"))
    assert table_folder() == tmp_path / "chosen"
    monkeypatch.delenv(FOLDER_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert table_folder() == tmp_path / "xdg" / "corpuscheck" / "word-tables"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert table_folder() == tmp_path / "home" / ".cache" / "corpuscheck" / "word-tables"


def test_the_key_follows_wordfreqs_files(monkeypatch: pytest.MonkeyPatch) -> None:
    # A new wordfreq (its module or a data file replaced) gives new names: old tables are not read.
    import os

    import wordfreq

    before = stored_tables._key("en", "small")
    data_file = wordfreq.available_languages("small")["en"]
    for replaced in (wordfreq.__file__, data_file):
        real_stat = os.stat

        def newer(path, *args, replaced=replaced, real_stat=real_stat, **kwargs):
            found = real_stat(path, *args, **kwargs)
            if os.fspath(path) != replaced:
                return found
            return SimpleNamespace(st_size=found.st_size, st_mtime_ns=found.st_mtime_ns + 1)

        monkeypatch.setattr(stored_tables.os, "stat", newer)
        stored_tables._key.cache_clear()
        assert stored_tables._key("en", "small") not in (None, before)
        monkeypatch.undo()
    stored_tables._key.cache_clear()
    assert stored_tables._key("en", "small") == before


def test_the_spelling_counts_are_pyspellcheckers_once_stored(tmp_path: Path) -> None:
    from spellchecker import SpellChecker

    expected = SpellChecker(language="fr", distance=1).word_frequency.dictionary
    made = spelling_counts("fr", tmp_path)
    stored = spelling_counts("fr", tmp_path)
    assert made is not None and stored is not None
    assert read_table(_stored(tmp_path, "spelling.fr", "")) == stored
    assert list(made.items()) == list(expected.items()) == list(stored.items())
    assert spelling_counts("xx", tmp_path) is None


def test_a_derived_table_is_made_once_and_read_back_under_its_description(tmp_path: Path) -> None:
    made: list[int] = []

    def make() -> dict[str, str]:
        made.append(1)
        return {"lines": "\nbleu\nvert\n"}

    first = stored_tables.derived_table("colours", ("v1", ["en", "x"]), make, tmp_path)
    again = stored_tables.derived_table("colours", ("v1", ["en", "x"]), make, tmp_path)
    assert first == again == {"lines": "\nbleu\nvert\n"} and len(made) == 1
    # Another description (a table it is made from changed): made and stored again.
    stored_tables.derived_table("colours", ("v1", ["en", "y"]), make, tmp_path)
    assert len(made) == 2 and len(list(tmp_path.glob("colours-*.table"))) == 2
    path = sorted(tmp_path.glob("colours-*.table"))[0]
    path.write_bytes(path.read_bytes()[:-3])  # truncated: made again, never trusted
    assert read_table(path) is None


def test_the_other_languages_words_are_read_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpuscheck.checks.translation import resources

    monkeypatch.setenv(FOLDER_ENV, str(tmp_path))
    resources._other_language_words.cache_clear()
    try:
        made = resources._other_language_words("fr")
        (path,) = tmp_path.glob("other-words.fr-*.table")
        resources._other_language_words.cache_clear()
        assert resources._other_language_words("fr") == made
        assert read_table(path) == {"lines": made.lines}  # type: ignore[union-attr]
    finally:
        resources._other_language_words.cache_clear()


def test_a_derived_table_that_cannot_be_stored_is_not_made(tmp_path: Path) -> None:
    # Made again in every process, it would cost more than it spares: the caller does without.
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    made: list[int] = []

    def make() -> dict[str, str]:
        made.append(1)
        return {"lines": "\n"}

    assert stored_tables.derived_table("colours", "v1", make, blocked / "tables") is None
    assert made == [] and blocked.read_text() == "not a folder"


def test_in_other_language_without_a_stored_list_asks_each_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpuscheck.checks.translation import resources

    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(FOLDER_ENV, str(blocked / "tables"))
    resources._other_language_words.cache_clear()
    try:
        assert resources._other_language_words("fr") is None
        assert resources.in_other_language.__wrapped__("tjener", "fr")  # type: ignore[attr-defined]
        assert not resources.in_other_language.__wrapped__("schâchés", "fr")  # type: ignore[attr-defined]
    finally:
        resources._other_language_words.cache_clear()
