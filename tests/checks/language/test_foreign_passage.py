"""The language a document is judged against, and the passages in another one."""

from __future__ import annotations

from corpuscheck.checks.language.foreign_passage import document_language, foreign_passages
from corpuscheck.checks.structure.layout import paragraphs

FRENCH = (
    "Le paquet est construit puis envoyé sur le serveur de l'archive, où il est vérifié "
    "par le logiciel de l'archive avant d'être accepté dans la distribution."
)
ENGLISH = (
    "The package is then checked by the archive software before it is accepted into the "
    "distribution, and the maintainer is told by mail."
)


def test_one_language_is_the_documents() -> None:
    text = f"{FRENCH}\n\n{FRENCH}"
    assert document_language(paragraphs(text), "fr") == "fr"
    assert document_language(paragraphs(text), "") == "fr"


def test_a_wholly_english_text_declared_french_is_english() -> None:
    text = f"{ENGLISH}\n\n{ENGLISH}"
    assert document_language(paragraphs(text), "fr") == "en"


def test_the_declared_language_holds_from_a_quarter_of_the_letters() -> None:
    # One French paragraph against three English ones: a quarter of the text.
    text = "\n\n".join([FRENCH, ENGLISH, ENGLISH, ENGLISH])
    assert document_language(paragraphs(text), "fr") == "fr"
    assert document_language(paragraphs(text), "") == "en"
    # Against six, less than a quarter: the document is English.
    text = "\n\n".join([FRENCH, *[ENGLISH] * 6])
    assert document_language(paragraphs(text), "fr") == "en"


def test_nothing_identified() -> None:
    assert document_language(paragraphs("12 345\n\n678"), "fr") is None


def test_an_english_paragraph_in_a_french_document() -> None:
    text = f"{FRENCH}\n\n{ENGLISH}\n\n{FRENCH}"
    found = foreign_passages(text, "fr")
    assert [(p.language, p.unit, text[p.start : p.end]) for p in found] == [
        ("en", "paragraph", ENGLISH)
    ]
