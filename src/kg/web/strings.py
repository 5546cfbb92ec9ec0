"""Every string of the web pages, in English, Russian and Kazakh (in that order)."""

from __future__ import annotations

from typing import Final

# key → (en, ru, kk)
STRINGS: Final[dict[str, tuple[str, str, str]]] = {
    "site_title": (
        "Kazakhstan legal knowledge graph",
        "Граф знаний о правовой системе Казахстана",
        "Қазақстанның құқықтық жүйесі туралы білім графы",
    ),
    "skip": ("Skip to content", "Перейти к содержанию", "Мазмұнға өту"),
    "nav_label": ("Main menu", "Главное меню", "Басты мәзір"),
    "nav_home": ("Questions", "Вопросы", "Сұрақтар"),
    "nav_query": ("SPARQL query", "SPARQL-запрос", "SPARQL сұрауы"),
    "nav_bodies": ("Bodies", "Органы", "Органдар"),
    "nav_ontology": ("Ontology", "Онтология", "Онтология"),
    "nav_dataset": ("Dataset", "Набор данных", "Деректер жиынтығы"),
    "language": ("Language", "Язык", "Тіл"),
    "intro": (
        "An open knowledge graph of Kazakhstan's state bodies, councils and their meetings, "
        "people and their posts, laws and international agreements, the prosecution's digital "
        "tools, instructions and crime statistics. Every fact comes with the source that states "
        "it and the exact sentence it rests on.",
        "Открытый граф знаний о государственных органах Казахстана, советах и их заседаниях, "
        "должностных лицах, законах и международных соглашениях, цифровых инструментах "
        "прокуратуры, поручениях и статистике преступности. Для каждого факта указаны источник "
        "и точная цитата, на которой он основан.",
        "Қазақстанның мемлекеттік органдары, кеңестер мен олардың отырыстары, лауазымды "
        "тұлғалар, заңдар мен халықаралық келісімдер, прокуратураның цифрлық құралдары, "
        "тапсырмалар және қылмыс статистикасы туралы ашық білім графы. Әр дерек оны "
        "хабарлаған дереккөзбен және өзі негізделген нақты дәйексөзбен бірге беріледі.",
    ),
    "ask_heading": ("Ask a question", "Задайте вопрос", "Сұрақ қойыңыз"),
    "ask_label": (
        "Your question, in Russian, Kazakh or English",
        "Ваш вопрос на русском, казахском или английском языке",
        "Сұрағыңыз орыс, қазақ немесе ағылшын тілінде",
    ),
    "ask_button": ("Ask", "Спросить", "Сұрау"),
    "examples": ("Example questions", "Примеры вопросов", "Сұрақ үлгілері"),
    "answer_heading": ("Answer", "Ответ", "Жауап"),
    "understood_as": ("Understood as", "Понято как", "Былай түсінілді"),
    "yes": ("Yes", "Да", "Иә"),
    "no": ("No", "Нет", "Жоқ"),
    "role": ("Role", "Роль", "Рөлі"),
    "date": ("Date", "Дата", "Күні"),
    "context": ("In", "Где", "Қайда"),
    "about": ("About", "Относится к", "Қатысты"),
    "value": ("Value", "Значение", "Мәні"),
    "change": ("Change", "Изменение", "Өзгерісі"),
    "stated_as": ("As stated", "Как в источнике", "Дереккөздегідей"),
    "involved": ("Involved", "Связано с", "Байланысты"),
    "evidence": ("Evidence", "Цитаты из источников", "Дереккөздердегі дәйексөздер"),
    "source": ("Source", "Источник", "Дереккөз"),
    "source_page": ("the source page", "страница источника", "дереккөз беті"),
    "sparql_ran": (
        "The SPARQL query that ran",
        "Выполненный SPARQL-запрос",
        "Орындалған SPARQL сұрауы",
    ),
    "open_in_editor": (
        "Open in the query editor",
        "Открыть в редакторе запросов",
        "Сұрау редакторында ашу",
    ),
    "query_heading": ("SPARQL query", "SPARQL-запрос", "SPARQL сұрауы"),
    "query_intro": (
        "Query the graph in SPARQL 1.1. The default graph is the union of all named graphs; "
        "the service is read-only.",
        "Запросы к графу на языке SPARQL 1.1. Граф по умолчанию — объединение всех "
        "именованных графов; сервис доступен только для чтения.",
        "Графқа SPARQL 1.1 тілінде сұрау жіберіңіз. Әдепкі граф — барлық атаулы графтардың "
        "бірігуі; қызмет тек оқуға арналған.",
    ),
    "query_label": ("Query", "Запрос", "Сұрау"),
    "run": ("Run", "Выполнить", "Орындау"),
    "example_queries": ("Example queries", "Примеры запросов", "Сұрау үлгілері"),
    "results": ("Results", "Результаты", "Нәтижелер"),
    "row_count": ("Rows", "Строк", "Жолдар саны"),
    "no_rows": ("No results.", "Нет результатов.", "Нәтиже жоқ."),
    "truncated": (
        "Only the first {n} rows are shown; download the results for all of them.",
        "Показаны только первые {n} строк; все строки — в скачиваемых результатах.",
        "Алғашқы {n} жол ғана көрсетілген; барлық жолдар жүктелетін нәтижелерде.",
    ),
    "ask_result": ("ASK result", "Результат ASK", "ASK нәтижесі"),
    "graph_result": (
        "CONSTRUCT result (Turtle)",
        "Результат CONSTRUCT (Turtle)",
        "CONSTRUCT нәтижесі (Turtle)",
    ),
    "download": (
        "Download these results",
        "Скачать эти результаты",
        "Осы нәтижелерді жүктеп алу",
    ),
    "error": ("Error", "Ошибка", "Қате"),
    "dumps": ("Downloads", "Файлы для скачивания", "Жүктеп алуға арналған файлдар"),
    "dump_files": (
        "The whole dataset",
        "Весь набор данных",
        "Деректер жиынтығы толығымен",
    ),
    "void": (
        "Dataset description (VoID)",
        "Описание набора данных (VoID)",
        "Деректер жиынтығының сипаттамасы (VoID)",
    ),
    "endpoint": (
        "SPARQL endpoint for programs",
        "SPARQL-эндпоинт для программ",
        "Бағдарламаларға арналған SPARQL нүктесі",
    ),
    "types": ("Type", "Тип", "Түрі"),
    "names": ("Names", "Названия", "Атаулары"),
    "statements": ("Statements", "Сведения", "Мәліметтер"),
    "incoming": (
        "Referenced by",
        "Ссылки на этот ресурс",
        "Осы ресурсқа сілтемелер",
    ),
    "actions": ("Actions", "Действия", "Әрекеттері"),
    "as_data": (
        "This resource as data",
        "Этот ресурс в виде данных",
        "Бұл ресурс деректер түрінде",
    ),
    "blank_node": ("(unnamed node)", "(безымянный узел)", "(атаусыз түйін)"),
    "graph_heading": ("Named graph", "Именованный граф", "Атаулы граф"),
    "graph_subjects": (
        "Resources it describes",
        "Описанные в нём ресурсы",
        "Онда сипатталған ресурстар",
    ),
    "statement_count": ("Statements", "Утверждений", "Тұжырымдар саны"),
    "bodies_heading": (
        "State bodies and other organisations",
        "Государственные органы и другие организации",
        "Мемлекеттік органдар және басқа ұйымдар",
    ),
    "bodies_intro": (
        "Every body the graph knows, with its kind and abbreviations.",
        "Все органы, известные графу, с их видом и сокращёнными названиями.",
        "Графқа белгілі барлық органдар, түрі мен қысқартылған атаулары.",
    ),
    "kind": ("Kind", "Вид", "Түрі"),
    "abbreviations": ("Abbreviations", "Сокращения", "Қысқартулар"),
    "name": ("Name", "Название", "Атауы"),
    "not_found_title": ("Not found", "Не найдено", "Табылмады"),
    "not_found_text": (
        "The graph holds nothing at this address.",
        "В графе нет сведений по этому адресу.",
        "Графта осы мекенжай бойынша мәлімет жоқ.",
    ),
    "bad_request_title": ("Bad request", "Неверный запрос", "Қате сұрау"),
    "back_home": ("Back to the home page", "Вернуться на главную", "Басты бетке оралу"),
    "footer_licence": (
        "Data under CC BY 4.0.",
        "Данные доступны по лицензии CC BY 4.0.",
        "Деректер CC BY 4.0 лицензиясы бойынша қолжетімді.",
    ),
    "api_docs": ("API documentation", "Документация API", "API құжаттамасы"),
}
