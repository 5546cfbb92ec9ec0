"""Names of bodies, people and posts the graph does not hold yet: candidates for new entities.

Russian: natasha's NER finds the names; a body's kind comes from its head noun ("комиссия" is
a council, "суд" an agency), and its label is the name in the nominative with only the head
phrase inflected ("Министерства труда и социальной защиты населения" → "Министерство труда и
социальной защиты населения"), extended over a "по вопросам …" tail the NER cut off. Kazakh:
a capitalised word up to a head noun ("… агенттігі"). A post is the lower-case title before a
person's name ("заместителя министра внутренних дел Ерлана Сапарова").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kg.ingest.mentions import Mention
from kg.ingest.text import Sentence
from kg.ingest.translit import slug
from kg.iris import mint

# Head nouns that say what kind of body a new name is (Russian lemma or Kazakh stem → kind).
HEADS_RU = {
    "министерство": "agency", "агентство": "agency", "комитет": "agency", "служба": "agency",
    "прокуратура": "agency", "суд": "agency", "акимат": "agency", "департамент": "agency",
    "управление": "agency", "правительство": "agency", "мажилис": "agency", "сенат": "agency",
    "парламент": "agency", "инспекция": "agency", "полиция": "agency", "совет": "council",
    "комиссия": "council", "посольство": "mission", "консульство": "mission", "офис": "office",
    "представительство": "office",
}  # fmt: skip
HEADS_KK = {
    "министрлі": "agency", "агенттіг": "agency", "комитет": "agency", "қызметі": "agency",
    "сот": "agency", "прокуратура": "agency", "әкімдіг": "agency", "департамент": "agency",
    "басқарма": "agency", "үкімет": "agency", "кеңес": "council", "комиссия": "council",
    "елшіліг": "mission", "кеңсе": "office",
}  # fmt: skip
# Post titles that come before a name, lower case ("заместителя министра … Ерлана Сапарова").
POST_TITLES_RU = frozenset({"заместитель", "министр", "вице-министр", "председатель",
                            "руководитель", "начальник", "аким", "директор", "прокурор",
                            "судья", "депутат", "сенатор"})  # fmt: skip
# Kazakh case and possessive endings after a name's head noun, longest first.
_KK_CASE = ("ның", "нің", "нда", "нде", "нан", "нен", "на", "не", "ны", "ні", "мен", "н")
# The name runs from its last capitalised word before the head noun ("Қазақстан Республикасының
# Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі" → from "Сыбайлас"), never across "мен"/"және"
# nor across a verb form (a participle, "ретінде"): "Шымкент қаласында … жарнамаланған" is no name.
_KK_HEAD = re.compile(
    r"(?P<name>[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*(?<!да)(?<!де)(?<!та)(?<!те)\s+"
    r"(?:(?!мен\b|және\b|бен\b|пен\b|ретінде\b)"
    r"[а-яёәғқңөұүһіa-z-]+(?<!ған)(?<!ген)(?<!қан)(?<!кен)(?<!нда)(?<!нде)\s+){0,7}"
    r"(?P<head>(?:министрлі|агенттіг|комитет|қызметі|соты\b|прокуратура|әкімдіг|департамент"
    r"|басқарма|кеңес|комиссия|елшіліг)\w*))",
)
# "(КПСиСУ)", "(Антикор)": a name's short form, given in parentheses right after it.
ABBREVIATION = re.compile(r"^\s*\(([А-ЯЁӘҒҚҢӨҰҮҺІA-Z][\w-]{1,15})\)")


def new_names(sentence: Sentence, lang: str, known: list[Mention]) -> list[Mention]:
    """Bodies, persons and posts the lexicon did not link, left to right."""
    if lang == "kk":
        people = _persons_kk(sentence, known)
        found = people + _names_kk(sentence, known + people)
        return found + _posts_kk(sentence, known + found)
    found = _names_ru(sentence, known)
    return found + _posts(sentence, lang, known + found)


# "Нұржан Бекмағамбетов", "Бекмағамбетовтың": a first name and a surname in -ов/-ев/-ин/-ұлы.
_KK_PERSON = re.compile(
    r"\b([А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+)\s+([А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+?"
    r"(?:ов|ев|ин|ова|ева|ина|ұлы|қызы))(?P<case>[а-яёәғқңөұүһі]*)\b"
)
# Capitalised words that open a sentence without being part of a title ("Бүгін …").
OPENERS_KK = ("Бүгін", "Кеше", "Бұған", "Сондай-ақ", "Сонымен", "Алайда", "Дегенмен", "Осылайша")
# Kazakh post titles: the word that ends a post written before a name ("Облыс прокуроры …").
POST_HEADS_KK = ("прокуроры", "министрі", "төрағасы", "басшысы", "әкімі", "депутаты",
                 "сенаторы", "орынбасары", "бастығы", "директоры", "судьясы",
                 "Премьер-Министр", "Премьер-министр")  # fmt: skip


def _persons_kk(sentence: Sentence, known: list[Mention]) -> list[Mention]:
    found = []
    for match in _KK_PERSON.finditer(sentence.text):
        start = sentence.start + match.start()
        end = sentence.start + match.end()
        if _overlaps(start, end, known):
            continue
        label = f"{match.group(1)} {match.group(2)}"
        found.append(Mention(mint("person", slug(label)), "person", start, end, match.group(),
                             label, new=True, confidence=0.6))  # fmt: skip
    return found


def _posts_kk(sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """ "Облыс прокуроры Нұржан Бекмағамбетов": the post before a person's name."""
    found = []
    for person in (m for m in mentions if m.kind == "person"):
        before = sentence.text[: person.start - sentence.start]
        # The title: its head word and the capitalised or place words before it ("Облыс
        # прокуроры", "Сенат депутаты"), not a participle ("баяндама жасаған").
        qualifier = (
            r"(?:(?!(?:" + "|".join(OPENERS_KK) + r")\b)[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*"
            r"|облыс\w*|қала\w*|аудан\w*|бас)\s+"
        )
        match = re.search(r"((?:" + qualifier + r"){0,3}(?:" + "|".join(POST_HEADS_KK) + r"))\s+$",
                          before)  # fmt: skip
        if match is None:
            continue
        title = match.group(1).strip()
        # The span is the title's last word: the words before it may name a body the text
        # also mentions ("Сенат депутаты": the Senate, and a senator's post).
        head = title.split()[-1]
        start = sentence.start + match.start(1) + title.rindex(head)
        if _overlaps(start, start + len(head), mentions):
            continue
        label = title[0].upper() + title[1:]
        found.append(Mention(mint("post", slug(label)), "post", start, start + len(head), head,
                             label, new=True, confidence=0.6, holder=person.iri))  # fmt: skip
    return found


@cache
def _natasha() -> tuple[Any, Any, Any, Any]:
    from natasha import (  # type: ignore[import-untyped]  # ships no type information
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        Segmenter,
    )

    embedding = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab()


def _overlaps(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(not (end <= m.start or start >= m.end) for m in mentions if m.kind != "area")


def _names_ru(sentence: Sentence, known: list[Mention]) -> list[Mention]:
    from natasha import Doc

    segmenter, morph, ner, vocab = _natasha()
    doc = Doc(sentence.text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    for token in doc.tokens:
        _lemmatize(token, vocab)
    # A person's name in the nominative, from the same parse ("Ерлана Сапарова" → "Ерлан Сапаров").
    normals = {span.start: _normal(span, vocab) for span in doc.spans if span.type == "PER"}
    spans = _joined(sentence.text, list(doc.spans))
    found = []
    for kind_of_span, start, stop, tokens in spans:
        text = sentence.text[start:stop]
        begin, end = sentence.start + start, sentence.start + stop
        # A known body inside a new name after its head ("Комитет … Генеральной прокуратуры")
        # is part of that name; any other overlap means the lexicon knows the name already.
        inside = [m for m in known if begin < m.start and m.end <= end]
        if _overlaps(begin, end, [m for m in known if m not in inside]):
            continue
        if kind_of_span == "PER" and len(tokens) >= 2:
            label = normals.get(start) or text
            found.append(Mention(mint("person", slug(label)), "person", begin, end, text, label,
                                 new=True, confidence=0.7))  # fmt: skip
        elif kind_of_span == "ORG":
            head = next((HEADS_RU[t.lemma] for t in tokens if t.lemma in HEADS_RU), None)
            if head is None:
                continue
            label = _nominative(tokens, whole=False) + sentence.text[tokens[-1].stop : stop]
            label = label[0].upper() + label[1:]
            abbreviation = ABBREVIATION.match(sentence.text[stop:])
            aliases = (abbreviation.group(1),) if abbreviation else ()
            parents = [m.iri for m in inside if m.kind == "agency"]
            found.append(Mention(mint(head, slug(label)), head, begin, end, text, label,
                                 new=True, confidence=0.6, aliases=aliases,
                                 parent=parents[-1] if parents else None))  # fmt: skip
    return found


def _lemmatize(token: Any, vocab: Any) -> None:
    """natasha's lemma, or the word itself where pymorphy2 cannot read it (a character with
    no Unicode name makes it raise ValueError)."""
    try:
        token.lemmatize(vocab)
    except ValueError:
        token.lemma = token.text.lower()


def _joined(text: str, spans: list[Any]) -> list[tuple[str, int, int, list[Any]]]:
    """NER spans, with an ORG extended over a "по вопросам …" tail and joined to an ORG that
    follows it directly in the genitive ("Комитет по … учетам" + "Генеральной прокуратуры")."""
    joined: list[tuple[str, int, int, list[Any]]] = []
    for span in spans:
        tokens = [t for t in span.tokens if t.pos != "PUNCT" and t.text not in "()"]
        start, stop = span.start, span.stop
        if span.type == "ORG" and tokens and text[stop:].startswith("(") is False:
            stop = start + len(text[start:stop].split(" (")[0])
        if (
            joined and span.type == "ORG" and joined[-1][0] == "ORG"
            and text[joined[-1][2] : start].strip() == ""
            and any(t.lemma in HEADS_RU for t in joined[-1][3])
        ):  # fmt: skip
            kind, first, _, first_tokens = joined.pop()
            joined.append((kind, first, stop, first_tokens))
            continue
        if span.type == "ORG":
            tail = re.match(r"\s+по\s+[^,.;()\d]+?(?=[,.;()\d]|\s+сообщ|$)", text[stop:])
            if tail and any(t.lemma in ("комиссия", "совет", "комитет", "суд") for t in tokens):
                stop += _noun_phrase_end(tail.group())
        joined.append((span.type, start, stop, tokens))
    return joined


CASES = frozenset({"gent", "datv", "loct", "ablt", "accs", "nomn"})


def _grammemes(parse: Any) -> set[str]:
    return set(str(parse.tag).replace(" ", ",").split(","))


def _noun_phrase_end(tail: str) -> int:
    """Where "по уголовным делам города Астаны вынес …" stops being part of a name: before
    its first verb."""
    from kg.qa.lexicon import morph

    end = 0
    for match in re.finditer(r"\S+", tail):
        tags = str(morph().parse(match.group().strip(",.").lower())[0].tag)
        if any(tag in tags for tag in ("VERB", "PRTS", "INFN", "PRTF", "GRND")):
            break
        end = match.end()
    return end


def _nominative(tokens: list[Any], *, whole: bool) -> str:
    """The name in the nominative: every word of a person's name, or a body's head phrase
    (the adjectives and the noun up to the first noun) with the rest left as written."""
    from kg.qa.lexicon import morph

    words, done = [], False
    for token in tokens:
        if done:
            words.append(token.text)
            continue
        parse = next((p for p in morph().parse(token.text) if CASES & _grammemes(p)), None)
        number = "plur" if parse is not None and "plur" in str(parse.tag) else "sing"
        inflected = parse.inflect({"nomn", number}) if parse is not None else None
        word = inflected.word if inflected is not None else token.text
        if token.text[:1].isupper():
            word = word[:1].upper() + word[1:]
        words.append(word)
        if not whole and token.pos in ("NOUN", "PROPN"):
            done = True
    return " ".join(words)


def _normal(span: Any, vocab: Any) -> str | None:
    """natasha's normal form of a span, or None where pymorphy2 cannot read it (_lemmatize)."""
    try:
        span.normalize(vocab)
    except ValueError:
        return None
    return str(span.normal) if span.normal else None


def _names_kk(sentence: Sentence, known: list[Mention]) -> list[Mention]:
    """Kazakh names of bodies: a capitalised word up to a head noun ("… агенттігі")."""
    found = []
    for match in _KK_HEAD.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if _overlaps(start, end, known):
            continue
        head_word = match.group("head")
        kind = next(kind for stem, kind in HEADS_KK.items() if head_word.lower().startswith(stem))
        label = match.group("name")[: -len(head_word)] + _kk_nominative(head_word)
        abbreviation = ABBREVIATION.match(sentence.text[match.end() :])
        aliases = (abbreviation.group(1),) if abbreviation else ()
        words = label.split()
        if len(words) >= 3 and words[-2][:1].islower():
            # "Қарағанды облысының полиция департаменті" is later "полиция департаментіне",
            # or just "Полиция".
            aliases = (*aliases, f"{words[-2]} {words[-1][:-2]}*")
            if words[-2] in ("полиция", "прокуратура", "сот"):
                aliases = (*aliases, f"{words[-2]}*")
        found.append(Mention(mint(kind, slug(label)), kind, start, end, match.group("name"),
                             label, new=True, confidence=0.6, aliases=aliases))  # fmt: skip
    return found


def _kk_nominative(word: str) -> str:
    """Strip one case ending after a possessive head noun: "агенттігінің" → "агенттігі"."""
    for ending in _KK_CASE:
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem.endswith(("і", "ы")) and len(stem) > 4:
            return stem
    return word


def _posts(sentence: Sentence, lang: str, mentions: list[Mention]) -> list[Mention]:
    """The post title written before a person's name, lower case, as a new post."""
    if lang != "ru":
        return []
    found = []
    for person in (m for m in mentions if m.kind == "person"):
        before = sentence.text[: person.start - sentence.start]
        match = re.search(r"((?:[а-яё-]+\s+){1,6})$", before)
        if match is None:
            continue
        words = match.group(1).split()
        first = next((i for i, w in enumerate(words) if _lemma(w) in POST_TITLES_RU), None)
        if first is None or _overlaps(person.start - len(" ".join(words[first:])) - 1,
                                      person.start - 1, mentions):  # fmt: skip
            continue
        title = " ".join(words[first:])
        start = sentence.start + before.rindex(title)
        label = _post_nominative(title)
        found.append(Mention(mint("post", slug(label)), "post", start, start + len(title), title,
                             label, new=True, confidence=0.6, holder=person.iri))  # fmt: skip
    return found


def head_nominative(word: str) -> str:
    """A head noun in the nominative, capitalised: "прокуратуру" → "Прокуратура"."""
    from kg.qa.lexicon import morph

    parse = next((p for p in morph().parse(word) if "NOUN" in str(p.tag)), None)
    inflected = parse.inflect({"nomn", "sing"}) if parse is not None else None
    return (inflected.word if inflected is not None else word).capitalize()


def _lemma(word: str) -> str:
    from kg.qa.lexicon import morph

    return str(morph().parse(word)[0].normal_form)


def _post_nominative(title: str) -> str:
    """ "заместителя министра внутренних дел" → "заместитель министра внутренних дел"."""
    from kg.qa.lexicon import morph

    first, *rest = title.split()
    parse = next((p for p in morph().parse(first) if "NOUN" in str(p.tag)), None)
    inflected = parse.inflect({"nomn", "sing"}) if parse is not None else None
    word = inflected.word if inflected is not None else first
    return " ".join([word, *rest]).capitalize()
