"""The reporting story: a body reports figures (a qb:DataSet of observations with units, changes
in percent, "more than" lower bounds and "including" parts) and the actions they measure."""

from __future__ import annotations

from typing import Final, NamedTuple

from kg.iris import mint
from kg.synth.nquads import (
    DERIVED,
    XSD_DECIMAL,
    XSD_INTEGER,
    A,
    V,
    associate,
    iri,
    labels,
    lit,
    typed,
)
from kg.synth.reference import Body, Period
from kg.synth.stories import TOPIC, Article, StoryWriter, role
from kg.synth.text import count_text, decimal_literal, join, lower_first, percent_text, tonnes_text

CONCEPT: Final = "https://w3id.org/kz-legal-kg/id/concept/"
STRUCTURE: Final = iri(str(mint("structure", "reported-figures")))


class Whole(NamedTuple):
    """An indicator reported as a whole: unit, value range, parts (indicator, share range)."""

    indicator: str
    tonnes: bool
    low: int
    high: int
    parts: tuple[tuple[str, float, float], ...] = ()
    change: bool = False
    more_than: bool = False
    thousands: bool = False


class Group(NamedTuple):
    """Figures stated in one sentence and the law-enforcement action they measure, if any."""

    action: str | None
    names: tuple[str, str, str]
    wholes: tuple[Whole, ...]


GROUPS: Final = (
    Group(
        None,
        ("", "", ""),
        (
            Whole(
                "drug-crimes", False, 1500, 9000, (("drug-sales-crimes", 0.15, 0.4),), change=True
            ),
        ),
    ),
    Group(
        "Seizure",
        (
            "Seizure of narcotic drugs and precursors",
            "Изъятие наркотических средств и прекурсоров",
            "Есірткі мен прекурсорларды алып қою",
        ),
        (
            Whole(
                "seized-narcotic-drugs",
                True,
                30,
                650,
                (("seized-synthetic-substances", 0.02, 0.1), ("seized-cocaine", 0.05, 0.3)),
                change=True,
            ),
            Whole("seized-precursors", True, 10, 300),
        ),
    ),
    Group(
        "CriminalProsecution",
        (
            "Bringing persons to criminal liability for drug crimes",
            "Привлечение к уголовной ответственности за наркопреступления",
            "Есірткі қылмыстары үшін қылмыстық жауапқа тарту",
        ),
        (
            Whole(
                "persons-prosecuted",
                False,
                800,
                6000,
                (("minors-prosecuted", 0.005, 0.03),),
                change=True,
            ),
        ),
    ),
    Group(
        "Suppression",
        (
            "Suppression of organised criminal groups",
            "Пресечение деятельности организованных преступных групп",
            "Ұйымдасқан қылмыстық топтардың қызметінің жолын кесу",
        ),
        (
            Whole(
                "organised-groups-suppressed",
                False,
                4,
                40,
                (("transnational-groups-suppressed", 0.1, 0.35),),
            ),
        ),
    ),
    Group(
        "Suppression",
        (
            "Suppression of supply channels, laboratories and illegal cultivation",
            "Пресечение каналов поставки, лабораторий и фактов незаконного культивирования",
            "Жеткізу арналарының, зертханалардың және заңсыз өсірудің жолын кесу",
        ),
        (
            Whole("supply-channels-suppressed", False, 30, 300),
            Whole("underground-labs-liquidated", False, 2, 40),
            Whole("illegal-cultivation-cases", False, 15, 200),
        ),
    ),
    Group(
        "PreventiveWork",
        ("Preventive work", "Профилактическая работа", "Профилактикалық жұмыс"),
        (
            Whole("preventive-events", False, 2000, 15000, thousands=True),
            Whole("drug-graffiti-removed", False, 20000, 90000, more_than=True, thousands=True),
        ),
    ),
    Group(
        "AccountBlocking",
        (
            "Blocking of drug-trade accounts",
            "Блокирование наркосчетов",
            "Есірткі шоттарын бұғаттау",
        ),
        (Whole("drug-accounts-blocked", False, 40000, 250000, more_than=True, thousands=True),),
    ),
    Group(
        "ControlledDelivery",
        (
            "External controlled deliveries",
            "Внешние контролируемые поставки",
            "Сыртқы бақыланатын жеткізілімдер",
        ),
        (Whole("external-controlled-deliveries", False, 2, 25),),
    ),
    Group(
        "MaterialsTransfer",
        (
            "Materials sent to the competent bodies of foreign states",
            "Направление материалов в компетентные органы иностранных государств",
            "Шет мемлекеттердің құзыретті органдарына материалдар жіберу",
        ),
        (Whole("foreign-states-sent-materials", False, 2, 12),),
    ),
)
# Rough number of quads a group writes, to keep an article near its size.
GROUP_COST: Final = 110
REPORT_COST: Final = 40
LANGS: Final = ("en", "ru", "kk")


def _stated(value: int, whole: Whole, lang: str) -> str:
    if whole.tonnes:
        return tonnes_text(value, lang)
    return count_text(value, lang, more_than=whole.more_than)


class FigureWriter:
    """Writes reporting stories through a StoryWriter; ``indicators`` maps key → (en, ru, kk)."""

    def __init__(self, stories: StoryWriter, indicators: dict[str, tuple[str, str, str]]) -> None:
        self.s = stories
        self.indicators = indicators

    def report(self, art: Article, k: int, budget: int) -> None:
        s, rng = self.s, self.s.rng
        body = rng.choice(s.ref.bodies)
        year = art.day.year - 1
        period = s.ref.periods[
            year, rng.choice(("year", "year", "h1", "9m", "q1", "q2", "q3", "q4"))
        ]
        n_groups = max(1, min(rng.randint(1, 4), (budget - REPORT_COST) // GROUP_COST))
        groups = rng.sample(GROUPS, n_groups)
        stamp = art.day.strftime("%d.%m.%Y")
        key = f"{art.key}-figures-{k}"
        dataset = iri(str(mint("dataset", key)))
        report = iri(str(mint("activity", f"{art.key}-report-{k}")))
        s.w.emit(
            art.graph,
            report,
            [
                (A, V.kzl("Reporting")),
                (A, V.prov("Activity")),
                *labels(
                    *s.unique(
                        f"The {body.en} reports its figures {period.en} (reported on {art.day})",
                        f"Отчёт {body.ru_gen} {period.ru} (сообщено {stamp})",
                        f"{body.kk_gen} {period.kk} есебі ({stamp} хабарланды)",
                    )
                ),
                (V.dcterms("subject"), iri(TOPIC + "illicit-drug-trafficking")),
                *associate(s.w, art.graph, [(body.iri, role("reporter"))]),
                (V.prov("generated"), dataset),
                (DERIVED, art.iri),
            ],
        )
        s.w.emit(
            art.graph,
            dataset,
            [
                (A, V.qb("DataSet")),
                (A, V.prov("Entity")),
                *labels(
                    *s.unique(
                        f"Figures of the {body.en} {period.en} (reported on {art.day})",
                        f"Данные {body.ru_gen} {period.ru} (сообщено {stamp})",
                        f"{body.kk_gen} {period.kk} деректері ({stamp} хабарланды)",
                    )
                ),
                (V.qb("structure"), STRUCTURE),
                (V.prov("wasAttributedTo"), body.iri),
                (V.prov("wasGeneratedBy"), report),
                (DERIVED, art.iri),
            ],
        )
        s.count("reportings")
        s.count("datasets")
        art.about.append(report)
        art.headline = art.headline or (
            f"Results of the {body.en} {period.en}",
            f"Итоги работы {body.ru_gen} {period.ru}",
            f"{body.kk_gen} {period.kk} жұмыс қорытындысы",
        )
        for g, group in enumerate(groups):
            self._group(art, f"{k}-{g + 1}", group, body, period, key, dataset, report)

    def _group(
        self,
        art: Article,
        slug: str,
        group: Group,
        body: Body,
        period: Period,
        key: str,
        dataset: str,
        report: str,
    ) -> None:
        s, rng = self.s, self.s.rng
        observations: list[str] = []
        clauses: dict[str, list[str]] = {lang: [] for lang in LANGS}
        for whole in group.wholes:
            if whole.thousands:
                value = rng.randint(whole.low // 1000, whole.high // 1000) * 1000
            else:
                value = rng.randint(whole.low, whole.high)
            level = self._observation(
                art, key, dataset, report, body, period, whole, whole.indicator, value
            )
            observations.append(level)
            text = {
                lang: f"{lower_first(self.indicators[whole.indicator][i])} — {_stated(value, whole, lang)}"  # noqa: E501
                for i, lang in enumerate(LANGS)
            }
            if whole.change:
                change = rng.choice((rng.randint(-30, 35) * 10, rng.randint(-300, 350))) or 10
                observations.append(
                    self._change(art, key, dataset, report, body, period, whole, level, change)
                )
                text = {lang: f"{t} ({percent_text(change, lang)})" for lang, t in text.items()}
            parts: dict[str, list[str]] = {lang: [] for lang in LANGS}
            for indicator, low, high in whole.parts:
                part = max(1, min(value, round(value * rng.uniform(low, high))))
                part_whole = whole._replace(more_than=False, thousands=False)
                observations.append(
                    self._observation(
                        art,
                        key,
                        dataset,
                        report,
                        body,
                        period,
                        part_whole,
                        indicator,
                        part,
                        part_of=level,
                    )
                )
                for i, lang in enumerate(LANGS):
                    name = lower_first(self.indicators[indicator][i])
                    parts[lang].append(f"{name} — {_stated(part, part_whole, lang)}")
            for lang in LANGS:
                including = {"en": ", including ", "ru": ", в том числе ", "kk": ", оның ішінде "}[
                    lang
                ]
                clauses[lang].append(
                    text[lang] + (including + join(parts[lang], lang) if parts[lang] else "")
                )
        bodies = [report, dataset, *observations]
        if group.action is not None:
            action = iri(str(mint("activity", f"{art.key}-{slug}-{group.action.lower()}")))
            names = group.names
            s.w.emit(
                art.graph,
                action,
                [
                    (A, V.kzl(group.action)),
                    (A, V.kzl("LawEnforcementAction")),
                    (A, V.prov("Activity")),
                    *labels(
                        *s.unique(
                            f"{names[0]} by the {body.en} {period.en} (reported on {art.day})",
                            f"{names[1]}: {body.ru}, {period.ru} (сообщено {art.day.strftime('%d.%m.%Y')})",  # noqa: E501
                            f"{names[2]}: {body.kk}, {period.kk} ({art.day.strftime('%d.%m.%Y')} хабарланды)",  # noqa: E501
                        )
                    ),
                    *associate(s.w, art.graph, [(body.iri, role("performer"))]),
                    *((V.kzl("quantifiedBy"), o) for o in observations),
                    (DERIVED, art.iri),
                ],
            )
            s.count("law_enforcement_actions")
            bodies.append(action)
        sentence = s.pick(
            art,
            f"According to the {body.en}, {period.en}: {'; '.join(clauses['en'])}.",
            f"По данным {body.ru_gen}, {period.ru}: {'; '.join(clauses['ru'])}.",
            f"{body.kk_gen} деректері бойынша, {period.kk}: {'; '.join(clauses['kk'])}.",
        )
        s.say(art, f"figures-{slug}", bodies, sentence, "Reported figures", "Сообщённые показатели")

    def _observation(
        self,
        art: Article,
        key: str,
        dataset: str,
        report: str,
        body: Body,
        period: Period,
        whole: Whole,
        indicator: str,
        value: int,
        *,
        part_of: str | None = None,
    ) -> str:
        period_key = period.iri[1:-1].rsplit("/", 1)[1]
        obs = iri(str(mint("obs", key, "kz", period_key, indicator)))
        names = [
            f"{self.indicators[indicator][i]} ({name}, {when}): {_stated(value, whole, lang)}"
            for i, (lang, name, when) in enumerate(
                zip(
                    LANGS,
                    (body.en, body.ru, body.kk),
                    (period.en, period.ru, period.kk),
                    strict=True,
                )
            )
        ]
        literal = (
            typed(decimal_literal(value), XSD_DECIMAL)
            if whole.tonnes
            else typed(str(value), XSD_INTEGER)
        )
        extra = [(V.kzl("partOf"), part_of)] if part_of else []
        if whole.more_than:
            extra.append((V.kzl("valueQualifier"), iri(CONCEPT + "value-qualifier/more-than")))
        self._emit(
            art,
            obs,
            names,
            dataset,
            report,
            body,
            period,
            indicator,
            "level",
            literal,
            "TONNE" if whole.tonnes else "NUM",
            _stated(value, whole, art.lang),
            extra,
        )
        return obs

    def _change(
        self,
        art: Article,
        key: str,
        dataset: str,
        report: str,
        body: Body,
        period: Period,
        whole: Whole,
        level: str,
        change: int,
    ) -> str:
        period_key = period.iri[1:-1].rsplit("/", 1)[1]
        obs = iri(str(mint("obs", key, "kz", period_key, whole.indicator, "relative-change")))
        words = ("change", "изменение", "өзгеріс")
        names = [
            f"{self.indicators[whole.indicator][i]} ({name}, {when}): {words[i]} {percent_text(change, lang)}"  # noqa: E501
            for i, (lang, name, when) in enumerate(
                zip(
                    LANGS,
                    (body.en, body.ru, body.kk),
                    (period.en, period.ru, period.kk),
                    strict=True,
                )
            )
        ]
        self._emit(
            art,
            obs,
            names,
            dataset,
            report,
            body,
            period,
            whole.indicator,
            "relative-change",
            typed(decimal_literal(change), XSD_DECIMAL),
            "PERCENT",
            percent_text(change, art.lang),
            [(V.kzl("changeOf"), level)],
        )
        return obs

    def _emit(
        self,
        art: Article,
        obs: str,
        names: list[str],
        dataset: str,
        report: str,
        body: Body,
        period: Period,
        indicator: str,
        kind: str,
        literal: str,
        unit: str,
        stated: str,
        extra: list[tuple[str, str]],
    ) -> None:
        s = self.s
        s.w.emit(
            art.graph,
            obs,
            [
                (A, V.qb("Observation")),
                (A, V.prov("Entity")),
                *labels(*s.unique(*names)),
                (V.qb("dataSet"), dataset),
                (V.sdmx_dimension("refArea"), s.ref.area_kz),
                (V.sdmx_dimension("refPeriod"), period.iri),
                (V.kzl("reportingBody"), body.iri),
                (V.prov("wasGeneratedBy"), report),
                (DERIVED, art.iri),
                (V.kzl("indicator"), iri(CONCEPT + "indicator/" + indicator)),
                (V.kzl("valueKind"), iri(CONCEPT + "value-kind/" + kind)),
                (V.sdmx_measure("obsValue"), literal),
                (V.sdmx_attribute("unitMeasure"), V.unit(unit)),
                (V.kzl("statedAs"), lit(stated, art.lang)),
                *extra,
            ],
        )
        s.count("observations")
