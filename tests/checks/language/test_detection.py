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
        assert doc.computed["detected_language_probability"] > 0.95


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


def test_a_declared_value_that_is_no_language_code_is_left_to_the_metadata_checks():
    for value in ("xx", "english", "français"):
        assert run(ENGLISH, language=value)[1] == []


def test_a_mismatch_needs_the_second_detector_to_agree(monkeypatch):
    # langdetect misreads a French text (names, loanwords, short text): fastText
    # reads the declared French, so it is reported as uncertain, not a mismatch.
    from corpuscheck.checks.language import detection

    monkeypatch.setattr(detection, "detect_language", lambda text: [("it", 0.95)])
    monkeypatch.setattr(detection, "CONFIDENT_AGREEMENT", 1.01)  # always ask langdetect
    french = "Le président a déclaré lundi que les négociations continueraient à Istanbul."
    _, findings = run(french)
    assert [(f.rule, f.severity.value) for f in findings] == [("language.uncertain", "info")]
    assert findings[0].evidence["second_opinion"]["fr"] > 0.5
    monkeypatch.undo()
    _, findings = run(ENGLISH)
    assert [f.rule for f in findings] == ["language.mismatch"]
    assert findings[0].evidence["second_opinion"]["en"] > 0.5


def test_langdetect_is_not_asked_when_fasttext_confirms_the_declared_language(monkeypatch):
    from corpuscheck.checks.language import detection

    def fail(text):
        raise AssertionError("langdetect should not run")

    monkeypatch.setattr(detection, "detect_language", fail)
    french = "Le président a déclaré lundi que les négociations continueraient à Istanbul."
    doc, findings = run(french)
    assert findings == []
    assert doc.computed["detected_language"] == "fr"
    assert doc.computed["detected_language_probability"] >= detection.CONFIDENT_AGREEMENT


def test_langdetect_profiles_are_read_as_langdetect_reads_them():
    # The rows are made when first asked for; each is the one langdetect makes.
    from langdetect import detector_factory

    from corpuscheck.checks.language.detection import _factory

    ours = _factory()
    reference = detector_factory.DetectorFactory()
    reference.load_profile(detector_factory.PROFILES_DIRECTORY)
    assert ours.langlist == reference.langlist
    table = ours.word_lang_prob_map
    assert all(
        ngram in table and table[ngram] == row
        for ngram, row in reference.word_lang_prob_map.items()
    )
    assert "q\u0000" not in table
    for text in (ENGLISH, GERMAN, "Le président a déclaré que les négociations continueraient."):
        expected = reference.create()
        expected.append(text)
        assert detect_language(text) == [(p.lang, p.prob) for p in expected.get_probabilities()]
