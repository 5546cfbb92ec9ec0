"""Rules for what bodies and people did: meetings, reports, statements, instructions, tools,
and the acts they signed, approved or ratified.

Each rule is a trigger (a word stem, in Russian and Kazakh) plus where in the sentence its
participants stand: "под председательством X" chairs, "В X состоялось заседание" hosts,
"приняли участие представители X, Y" take part, "X поручено" are addressees.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS

from kg.ingest.acts import propose_acts
from kg.ingest.draft import TYPES
from kg.ingest.mentions import Mention
from kg.ingest.propose import Extractor
from kg.ingest.reference import content_words
from kg.ingest.text import Sentence, speaker_start
from kg.ingest.tools import propose_tools
from kg.ingest.translit import slug
from kg.ingest.triggers import trigger
from kg.iris import mint
from kg.namespaces import KZL, SCHEMA

MEETING = trigger(
    r"(?:заседани|совещани)\w*(?=.*(?:состоял|прош[её]л|прошло|провед|провел|приняли участие))"
    r"|(?:состоял|прош[её]л|прошло|провед|провел)\w*\s+(?:\w+\s+){0,3}?(?:заседани|совещани)",
    r"(?:отырыс|жиналыс|кеңес)\w*(?=.*(?:өтті|болды|өткізді|өткізілді|қатысты))"
    r"|өткен\s+(?:[\w-]+\s+){0,3}?(?:отырыс|жиналыс)",
)
PARTICIPATION = trigger(r"(?:приняли|принимали)\s+участие|участвовал", r"қатысты|қатысуымен")
CHAIR = trigger(r"под\s+председательством", r"төрағалығымен")
REPORTING = trigger(
    r"отчитал|привел[аи]?\s+данн|по\s+данным|представил[аи]?\s+данн|обнародовал|сообщил[аи]?\s+в\s"
    r"|сообщил[аи]?,?\s+что|опубликовал[аи]?\s+(?:\w+\s+)?(?:данн|статистик|сведени)"
    r"|по\s+информации|по\s+сведениям|со\s+ссылкой\s+на|согласно\s+(?:\w+\s+){0,3}?данным",
    r"есеп\s+бер|мәлімет\s+келтір|дерек\w*\s+келтір|мәліметінше|деректерінше|жариялады"
    r"|(?:деректерге|мәліметтерге)\s+сәйкес|баяндама\s+жасады",
)
STATEMENT = trigger(
    r"\bотмеча\w*|\bотметил\w*|\bотмечено\b|подчеркну\w*|подчеркива\w*|заявил\w*"
    r"|\bпризвал\w*|\bпризыва\w*",
    r"атап\s+өт|атап\s+көрсет|мәлімдеді|айтты|шақырады|шақырды",
)
ACTIVE_INSTRUCTION = trigger(r"\bпоручил\w*|\bдал\w*\s+поручени", r"тапсырды|тапсырма\s+берді")
INSTRUCTING = trigger(r"поручено|поручил\w*|дано\s+поручени|даны\s+поручени", r"тапсыр\w*")
AFTER_MEETING = trigger(r"по\s+итогам\s+(?:заседани|совещани)", r"отырыс\w*\s+қорытынды")


def propose_events(ex: Extractor) -> None:
    """Apply every rule of this module to every sentence, in order."""
    meeting: URIRef | None = None
    for sentence in ex.sentences:
        meeting = _meeting(ex, sentence, meeting)
        _reporting(ex, sentence)
        _statement(ex, sentence)
        _instructing(ex, sentence, meeting)
        propose_tools(ex, sentence)
    propose_acts(ex)
    from kg.ingest.signings import propose_signings

    propose_signings(ex)


def paragraph_speaker(ex: Extractor, sentence: Sentence) -> Mention | None:
    """The body named in the attribution that closes the sentence's paragraph, if any."""
    for other in ex.sentences:
        if other.paragraph == sentence.paragraph:
            cut = speaker_start(other)
            agents = ex.agents(other, cut)
            if agents:
                return agents[0]
    return None


def _meeting(ex: Extractor, sentence: Sentence, current: URIRef | None) -> URIRef | None:
    held = MEETING.search(sentence.text, ex.lang)
    joined = PARTICIPATION.search(sentence.text, ex.lang)
    if held is None and not (joined and current is not None):
        return current
    agents = ex.agents(sentence, end=speaker_start(sentence))
    if held is not None and not (joined and current is not None and not _councils(agents)):
        councils = _councils(agents)
        holder = _holder(ex, sentence, agents)
        convener = councils[0] if councils else _owner(ex, sentence, agents)
        if convener is None and holder is not None and holder.kind != "person":
            convener = holder  # "АФМ провело совещание": the body that held it convened it
        date = ex.date_in(sentence)
        body = slug(str(convener.iri).rsplit("/", 1)[-1]) if convener else "meeting"
        when = date.date.isoformat() if date else ex.reported
        node = mint("meeting", body, when)
        name = convener.label if convener else "a body"
        fact = ex.activity(node, (KZL.Meeting, SCHEMA.Event), f"Meeting of {name}", sentence, 0.85)
        ex.situate(fact, node, sentence)
        if convener is not None:
            fact.role(node, ex.agent(convener, sentence), "convener")
        chair = _chair(ex, sentence, agents)
        if chair is None and holder is not None and holder.kind in ("person", "post"):
            chair = holder  # "Генпрокурор провёл совещание": who held it chaired it
        if chair is not None:
            fact.role(node, ex.agent(chair, sentence), "chair")
        host = _host(ex, sentence, agents, held.start())
        if host is not None and host is not convener and host is not chair:
            fact.role(node, ex.agent(host, sentence), "host")
        for mention in ex.mentions[sentence.index]:
            if mention.kind == "principle":
                fact.add(node, KZL.withinFramework, ex.entity(mention, sentence))
        for topic in _topics(ex, sentence):
            fact.add(node, DCTERMS.subject, topic)
        current = node
        taken = {m.iri for m in (convener, chair, host) if m is not None}
    else:
        taken = set()
    if joined and current is not None:
        fact = ex.draft.facts[current]
        fact.cite(sentence)
        for mention in agents:
            if mention.iri not in taken and mention.start > sentence.start + joined.start() - 40:
                fact.role(current, ex.agent(mention, sentence), "participant")
    return current


HELD = trigger(r"\bпров[её]л\w*|\bпровел[аио]\b", r"өткізді")


def _holder(ex: Extractor, sentence: Sentence, agents: list[Mention]) -> Mention | None:
    """Who held the meeting, when the sentence says so: the subject of "провёл"/"өткізді"."""
    held = HELD.search(sentence.text, ex.lang)
    if held is None:
        return None
    at = sentence.start + held.start()
    before = [m for m in agents if m.end <= at and m.kind != "group"]
    if not before:
        return None
    # The post and the name of one person ("Бас прокурор Берік Асылов") are that person.
    people = [m for m in before if m.kind == "person"]
    return people[-1] if people else before[0]


MEETING_NOUN = trigger(r"(?:заседани|совещани)\w*(?:\s+коллеги\w*)?", r"(?:отырыс|жиналыс)\w*")


def _owner(ex: Extractor, sentence: Sentence, agents: list[Mention]) -> Mention | None:
    """The body whose meeting it is: "заседание коллегии МВД", "Үкімет отырысында"."""
    noun = MEETING_NOUN.search(sentence.text, ex.lang)
    if noun is None:
        return None
    start, end = sentence.start + noun.start(), sentence.start + noun.end()
    bodies = [m for m in agents if m.kind in ("agency", "council", "office")]
    if ex.lang == "ru":
        after = [m for m in bodies if 0 <= m.start - end <= 2]
        return after[0] if after else None
    before = [m for m in bodies if 0 <= start - m.end <= 2]
    return before[-1] if before else None


def _councils(agents: list[Mention]) -> list[Mention]:
    return [m for m in agents if m.kind == "council"]


def _chair(ex: Extractor, sentence: Sentence, agents: list[Mention]) -> Mention | None:
    match = CHAIR.search(sentence.text, ex.lang)
    if match is None:
        return None
    at = sentence.start + match.start()
    people = [m for m in agents if m.kind in ("person", "post")]
    if ex.lang == "ru":  # "под председательством Берика Асылова": the name follows
        after = [m for m in people if m.start >= at]
        return after[0] if after else None
    before = [m for m in people if m.end <= at]  # "Б. Асыловтың төрағалығымен"
    return before[-1] if before else None


def _host(
    ex: Extractor, sentence: Sentence, agents: list[Mention], trigger_at: int
) -> Mention | None:
    """The body at whose premises the meeting was held: "В Генеральной прокуратуре …"."""
    for mention in agents:
        if mention.kind not in ("agency", "office", "mission") or mention.start > (
            sentence.start + trigger_at
        ):
            continue
        before = ex.report.text[max(sentence.start, mention.start - 4) : mention.start]
        if ex.lang == "ru" and re.search(r"(?:^|\s)[Вв]о?\s$", before):
            return mention
        if ex.lang == "kk" and re.search(r"(?:да|де|та|те)$", mention.text):
            return mention
    return None


def _topics(ex: Extractor, sentence: Sentence) -> list[URIRef]:
    """Topics whose every label word the sentence contains (in some form)."""
    from kg.ingest.indicators import similar

    words = content_words(sentence.text, ex.lang)
    found = []
    for topic in ex.ref.topics:
        label = topic.labels.get(ex.lang)
        wanted = content_words(label, ex.lang) if label else frozenset()
        if wanted and all(any(similar(w, x) for x in words) for w in wanted if len(w) > 3):
            found.append(topic.iri)
    return found


def reporter(ex: Extractor, sentence: Sentence) -> Mention | None:
    """The body a reporting sentence names: the one right before the reporting words
    ("представители МВД сообщили", "Әділет министрлігінің мәліметінше"), else the first."""
    agents = [m for m in ex.agents(sentence) if m.kind in ("agency", "council", "office")]
    found = REPORTING.search(sentence.text, ex.lang)
    if found is not None and re.match(r"(?:со|по|согласно)\s", found.group(), re.IGNORECASE):
        after = [m for m in agents if m.start >= sentence.start + found.start()]
        if after:  # "со ссылкой на прокуратуру города Астаны", "согласно … данным МВД"
            return after[0]
    if found is not None:
        before = [m for m in agents if m.end <= sentence.start + found.start()]
        if before:
            return before[-1]
    return agents[0] if agents else antecedent(ex, sentence, anywhere=True)


def report_node(ex: Extractor, body: URIRef) -> URIRef:
    return mint("activity", f"{slug(str(body).rsplit('/', 1)[-1])}-report-{ex.reported}")


def _reporting(ex: Extractor, sentence: Sentence) -> None:
    if REPORTING.search(sentence.text, ex.lang) is None:
        return
    body = reporter(ex, sentence)
    if body is None:
        return
    if not ex.has_figures:  # "according to the agency, the memorandum will help": a statement
        statement(ex, sentence, body, addressees=[])
        return
    agent = ex.agent(body, sentence)
    node = report_node(ex, agent)
    fact = ex.activity(node, (KZL.Reporting,), f"{body.label} reports figures", sentence, 0.8)
    fact.role(node, agent, "reporter")
    at_meeting(ex, sentence, node)


CALL = trigger(r"необходимост|призвал|призыв|следует|должны|нужно", r"қажет|шақыр|тиіс")
# "Министрлік … атап өтті", "В ведомстве отметили": the body named just before.
ANAPHOR = trigger(
    r"^(?:В\s+)?(?:[Мм]инистерств|[Вв]едомств|[Аа]гентств|[Кк]омитет|[Кк]омисси)\w*\b",
    r"^(?:Министрлік|Ведомство|Агенттік|Комитет|Комиссия)\w*\b",
)


ANAPHOR_ANYWHERE = trigger(
    r"\b(?:[Мм]инистерств|[Вв]едомств|[Аа]гентств|[Кк]омитет|[Кк]омисси)\w*\b",
    r"\b(?:Министрлі|Агенттік|Ведомство|Комитет|Комиссия)\w*\b",
)


def _statement(ex: Extractor, sentence: Sentence) -> None:
    match = STATEMENT.search(sentence.text, ex.lang)
    if match is None:
        return
    if re.search(r"\d", sentence.text) and re.search(r"отмечает?ся|наблюдает?ся", match.group()):
        return  # "отмечается снижение (7 374; -4%)" reports figures; it states no position
    at = sentence.start + match.start()
    cut = speaker_start(sentence)
    before = [m for m in ex.agents(sentence, end=at) if m.kind not in ("group",)]
    # A person speaks for the body named beside them ("Сенат депутаты Ғалымжан Әбдіраманов").
    people = [m for m in before if m.kind == "person"]
    author = (
        (people[-1] if people else before[0])
        if before
        else (paragraph_speaker(ex, sentence) or antecedent(ex, sentence))
    )
    if author is None:
        return
    # Those named after the verb are addressed only by a call ("необходимость консолидации
    # усилий государственных органов"), not by a finding about them.
    called = CALL.search(sentence.text, ex.lang) is not None
    # Kazakh puts the verb last: those called upon stand before it ("… азаматтарды … шақырады").
    named = ex.agents(sentence, at, cut) if ex.lang == "ru" else ex.agents(sentence, end=cut)
    addressees = [m for m in named if m.iri != author.iri] if called else []
    statement(ex, sentence, author, addressees=addressees)


def statement(
    ex: Extractor, sentence: Sentence, author: Mention, *, addressees: list[Mention]
) -> None:
    """A statement by ``author`` (dated by the meeting it was made at, if any)."""
    node = mint("activity", f"statement-{slug(sentence.text, max_words=6)}")
    fact = ex.activity(node, (KZL.Statement,), f"{author.label}: statement", sentence, 0.75)
    fact.role(node, ex.agent(author, sentence), "author")
    for mention in addressees:
        fact.role(node, ex.agent(mention, sentence), "addressee")
    at_meeting(ex, sentence, node)


def antecedent(ex: Extractor, sentence: Sentence, *, anywhere: bool = False) -> Mention | None:
    """The body "Министрлік"/"Ведомство" at the start of a sentence (or ``anywhere`` in it:
    "Агенттіктің мәліметінше") refers to: the last one named before it."""
    pattern = ANAPHOR_ANYWHERE if anywhere else ANAPHOR
    if pattern.search(sentence.text, ex.lang) is None:
        return None
    for earlier in reversed(ex.sentences[: sentence.index]):
        bodies = [m for m in ex.agents(earlier) if m.kind in ("agency", "council", "office")]
        if bodies:
            return bodies[-1]
    return None


AT_MEETING = trigger(
    r"(?:на|в\s+ходе)\s+(?:заседани|совещани|коллеги)",
    r"отырыс\w*\s+(?:барысында|кезінде)|отырыста",
)


def at_meeting(ex: Extractor, sentence: Sentence, node: URIRef) -> None:
    """What was done "на заседании" happened on the day of that meeting."""
    if AT_MEETING.search(sentence.text, ex.lang) is None:
        return
    for fact in reversed(list(ex.draft.facts.values())):
        date = fact.graph.value(fact.node, DCTERMS.date)
        if "/meeting/" in str(fact.node) and date is not None:
            ex.draft.facts[node].add(node, DCTERMS.date, date)
            return


def _instructing(ex: Extractor, sentence: Sentence, meeting: URIRef | None) -> None:
    match = INSTRUCTING.search(sentence.text, ex.lang)
    if match is None:
        return
    # "Министерству … поручено …, Министерству просвещения – …, а МВД совместно с КНБ – …":
    # every body the sentence names is given a task; with an active verb ("прокурор поручил",
    # "прокуроры … тапсырды") the first person named gave them.
    addressees = ex.agents(sentence)
    author = None
    active = ACTIVE_INSTRUCTION.search(sentence.text, ex.lang)
    if active:
        people = [m for m in addressees if m.kind in ("person", "post")]
        author = (
            people[0]
            if people
            else (titled(ex, sentence) or (addressees[0] if addressees else None))
        )
        addressees = [m for m in addressees if author is not None and m.iri != author.iri
                      and m.iri != author.holder and m.holder != author.iri
                      and _may_receive(ex, m)]  # fmt: skip
    node = mint("activity", f"instructions-{ex.reported}-{sentence.index}")
    fact = ex.activity(node, (KZL.Instructing,), "Instructions given", sentence, 0.8)
    if author is not None:
        fact.role(node, ex.agent(author, sentence), "author")
    agents = [ex.agent(m, sentence) for m in addressees]
    for agent in agents:
        fact.role(node, agent, "addressee")
    if meeting is not None and AFTER_MEETING.search(sentence.text, ex.lang):
        fact.add(node, PROV.wasInformedBy, meeting)
    at_meeting(ex, sentence, node)
    tasks = sentence.text[match.end() :] if ex.lang == "ru" else sentence.text[: match.start()]
    for task in directives(tasks, ex.lang):
        directive = mint("directive", f"{ex.reported}-{slug(task, max_words=5)}")
        fact.types(directive, *TYPES["directive"])
        fact.add(directive, RDFS.label, Literal(task, lang=ex.lang))
        fact.add(directive, PROV.wasGeneratedBy, node)
        fact.add(directive, PROV.wasDerivedFrom, ex.draft.source_iri)
        fact.add(node, PROV.generated, directive)
        for agent in agents:
            fact.add(directive, KZL.addressedTo, agent)


# "Министр поручил", "Министрдің айтуынша": a title standing for the person named with it before.
TITLE = trigger(r"^(?:Министр|Председатель|Аким|Генпрокурор|Прокурор)\b",
                r"^(?:Министр|Төраға|Әкім|Прокурор)\w*\b")  # fmt: skip


def titled(ex: Extractor, sentence: Sentence) -> Mention | None:
    """The person a sentence-initial title refers to: the last one named with that post."""
    found = TITLE.search(sentence.text, ex.lang)
    if found is None:
        return None
    word = found.group().lower()[:6]
    for earlier in reversed(ex.sentences[: sentence.index]):
        for post in reversed(ex.mentions[earlier.index]):
            if post.kind == "post" and post.holder is not None and word in post.label.lower():
                return next(m for m in ex.mentions[earlier.index] if m.iri == post.holder)
    return None


def _may_receive(ex: Extractor, mention: Mention) -> bool:
    """Whether a body named in an instruction can be its addressee: not one named in the
    locative or genitive ("Мәжілісте", "в Мажилисе")."""
    word = mention.text.split()[-1].lower()
    if ex.lang == "kk":
        return re.search(r"(?:да|де|та|те|дан|ден|тан|тен|нан|нен|ның|нің|дың|дің)$", word) is None
    from kg.qa.lexicon import morph

    cases = {str(p.tag.case) for p in morph().parse(word)[:3]}
    return not cases or "datv" in cases or "None" in cases or bool(cases - {"loct", "gent"})


def directives(text: str, lang: str) -> list[str]:
    """The instructions of "поручено усилить …, расширить … и обеспечить …": one per verb."""
    from kg.qa.lexicon import morph

    text = text.strip().rstrip(".").strip()
    if lang == "kk":  # "… күшейту, … кеңейту тапсырылды": items end in a verbal noun (-у/-ю)
        text = re.sub(r"\s*[–—-]?\s*\w*\s*$", "", text) if text.endswith("ды") else text
        parts = re.split(r",\s*|\s+және\s+", text)
        items, current = [], ""
        for part in parts:
            current = f"{current}, {part}" if current else part
            if re.search(r"(?:у|ю|ту|ну)$", part.strip()):
                items.append(current.strip())
                current = ""
        return [i for i in items if len(i.split()) >= 2]
    items = []
    for part in re.split(r",\s*|\s+и\s+(?=\w+\b)", text):
        part = re.split(r"\s[–—]\s", part)[-1]  # "Министерству просвещения – усилить …"
        words = part.split()
        if not words:
            continue
        infinitive = any("INFN" in p.tag for p in morph().parse(words[0])[:2])
        if infinitive or not items:
            items.append(part.strip())
        else:
            items[-1] = f"{items[-1]}, {part.strip()}"
    return [i for i in items if len(i.split()) >= 2]
