"""Questions in Russian, Kazakh or English, answered from the graph with evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from kg.api.deps import StoreDep
from kg.qa import answer
from kg.qa.models import Answer, Question

router = APIRouter(prefix="/api", tags=["questions"])

Lang = Annotated[
    str | None, Query(pattern="^(ru|kk|en)$", description="Overrides language detection.")
]


@router.get("/ask", response_model=Answer)
def ask_get(
    store: StoreDep,
    q: Annotated[str, Query(max_length=2000, description="The question.")],
    lang: Lang = None,
) -> Answer:
    """Answer a question; an empty answer carries a message saying why."""
    return answer(q, store, lang=lang)


@router.post("/ask", response_model=Answer)
def ask_post(question: Question, store: StoreDep) -> Answer:
    """Answer a question sent as JSON ``{"q": …, "lang": …}``."""
    return answer(question.q, store, lang=question.lang)
