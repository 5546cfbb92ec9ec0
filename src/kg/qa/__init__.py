"""Question answering: a question in ru/kk/en → intent and bound IRIs → one .rq query → Answer."""

from kg.qa.answer import Engine, answer, get_engine
from kg.qa.models import Answer, AnswerItem, Evidence

__all__ = ["Answer", "AnswerItem", "Engine", "Evidence", "answer", "get_engine"]
