"""Pydantic models of questions, answers and body profiles (the JSON the API returns)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Evidence(BaseModel):
    """One quoted sentence a fact rests on, and where it is found."""

    quote: str = Field(description="The sentence, verbatim in the stored text (oa:exact).")
    source: str = Field(description="The source the quote is taken from (its IRI).")
    url: str | None = Field(default=None, description="The public page of the source.")


class AnswerItem(BaseModel):
    """One answer: an entity or a figure, with what qualifies it and its evidence."""

    label: str
    iri: str
    value: str | None = Field(default=None, description="A figure, as a plain number.")
    unit: str | None = Field(default=None, description="The unit's label (tonnes, number, %).")
    date: str | None = Field(default=None, description="xsd:date of the fact, where stated.")
    role: str | None = Field(default=None, description="The role's concept IRI.")
    role_label: str | None = None
    context: str | None = Field(
        default=None, description="The activity, event or act the answer is about (label)."
    )
    context_iri: str | None = None
    qualifier: str | None = Field(
        default=None, description="How the value is bounded, e.g. 'more than' (exclusive)."
    )
    description: str | None = Field(
        default=None, description="What it is for or about, as the graph states it."
    )
    stated_as: str | None = Field(default=None, description="The figure exactly as written.")
    part_of: str | None = Field(default=None, description="The figure this one is part of.")
    change: str | None = Field(default=None, description="The relative change, e.g. '-4%'.")
    objects: list[str] = Field(default_factory=list, description="Labels of things involved.")
    evidence: list[Evidence] = Field(default_factory=list)


class Answer(BaseModel):
    """The answer to a question, with what was understood and the exact query that ran."""

    question: str
    lang: str
    intent: str | None = None
    interpretation: str
    answers: list[AnswerItem] = Field(default_factory=list)
    boolean: bool | None = Field(default=None, description="For yes/no questions only.")
    sparql: str | None = Field(
        default=None, description="The query text that ran, the IRIs understood written in."
    )
    total: int | None = Field(
        default=None, description="How many facts the query found; more than listed if capped."
    )
    message: str | None = Field(
        default=None, description="Why the answer is empty, or that it lists only the first facts."
    )


class Question(BaseModel):
    """A question in Russian, Kazakh or English; ``lang`` overrides detection."""

    q: str = Field(max_length=2000)
    lang: str | None = Field(default=None, pattern="^(ru|kk|en)$")


class BodySummary(BaseModel):
    """A body (organisation or unnamed group) in a list."""

    key: str
    iri: str
    label: str
    kind: str | None = Field(default=None, description="Label of its most specific kzl: class.")
    kind_iri: str | None = None
    abbreviations: list[str] = Field(default_factory=list)


class BodyObject(BaseModel):
    """Something an action involved: a meeting, law, tool, figure or directive."""

    iri: str
    label: str


class BodyAction(BaseModel):
    """One activity of a body, with its role, date, objects and evidence."""

    activity: str
    label: str
    role: str
    role_label: str
    date: str | None = None
    objects: list[BodyObject] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class BodyProfile(BodySummary):
    """A body with every action the graph records for it."""

    labels: dict[str, str] = Field(default_factory=dict)
    actions: list[BodyAction] = Field(default_factory=list)
