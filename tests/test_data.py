"""The curated data: evidence quotes, names, provenance, and the five competency questions."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.namespaces import ELI, ID, KZL, OA, PROV, QB, SDMX_ATTRIBUTE, SDMX_MEASURE, SOURCES, UNIT

ROOT = Path(__file__).resolve().parents[1]
SOURCES_DIR = ROOT / "data" / "sources"
QUERIES = ROOT / "src" / "kg" / "queries"
SEED = ID["source/zakon-2025-11-29-drug-crime-council"]
SEED_TEXT = (SOURCES_DIR / "zakon-2025-11-29-drug-crime-council.txt").read_text(encoding="utf-8")
CORROBORATING = (ID["source/baq-kz-200026445"], ID["source/baq-ru-300028112"])


def run(union: Graph, name: str, **bindings: URIRef | Literal) -> list[dict[str, object]]:
    """Run a named query of src/kg/queries with its variables bound through a VALUES clause."""
    query = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    if bindings:
        names = " ".join(f"?{key}" for key in bindings)
        terms = " ".join(term.n3() for term in bindings.values())
        query += f"\nVALUES ({names}) {{ ({terms}) }}"
    return [row.asdict() for row in union.query(query)]  # type: ignore[union-attr]


def role_key(role: object) -> str:
    """The key of a role concept: id/concept/role/{key}."""
    assert isinstance(role, URIRef) and role.startswith(str(ID["concept/role/"])), role
    return role.removeprefix(str(ID["concept/role/"]))


def stored_text(source: URIRef, union: Graph) -> str:
    """The text stored in data/sources/ for a source, through its kzl:textCopy."""
    copy = union.value(source, KZL.textCopy)
    assert isinstance(copy, URIRef), f"{source} has no kzl:textCopy"
    assert copy.startswith(str(SOURCES)), copy
    return (SOURCES_DIR / copy.removeprefix(str(SOURCES))).read_text(encoding="utf-8")


def annotations(union: Graph) -> Iterator[tuple[URIRef, URIRef, str]]:
    for annotation in union.subjects(RDF.type, OA.Annotation):
        for target in union.objects(annotation, OA.hasTarget):
            source = union.value(target, OA.hasSource)
            for selector in union.objects(target, OA.hasSelector):
                exact = union.value(selector, OA.exact)
                assert isinstance(source, URIRef) and exact is not None, annotation
                yield URIRef(annotation), source, str(exact)


def test_there_are_quotes_in_every_source_graph(dataset: Dataset) -> None:
    for graph in dataset.graphs():
        if "/graph/kzl" in str(graph.identifier) or "facts-from-other-sources" in str(
            graph.identifier
        ):
            continue  # the ontology and the notes file's own description state no facts
        if len(graph) == 0:
            continue
        assert any(True for _ in graph.subjects(RDF.type, OA.Annotation)), graph.identifier


def test_every_quote_is_found_verbatim_in_its_stored_source(union: Graph) -> None:
    checked = 0
    for annotation, source, exact in annotations(union):
        assert exact.strip(), f"{annotation}: empty quote"
        assert exact in stored_text(source, union), f"{annotation}: quote not in {source}"
        checked += 1
    assert checked >= 50


def test_every_fact_rests_on_a_quote_from_a_source_it_is_derived_from(union: Graph) -> None:
    quoted: dict[URIRef, set[URIRef]] = {}
    for annotation, source, _ in annotations(union):
        for body in union.objects(annotation, OA.hasBody):
            quoted.setdefault(URIRef(body), set()).add(source)
    kinds = (PROV.Activity, QB.Observation, ELI.LegalResource, KZL.DigitalTool, KZL.Directive)
    facts = {s for kind in kinds for s in union.subjects(RDF.type, kind)}
    assert len(facts) > 40
    for fact in facts:
        derived = set(union.objects(fact, PROV.wasDerivedFrom))
        assert derived, f"{fact} has no prov:wasDerivedFrom"
        # A quote may come from the source itself or from notes that restate that source.
        assert any(
            source in derived or derived & set(union.objects(source, PROV.wasDerivedFrom))
            for source in quoted.get(URIRef(fact), set())
        ), f"{fact} has no quote from a source it is derived from"


def names_rows() -> list[list[str]]:
    with (SOURCES_DIR / "names.tsv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [
        row + [""] * (6 - len(row))
        for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


@pytest.mark.parametrize("row", names_rows(), ids=lambda row: row[0])
def test_reference_entity_carries_exactly_the_names_of_names_tsv(
    row: list[str], union: Graph
) -> None:
    key, _kind, en, ru, kk, abbreviations = row[:6]
    entity = union.value(ID[f"quote/names/{key}"], OA.hasBody)
    assert isinstance(entity, URIRef), f"no entity rests on the names.tsv row {key!r}"
    labels = {(label.language, str(label)) for label in union.objects(entity, RDFS.label)}
    expected = {("en", en), ("ru", ru)} | ({("kk", kk)} if kk else set())
    assert expected <= labels
    assert {lang for lang, _ in labels} == {lang for lang, _ in expected}, "a label no row gives"
    alt = {str(label) for label in union.objects(entity, SKOS.altLabel)}
    assert alt == {a.strip() for a in abbreviations.split(",") if a.strip()}


def test_kazakh_labels_of_reference_entities_are_never_guessed(union: Graph) -> None:
    rows = {row[0]: row for row in names_rows()}
    for key, row in rows.items():
        entity = union.value(ID[f"quote/names/{key}"], OA.hasBody)
        kk = [label for label in union.objects(entity, RDFS.label) if label.language == "kk"]
        assert bool(kk) == bool(row[4]), key


def test_kzl_types_have_their_standard_superclasses_stated(union: Graph, ontology: Graph) -> None:
    def supers(cls: URIRef) -> set[URIRef]:
        found: set[URIRef] = set()
        todo = [cls]
        while todo:
            for parent in ontology.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(parent, URIRef) and parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    for subject, cls in union.subject_objects(RDF.type):
        if isinstance(cls, URIRef) and cls.startswith(str(KZL)):
            missing = supers(cls) - set(union.objects(subject, RDF.type))
            assert not missing, f"{subject} is a {cls} but not stated to be {missing}"


# --- What no source states stays unstated ---------------------------------------


def test_the_meeting_has_no_date_because_the_report_gives_none(union: Graph) -> None:
    meetings = set(union.subjects(RDF.type, KZL.Meeting))
    assert meetings
    for meeting in meetings:
        assert union.value(meeting, DCTERMS.date) is None


def test_laws_carry_no_official_id_that_no_source_gives(union: Graph) -> None:
    with_id = set(union.subjects(ELI.id_local, None))
    assert with_id == {ID["law/kz/2014/226-v"]}
    assert union.value(ID["law/kz/2014/226-v"], ELI.id_local) == Literal("K1400000226")


def test_more_than_figures_are_lower_bounds_and_only_they(union: Graph) -> None:
    observations = set(union.subjects(RDF.type, QB.Observation))
    assert len(observations) >= 20
    for observation in observations:
        stated = str(union.value(observation, KZL.statedAs))
        bounded = (
            union.value(observation, KZL.valueQualifier) == ID["concept/value-qualifier/more-than"]
        )
        assert bounded == bool(re.match(r"(свыше|более) ", stated)), observation
        if bounded:
            assert (
                f"{stated} " in SEED_TEXT
            )  # "свыше 60 тыс. граффити", "более 180 тыс. наркосчетов"


def test_seed_figures_are_corroborated_by_both_baq_reports(union: Graph) -> None:
    for observation in union.subjects(RDF.type, QB.Observation):
        derived = set(union.objects(observation, PROV.wasDerivedFrom))
        assert {SEED, *CORROBORATING} <= derived, observation


def test_every_change_is_a_percentage_of_the_figure_it_qualifies(union: Graph) -> None:
    changes = [
        o
        for o in union.subjects(RDF.type, QB.Observation)
        if union.value(o, KZL.valueKind) == ID["concept/value-kind/relative-change"]
    ]
    found = set()
    for change in changes:
        assert union.value(change, SDMX_ATTRIBUTE.unitMeasure) == UNIT.PERCENT
        level = union.value(change, KZL.changeOf)
        level_value = union.value(level, SDMX_MEASURE.obsValue)
        value = union.value(change, SDMX_MEASURE.obsValue)
        assert isinstance(level_value, Literal) and isinstance(value, Literal)
        found.add((int(level_value.toPython()), Decimal(str(value.toPython()))))
    # "(7 374; -4%)" and "(2 245; +10%)" in the report
    in_text = {
        (int(n.replace(" ", "")), Decimal(p))
        for n, p in re.findall(r"\((\d[\d ]*); ([+-]\d+)%\)", SEED_TEXT)
    }
    assert found == in_text


# --- The competency questions ------------------------------------------------------


def test_cq1_every_body_in_the_council_meeting_with_its_role(union: Graph) -> None:
    rows = run(union, "meeting-participants", council=ID["council/coordination-council"])
    roles = {(row["agent"], role_key(row["role"])) for row in rows}
    participants = {agent for agent, role in roles if role == "participant"}
    expected_participants = {
        ID[f"agency/{key}"]
        for key in [
            "presidential-administration",
            "mvd",
            "knb",
            "afm",
            "mchs",
            "minjust",
            "minfin",
            "minaidd",
            "minedu",
            "nationalbank",
        ]
    } | {ID["mission/us-embassy"], ID["office/unodc-po"], ID["office/osce-po"]}
    assert participants == expected_participants
    assert (ID["agency/gpo"], "host") in roles
    assert (ID["person/asylov"], "chair") in roles
    assert (ID["council/coordination-council"], "convener") in roles
    assert len(roles) == len(expected_participants) + 3
    assert {row["meeting"] for row in rows} == {
        ID["meeting/coordination-council/reported-2025-11-29"]
    }


def test_cq2_every_activity_of_the_gpo_with_role_and_evidence(union: Graph) -> None:
    rows = run(union, "body-activities", body=ID["agency/gpo"])
    by_activity: dict[object, set[str]] = {}
    for row in rows:
        by_activity.setdefault(row["activity"], set()).add(role_key(row["role"]))
        source = row["source"]
        assert isinstance(source, URIRef)
        assert str(row["quote"]) in stored_text(source, union)
    assert by_activity[ID["meeting/coordination-council/reported-2025-11-29"]] == {"host"}
    assert by_activity[ID["activity/gpo-drug-crime-results-report-reported-2025-11-29"]] == {
        "reporter"
    }
    assert by_activity[ID["activity/prosecution-digital-tools-development"]] == {
        "initiator",
        "developer",
    }
    assert by_activity[ID["activity/gpo-call-for-consolidation-reported-2025-11-29"]] == {"author"}
    # Every activity the GPO has a qualified role in is returned, each with a quote.
    qualified = {
        activity
        for activity, association in union.subject_objects(PROV.qualifiedAssociation)
        if union.value(association, PROV.agent) == ID["agency/gpo"]
    }
    assert set(by_activity) == qualified


def test_cq3_seized_quantities_in_tonnes_with_their_parts(union: Graph) -> None:
    rows = run(union, "seized-tonnes")
    values = sorted(Decimal(str(row["value"].toPython())) for row in rows)  # type: ignore[union-attr]
    # Every "(N т)" in the report, e.g. "(47,2 т)"
    in_text = sorted(
        Decimal(n.replace(",", ".")) for n in re.findall(r"\((\d+(?:,\d+)?) т\)", SEED_TEXT)
    )
    assert values == in_text
    parts = {
        Decimal(str(row["value"].toPython())): Decimal(str(row["wholeValue"].toPython()))  # type: ignore[union-attr]
        for row in rows
        if row.get("whole") is not None
    }
    assert parts == {Decimal("1.6"): Decimal("47.2"), Decimal("13.0"): Decimal("47.2")}


def test_cq4_the_law_of_2_january_2025_amends_the_criminal_code(union: Graph) -> None:
    from rdflib.namespace import XSD

    rows = run(union, "amended-acts", date=Literal("2025-01-02", datatype=XSD.date))
    assert len(rows) == 1
    criminal_code = next(row for row in names_rows() if row[0] == "criminal-code")
    assert rows[0]["amended"] == ID["law/kz/2014/226-v"]
    assert str(rows[0]["amendedTitle"]) == criminal_code[3]
    assert str(rows[0]["amendedIdLocal"]) == "K1400000226"


def test_cq5_who_signed_the_ratification_law_when_and_the_parties(union: Graph) -> None:
    rows = run(union, "ratification-signing")
    assert rows
    assert {row["signer"] for row in rows} == {ID["person/tokayev"]}
    assert {row["post"] for row in rows} == {ID["post/president"]}
    assert {str(row["date"]) for row in rows} == {"2025-11-27"}
    assert {row["agreement"] for row in rows} == {ID["agreement/kz-tm-crime-agreement"]}
    assert {row["party"] for row in rows} == {
        ID["agency/government-kz"],
        ID["agency/government-tm"],
    }
    assert "27 ноября 2025 года Глава государства Касым-Жомарт Токаев подписал Закон" in SEED_TEXT
