from corpuscheck.checks.language.detection import detect_language, language_detection
from corpuscheck.config import Config
from corpuscheck.model import Document
from corpuscheck.read import read_corpus

ENGLISH = (
    "The president said on Monday that the talks would continue next week in Istanbul, "
    "and that both sides had agreed to exchange prisoners."
)
GERMAN = (
    "Der Präsident sagte am Montag, dass die Gespräche nächste Woche in Istanbul "
    "fortgesetzt würden und beide Seiten einem Gefangenenaustausch zugestimmt hätten."
)


def run(text, language="fr"):
    doc = Document("d", "d.txt", text, text, metadata={"language": language})
    return doc, list(language_detection(doc, Config()))


def test_seeds_are_french_and_match_their_declaration(seeds):
    for doc in read_corpus(seeds).documents:
        doc.text = doc.original
        findings = list(language_detection(doc, Config()))
        assert findings == []
        assert doc.computed["detected_language"] == "fr"
        assert doc.computed["detected_language_probability"] > 0.99


def test_english_declared_french_is_a_mismatch():
    _doc, findings = run(ENGLISH)
    assert [f.rule for f in findings] == ["language.mismatch"]
    assert findings[0].evidence["detected"] == "en"
    assert findings[0].evidence["declared"] == "fr"


def test_region_subtags_compare_by_language():
    _, findings = run(GERMAN, language="de-AT")
    assert findings == []


def test_undeclared_language_is_reported_with_the_guess():
    _, findings = run(GERMAN, language="")
    assert [(f.rule, f.evidence["detected"]) for f in findings] == [("language.undeclared", "de")]


def test_short_texts_are_not_judged():
    assert run("OK merci")[1] == []


def test_detection_is_deterministic():
    text = "Ceci est un texte court mais assez long pour être détecté sans hésitation."
    first = detect_language(text)
    assert all(detect_language(text) == first for _ in range(5))
