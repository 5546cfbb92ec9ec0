"""The stories of a synthetic news article: a council meeting, a body reporting figures, a law
amending an act (or a version of it), a law ratifying an agreement. Each story writes its facts
into the article's graph and the sentences that state them, each sentence quoted by an annotation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from kg.iris import mint
from kg.synth import vocab
from kg.synth.nquads import (
    DERIVED,
    XSD_DATE,
    A,
    QuadWriter,
    V,
    annotate,
    associate,
    iri,
    labels,
    lit,
    typed,
)
from kg.synth.reference import Body, Reference
from kg.synth.text import day_text, join, lower_first, on_day

ROLE: Final = "https://w3id.org/kz-legal-kg/id/concept/role/"
TOPIC: Final = "https://w3id.org/kz-legal-kg/id/concept/topic/"
TOPICS: Final = (
    "illicit-drug-trafficking",
    "organised-crime",
    "terrorism",
    "extremism",
    "human-trafficking",
    "illegal-migration",
)
LEGAL_TYPES: Final = (V.eli("LegalResource"), V.schema("Legislation"), V.prov("Entity"))


def role(name: str) -> str:
    """The role concept ``id/concept/role/{name}``."""
    return iri(ROLE + name)


@dataclass
class Article:
    """One synthetic source while it is being written."""

    key: str
    iri: str
    graph: str
    day: date
    lang: str
    paragraphs: list[list[str]] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    headline: tuple[str, str, str] | None = None
    quotes: int = 0


@dataclass
class Act:
    """A law or code in the registry of acts, with the dates of the amendments it received."""

    iri: str
    kind: str
    title: str
    en: str
    ru: str
    kk: str
    short: tuple[str, str, str]
    day: date
    amendments: list[date] = field(default_factory=list)


def convocation(year: int) -> str:
    """The convocation of Parliament that gives a law number its suffix (226-V, 123-VI)."""
    return "V" if year <= 2015 else "VI" if year <= 2020 else "VII" if year <= 2022 else "VIII"


class StoryWriter:
    """Writes stories; holds what later stories refer to (acts, meeting IRIs, labels used)."""

    def __init__(self, writer: QuadWriter, rng: random.Random, ref: Reference) -> None:
        self.w = writer
        self.rng = rng
        self.ref = ref
        self.acts: list[Act] = []
        self.codes_left = list(vocab.CODES)
        self.numbers: dict[int, int] = {}
        self.meetings: set[str] = set()
        self.used_labels: set[str] = set()
        self.agreements = 0
        self.counts: dict[str, int] = {}

    # --- shared helpers ----------------------------------------------------------------------
    def count(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def unique(self, en: str, ru: str, kk: str) -> tuple[str, str, str]:
        """The labels, with a number appended when the English one is already taken."""
        n, suffix = 1, ""
        while en + suffix in self.used_labels:
            n += 1
            suffix = f" [{n}]"
        self.used_labels.add(en + suffix)
        return en + suffix, ru + suffix, kk + suffix

    def say(
        self,
        art: Article,
        slug: str,
        bodies: list[str],
        sentence: str,
        about_en: str,
        about_ru: str,
    ) -> None:
        """Add ``sentence`` to the article and an annotation quoting it for ``bodies``."""
        sentence = first_upper(sentence)
        art.paragraphs[-1].append(sentence)
        art.quotes += 1
        self.count("quotes")
        annotate(
            self.w,
            art.graph,
            quote=iri(str(mint("quote", art.key, slug))),
            source=art.iri,
            bodies=bodies,
            exact=sentence,
            label_en=about_en,
            label_ru=about_ru,
        )

    def pick(self, art: Article, en: str, ru: str, kk: str) -> str:
        return {"en": en, "ru": ru, "kk": kk}[art.lang]

    def law_number(self, year: int) -> tuple[str, str]:
        """The next law number of ``year``: its display form ("123-VI") and IRI key."""
        self.numbers[year] = self.numbers.get(year, self.rng.randint(1, 30)) + self.rng.randint(
            1, 6
        )
        number = f"{self.numbers[year]}-{convocation(year)}"
        return number, f"synth-{number}"

    # --- meetings ----------------------------------------------------------------------------
    def meeting(self, art: Article, k: int) -> None:
        rng, ref = self.rng, self.ref
        council = rng.choice(ref.councils)
        host = rng.choice(ref.bodies)
        chair = host.head
        assert chair is not None
        others = [
            b
            for b in rng.sample(ref.bodies, min(len(ref.bodies), rng.randint(4, 11)))
            if b is not host
        ]
        day = art.day - timedelta(days=rng.randint(0, 10))
        meeting = iri(str(mint("meeting", council.key, day.isoformat())))
        n = 1
        while meeting in self.meetings:
            n += 1
            meeting = iri(str(mint("meeting", council.key, f"{day.isoformat()}-{n}")))
        self.meetings.add(meeting)
        names = self.unique(
            f"Meeting of the {council.en} on {day_text(day, 'en')}",
            f"Заседание {council.ru_gen} {day_text(day, 'ru')}",
            f"{council.kk} {day_text(day, 'kk')} отырысы",
        )
        city = vocab.CITIES[host.city]
        roles = [
            (council.iri, role("convener")),
            (host.iri, role("host")),
            (chair.iri, role("chair")),
        ]
        roles += [(b.iri, role("participant")) for b in others]
        self.w.emit(
            art.graph,
            meeting,
            [
                (A, V.kzl("Meeting")),
                (A, V.prov("Activity")),
                (A, V.schema("Event")),
                *labels(*names),
                (V.dcterms("date"), typed(day.isoformat(), XSD_DATE)),
                (V.schema("location"), ref.places[host.city]),
                (V.dcterms("subject"), iri(TOPIC + rng.choice(TOPICS))),
                *associate(self.w, art.graph, roles),
                (DERIVED, art.iri),
            ],
        )
        self.count("meetings")
        art.about.append(meeting)
        art.headline = art.headline or (
            f"Meeting of the {council.en}",
            f"Заседание {council.ru}",
            f"{council.kk} отырысы",
        )
        ended = "а" if chair.female else ""
        self.say(
            art,
            f"meeting-{k}",
            [meeting],
            self.pick(
                art,
                f"{on_day(day, 'en').capitalize()} the {council.en} met in {city.en}.",
                f"{on_day(day, 'ru')} в {city.ru_loc} состоялось заседание {council.ru_gen}.",
                f"{on_day(day, 'kk')} {city.kk} қаласында {council.kk} отырысы өтті.",
            ),
            f"The meeting of the {council.en}",
            f"Заседание {council.ru_gen}",
        )
        self.say(
            art,
            f"meeting-{k}-chair",
            [meeting],
            self.pick(
                art,
                f"The meeting was hosted by the {host.en} and chaired by {chair.en}, {lower_first(chair.post_en)}.",  # noqa: E501
                f"Заседание прошло на площадке {host.ru_gen}, председательствовал{ended} {chair.ru}, {lower_first(chair.post_ru)}.",  # noqa: E501
                f"Отырыс {host.kk_gen} алаңында өтті, оған {chair.kk} төрағалық етті.",
            ),
            "Host and chair of the meeting",
            "Место проведения и председатель",
        )
        self.say(
            art,
            f"meeting-{k}-participants",
            [meeting],
            self.pick(
                art,
                f"Representatives of {join(['the ' + b.en for b in others], 'en')} took part.",
                f"В заседании приняли участие представители {join([b.ru_gen for b in others], 'ru')}.",  # noqa: E501
                f"Отырысқа {join([b.kk for b in others], 'kk')} өкілдері қатысты.",
            ),
            "Participants of the meeting",
            "Участники заседания",
        )

    # --- laws and amendments -----------------------------------------------------------------
    def _new_act(self, art: Article, latest: date) -> Act:
        rng = self.rng
        year = rng.randint(2014, max(2014, latest.year - 1))
        day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        day = min(day, latest - timedelta(days=60))
        number, key = self.law_number(day.year)
        act_iri = iri(str(mint("law", "kz", day.year, key)))
        if self.codes_left and rng.random() < 0.3:
            code = self.codes_left.pop(0)
            kind, title = "Code", f"{code.ru} Республики Казахстан"
            en, ru = (
                f"{code.en} of the Republic of Kazakhstan (No. {number})",
                f"{title} (№ {number})",
            )
            kk = f"Қазақстан Республикасының {code.kk} (№ {number})"
            short = (f"the {code.en}", title, f"Қазақстан Республикасының {code.kk}")
        else:
            subject = rng.choice(vocab.LAW_SUBJECTS)
            kind, title = "Law", f"О {subject.ru}"
            en = f'Law of the Republic of Kazakhstan No. {number} of {day_text(day, "en")} "On {subject.en}"'  # noqa: E501
            ru = f"Закон Республики Казахстан от {day_text(day, 'ru')} № {number} «{title}»"
            kk = f"«{subject.kk} туралы» {day_text(day, 'kk')} № {number} Қазақстан Республикасының Заңы"  # noqa: E501
            short = (
                f'the Law "On {subject.en}"',
                f"Закон Республики Казахстан «{title}»",
                f"«{subject.kk} туралы» Заң",
            )
        en, ru, kk = self.unique(en, ru, kk)
        act = Act(act_iri, kind, title, en, ru, kk, short, day)
        self.w.emit(
            art.graph,
            act.iri,
            [
                (A, V.kzl(kind)),
                *((A, t) for t in LEGAL_TYPES),
                *labels(en, ru, kk),
                (V.eli("title"), lit(title, "ru")),
                (V.eli("date_document"), typed(day.isoformat(), XSD_DATE)),
                (V.eli("is_about"), iri(TOPIC + rng.choice(TOPICS))),
                (DERIVED, art.iri),
            ],
        )
        self.count("acts")
        self.acts.append(act)
        return act

    def amendment(self, art: Article, k: int) -> None:
        rng = self.rng
        latest = art.day - timedelta(days=1)
        candidates = [
            a
            for a in rng.sample(self.acts, min(5, len(self.acts)))
            if (a.amendments[-1] if a.amendments else a.day) < latest - timedelta(days=30)
        ]
        paragraph_bodies: list[str] = []
        if candidates and rng.random() < 0.8:
            act = candidates[0]
        else:
            act = self._new_act(art, latest)
            paragraph_bodies.append(act.iri)
        previous = act.amendments[-1] if act.amendments else act.day
        day = previous + timedelta(days=rng.randint(30, max(30, (latest - previous).days)))
        day = min(day, latest)
        target, version_words = act.iri, ("", "", "")
        if act.amendments:
            target = iri(act.iri[1:-1] + f"/version/{previous.isoformat()}")
            version_words = (
                f" as amended on {day_text(previous, 'en')}",
                f" (в редакции от {day_text(previous, 'ru')})",
                f" ({day_text(previous, 'kk')} редакциясы)",
            )
            self.w.emit(
                art.graph,
                target,
                [
                    (A, V.kzl(act.kind)),
                    *((A, t) for t in LEGAL_TYPES),
                    *labels(
                        *(
                            name + words
                            for name, words in zip(
                                (act.en, act.ru, act.kk), version_words, strict=True
                            )
                        )
                    ),
                    (V.eli("title"), lit(act.title, "ru")),
                    (V.eli("date_document"), typed(previous.isoformat(), XSD_DATE)),
                    (DERIVED, art.iri),
                ],
            )
            self.count("versions")
            paragraph_bodies.append(target)
        number, key = self.law_number(day.year)
        law = iri(str(mint("law", "kz", day.year, key)))
        title = f"О внесении изменений и дополнений в {act.short[1]}"
        names = self.unique(
            f"Law No. {number} of {day_text(day, 'en')} amending {act.short[0]}",
            f"Закон Республики Казахстан от {day_text(day, 'ru')} № {number} «{title}»",
            f"{act.short[2]} өзгерістер енгізу туралы {day_text(day, 'kk')} № {number} Заң",
        )
        self.w.emit(
            art.graph,
            law,
            [
                (A, V.kzl("AmendingLaw")),
                (A, V.kzl("Law")),
                *((A, t) for t in LEGAL_TYPES),
                *labels(*names),
                (V.eli("title"), lit(title, "ru")),
                (V.eli("date_document"), typed(day.isoformat(), XSD_DATE)),
                (V.eli("amends"), target),
                (DERIVED, art.iri),
            ],
        )
        self.count("amending_laws")
        act.amendments.append(day)
        art.about.append(law)
        art.headline = art.headline or (
            f"Amendments to {act.short[0]}",
            f"Внесены поправки в {act.short[1]}",
            f"{act.short[2]} түзетулер енгізілді",
        )
        if act.iri in paragraph_bodies:
            self.say(
                art,
                f"act-{k}",
                [act.iri],
                self.pick(
                    art,
                    f"{act.short[0][0].upper()}{act.short[0][1:]} was adopted {on_day(act.day, 'en')}.",  # noqa: E501
                    f"{act.short[1]} был принят {day_text(act.day, 'ru')}.",
                    f"{act.short[2]} {on_day(act.day, 'kk')} қабылданды.",
                ),
                "When the act was adopted",
                "Дата принятия акта",
            )
        self.say(
            art,
            f"amendment-{k}",
            [law, *(b for b in paragraph_bodies if b != act.iri)],
            self.pick(
                art,
                f"Law No. {number} of {day_text(day, 'en')} amended {act.short[0]}{version_words[0]}.",  # noqa: E501
                f"Законом Республики Казахстан от {day_text(day, 'ru')} № {number} внесены изменения и дополнения в {act.short[1]}{version_words[1]}.",  # noqa: E501
                f"{day_text(day, 'kk')} № {number} Заңмен {act.short[2]}{version_words[2]} өзгерістер мен толықтырулар енгізілді.",  # noqa: E501
            ),
            "The amending law",
            "Закон о внесении изменений",
        )

    # --- ratifications -----------------------------------------------------------------------
    def ratification(self, art: Article, k: int) -> None:
        rng, ref = self.rng, self.ref
        country, foreign = rng.choice(ref.governments)
        kz = ref.government_kz
        assert kz is not None
        field_ = rng.choice(vocab.AGREEMENT_FIELDS)
        day = art.day - timedelta(days=rng.randint(1, 20))
        signed = max(date(2014, 1, 1), day - timedelta(days=rng.randint(120, 900)))
        self.agreements += 1
        agreement_key = f"synth-agreement-{self.agreements:05d}"
        agreement = iri(str(mint("agreement", agreement_key)))
        title = (
            f"Соглашение между Правительством Республики Казахстан и Правительством {country.ru_gen} "  # noqa: E501
            f"о сотрудничестве в {field_.ru}"
        )
        names = self.unique(
            f"Agreement between the Government of the Republic of Kazakhstan and the Government of "
            f"{country.en} on cooperation in {field_.en} (signed on {day_text(signed, 'en')})",
            f"{title} (подписано {day_text(signed, 'ru')})",
            f"Қазақстан Республикасының Үкіметі мен {country.kk} Үкіметі арасындағы {field_.kk} "
            f"саласындағы ынтымақтастық туралы келісім ({day_text(signed, 'kk')})",
        )
        self.w.emit(
            art.graph,
            agreement,
            [
                (A, V.kzl("InternationalAgreement")),
                *((A, t) for t in LEGAL_TYPES),
                *labels(*names),
                (V.eli("title"), lit(title, "ru")),
                (V.eli("date_document"), typed(signed.isoformat(), XSD_DATE)),
                (V.kzl("party"), kz.iri),
                (V.kzl("party"), foreign.iri),
                (DERIVED, art.iri),
            ],
        )
        number, key = self.law_number(day.year)
        law = iri(str(mint("law", "kz", day.year, key)))
        law_title = "О ратификации " + "Соглашения" + title.removeprefix("Соглашение")
        law_names = self.unique(
            f"Law No. {number} of {day_text(day, 'en')} ratifying the agreement with {country.en} on cooperation in {field_.en}",  # noqa: E501
            f"Закон Республики Казахстан от {day_text(day, 'ru')} № {number} «{law_title}»",
            f"{country.kk} Үкіметімен келісімді ратификациялау туралы {day_text(day, 'kk')} № {number} Заң",  # noqa: E501
        )
        self.w.emit(
            art.graph,
            law,
            [
                (A, V.kzl("RatificationLaw")),
                (A, V.kzl("Law")),
                *((A, t) for t in LEGAL_TYPES),
                *labels(*law_names),
                (V.eli("title"), lit(law_title, "ru")),
                (V.eli("date_document"), typed(day.isoformat(), XSD_DATE)),
                (V.kzl("ratifies"), agreement),
                (DERIVED, art.iri),
            ],
        )
        president = ref.president_on(day)
        ratification = iri(str(mint("ratification", agreement_key, "kz")))
        self.w.emit(
            art.graph,
            ratification,
            [
                (A, V.kzl("Ratification")),
                (A, V.prov("Activity")),
                *labels(
                    f"Kazakhstan's ratification of {names[0][0].lower()}{names[0][1:]}",
                    f"Ратификация Казахстаном: {names[1]}",
                    f"Қазақстанның ратификациялауы: {names[2]}",
                ),
                (V.prov("used"), agreement),
                (V.prov("used"), law),
                *associate(self.w, art.graph, [(president.iri, role("ratifier"))]),
                (DERIVED, art.iri),
            ],
        )
        signing = iri(str(mint("activity", f"{art.key}-signing-{k}")))
        self.w.emit(
            art.graph,
            signing,
            [
                (A, V.kzl("Signing")),
                (A, V.prov("Activity")),
                *labels(
                    *self.unique(
                        f"The Head of State signs law No. {number} of {day_text(day, 'en')}",
                        f"Глава государства подписывает Закон № {number} от {day_text(day, 'ru')}",
                        f"Мемлекет басшысы {day_text(day, 'kk')} № {number} Заңға қол қояды",
                    )
                ),
                (V.dcterms("date"), typed(day.isoformat(), XSD_DATE)),
                (V.prov("used"), law),
                (V.dcterms("isPartOf"), ratification),
                *associate(self.w, art.graph, [(president.iri, role("signatory"))]),
                (DERIVED, art.iri),
            ],
        )
        self.count("agreements")
        self.count("ratification_laws")
        self.count("ratifications")
        self.count("signings")
        art.about.append(law)
        art.headline = art.headline or (
            f"Agreement with {country.en} ratified",
            f"Ратифицировано соглашение с правительством {country.ru_gen}",
            f"{country.kk} Үкіметімен келісім ратификацияланды",
        )
        self.say(
            art,
            f"ratification-{k}",
            [signing, law, agreement, ratification],
            self.pick(
                art,
                f"{on_day(day, 'en').capitalize()} the Head of State {president.en} signed Law No. {number} ratifying the agreement with {country.en}.",  # noqa: E501
                f"{on_day(day, 'ru')} Глава государства {president.ru} подписал Закон Республики Казахстан № {number} «{law_title}».",  # noqa: E501
                f"{on_day(day, 'kk')} Мемлекет басшысы {president.kk} {country.kk} Үкіметімен келісімді ратификациялау туралы № {number} Заңға қол қойды.",  # noqa: E501
            ),
            "The Head of State signed the ratification law",
            "Подписание закона о ратификации",
        )
        self.say(
            art,
            f"agreement-{k}",
            [agreement],
            self.pick(
                art,
                f"The agreement on cooperation in {field_.en} was signed {on_day(signed, 'en')} by the {kz.en} and the {foreign.en}.",  # noqa: E501
                f"Соглашение о сотрудничестве в {field_.ru} подписано {day_text(signed, 'ru')}, его сторонами являются {kz.ru} и {foreign.ru}.",  # noqa: E501
                f"{field_.kk} саласындағы ынтымақтастық туралы келісімге {on_day(signed, 'kk')} {kz.kk} мен {foreign.kk} қол қойды.",  # noqa: E501
            ),
            "The parties of the agreement",
            "Стороны соглашения",
        )


def first_upper(text: str) -> str:
    """Upper-case the first letter."""
    return text[:1].upper() + text[1:]


__all__ = ["Act", "Article", "Body", "StoryWriter", "first_upper", "role"]
