"""Build the labelled development corpus from the extracted French prose.

Each section of ``sources/french.json`` (a title and a few paragraphs of a
Debian manual in French, written by people) becomes one document, or
several of two to four paragraphs. A third are drawn to stay clean (the
controls; some of them are then copied as duplicates); the others get one
or two planted defects
of the seven categories, chosen and placed with a fixed random seed, and
some documents are copied (exactly or nearly) under another name. The
corpus is written to ``corpus/`` (``*.txt`` plus ``metadata.csv``) and the
truth to ``labels.json``: for each document the categories it has and the
defects planted, with what was done. A manifest row that names no file is
labelled under that file's id, with ``"exists": false``.

The output is committed; run this again only to change the set::

    .venv/bin/python tests/devset/generate.py
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
CORPUS = HERE / "corpus"
LABELS = HERE / "labels.json"
SEED = 20240917

CATEGORIES = (
    "encoding",
    "artifact",
    "structure",
    "language",
    "translation",
    "duplicate",
    "metadata",
)

# ---------------------------------------------------------------------------
# The document being built


@dataclass
class Doc:
    id: str
    title: str
    paragraphs: list[str]
    package: str
    metadata: dict[str, str] = field(default_factory=dict)
    show_title: bool = True
    separator: str = "\n"
    final_newline: bool = True
    defects: list[dict[str, Any]] = field(default_factory=list)
    # Set by planters that work on the assembled text or on the bytes.
    text_edits: list[Any] = field(default_factory=list)
    byte_edit: Any = None
    row: str = "normal"  # normal | missing | twice
    source_paragraphs: frozenset[str] = frozenset()

    def add(self, category: str, kind: str, detail: str = "") -> None:
        self.defects.append({"category": category, "kind": kind, "detail": detail})

    @property
    def categories(self) -> list[str]:
        return sorted({d["category"] for d in self.defects})

    def assemble(self) -> str:
        lines = ([self.title] if self.show_title else []) + self.paragraphs
        text = self.separator.join(lines)
        return text + ("\n" if self.final_newline else "")


# ---------------------------------------------------------------------------
# Word lists for the planters: varied, and not the seeds' own words.

AGENCIES = [
    "AFP", "Reuters", "AP", "EPA", "Getty Images", "Sipa", "Maxppp", "Hans Lucas",
    "Abaca", "dpa", "Xinhua", "Bloomberg", "Anadolu", "NurPhoto", "Belga", "Keystone",
    "ANSA", "Shutterstock", "Zuma Press", "SOPA Images",
]  # fmt: skip
PHOTOGRAPHERS = [
    "Ludovic Marin", "Claire Delmas", "Thomas Samson", "Nadia Benali", "Jonas Ekström",
    "Marta Kowalska", "Yuki Tanaka", "Pierre Lefèvre", "Aline Moreau", "Diego Ramírez",
    "Hélène Varga", "Samuel Okafor", "Inès Ferreira", "Bruno Kessler", "Léa Fontaine",
]  # fmt: skip
CREDIT_FORMATS = [
    "{agency}", "{name} / {agency}", "{agency} / {name}", "Photo : {name} / {agency}",
    "© {name} / {agency}", "Crédit photo : {agency}", "({agency})", "Photo {agency}",
    "{name}/{agency} via Getty Images", "Illustration : {agency}", "© {agency}",
    "Photo : {name}", "{name} pour {agency}", "Crédits : {name}/{agency}",
    "{AGENCY}/{name}", "PHOTO {AGENCY}", "{AGENCY} PHOTO / {NAME}", "Source : {agency}",
]  # fmt: skip
CAPTION_SUBJECTS = [
    "Des bénévoles", "Un technicien", "Des étudiants", "Une ingénieure", "Des manifestants",
    "Le maire de la commune", "Une salle de serveurs", "Des soldats", "Un pompier",
    "Des agriculteurs", "La ministre de l'Éducation", "Des supporters",
]  # fmt: skip
CAPTION_ACTIONS = [
    "lors d'une réunion publique", "devant l'hôtel de ville", "pendant une démonstration",
    "au cours d'un exercice", "à l'ouverture du salon", "dans un centre de formation",
    "pendant la visite officielle", "sur le marché couvert",
]  # fmt: skip
CAPTION_PLACES = [
    "à Lyon", "à Nantes", "à Bruxelles", "à Genève", "à Dakar", "à Montréal",
    "à Strasbourg", "près de Toulouse", "à Marseille", "dans le Finistère",
]  # fmt: skip
MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
CAPTION_FORMATS = [
    "{subject} {action} {place}, le {date}.",
    "Sur cette photo prise le {date}, {subject_lower} {action} {place}.",
    "{subject} {place}, le {date}.",
    "Cette image montre {subject_lower} {action} {place}.",
    "{subject} {action}, {place}, le {date}.",
]
RELATED_FORMATS = [
    "Lire aussi : {h}", "À lire aussi : {h}", "LIRE AUSSI - {h}", "Lire aussi | {h}",
    "À LIRE AUSSI >> {h}", "Voir aussi : {h}", "VIDÉO - {h}", "Vidéo. {h}",
    "Read more: {h}", "À voir aussi : {h}", "Sur le même sujet : {h}",
    "À découvrir : {h}", "EN DIRECT - {h}", "Notre dossier : {h}", "INFOGRAPHIE - {h}",
    "Lire la suite : {h}", "À lire également : {h}", "[VIDÉO] {h}", "» Lire aussi : {h}",
    "À LIRE AUSSI\n{h}", "PODCAST. {h}", "Related: {h}",
]  # fmt: skip
PLACEHOLDERS = ["XNUMX", "XNUMX", "XNUMX", "XNUMXX", "XNUM", "__NUM__", "<unk>", "[UNK]"]
PLACEHOLDER_PHRASES = [
    "Environ {p} personnes ont participé à la dernière réunion.",
    "Le projet compte aujourd'hui plus de {p} contributeurs.",
    "Cette version corrige {p} bogues signalés par les utilisateurs.",
    "Plus de {p} % des machines sont concernées.",
    "La liste de diffusion reçoit près de {p} messages par jour.",
]
UNTRANSLATED = {
    "paquet": "package", "paquets": "packages", "utilisateur": "user",
    "utilisateurs": "users", "fichier": "file", "fichiers": "files", "logiciel": "software",
    "logiciels": "softwares", "réseau": "network", "serveur": "server",
    "sauvegarde": "backup", "dépôt": "repository", "noyau": "kernel", "outil": "tool",
    "outils": "tools", "équipe": "team", "ordinateur": "computer", "courrier": "mail",
    "semaine": "week", "réunion": "meeting", "cependant": "however", "toujours": "always",
    "souvent": "often", "pourquoi": "why", "également": "also", "téléchargement": "download",
    "responsable": "maintainer", "rapport": "report", "mot de passe": "password",
    "mise à jour": "update", "par exemple": "for example", "projet": "project",
}  # fmt: skip
CALQUES = [
    ("a lieu", "prend place"), ("avoir lieu", "prendre place"), ("par exemple", "pour exemple"),
    ("fondé sur", "basé sur"), ("occasion", "opportunité"), ("résoudre", "adresser"),
    ("prend en charge", "supporte"), ("prendre en charge", "supporter"),
    ("se rendre compte", "réaliser"), ("supposer", "assumer"), ("finalement", "éventuellement"),
    ("certainement", "définitivement"), ("en fait", "actuellement"),
    ("prendre une décision", "faire une décision"), ("est chargé de", "est en charge de"),
    ("lancer", "initier"), ("de plus", "en addition"), ("actuellement", "au jour d'aujourd'hui"),
    ("beaucoup", "un lot"), ("il est possible", "il est sujet"),
]  # fmt: skip
CALQUE_SENTENCES = [
    "À la fin de la journée, c'est l'utilisateur qui décide.",
    "Cela fait du sens de garder cette configuration.",
    "Il faut adresser ce problème aussi vite que possible.",
    "Nous regardons en avant pour la prochaine version.",
    "Sans surprise, cela a pris place la semaine dernière.",
    "Cette option est définitivement la meilleure façon de faire.",
]
NAME_VARIANTS = [
    ("Piotr Tchaïkovski", "Pyotr Tchaikovsky"), ("Fiodor Dostoïevski", "Fyodor Dostoevsky"),
    ("Mouammar Kadhafi", "Muammar Gaddafi"), ("Alexeï Navalny", "Alexei Navalny"),
    ("Mikhaïl Gorbatchev", "Mikhail Gorbachev"), ("Nikita Khrouchtchev", "Nikita Khrushchev"),
    ("Mykhaïlo Podoliak", "Mykhailo Podolyak"), ("Oleksandr Syrsky", "Oleksandr Syrskyi"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"), ("Mahmoud Abbas", "Mahmud Abbas"),
    ("Boris Eltsine", "Boris Yeltsin"), ("Andreï Sakharov", "Andrei Sakharov"),
    ("Iouri Gagarine", "Yuri Gagarin"), ("Léon Tolstoï", "Leo Tolstoy"),
]  # fmt: skip
NAME_SENTENCES = [
    ("{a} a évoqué ce sujet lors d'une conférence.", "Selon {b}, la question reste ouverte."),
    ("Un livre de {a} est souvent cité en exemple.", "{b} y défendait une idée proche."),
    ("Le nom de {a} revient dans plusieurs discussions.", "Les partisans de {b} ne sont pas d'accord."),
]  # fmt: skip
MARKUP_KINDS = [
    "html_paragraph", "inline_tags", "link", "line_break", "markdown", "wiki",
    "shortcode", "comment", "div", "bracket_url", "markdown_heading",
]  # fmt: skip
BAD_DATES = ["2023-13-45", "31/12/2022", "2021-02-30", "hier", "2022-9-5", "12 mars 2023"]
BAD_URLS = [
    "htp://docs.example.org/guide", "www.example.org/doc/page", "https//example.org/manuel",
    "example.org/doc", "http:/example.org/x", "https://exemple org/doc",
]  # fmt: skip
BAD_CODES = ["xx", "french", "fr_FR", "FR", "français", "f"]

# ---------------------------------------------------------------------------
# Planters: each takes the document and the random generator.


class Kinds:
    """Deal the kinds of a category in turn, reshuffled each round, so each one shows up."""

    def __init__(self) -> None:
        self._decks: dict[str, list[str]] = {}

    def next(self, rng: random.Random, category: str, kinds: list[str]) -> str:
        deck = self._decks.setdefault(category, [])
        if not deck:
            deck.extend(kinds)
            rng.shuffle(deck)
        return deck.pop()


KINDS = Kinds()


def _pick_paragraph(doc: Doc, rng: random.Random, min_words: int = 0) -> int:
    choices = [i for i, p in enumerate(doc.paragraphs) if len(p.split()) >= min_words]
    return rng.choice(choices or list(range(len(doc.paragraphs))))


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}"


def _mojibake(text: str, times: int = 1) -> str:
    for _ in range(times):
        text = text.encode("utf-8").decode("cp1252", errors="replace")
    return text


def plant_encoding(doc: Doc, rng: random.Random, others: dict[str, Any]) -> None:
    kind = KINDS.next(
        rng,
        "encoding",
        [
            "mojibake_paragraph",
            "mojibake_document",
            "mojibake_words",
            "double_encoded",
            "html_entities",
            "bom",
            "control_characters",
            "invalid_bytes",
            "latin1_file",
            "replacement_character",
            "invisible_characters",
            "nfd",
            "terminal_escape",
            "macroman",
            "double_escaped_entities",
        ],
    )
    if kind in ("mojibake_paragraph", "double_encoded"):
        accented = [k for k, p in enumerate(doc.paragraphs) if not p.isascii()]
        i = rng.choice(accented) if accented else _pick_paragraph(doc, rng)
        if doc.paragraphs[i].isascii():  # English text: curly quotes get garbled
            doc.paragraphs[i] = f"“{doc.paragraphs[i].replace(chr(39), '’')}”"
        times = 2 if kind == "double_encoded" else 1
        doc.paragraphs[i] = _mojibake(doc.paragraphs[i], times)
        doc.add("encoding", kind, f"paragraph {i}")
    elif kind == "macroman":
        accented = [k for k, p in enumerate(doc.paragraphs) if not p.isascii()] or [0]
        i = rng.choice(accented)
        if doc.paragraphs[i].isascii():
            doc.paragraphs[i] = f"“{doc.paragraphs[i].replace(chr(39), '’')}”"
        doc.paragraphs[i] = doc.paragraphs[i].encode("utf-8").decode("mac_roman")
        doc.add("encoding", kind, f"paragraph {i}")
    elif kind == "double_escaped_entities":
        i = _pick_paragraph(doc, rng)
        paragraph = doc.paragraphs[i]
        for char, entity in (("é", "&amp;eacute;"), ("’", "&amp;#8217;"), ("à", "&amp;agrave;")):
            paragraph = paragraph.replace(char, entity, 2)
        if paragraph == doc.paragraphs[i]:
            paragraph = paragraph.replace(" et ", " &amp;amp; ", 1)
        doc.paragraphs[i] = paragraph
        doc.add("encoding", kind, f"paragraph {i}")
    elif kind == "mojibake_document":
        doc.text_edits.append(("mojibake_all",))
        doc.add("encoding", kind)
    elif kind == "mojibake_words":
        accented_paragraphs = [k for k, p in enumerate(doc.paragraphs) if not p.isascii()]
        i = rng.choice(accented_paragraphs) if accented_paragraphs else _pick_paragraph(doc, rng)
        if doc.paragraphs[i].isascii():
            doc.paragraphs[i] = doc.paragraphs[i].replace("'", "’").replace(" - ", " – ")
            if doc.paragraphs[i].isascii():
                doc.paragraphs[i] = f"« {doc.paragraphs[i]} »"
        words = doc.paragraphs[i].split(" ")
        accented = [j for j, w in enumerate(words) if re.search(r"[^\x00-\x7f]", w)]
        for j in rng.sample(accented, min(3, len(accented))) or [0]:
            words[j] = _mojibake(words[j])
        doc.paragraphs[i] = " ".join(words)
        doc.add("encoding", kind, f"paragraph {i}")
    elif kind == "html_entities":
        i = _pick_paragraph(doc, rng)
        table = {"é": "&eacute;", "è": "&egrave;", "à": "&agrave;", "’": "&rsquo;",
                 "'": "&#39;", "«": "&laquo;", "»": "&raquo;", "ç": "&#231;", "ê": "&#xEA;"}  # fmt: skip
        paragraph = doc.paragraphs[i]
        spots = [m.start() for m in re.finditer("[éèà’'«»çê]", paragraph)]
        chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(2, 6))), reverse=True)
        for at in chosen:
            paragraph = paragraph[:at] + table[paragraph[at]] + paragraph[at + 1 :]
        if not chosen:
            paragraph = paragraph.replace(" ", " &amp; ", 1)
        doc.paragraphs[i] = paragraph
        doc.add("encoding", kind, f"paragraph {i}")
    elif kind == "bom":
        doc.text_edits.append(("prefix", "\ufeff"))
        doc.add("encoding", kind)
    elif kind == "control_characters":
        i = _pick_paragraph(doc, rng)
        paragraph = doc.paragraphs[i]
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(paragraph))
            paragraph = paragraph[:at] + rng.choice("\x00\x01\x02\x08\x0e\x1a\x7f") + paragraph[at:]
        doc.paragraphs[i] = paragraph
        doc.add("encoding", kind, f"paragraph {i}")
    elif kind == "invalid_bytes":
        accented = [i for i, p in enumerate(doc.paragraphs) if not p.isascii()]
        doc.byte_edit = ("latin1_paragraph", rng.choice(accented or [0]))
        doc.add("encoding", kind)
    elif kind == "latin1_file":
        doc.byte_edit = ("latin1_all",)
        doc.add("encoding", kind)
    elif kind == "replacement_character":
        i = _pick_paragraph(doc, rng)
        paragraph = doc.paragraphs[i]
        doc.paragraphs[i] = re.sub("[éèàêç]", "\ufffd", paragraph, count=rng.randint(2, 8))
        if doc.paragraphs[i] == paragraph:
            doc.paragraphs[i] = paragraph.replace(" ", " \ufffd", 1)
        doc.add("encoding", kind, f"paragraph {i}")
    elif kind == "invisible_characters":
        i = _pick_paragraph(doc, rng)
        words = doc.paragraphs[i].split(" ")
        char = rng.choice(["\u200b", "\u200b", "\u200e", "\u2060", "\u202a", "\u00ad", "\u200f"])
        for j in rng.sample(range(len(words)), min(len(words), rng.randint(1, 4))):
            cut = rng.randint(1, max(1, len(words[j]) - 1))
            words[j] = words[j][:cut] + char + words[j][cut:]
        doc.paragraphs[i] = " ".join(words)
        doc.add("encoding", kind, f"U+{ord(char):04X} in paragraph {i}")
    elif kind == "nfd":
        doc.text_edits.append(("nfd",))
        doc.add("encoding", kind)
    elif kind == "terminal_escape":
        i = _pick_paragraph(doc, rng)
        words = doc.paragraphs[i].split(" ")
        j = rng.randrange(len(words))
        words[j] = f"\x1b[1m{words[j]}\x1b[0m"
        doc.paragraphs[i] = " ".join(words)
        doc.add("encoding", kind, f"paragraph {i}")


def plant_artifact(doc: Doc, rng: random.Random, others: dict[str, Any]) -> None:
    kind = KINDS.next(
        rng,
        "artifact",
        [
            "placeholder",
            "markup",
            "markup",
            "caption_credit",
            "caption_credit",
            "credit_only",
            "related_headline",
            "related_headline",
            "repeated_paragraph",
        ],
    )
    if kind == "placeholder":
        token = rng.choice(PLACEHOLDERS)
        i = _pick_paragraph(doc, rng)
        paragraph = doc.paragraphs[i]
        number = re.search(r"\b\d+\b", paragraph)
        if number and rng.random() < 0.5:
            doc.paragraphs[i] = paragraph[: number.start()] + token + paragraph[number.end() :]
        else:
            phrase = rng.choice(PLACEHOLDER_PHRASES).format(
                p=rng.choice([token, f"{rng.randint(2, 900)} {token}"])
            )
            doc.paragraphs[i] = f"{paragraph} {phrase}"
        doc.add("artifact", "placeholder", token)
    elif kind == "markup":
        plant_markup(doc, rng)
    elif kind in ("caption_credit", "credit_only"):
        agency, name = rng.choice(AGENCIES), rng.choice(PHOTOGRAPHERS)
        credit = rng.choice(CREDIT_FORMATS).format(
            agency=agency, name=name, AGENCY=agency.upper(), NAME=name.upper()
        )
        lines = [credit]
        if kind == "caption_credit":
            subject = rng.choice(CAPTION_SUBJECTS)
            caption = rng.choice(CAPTION_FORMATS).format(
                subject=subject,
                subject_lower=subject[0].lower() + subject[1:],
                action=rng.choice(CAPTION_ACTIONS),
                place=rng.choice(CAPTION_PLACES),
                date=_date(rng),
            )
            lines = [caption, credit]
            if rng.random() < 0.25:
                lines = [f"{caption} (Photo {rng.choice(['by ', ''])}{name} / {agency})"]
        at = rng.randint(1, len(doc.paragraphs))
        doc.paragraphs[at:at] = lines
        doc.add("artifact", kind, " | ".join(lines))
    elif kind == "related_headline":
        headline = rng.choice(others["titles"])
        line = rng.choice(RELATED_FORMATS).format(h=headline)
        at = rng.randint(1, len(doc.paragraphs))
        doc.paragraphs[at:at] = line.split("\n")
        doc.add("artifact", kind, line)
    elif kind == "repeated_paragraph":
        i = _pick_paragraph(doc, rng)
        at = rng.choice([i + 1, len(doc.paragraphs)])
        doc.paragraphs.insert(at, doc.paragraphs[i])
        doc.add("artifact", kind, f"paragraph {i}")


def plant_markup(doc: Doc, rng: random.Random) -> None:
    kind = KINDS.next(rng, "markup", MARKUP_KINDS)
    i = _pick_paragraph(doc, rng, min_words=8)
    paragraph = doc.paragraphs[i]
    words = paragraph.split(" ")
    j = rng.randrange(1, len(words) - 2)
    slug = re.sub(r"\W+", "-", doc.title.lower()).strip("-")[:30] or "page"
    if kind == "html_paragraph":
        paragraph = f"<p>{paragraph}</p>"
    elif kind == "inline_tags":
        tag = rng.choice(["strong", "em", "b", "i", 'span class="highlight"'])
        words[j] = f"<{tag}>{words[j]}"
        words[j + 1] = f"{words[j + 1]}</{tag.split()[0]}>"
        paragraph = " ".join(words)
    elif kind == "link":
        words[j] = f'<a href="https://docs.example.org/{slug}">{words[j]}'
        words[j + 1] = f"{words[j + 1]}</a>"
        paragraph = " ".join(words)
    elif kind == "line_break":
        words[j] = words[j] + rng.choice(["<br>", "<br/>", "<br />"])
        paragraph = " ".join(words)
    elif kind == "markdown":
        if rng.random() < 0.5:
            words[j] = f"**{words[j]}"
            words[j + 1] = f"{words[j + 1]}**"
        else:
            words[j] = f"[{words[j]}"
            words[j + 1] = f"{words[j + 1]}](https://docs.example.org/{slug})"
        paragraph = " ".join(words)
    elif kind == "wiki":
        choice = rng.randrange(3)
        if choice == 0:
            words[j] = f"[[{words[j]}]]"
        elif choice == 1:
            words[j] = f"{words[j]}{{{{référence nécessaire}}}}"
        else:
            words[j] = f"'''{words[j]}'''"
        paragraph = " ".join(words)
    elif kind == "shortcode":
        paragraph = (
            f'[caption id="attachment_{rng.randint(1000, 99999)}" align="aligncenter" '
            f'width="{rng.choice([640, 800, 1024])}"] {paragraph} [/caption]'
        )
    elif kind == "comment":
        paragraph = f"{paragraph} <!-- {rng.choice(['more', 'pagebreak', 'ad-slot'])} -->"
    elif kind == "div":
        paragraph = f'<div class="article-body">{paragraph}</div>'
    elif kind == "bracket_url":
        words[j] = f"{words[j]} [https://docs.example.org/{slug}]"
        paragraph = " ".join(words)
    elif kind == "markdown_heading":
        doc.show_title = True
        doc.title = f"{rng.choice(['#', '##', '###'])} {doc.title}"
    doc.paragraphs[i] = paragraph
    doc.add("artifact", f"markup_{kind}")


def plant_structure(doc: Doc, rng: random.Random, others: dict[str, Any]) -> None:
    kind = KINDS.next(
        rng,
        "structure",
        [
            "truncated",
            "truncated",
            "truncated_word",
            "glued_headline",
            "glued_headline_space",
            "glued_headline_period",
            "long_line",
            "hard_wrapped",
            "empty",
        ],
    )
    if kind in ("truncated", "truncated_word"):
        # Cut a paragraph of the source as it was, not a line another planter
        # added or changed (the cut could remove that defect).
        long = [
            i
            for i, p in enumerate(doc.paragraphs)
            if len(p.split()) >= 12 and p in doc.source_paragraphs
        ]
        if not long:
            kind = "hard_wrapped"
        elif long[-1] != len(doc.paragraphs) - 1:
            doc.paragraphs.append(doc.paragraphs.pop(long[-1]))
    if kind in ("truncated", "truncated_word"):
        doc.text_edits.append(("truncate", kind == "truncated_word", rng.random()))
        doc.final_newline = rng.random() < 0.3
        doc.add("structure", kind)
    elif kind.startswith("glued_headline"):
        first = doc.paragraphs[0]
        glue = {"glued_headline": "", "glued_headline_space": " "}.get(kind, ".")
        doc.paragraphs[0] = f"{doc.title}{glue}{first}"
        doc.show_title = False
        doc.add("structure", kind, doc.paragraphs[0][: len(doc.title) + 20])
        if rng.random() < 0.5:
            doc.metadata["title"] = ""
    elif kind == "long_line":
        extra = [p for p in others["all_paragraphs"] if p not in doc.paragraphs]
        added = []
        while sum(len(p) for p in doc.paragraphs + added) < 3200:
            added.append(rng.choice(extra))
        # Paragraphs of running text lose their breaks; lines another planter
        # added (a credit, a link) stay lines of their own.
        merged: list[list[str]] = [[]]
        for paragraph in doc.paragraphs + added:
            if paragraph in doc.source_paragraphs or paragraph in added:
                merged[-1].append(paragraph)
            else:
                merged += [[paragraph], []]
        doc.paragraphs = [" ".join(run) for run in merged if run]
        doc.add("structure", kind)
    elif kind == "hard_wrapped":
        width = rng.randint(45, 80)
        doc.paragraphs = ["\n".join(textwrap.wrap(p, width=width)) for p in doc.paragraphs]
        doc.add("structure", kind, f"width {width}")
    elif kind == "empty":
        doc.text_edits.append(("empty", rng.choice(["", " \n", "\n\n", "\t \n  "])))
        doc.byte_edit = None
        # Whatever else was planted in the text is gone with it.
        doc.defects = [d for d in doc.defects if d["category"] == "metadata"]
        doc.add("structure", kind)


def plant_language(doc: Doc, rng: random.Random, others: dict[str, Any]) -> None:
    kind = KINDS.next(
        rng,
        "language",
        [
            "foreign_paragraph",
            "foreign_paragraph",
            "foreign_sentence",
            "foreign_sentence",
            "foreign_document",
            "declared_wrong",
        ],
    )
    lang = rng.choice(["en", "en", "de", "es"])
    pool = others["foreign"][lang]
    if kind == "foreign_paragraph":
        start = rng.randrange(len(pool) - 3)
        paragraph = " ".join(pool[start : start + rng.randint(2, 3)])
        at = rng.randint(1, len(doc.paragraphs))
        doc.paragraphs.insert(at, paragraph)
        doc.add("language", kind, f"{lang}: {paragraph[:60]}")
    elif kind == "foreign_sentence":
        sentence = rng.choice([s for s in pool if len(s.split()) >= 12] or pool)
        i = _pick_paragraph(doc, rng)
        doc.paragraphs[i] = f"{doc.paragraphs[i]} {sentence}"
        doc.add("language", kind, f"{lang}: {sentence[:60]}")
    elif kind == "foreign_document":
        # Each foreign document takes sentences no other one has.
        cursor = others.setdefault("cursor", {}).get(lang, len(pool))
        count = rng.randint(5, 8)
        start = max(0, cursor - count)
        others["cursor"][lang] = start
        sentences = pool[start : start + count]
        half = len(sentences) // 2
        doc.paragraphs = [" ".join(sentences[:half]), " ".join(sentences[half:])]
        doc.show_title = False
        doc.add("language", kind, f"{lang} text declared fr")
    else:
        doc.metadata["language"] = rng.choice(["en", "de", "es", "it"])
        doc.add("language", kind, f"declared {doc.metadata['language']}")


def plant_translation(doc: Doc, rng: random.Random, others: dict[str, Any]) -> None:
    kind = KINDS.next(rng, "translation", ["untranslated", "calque", "quotes", "nonword", "names"])
    text = " ".join(doc.paragraphs)
    if kind == "untranslated":
        found = [w for w in UNTRANSLATED if re.search(rf"\b{re.escape(w)}\b", text)]
        if not found:
            kind = "names"
        else:
            done = []
            for word in rng.sample(found, min(len(found), rng.randint(1, 3))):
                i = next(k for k, p in enumerate(doc.paragraphs) if re.search(rf"\b{word}\b", p))
                doc.paragraphs[i] = re.sub(
                    rf"\b{word}\b", UNTRANSLATED[word], doc.paragraphs[i], count=1
                )
                done.append(f"{word} -> {UNTRANSLATED[word]}")
            doc.add("translation", kind, "; ".join(done))
            return
    if kind == "calque":
        found = [(a, b) for a, b in CALQUES if re.search(rf"\b{re.escape(a)}\b", text)]
        if found:
            a, b = rng.choice(found)
            i = next(k for k, p in enumerate(doc.paragraphs) if re.search(rf"\b{a}\b", p))
            doc.paragraphs[i] = re.sub(rf"\b{a}\b", b, doc.paragraphs[i], count=1)
            doc.add("translation", kind, f"{a} -> {b}")
        else:
            sentence = rng.choice(CALQUE_SENTENCES)
            i = _pick_paragraph(doc, rng)
            doc.paragraphs[i] = f"{doc.paragraphs[i]} {sentence}"
            doc.add("translation", kind, sentence)
        return
    if kind == "quotes":
        i = _pick_paragraph(doc, rng, min_words=14)
        words = doc.paragraphs[i].split(" ")
        a = rng.randrange(1, len(words) - 8)
        b = a + rng.randint(2, 5)
        c = b + rng.randint(2, 3)
        open_, close = rng.choice([("“", "”"), ('"', '"'), ("«\u00a0", "\u00a0»")])
        words[a] = open_ + words[a]
        words[b] = words[b] + close
        words[c] = open_ + words[c]
        doc.paragraphs[i] = " ".join(words)
        doc.add("translation", kind, " ".join(words[a : c + 1]))
        return
    if kind == "nonword":
        i = _pick_paragraph(doc, rng)
        words = doc.paragraphs[i].split(" ")
        long = [j for j, w in enumerate(words) if w.isalpha() and w.islower() and len(w) >= 7]
        changed = []
        for j in rng.sample(long, min(len(long), rng.randint(2, 3))):
            w = words[j]
            k = rng.randrange(2, len(w) - 2)
            how = rng.randrange(3)
            if how == 0:
                new = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
            elif how == 1:
                new = w[:k] + w[k + 1 :]
            else:
                new = w[:k] + rng.choice("xkwz") + w[k:]
            changed.append(f"{w} -> {new}")
            words[j] = new
        doc.paragraphs[i] = " ".join(words)
        doc.add("translation", kind, "; ".join(changed))
        return
    a, b = rng.choice(NAME_VARIANTS)
    if rng.random() < 0.5:
        a, b = b, a
    first, second = rng.choice(NAME_SENTENCES)
    body = [i for i, p in enumerate(doc.paragraphs) if len(p.split()) >= 8] or [0]
    doc.paragraphs[body[0]] = f"{doc.paragraphs[body[0]]} {first.format(a=a)}"
    doc.paragraphs[body[-1]] = f"{doc.paragraphs[body[-1]]} {second.format(b=b)}"
    doc.add("translation", "names", f"{a} / {b}")


def plant_metadata(doc: Doc, rng: random.Random, others: dict[str, Any]) -> None:
    kind = KINDS.next(
        rng, "metadata", ["bad_date", "bad_url", "bad_language_code", "missing_row", "twice"]
    )
    if kind == "bad_date":
        doc.metadata["published"] = rng.choice(BAD_DATES)
        doc.add("metadata", kind, doc.metadata["published"])
    elif kind == "bad_url":
        doc.metadata["url"] = rng.choice(BAD_URLS)
        doc.add("metadata", kind, doc.metadata["url"])
    elif kind == "bad_language_code":
        field_ = rng.choice(["language", "translated_from"])
        doc.metadata[field_] = rng.choice(BAD_CODES)
        doc.add("metadata", kind, f"{field_} = {doc.metadata[field_]}")
    elif kind == "missing_row":
        doc.row = "missing"
        doc.add("metadata", kind)
    else:
        doc.row = "twice"
        doc.add("metadata", "duplicate_row")


PLANTERS = {
    "encoding": plant_encoding,
    "artifact": plant_artifact,
    "structure": plant_structure,
    "language": plant_language,
    "translation": plant_translation,
    "metadata": plant_metadata,
}

# ---------------------------------------------------------------------------
# Assembly


def _truncate(text: str, mid_word: bool, where: float) -> str:
    body = text.rstrip()
    last = body.rfind("\n") + 1
    # A word start whose preceding word does not end a sentence or a quotation.
    starts = [
        m.start()
        for m in re.finditer(r"(?<=\s)\S", body[last:])
        if not re.search(r"[.!?…»”\")\]:;,]\s*$", body[last : last + m.start()])
    ]
    # Cut in the second half of the last paragraph, after at least six words.
    first = max(6, len(starts) // 2)
    if first >= len(starts):
        first = len(starts) - 1
    cut = last + starts[first + int(where * (len(starts) - 1 - first))]
    if mid_word:
        word = re.match(r"\w+", body[cut:])
        if word and len(word.group()) >= 4:
            return body[: cut + len(word.group()) // 2]
    return body[:cut].rstrip(" ")


def render(doc: Doc) -> bytes:
    text = doc.assemble()
    for edit in doc.text_edits:
        if edit[0] == "truncate":
            text = _truncate(text, edit[1], edit[2]) + ("\n" if doc.final_newline else "")
        elif edit[0] == "mojibake_all":
            text = _mojibake(text)
        elif edit[0] == "prefix":
            text = edit[1] + text
        elif edit[0] == "nfd":
            text = unicodedata.normalize("NFD", text)
        elif edit[0] == "empty":
            text = edit[1]
    if doc.byte_edit is None:
        return text.encode("utf-8")
    if doc.byte_edit[0] == "latin1_all":
        return text.encode("cp1252", errors="replace")
    paragraph = doc.paragraphs[doc.byte_edit[1]]
    at = text.find(paragraph)
    if at < 0 or paragraph.isascii():
        return text.encode("cp1252", errors="replace")
    return (
        text[:at].encode("utf-8")
        + paragraph.encode("cp1252", errors="replace")
        + text[at + len(paragraph) :].encode("utf-8")
    )


def near_copy(text: str, rng: random.Random) -> tuple[str, str]:
    """A copy with a few small edits, as a republished article would have."""
    lines = text.split("\n")
    edits = []
    words_total = sum(len(line.split()) for line in lines)
    for _ in range(max(1, words_total // 60)):
        i = rng.choice([k for k, line in enumerate(lines) if len(line.split()) > 5] or [0])
        words = lines[i].split(" ")
        j = rng.randrange(len(words))
        how = rng.randrange(3)
        if how == 0:
            words[j] = rng.choice(["notamment", "ainsi", "aussi", "donc", "bien"])
        elif how == 1 and len(words) > 3:
            del words[j]
        else:
            words.insert(j, rng.choice(["très", "encore", "toujours", "alors"]))
        lines[i] = " ".join(words)
        edits.append(f"line {i} word {j} edit {how}")
    if rng.random() < 0.5:
        lines.append(rng.choice(["Mis à jour le 3 mars.", "(Article mis à jour.)", "Fin."]))
        edits.append("line added")
    return "\n".join(lines), "; ".join(edits)


def exact_copy(text: str, rng: random.Random) -> tuple[str, str]:
    """The same text up to normalisation: spacing, case or apostrophes changed."""
    how = rng.choice(["spacing", "apostrophes", "case", "trailing"])
    if how == "spacing":
        text = re.sub(r"\n+", "\n\n", text).replace(". ", ".  ")
    elif how == "apostrophes":
        text = text.replace("'", "’") if "'" in text else text.replace("’", "'")
    elif how == "case":
        first = text.split("\n", 1)
        text = first[0].upper() + ("\n" + first[1] if len(first) > 1 else "")
    else:
        text = "\n".join(line + "  " for line in text.split("\n")) + "\n\n"
    return text, how


def main(corpus: Path = CORPUS, labels_file: Path = LABELS) -> dict[str, Any]:
    """Write the corpus into ``corpus`` and the labels into ``labels_file``; return the labels."""
    rng = random.Random(SEED)
    french = json.loads((SOURCES / "french.json").read_text(encoding="utf-8"))
    foreign = json.loads((SOURCES / "foreign.json").read_text(encoding="utf-8"))
    sections = []
    for package, found in french.items():
        for section in found:
            # A long section makes several documents of two to four paragraphs.
            paragraphs = section["paragraphs"]
            while paragraphs:
                size = len(paragraphs) if len(paragraphs) <= 4 else rng.randint(2, 4)
                part = {**section, "paragraphs": paragraphs[:size]}
                paragraphs = paragraphs[size:]
                if len(paragraphs) == 1:
                    part["paragraphs"] = part["paragraphs"] + paragraphs
                    paragraphs = []
                sections.append((package, part))
    rng.shuffle(sections)
    others = {
        "titles": [s["title"] for _, s in sections if len(s["title"].split()) >= 3],
        "all_paragraphs": [p for _, s in sections for p in s["paragraphs"]],
        "foreign": {lang: data["sentences"] for lang, data in foreign.items()},
    }

    docs: list[Doc] = []
    for number, (package, section) in enumerate(sections):
        doc = Doc(
            id=f"doc_{number:03d}",
            title=section["title"],
            paragraphs=list(section["paragraphs"]),
            source_paragraphs=frozenset(section["paragraphs"]),
            package=package,
            show_title=rng.random() < 0.7,
            separator=rng.choice(["\n", "\n", "\n\n"]),
            final_newline=rng.random() < 0.6,
            metadata={
                "language": "fr",
                "title": section["title"] if rng.random() < 0.8 else "",
                "source": package,
                "url": f"https://docs.example.org/{package}/{section['file']}",
                "published": f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "translated_from": "en",
                "license": "GPL-2.0-or-later",
            },
        )
        docs.append(doc)

    # A third stay clean; the rest get one category, a quarter of them two.
    plan: list[list[str]] = []
    for _ in docs:
        roll = rng.random()
        if roll < 0.33:
            plan.append([])
        elif roll < 0.72:
            plan.append([rng.choice(list(PLANTERS))])
        else:
            plan.append(rng.sample(list(PLANTERS), 2))
    # Duplicates: copies of some documents; both sides are labelled.
    copies: list[tuple[int, str]] = []
    candidates = [k for k, p in enumerate(plan) if not p]
    for k in rng.sample(candidates, 16):
        copies.append((k, "exact" if len(copies) < 7 else "near"))

    for doc, categories in zip(docs, plan, strict=True):
        # The language planter may replace the whole text: plant it first. The
        # structure planter may empty or cut it: plant it last.
        for category in sorted(categories, key=lambda c: (c != "language") + (c == "structure")):
            PLANTERS[category](doc, rng, others)

    rendered = {doc.id: render(doc) for doc in docs}
    extra: list[tuple[Doc, bytes]] = []
    for n, (k, how) in enumerate(copies):
        source = docs[k]
        text = rendered[source.id].decode("utf-8")
        if how == "exact":
            copied, detail = exact_copy(text, rng)
        else:
            copied, detail = near_copy(text, rng)
        copy = Doc(
            id=f"doc_{len(docs) + n:03d}",
            title=source.title,
            paragraphs=[],
            package=source.package,
            metadata={**source.metadata, "url": source.metadata["url"] + f"?copy={n}"},
        )
        copy.add("duplicate", how, f"copy of {source.id}: {detail}")
        source.add("duplicate", how, f"copied as {copy.id}")
        extra.append((copy, copied.encode("utf-8")))

    everything = [(doc, rendered[doc.id]) for doc in docs] + extra
    # Shuffle the file names so that numbering says nothing about the defects.
    order = list(range(len(everything)))
    rng.shuffle(order)
    renamed: dict[str, str] = {}
    for new, (doc, _) in zip(order, everything, strict=True):
        renamed[doc.id] = f"doc_{new:03d}"
    for doc, _ in everything:
        doc.id = renamed[doc.id]
        for defect in doc.defects:
            defect["detail"] = re.sub(r"doc_\d{3}", lambda m: renamed[m.group()], defect["detail"])

    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    rows: list[dict[str, str]] = []
    labels: dict[str, Any] = {}
    for doc, data in sorted(everything, key=lambda pair: pair[0].id):
        (corpus / f"{doc.id}.txt").write_bytes(data)
        row = {"file_name": f"{doc.id}.txt", **doc.metadata}
        if doc.row != "missing":
            rows.append(row)
        if doc.row == "twice":
            rows.append({**row, "published": "2020-01-01"})
        labels[doc.id] = {
            "categories": doc.categories,
            "defects": doc.defects,
            "source": {"package": doc.package, "section": doc.title},
            "exists": True,
        }
    for n in range(3):
        orphan = f"doc_{len(everything) + n:03d}"
        rows.insert(rng.randrange(len(rows)), {**rows[n], "file_name": f"{orphan}.txt"})
        labels[orphan] = {
            "categories": ["metadata"],
            "defects": [{"category": "metadata", "kind": "orphan_row", "detail": ""}],
            "source": None,
            "exists": False,
        }
    buffer = io.StringIO(newline="")
    fields = ["file_name", "language", "title", "source", "url", "published",
              "translated_from", "license"]  # fmt: skip
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (corpus / "metadata.csv").write_text(buffer.getvalue(), encoding="utf-8")
    labels_file.write_text(
        json.dumps(
            {"seed": SEED, "categories": list(CATEGORIES), "documents": labels},
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    counts = {c: sum(c in v["categories"] for v in labels.values()) for c in CATEGORIES}
    clean = sum(not v["categories"] for v in labels.values())
    print(f"{len(labels)} documents ({clean} clean): {counts}")
    return labels


if __name__ == "__main__":
    main()
