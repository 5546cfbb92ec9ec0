"""Digital tools a report names in quotes ("Crypto Trace", «e-Qorgau»), who initiated and built
them, what they are for, and whether they are in use.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib import Literal
from rdflib.namespace import PROV

from kg.ingest.mentions import Mention
from kg.ingest.text import Sentence, speaker_start
from kg.ingest.translit import slug
from kg.ingest.triggers import trigger
from kg.iris import mint
from kg.namespaces import KZL, SCHEMA

if TYPE_CHECKING:
    from kg.ingest.propose import Extractor

TOOL = trigger(
    r"инструмент|платформ|систем[аыу]|сервис|приложени",
    r"құрал|платформа|жүйе|сервис|қосымша",
)
TOOL_NAME = re.compile(r"[«\"“]([A-Za-z][\w .-]{1,40}?)[»\"”]")
INITIATIVE = trigger(r"по\s+инициативе\s+", r"бастамасымен")
COLLABORATION = trigger(r"(?:в\s+коллаборации|в\s+сотрудничестве|совместно)\s+с\s+",
                        r"бірлесіп|әріптестік")  # fmt: skip
LAUNCHED = trigger(
    r"\bзапустил\w*|\bразработал\w*|\bвнедрил\w*|\bпредставил\w*|\bсоздал\w*",
    r"іске\s+қосты|әзірледі|енгізді|таныстырды",
)
IN_USE = trigger(r"использу|применя|внедрен", r"қолданыл|пайдаланыл|енгізіл")


def propose_tools(ex: Extractor, sentence: Sentence) -> None:
    if TOOL.search(sentence.text, ex.lang) is None:
        return
    names = list(TOOL_NAME.finditer(sentence.text))
    if not names:
        return
    tools = []
    for match in names:
        iri = mint("tool", slug(match.group(1)))
        name = match.group(1).strip()
        start = sentence.start + match.start(1)
        tools.append(ex.entity(Mention(iri, "tool", start, start + len(name), name, name,
                                       new=True, confidence=0.8), sentence))  # fmt: skip
    node = mint("activity", "development-" + "-".join(str(t).rsplit("/", 1)[-1] for t in tools))
    fact = ex.activity(node, (KZL.ToolDevelopment,), "Tools created", sentence, 0.75)
    agents = ex.agents(sentence, end=speaker_start(sentence))
    initiative = INITIATIVE.search(sentence.text, ex.lang)
    collaboration = COLLABORATION.search(sentence.text, ex.lang)
    initiators = [
        m for m in agents
        if initiative and (
            (ex.lang == "ru" and m.start == sentence.start + initiative.end())
            or (ex.lang == "kk" and m.end <= sentence.start + initiative.start())
        )
    ][:1]  # fmt: skip
    partners = [
        m for m in agents
        if collaboration and m.start >= sentence.start + collaboration.start() - 60
        and m not in initiators
    ][:1] if ex.lang == "kk" else [
        m for m in agents if collaboration and m.start >= sentence.start + collaboration.end()
        and m not in initiators
    ][:1]  # fmt: skip
    launched = LAUNCHED.search(sentence.text, ex.lang)
    if not initiators and launched is not None:
        # "МВД совместно с МЦРИАП запустило платформу": the subject launched it, on its own
        # initiative, and built it with its partners.
        subject = [m for m in agents if m.end <= sentence.start + launched.start()
                   and m not in partners]  # fmt: skip
        initiators = subject[:1]
    for mention in initiators:
        agent = ex.agent(mention, sentence)
        fact.role(node, agent, "initiator")
        if partners or launched is not None:
            fact.role(node, agent, "developer")
    ex.situate(fact, node, sentence)
    for mention in partners:
        fact.role(node, ex.agent(mention, sentence), "developer")
    for tool in tools:
        fact.add(node, PROV.generated, tool)
        tool_fact = ex.draft.facts.get(tool)
        target = tool_fact if tool_fact is not None and tool_fact.kind == "entity" else fact
        target.add(tool, PROV.wasGeneratedBy, node)
        for mention in initiators:
            target.add(tool, KZL.initiatedBy, ex.agent(mention, sentence))
        for mention in initiators + partners:
            target.add(tool, SCHEMA.creator, ex.agent(mention, sentence))
        if IN_USE.search(sentence.text, ex.lang) or LAUNCHED.search(sentence.text, ex.lang):
            target.add(tool, KZL.status, mint("concept", "tool-status", "in-use"))
        purpose = _purpose(ex, sentence)
        if purpose is not None:
            target.add(tool, KZL.purpose, Literal(purpose, lang=ex.lang))


# What a tool is for: "помогающие выявлять …", "позволяет гражданам подавать …", "… үшін".
PURPOSE = trigger(
    r"(?:помогающ\w*|позволя\w*|предназначен\w*\s+для|служ\w*\s+для)\s+[^.;]+",
    r"[^.;,]+(?:үшін|мүмкіндік\s+береді)",
)


def _purpose(ex: Extractor, sentence: Sentence) -> str | None:
    """The words saying what a tool does, in its sentence or the next one of its paragraph."""
    following = [s for s in ex.sentences[sentence.index + 1 : sentence.index + 2]
                 if s.paragraph in (sentence.paragraph, sentence.paragraph + 1)]  # fmt: skip
    for candidate in (sentence, *following):
        found = PURPOSE.search(candidate.text, ex.lang)
        if found is not None:
            return found.group().strip(' ,"»”')
    return None
