"""The nine example questions of the service issue, timed on /api/ask by every benchmark."""

from __future__ import annotations

QUESTIONS = (
    "Who chaired the meeting of the Coordination Council?",
    "Какие органы участвовали в заседании Координационного совета?",
    "What did the General Prosecutor's Office do?",
    "Сколько наркотиков изъято?",
    "When was the Criminal Code amended?",
    "Did the Ministry of Finance take part in the meeting?",
    "Бас прокуратура не істеді?",
    "Who signed the law ratifying the agreement with Turkmenistan?",
    "What did the Ministry of Defence do?",
)
