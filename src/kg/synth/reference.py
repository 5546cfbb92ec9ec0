"""The reference entities of a synthetic corpus: bodies (in hierarchies), councils, governments,
people and the posts they hold, media outlets, places, areas and periods.

They live in graph ``graph/synth-reference`` and rest on the rows of a synthetic table of names,
``sources/synth-reference.tsv``, as the real ones rest on ``data/sources/names.tsv``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from kg.iris import graph_iri, mint, source_text_iri
from kg.synth import vocab
from kg.synth.nquads import (
    ALT_LABEL,
    DERIVED,
    ORGANIZATION_TYPES,
    PERSON_TYPES,
    A,
    QuadWriter,
    V,
    annotate,
    iri,
    labels,
    lit,
)

STEM: Final = "synth-reference"
TEXT_FILE: Final = STEM + ".tsv"
# Kazakhstan's second president took office on this day; the first held the post until then.
SECOND_TERM: Final = date(2019, 3, 20)
PERIOD_KINDS: Final = ("year", "h1", "9m", "q1", "q2", "q3", "q4")


@dataclass
class Person:
    """A person and the post they hold."""

    iri: str
    en: str
    ru: str
    kk: str
    female: bool
    post: str = ""
    post_en: str = ""
    post_ru: str = ""
    post_kk: str = ""


@dataclass
class Body:
    """An organisation: ru_gen is its Russian genitive, kk_gen its Kazakh genitive."""

    iri: str
    key: str
    kind: str
    level: int
    en: str
    ru: str
    kk: str
    ru_gen: str
    kk_gen: str
    city: str = "astana"
    head: Person | None = None
    children: int = 0


@dataclass
class Period:
    """A reporting period and its wording in each language ("за 2019 год", "in 2019")."""

    iri: str
    year: int
    en: str
    ru: str
    kk: str


@dataclass
class Reference:
    """Every reference entity, for the stories to draw on."""

    bodies: list[Body] = field(default_factory=list)
    councils: list[Body] = field(default_factory=list)
    government_kz: Body | None = None
    governments: list[tuple[vocab.Country, Body]] = field(default_factory=list)
    presidents: list[Person] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    outlets: list[Body] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)
    area_kz: str = ""
    periods: dict[tuple[int, str], Period] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def president_on(self, day: date) -> Person:
        """The head of state on ``day``."""
        return self.presidents[0] if day < SECOND_TERM else self.presidents[1]


class ReferenceBuilder:
    """Builds and writes the reference graph; sizes follow the requested number of triples."""

    def __init__(self, writer: QuadWriter, rng: random.Random, triples: int) -> None:
        self.w = writer
        self.rng = rng
        self.ref = Reference()
        self.graph = iri(str(graph_iri(STEM)))
        self.source = iri(str(mint("source", STEM)))
        self.n_bodies = max(30, min(30_000, triples // 450))
        self._names: set[tuple[int, int, int, bool]] = set()
        self._abbreviations: set[tuple[str, str]] = set()

    def build(self) -> Reference:
        """Write the reference graph and return what it holds."""
        self._source()
        self._places_areas_periods()
        self._governments()
        self._hierarchy()
        self._councils()
        self._outlets()
        ref = self.ref
        ref.counts = {
            "bodies": len(ref.bodies),
            "councils": len(ref.councils),
            "governments": len(ref.governments) + 1,
            "persons": len(ref.persons),
            "posts": len(ref.persons),
            "outlets": len(ref.outlets),
            "places": len(ref.places),
            "areas": len(vocab.COUNTRIES) + 1,
            "periods": len(ref.periods),
        }
        return ref

    # --- writing helpers ---------------------------------------------------------------------
    def _row(self, entity: str, slug: str, cells: list[str]) -> None:
        """Add a row to the table and the annotation quoting it in support of ``entity``."""
        row = "\t".join(cell.replace("\t", " ") for cell in cells)
        self.ref.rows.append(row)
        annotate(
            self.w,
            self.graph,
            quote=iri(str(mint("quote", STEM, slug))),
            source=self.source,
            bodies=[entity],
            exact=row,
            label_en=f"Row '{cells[0]}' of the synthetic table of names",
            label_ru=f"Строка «{cells[0]}» синтетического справочника наименований",
        )

    def _source(self) -> None:
        self.w.emit(
            self.graph,
            self.source,
            [
                (A, V.schema("Dataset")),
                (A, V.prov("Entity")),
                *labels(
                    "Synthetic table of official names (generated test data)",
                    "Синтетический справочник официальных наименований (сгенерированные данные)",
                    "Ресми атаулардың синтетикалық анықтамалығы (жасалған деректер)",
                ),
                (
                    V.dcterms("description"),
                    lit("Generated by kg synth: names of invented bodies, people and posts.", "en"),
                ),
                *(
                    (V.dcterms("language"), iri(f"http://id.loc.gov/vocabulary/iso639-1/{code}"))
                    for code in ("en", "ru", "kk")
                ),
                (V.kzl("textCopy"), iri(str(source_text_iri(TEXT_FILE)))),
            ],
        )
        self.ref.rows.append("key\tkind\tEnglish\tRussian\tKazakh\tabbreviations\tdetail")

    def _places_areas_periods(self) -> None:
        for key, city in vocab.CITIES.items():
            place = iri(str(mint("place", "synth-" + key)))
            self.ref.places[key] = place
            self.w.emit(
                self.graph,
                place,
                [
                    (A, V.schema("Place")),
                    *labels(city.en, city.ru, city.kk),
                    (DERIVED, self.source),
                ],
            )
            self._row(place, "place-" + key, ["synth-" + key, "place", city.en, city.ru, city.kk])
        areas = [("kz", "Kazakhstan", "Казахстан", "Қазақстан")] + [
            (c.iso, c.en.removeprefix("the "), c.ru, c.kk) for c in vocab.COUNTRIES
        ]
        for iso, en, ru, kk in areas:
            area = iri(str(mint("area", iso)))
            if iso == "kz":
                self.ref.area_kz = area
            self.w.emit(
                self.graph,
                area,
                [(A, V.schema("Country")), (A, V.schema("Place")), *labels(en, ru, kk)],
            )
        for year in range(2014, 2026):
            for kind in PERIOD_KINDS:
                self._period(year, kind)

    def _period(self, year: int, kind: str) -> None:
        key = str(year) if kind == "year" else f"{year}-{kind}"
        quarter = {"q1": "first", "q2": "second", "q3": "third", "q4": "fourth"}
        roman = {"q1": "I", "q2": "II", "q3": "III", "q4": "IV"}
        if kind == "year":
            words = (f"{year}", f"{year} год", f"{year} жыл")
            phrase = (f"in {year}", f"за {year} год", f"{year} жылы")
        elif kind == "h1":
            words = (
                f"First half of {year}",
                f"Первое полугодие {year} года",
                f"{year} жылдың бірінші жартыжылдығы",
            )
            phrase = (
                f"in the first half of {year}",
                f"за первое полугодие {year} года",
                f"{year} жылдың бірінші жартыжылдығында",
            )
        elif kind == "9m":
            words = (
                f"First nine months of {year}",
                f"Девять месяцев {year} года",
                f"{year} жылдың тоғыз айы",
            )
            phrase = (
                f"in the first nine months of {year}",
                f"за девять месяцев {year} года",
                f"{year} жылдың тоғыз айында",
            )
        else:
            words = (
                f"{quarter[kind].capitalize()} quarter of {year}",
                f"{roman[kind]} квартал {year} года",
                f"{year} жылдың {roman[kind]} тоқсаны",
            )
            phrase = (
                f"in the {quarter[kind]} quarter of {year}",
                f"за {roman[kind]} квартал {year} года",
                f"{year} жылдың {roman[kind]} тоқсанында",
            )
        period = iri(str(mint("period", key)))
        self.ref.periods[year, kind] = Period(period, year, *phrase)
        self.w.emit(
            self.graph,
            period,
            [(A, V.dcterms("PeriodOfTime")), *labels(*words), (DERIVED, self.source)],
        )
        self._row(period, "period-" + key, [key, "period", *words])

    def _organisation(self, body: Body, types: list[str], extra: list[tuple[str, str]]) -> None:
        self.w.emit(
            self.graph,
            body.iri,
            [
                *((A, t) for t in types),
                *((A, t) for t in ORGANIZATION_TYPES),
                *labels(body.en, body.ru, body.kk, pref=True),
                *extra,
                (DERIVED, self.source),
            ],
        )

    def _abbreviation(self, text: str, lang: str) -> list[tuple[str, str]]:
        if (text, lang) in self._abbreviations:
            return []
        self._abbreviations.add((text, lang))
        return [(ALT_LABEL, lit(text, lang))]

    # --- governments, bodies and their heads -------------------------------------------------
    def _governments(self) -> None:
        kz = Body(
            iri(str(mint("agency", "synth-government-kz"))),
            "synth-government-kz",
            "government",
            0,
            "Government of the Republic of Kazakhstan",
            "Правительство Республики Казахстан",
            "Қазақстан Республикасының Үкіметі",
            "Правительства Республики Казахстан",
            "Қазақстан Республикасы Үкіметінің",
        )
        self._organisation(kz, [V.kzl("StateBody"), V.org("FormalOrganization")], [])
        self._row(kz.iri, "agency-" + kz.key, [kz.key, "government", kz.en, kz.ru, kz.kk])
        self.ref.government_kz = kz
        for country in vocab.COUNTRIES:
            key = f"synth-government-{country.iso}"
            body = Body(
                iri(str(mint("agency", key))),
                key,
                "government",
                0,
                f"Government of {country.en}",
                f"Правительство {country.ru_gen}",
                f"{country.kk} Үкіметі",
                f"Правительства {country.ru_gen}",
                f"{country.kk} Үкіметінің",
            )
            types = [V.kzl("ForeignStateBody"), V.kzl("StateBody"), V.org("FormalOrganization")]
            self._organisation(body, types, [])
            self._row(
                body.iri, "agency-" + key, [key, "foreign government", body.en, body.ru, body.kk]
            )
            self.ref.governments.append((country, body))
        post = iri(str(mint("post", "synth-president")))
        post_names = (
            "President of the Republic of Kazakhstan",
            "Президент Республики Казахстан",
            "Қазақстан Республикасының Президенті",
        )
        holders = [self._person(False), self._person(False)]
        self.w.emit(
            self.graph,
            post,
            [
                (A, V.org("Post")),
                *labels(*post_names, pref=True),
                *((V.org("heldBy"), person.iri) for person in holders),
                (DERIVED, self.source),
            ],
        )
        self._row(post, "post-synth-president", ["synth-president", "post", *post_names])
        for person in holders:
            self._holder(person, post, post_names)
        self.ref.presidents = holders

    def _person(self, female: bool) -> Person:
        """A person with a name no other synthetic person has."""
        firsts = vocab.FEMALE_NAMES if female else vocab.MALE_NAMES
        while True:
            combo = (
                self.rng.randrange(len(firsts)),
                self.rng.randrange(len(vocab.FATHER_NAMES)),
                self.rng.randrange(len(vocab.SURNAMES)),
                female,
            )
            if combo not in self._names:
                self._names.add(combo)
                break
        first, father, last = (
            firsts[combo[0]],
            vocab.FATHER_NAMES[combo[1]],
            vocab.SURNAMES[combo[2]],
        )
        if female:
            names = (
                f"{first[0]} {father[0]}ovna {last[0]}a",
                f"{first[1]} {father[1]}овна {last[1]}а",
                f"{first[2]} {father[2]}қызы {last[2]}а",
            )
        else:
            names = (
                f"{first[0]} {father[0]}ovich {last[0]}",
                f"{first[1]} {father[1]}ович {last[1]}",
                f"{first[2]} {father[2]}ұлы {last[2]}",
            )
        key = f"synth-person-{len(self.ref.persons) + 1:06d}"
        person = Person(iri(str(mint("person", key))), *names, female)
        self.ref.persons.append(person)
        return person

    def _holder(self, person: Person, post: str, post_names: tuple[str, str, str]) -> None:
        person.post, (person.post_en, person.post_ru, person.post_kk) = post, post_names
        self.w.emit(
            self.graph,
            person.iri,
            [
                *((A, t) for t in PERSON_TYPES),
                *labels(person.en, person.ru, person.kk, pref=True),
                (V.org("holds"), post),
                (DERIVED, self.source),
            ],
        )
        key = person.iri.rsplit("/", 1)[1].rstrip(">")
        self._row(
            person.iri,
            "person-" + key,
            [key, "person", person.en, person.ru, person.kk, "", post_names[0]],
        )

    def _head(self, body: Body, post_names: tuple[str, str, str]) -> None:
        """Give ``body`` a head: a post and the person who holds it."""
        person = self._person(self.rng.random() < 0.3)
        post = iri(str(mint("post", "synth-head-" + body.key.removeprefix("synth-"))))
        self.w.emit(
            self.graph,
            post,
            [
                (A, V.org("Post")),
                *labels(*post_names, pref=True),
                (V.org("heldBy"), person.iri),
                (DERIVED, self.source),
            ],
        )
        self._row(post, "post-" + body.key, [body.key + "-head", "post", *post_names])
        self._holder(person, post, post_names)
        body.head = person

    def _add_body(
        self, body: Body, parent: Body | None, abbreviations: list[tuple[str, str]]
    ) -> None:
        extra = [pair for text, lang in abbreviations for pair in self._abbreviation(text, lang)]
        if parent is not None:
            extra.append((V.org("subOrganizationOf"), parent.iri))
            parent.children += 1
        self._organisation(body, [V.kzl("StateBody"), V.org("FormalOrganization")], extra)
        abbrevs = ", ".join(str(o).split('"')[1] for _, o in extra if _ == ALT_LABEL)
        self._row(
            body.iri,
            "agency-" + body.key,
            [body.key, body.kind, body.en, body.ru, body.kk, abbrevs],
        )
        self.ref.bodies.append(body)

    def _hierarchy(self) -> None:
        """Ministries, their committees, regional departments and numbered divisions, breadth first."""  # noqa: E501
        rng, target = self.rng, self.n_bodies
        pairs = [
            (a, b) for a in range(len(vocab.DOMAINS)) for b in range(a + 1, len(vocab.DOMAINS))
        ]
        rng.shuffle(pairs)
        ministries = pairs[: max(6, min(len(pairs), target // 60))]
        level: list[Body] = []
        for n, (i, j) in enumerate(ministries, 1):
            a, b = vocab.DOMAINS[i], vocab.DOMAINS[j]
            key = f"synth-ministry-{n:04d}"
            body = Body(
                iri(str(mint("agency", key))),
                key,
                "ministry",
                0,
                f"Ministry of {a.en} and {b.en} of the Republic of Kazakhstan",
                f"Министерство {a.ru} и {b.ru} Республики Казахстан",
                f"Қазақстан Республикасының {a.kk} және {b.kk} министрлігі",
                f"Министерства {a.ru} и {b.ru}",
                f"{a.kk} және {b.kk} министрлігінің",
            )
            short_en = f"Ministry of {a.en} and {b.en}"
            self._add_body(
                body,
                None,
                [
                    ("М" + a.ru_initial + b.ru_initial, "ru"),
                    (a.kk_initial + b.kk_initial + "М", "kk"),
                    ("M" + a.en[0] + b.en[0], "en"),
                ],
            )
            self._head(
                body,
                (
                    f"Minister of {a.en} and {b.en} of the Republic of Kazakhstan",
                    f"Министр {a.ru} и {b.ru} Республики Казахстан",
                    f"Қазақстан Республикасының {a.kk} және {b.kk} министрі",
                ),
            )
            body.en = short_en  # nested names use the short form
            level.append(body)
        counters = {"committee": 0, "department": 0, "division": 0}
        while len(self.ref.bodies) < target and level:
            children: list[Body] = []
            for parent in level:
                room = target - len(self.ref.bodies)
                if room <= 0:
                    break
                children.extend(self._children(parent, counters, room))
            level = children

    def _children(self, parent: Body, counters: dict[str, int], room: int) -> list[Body]:
        rng = self.rng
        made: list[Body] = []
        if parent.kind == "ministry":
            topics = rng.sample(vocab.COMMITTEE_TOPICS, rng.randint(2, 4))
            for topic in topics:
                counters["committee"] += 1
                key = f"synth-committee-{counters['committee']:04d}"
                en = f"{topic.en} Committee of the {parent.en}"
                ru = f"Комитет {topic.ru} {parent.ru_gen}"
                kk = f"{parent.kk_gen} {topic.kk} комитеті"
                made.append(
                    Body(
                        iri(str(mint("agency", key))),
                        key,
                        "committee",
                        1,
                        en,
                        ru,
                        kk,
                        "Комитета" + ru.removeprefix("Комитет"),
                        kk + "нің",
                    )
                )
        elif parent.kind == "committee":
            for region in rng.sample(vocab.REGIONS, rng.randint(4, 12)):
                counters["department"] += 1
                key = f"synth-department-{counters['department']:05d}"
                en = f"Department of the {parent.en} for {region.en}"
                ru = f"Департамент {parent.ru_gen} {region.ru}"
                kk = f"{parent.kk_gen} {region.kk} бойынша департаменті"
                made.append(
                    Body(
                        iri(str(mint("agency", key))),
                        key,
                        "department",
                        2,
                        en,
                        ru,
                        kk,
                        "Департамента" + ru.removeprefix("Департамент"),
                        kk + "нің",
                        city=region.city,
                    )
                )
        elif parent.kind == "department":
            for number in range(1, rng.randint(2, 6)):
                counters["division"] += 1
                key = f"synth-division-{counters['division']:06d}"
                en = f"Division No. {number} of the {parent.en}"
                ru = f"Отдел № {number} {parent.ru_gen}"
                kk = f"{parent.kk_gen} № {number} бөлімі"
                made.append(
                    Body(
                        iri(str(mint("agency", key))),
                        key,
                        "division",
                        3,
                        en,
                        ru,
                        kk,
                        "Отдела" + ru.removeprefix("Отдел"),
                        kk + "нің",
                        city=parent.city,
                    )
                )
        made = made[:room]
        titles = {
            "committee": ("Chair of the {}", "Председатель {}", "{} төрағасы"),
            "department": ("Director of the {}", "Директор {}", "{} директоры"),
            "division": ("Head of the {}", "Руководитель {}", "{} басшысы"),
        }
        for body in made:
            self._add_body(body, parent, [])
            en, ru, kk = titles[body.kind]
            self._head(body, (en.format(body.en), ru.format(body.ru_gen), kk.format(body.kk_gen)))
        return made

    def _councils(self) -> None:
        rng = self.rng
        scopes: list[vocab.Region | None] = [None, *vocab.REGIONS]
        combos = [
            (k, t, s)
            for s in range(len(scopes))
            for k in range(len(vocab.COUNCIL_KINDS))
            for t in range(len(vocab.COUNCIL_TOPICS))
        ]
        count = min(len(combos), max(4, self.n_bodies // 25))
        national = [c for c in combos if c[2] == 0]
        rng.shuffle(national)
        regional = [c for c in combos if c[2] != 0]
        rng.shuffle(regional)
        for n, (k, t, s) in enumerate((national + regional)[:count], 1):
            kind, topic, scope = vocab.COUNCIL_KINDS[k], vocab.COUNCIL_TOPICS[t], scopes[s]
            key = f"synth-council-{n:04d}"
            en, ru, ru_gen = (
                f"{kind[0]} on {topic.en}",
                f"{kind[1]} {topic.ru}",
                f"{kind[2]} {topic.ru}",
            )
            kk = f"{topic.kk} {kind[3]}"
            if scope is not None:
                en, ru, ru_gen = f"{en} for {scope.en}", f"{ru} {scope.ru}", f"{ru_gen} {scope.ru}"
                kk = f"{scope.kk} бойынша {kk}"
            council = Body(
                iri(str(mint("council", key))),
                key,
                "council",
                0,
                en,
                ru,
                kk,
                ru_gen,
                kk,
                city=scope.city if scope else "astana",
            )
            self._organisation(council, [V.kzl("Council")], [])
            self._row(council.iri, "council-" + key, [key, "council", en, ru, kk])
            self.ref.councils.append(council)

    def _outlets(self) -> None:
        for en, ru, kk, slug in vocab.OUTLETS:
            key = "synth-" + slug
            outlet = Body(iri(str(mint("outlet", key))), key, "outlet", 0, en, ru, kk, ru, kk)
            self._organisation(
                outlet,
                [V.kzl("MediaOutlet"), V.schema("Organization")],
                [(V.schema("url"), iri(f"https://{slug}.example/"))],
            )
            self._row(outlet.iri, "outlet-" + key, [key, "media outlet", en, ru, kk])
            self.ref.outlets.append(outlet)
