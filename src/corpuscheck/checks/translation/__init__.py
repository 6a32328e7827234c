"""Checks of the translation category: garble left by machine translation.

They judge the text alone, without the source: ``untranslated`` (source
words left in), ``nonword`` (words in no dictionary), ``quotes`` (quotation
marks of another language, misplaced or unpaired marks), ``transliteration``
(one name spelled several ways, in a document and across the corpus) and
``calques`` (idioms translated word for word, from a lexicon). What they know
about a language is data under ``corpuscheck/data/<lang>/`` (see
:mod:`~corpuscheck.checks.translation.resources`); ``text`` holds the
tokenizer and the sentence splitter they share.
"""
