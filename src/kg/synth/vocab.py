"""Word lists of the synthetic corpus: names of bodies, people, places and acts in en/ru/kk.

Written for this project. Ministry domains are single words so that two can be joined ("Ministry
of Energy and Transport"): such merged names never collide with the real bodies of data/.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Domain(NamedTuple):
    """A ministry domain: English noun, Russian genitive, Kazakh stem, initials ru/kk/en."""

    en: str
    ru: str
    kk: str
    ru_initial: str
    kk_initial: str


DOMAINS: Final = (
    Domain("Finance", "финансов", "Қаржы", "Ф", "Қ"),
    Domain("Justice", "юстиции", "Әділет", "Ю", "Ә"),
    Domain("Health", "здравоохранения", "Денсаулық сақтау", "З", "Д"),
    Domain("Energy", "энергетики", "Энергетика", "Э", "Э"),
    Domain("Agriculture", "сельского хозяйства", "Ауыл шаруашылығы", "С", "А"),
    Domain("Transport", "транспорта", "Көлік", "Т", "К"),
    Domain("Defence", "обороны", "Қорғаныс", "О", "Қ"),
    Domain("Labour", "труда", "Еңбек", "Т", "Е"),
    Domain("Ecology", "экологии", "Экология", "Э", "Э"),
    Domain("Industry", "промышленности", "Өнеркәсіп", "П", "Ө"),
    Domain("Trade", "торговли", "Сауда", "Т", "С"),
    Domain("Culture", "культуры", "Мәдениет", "К", "М"),
    Domain("Sport", "спорта", "Спорт", "С", "С"),
    Domain("Information", "информации", "Ақпарат", "И", "А"),
    Domain("Construction", "строительства", "Құрылыс", "С", "Қ"),
    Domain("Tourism", "туризма", "Туризм", "Т", "Т"),
    Domain("Science", "науки", "Ғылым", "Н", "Ғ"),
    Domain("Communications", "связи", "Байланыс", "С", "Б"),
    Domain("Migration", "миграции", "Көші-қон", "М", "К"),
    Domain("Irrigation", "ирригации", "Ирригация", "И", "И"),
)


class Topic(NamedTuple):
    """A committee's field: English, Russian genitive phrase, Kazakh phrase."""

    en: str
    ru: str
    kk: str


COMMITTEE_TOPICS: Final = (
    Topic("State Revenue", "государственных доходов", "Мемлекеттік кірістер"),
    Topic("Internal State Audit", "внутреннего государственного аудита", "Ішкі мемлекеттік аудит"),
    Topic("Inspection", "инспекции", "Инспекция"),
    Topic("Regulation and Control", "регулирования и контроля", "Реттеу және бақылау"),
    Topic("Statistics", "статистики", "Статистика"),
    Topic("Licensing", "лицензирования", "Лицензиялау"),
    Topic("Technical Supervision", "технического надзора", "Техникалық қадағалау"),
    Topic("Sanitary Control", "санитарного контроля", "Санитариялық бақылау"),
    Topic("Registration Service", "регистрационной службы", "Тіркеу қызметі"),
    Topic("Penal Enforcement", "уголовно-исполнительной системы", "Қылмыстық-атқару жүйесі"),
    Topic("Migration Service", "миграционной службы", "Көші-қон қызметі"),
    Topic("Treasury", "казначейства", "Қазынашылық"),
    Topic(
        "Forestry and Wildlife",
        "лесного хозяйства и животного мира",
        "Орман шаруашылығы және жануарлар дүниесі",
    ),
    Topic("Geology", "геологии", "Геология"),
    Topic("Veterinary Control", "ветеринарного контроля", "Ветеринариялық бақылау"),
    Topic("Financial Monitoring", "финансового мониторинга", "Қаржылық мониторинг"),
)


class Region(NamedTuple):
    """A region: English name, Russian "по …" phrase, Kazakh name, its centre (a city key)."""

    en: str
    ru: str
    kk: str
    city: str


REGIONS: Final = (
    Region("Abai Region", "по области Абай", "Абай облысы", "semey"),
    Region("Akmola Region", "по Акмолинской области", "Ақмола облысы", "kokshetau"),
    Region("Aktobe Region", "по Актюбинской области", "Ақтөбе облысы", "aktobe"),
    Region("Almaty Region", "по Алматинской области", "Алматы облысы", "konaev"),
    Region("Atyrau Region", "по Атырауской области", "Атырау облысы", "atyrau"),
    Region(
        "East Kazakhstan Region",
        "по Восточно-Казахстанской области",
        "Шығыс Қазақстан облысы",
        "oskemen",
    ),
    Region("Jambyl Region", "по Жамбылской области", "Жамбыл облысы", "taraz"),
    Region("Jetisu Region", "по области Жетісу", "Жетісу облысы", "taldykorgan"),
    Region(
        "West Kazakhstan Region",
        "по Западно-Казахстанской области",
        "Батыс Қазақстан облысы",
        "oral",
    ),
    Region("Karaganda Region", "по Карагандинской области", "Қарағанды облысы", "karaganda"),
    Region("Kostanay Region", "по Костанайской области", "Қостанай облысы", "kostanay"),
    Region("Kyzylorda Region", "по Кызылординской области", "Қызылорда облысы", "kyzylorda"),
    Region("Mangystau Region", "по Мангистауской области", "Маңғыстау облысы", "aktau"),
    Region("Pavlodar Region", "по Павлодарской области", "Павлодар облысы", "pavlodar"),
    Region(
        "North Kazakhstan Region",
        "по Северо-Казахстанской области",
        "Солтүстік Қазақстан облысы",
        "petropavl",
    ),
    Region("Turkistan Region", "по Туркестанской области", "Түркістан облысы", "turkistan"),
    Region("Ulytau Region", "по области Ұлытау", "Ұлытау облысы", "zhezkazgan"),
    Region("the city of Astana", "по городу Астане", "Астана қаласы", "astana"),
    Region("the city of Almaty", "по городу Алматы", "Алматы қаласы", "almaty"),
    Region("the city of Shymkent", "по городу Шымкенту", "Шымкент қаласы", "shymkent"),
)


class City(NamedTuple):
    """A city: English, Russian nominative, Russian locative ("в Астане"), Kazakh."""

    en: str
    ru: str
    ru_loc: str
    kk: str


CITIES: Final[dict[str, City]] = {
    "astana": City("Astana", "Астана", "Астане", "Астана"),
    "almaty": City("Almaty", "Алматы", "Алматы", "Алматы"),
    "shymkent": City("Shymkent", "Шымкент", "Шымкенте", "Шымкент"),
    "semey": City("Semey", "Семей", "Семее", "Семей"),
    "kokshetau": City("Kokshetau", "Кокшетау", "Кокшетау", "Көкшетау"),
    "aktobe": City("Aktobe", "Актобе", "Актобе", "Ақтөбе"),
    "konaev": City("Konaev", "Конаев", "Конаеве", "Қонаев"),
    "atyrau": City("Atyrau", "Атырау", "Атырау", "Атырау"),
    "oskemen": City("Oskemen", "Усть-Каменогорск", "Усть-Каменогорске", "Өскемен"),
    "taraz": City("Taraz", "Тараз", "Таразе", "Тараз"),
    "taldykorgan": City("Taldykorgan", "Талдыкорган", "Талдыкоргане", "Талдықорған"),
    "oral": City("Oral", "Уральск", "Уральске", "Орал"),
    "karaganda": City("Karaganda", "Караганда", "Караганде", "Қарағанды"),
    "kostanay": City("Kostanay", "Костанай", "Костанае", "Қостанай"),
    "kyzylorda": City("Kyzylorda", "Кызылорда", "Кызылорде", "Қызылорда"),
    "aktau": City("Aktau", "Актау", "Актау", "Ақтау"),
    "pavlodar": City("Pavlodar", "Павлодар", "Павлодаре", "Павлодар"),
    "petropavl": City("Petropavl", "Петропавловск", "Петропавловске", "Петропавл"),
    "turkistan": City("Turkistan", "Туркестан", "Туркестане", "Түркістан"),
    "zhezkazgan": City("Zhezkazgan", "Жезказган", "Жезказгане", "Жезқазған"),
}


class Country(NamedTuple):
    """A foreign state: ISO code, English, Russian nominative and genitive, Kazakh."""

    iso: str
    en: str
    ru: str
    ru_gen: str
    kk: str


COUNTRIES: Final = (
    Country("uz", "Uzbekistan", "Узбекистан", "Республики Узбекистан", "Өзбекстан"),
    Country("kg", "Kyrgyzstan", "Кыргызстан", "Кыргызской Республики", "Қырғызстан"),
    Country("tj", "Tajikistan", "Таджикистан", "Республики Таджикистан", "Тәжікстан"),
    Country("tm", "Turkmenistan", "Туркменистан", "Туркменистана", "Түрікменстан"),
    Country("az", "Azerbaijan", "Азербайджан", "Азербайджанской Республики", "Әзербайжан"),
    Country("ge", "Georgia", "Грузия", "Грузии", "Грузия"),
    Country("tr", "Turkey", "Турция", "Турецкой Республики", "Түркия"),
    Country("mn", "Mongolia", "Монголия", "Монголии", "Моңғолия"),
    Country("by", "Belarus", "Беларусь", "Республики Беларусь", "Беларусь"),
    Country("am", "Armenia", "Армения", "Республики Армения", "Армения"),
    Country("ae", "the United Arab Emirates", "ОАЭ", "Объединённых Арабских Эмиратов", "БАӘ"),
    Country(
        "kr", "the Republic of Korea", "Республика Корея", "Республики Корея", "Корея Республикасы"
    ),
    Country("hu", "Hungary", "Венгрия", "Венгрии", "Венгрия"),
    Country("pk", "Pakistan", "Пакистан", "Исламской Республики Пакистан", "Пәкістан"),
)

# Fields of cooperation in agreements: English, Russian prepositional ("в …"), Kazakh.
AGREEMENT_FIELDS: Final = (
    Topic("combating crime", "борьбе с преступностью", "қылмысқа қарсы күрес"),
    Topic(
        "combating terrorism and extremism",
        "борьбе с терроризмом и экстремизмом",
        "терроризм мен экстремизмге қарсы күрес",
    ),
    Topic(
        "combating illicit drug trafficking",
        "борьбе с незаконным оборотом наркотиков",
        "есірткінің заңсыз айналымына қарсы күрес",
    ),
    Topic(
        "combating human trafficking",
        "противодействии торговле людьми",
        "адам саудасына қарсы іс-қимыл",
    ),
    Topic("readmission", "области реадмиссии", "реадмиссия саласы"),
    Topic(
        "mutual legal assistance in criminal matters",
        "оказании взаимной правовой помощи по уголовным делам",
        "қылмыстық істер бойынша өзара құқықтық көмек",
    ),
    Topic("customs matters", "таможенных делах", "кеден істері"),
    Topic(
        "information security",
        "области информационной безопасности",
        "ақпараттық қауіпсіздік саласы",
    ),
    Topic(
        "emergency prevention and response",
        "области предупреждения и ликвидации чрезвычайных ситуаций",
        "төтенше жағдайлардың алдын алу және оларды жою саласы",
    ),
    Topic(
        "the transfer of sentenced persons", "передаче осуждённых лиц", "сотталған адамдарды беру"
    ),
)

# Subjects of base laws: English, Russian prepositional ("О …"), Kazakh ("… туралы").
LAW_SUBJECTS: Final = (
    Topic("Civil Service", "государственной службе", "Мемлекеттік қызмет"),
    Topic(
        "Countering Corruption", "противодействии коррупции", "Сыбайлас жемқорлыққа қарсы іс-қимыл"
    ),
    Topic("Law-Enforcement Service", "правоохранительной службе", "Құқық қорғау қызметі"),
    Topic(
        "Operational Investigative Activity",
        "оперативно-розыскной деятельности",
        "Жедел-іздестіру қызметі",
    ),
    Topic(
        "Narcotic Drugs and Precursors",
        "наркотических средствах, психотропных веществах, их аналогах и прекурсорах",
        "Есірткі, психотроптық заттар, сол тектестер және прекурсорлар",
    ),
    Topic("Countering Terrorism", "противодействии терроризму", "Терроризмге қарсы іс-қимыл"),
    Topic("Countering Extremism", "противодействии экстремизму", "Экстремизмге қарсы іс-қимыл"),
    Topic(
        "Countering Money Laundering",
        "противодействии легализации (отмыванию) доходов, полученных преступным путем",
        "Қылмыстық жолмен алынған кірістерді заңдастыруға (жылыстатуға) қарсы іс-қимыл",
    ),
    Topic("Prosecutor's Office", "прокуратуре", "Прокуратура"),
    Topic("Internal Affairs Bodies", "органах внутренних дел", "Ішкі істер органдары"),
    Topic("Migration of the Population", "миграции населения", "Халықтың көші-қоны"),
    Topic("Crime Prevention", "профилактике правонарушений", "Құқық бұзушылық профилактикасы"),
    Topic("Informatization", "информатизации", "Ақпараттандыру"),
    Topic(
        "Personal Data and Its Protection",
        "персональных данных и их защите",
        "Дербес деректер және оларды қорғау",
    ),
    Topic("Civil Protection", "гражданской защите", "Азаматтық қорғау"),
    Topic("Access to Information", "доступе к информации", "Ақпаратқа қол жеткізу"),
    Topic("Mass Media", "средствах массовой информации", "Бұқаралық ақпарат құралдары"),
    Topic("Public Councils", "общественных советах", "Қоғамдық кеңестер"),
    Topic(
        "Weapons Control",
        "государственном контроле за оборотом отдельных видов оружия",
        "Қарудың жекелеген түрлерінің айналымын мемлекеттік бақылау",
    ),
    Topic("Probation", "пробации", "Пробация"),
)

# Codes: English name, Russian name, Kazakh name.
CODES: Final = (
    Topic("Criminal Code", "Уголовный кодекс", "Қылмыстық кодекс"),
    Topic(
        "Criminal Procedure Code", "Уголовно-процессуальный кодекс", "Қылмыстық-процестік кодекс"
    ),
    Topic(
        "Code of Administrative Offences",
        "Кодекс об административных правонарушениях",
        "Әкімшілік құқық бұзушылық туралы кодекс",
    ),
    Topic("Penal Enforcement Code", "Уголовно-исполнительный кодекс", "Қылмыстық-атқару кодексі"),
    Topic("Tax Code", "Налоговый кодекс", "Салық кодексі"),
    Topic("Customs Code", "Кодекс о таможенном регулировании", "Кедендік реттеу туралы кодекс"),
)

# Councils: kind (en, ru nominative, ru genitive, kk), then topics (en, ru "по …", kk).
COUNCIL_KINDS: Final = (
    (
        "Interdepartmental Council",
        "Межведомственный совет",
        "Межведомственного совета",
        "ведомствоаралық кеңес",
    ),
    (
        "Coordination Council",
        "Координационный совет",
        "Координационного совета",
        "үйлестіру кеңесі",
    ),
    (
        "Interdepartmental Commission",
        "Межведомственная комиссия",
        "Межведомственной комиссии",
        "ведомствоаралық комиссия",
    ),
)
COUNCIL_TOPICS: Final = (
    Topic(
        "Countering Drug Trafficking",
        "по противодействию наркобизнесу",
        "Есірткі бизнесіне қарсы іс-қимыл жөніндегі",
    ),
    Topic(
        "Crime Prevention",
        "по профилактике правонарушений",
        "Құқық бұзушылықтардың профилактикасы жөніндегі",
    ),
    Topic(
        "Countering Corruption",
        "по противодействию коррупции",
        "Сыбайлас жемқорлыққа қарсы іс-қимыл жөніндегі",
    ),
    Topic(
        "Countering Extremism",
        "по противодействию экстремизму",
        "Экстремизмге қарсы іс-қимыл жөніндегі",
    ),
    Topic("Road Safety", "по безопасности дорожного движения", "Жол жүрісі қауіпсіздігі жөніндегі"),
    Topic(
        "Migration Policy",
        "по вопросам миграционной политики",
        "Көші-қон саясаты мәселелері жөніндегі",
    ),
    Topic("Cybersecurity", "по кибербезопасности", "Киберқауіпсіздік жөніндегі"),
    Topic(
        "Juvenile Affairs",
        "по делам несовершеннолетних",
        "Кәмелетке толмағандардың істері жөніндегі",
    ),
    Topic(
        "Countering Human Trafficking",
        "по противодействию торговле людьми",
        "Адам саудасына қарсы іс-қимыл жөніндегі",
    ),
    Topic(
        "Emergency Prevention",
        "по предупреждению чрезвычайных ситуаций",
        "Төтенше жағдайлардың алдын алу жөніндегі",
    ),
    Topic(
        "Financial Monitoring",
        "по вопросам финансового мониторинга",
        "Қаржылық мониторинг мәселелері жөніндегі",
    ),
    Topic("Legal Statistics", "по правовой статистике", "Құқықтық статистика жөніндегі"),
)

# Invented media outlets (reserved .example domain): English/Russian name, Kazakh name, slug.
OUTLETS: Final = (
    ("Steppe Herald", "Вестник степи", "Дала хабаршысы", "steppe-herald"),
    ("Qala News", "Qala News", "Qala News", "qala-news"),
    ("Astana Daily Record", "Астанинские ведомости", "Астана жаршысы", "astana-daily-record"),
    ("Law and Society", "Право и общество", "Құқық және қоғам", "law-and-society"),
    ("Kazakh Wire", "Казахское деловое обозрение", "Қазақ іскерлік шолуы", "kazakh-wire"),
    ("Orda Post", "Орда пост", "Орда пост", "orda-post"),
    ("Region Monitor", "Региональный монитор", "Өңірлік монитор", "region-monitor"),
    ("Jeti Times", "Жети таймс", "Жеті таймс", "jeti-times"),
)

# Person names: (en, ru, kk) first names, father's names (to build patronymics), surnames.
MALE_NAMES: Final = (
    ("Aidos", "Айдос", "Айдос"),
    ("Arman", "Арман", "Арман"),
    ("Askar", "Аскар", "Асқар"),
    ("Bauyrzhan", "Бауыржан", "Бауыржан"),
    ("Berik", "Берик", "Берік"),
    ("Daniyar", "Данияр", "Данияр"),
    ("Dauren", "Даурен", "Дәурен"),
    ("Erlan", "Ерлан", "Ерлан"),
    ("Galym", "Галым", "Ғалым"),
    ("Kairat", "Кайрат", "Қайрат"),
    ("Marat", "Марат", "Марат"),
    ("Nurlan", "Нурлан", "Нұрлан"),
    ("Olzhas", "Олжас", "Олжас"),
    ("Rustem", "Рустем", "Рүстем"),
    ("Serik", "Серик", "Серік"),
    ("Talgat", "Талгат", "Талғат"),
    ("Timur", "Тимур", "Темір"),
    ("Yerzhan", "Ержан", "Ержан"),
    ("Zhanibek", "Жанибек", "Жәнібек"),
    ("Azamat", "Азамат", "Азамат"),
    ("Murat", "Мурат", "Мұрат"),
    ("Samat", "Самат", "Самат"),
    ("Alibek", "Алибек", "Әлібек"),
    ("Yerbol", "Ербол", "Ербол"),
    ("Kanat", "Канат", "Қанат"),
    ("Nurzhan", "Нуржан", "Нұржан"),
    ("Madi", "Мади", "Мәди"),
    ("Ruslan", "Руслан", "Руслан"),
    ("Sanzhar", "Санжар", "Санжар"),
    ("Yesset", "Есет", "Есет"),
)
FEMALE_NAMES: Final = (
    ("Aigerim", "Айгерим", "Айгерім"),
    ("Aliya", "Алия", "Әлия"),
    ("Asel", "Асель", "Әсел"),
    ("Dana", "Дана", "Дана"),
    ("Dinara", "Динара", "Динара"),
    ("Gulnara", "Гульнара", "Гүлнар"),
    ("Kamila", "Камила", "Камила"),
    ("Madina", "Мадина", "Мадина"),
    ("Saule", "Сауле", "Сәуле"),
    ("Zhanar", "Жанар", "Жанар"),
    ("Ainur", "Айнур", "Айнұр"),
    ("Botagoz", "Ботагоз", "Ботагөз"),
    ("Gaukhar", "Гаухар", "Гауһар"),
    ("Lyazzat", "Ляззат", "Ләззат"),
    ("Meruert", "Меруерт", "Меруерт"),
    ("Nazgul", "Назгуль", "Назгүл"),
    ("Raushan", "Раушан", "Раушан"),
    ("Togzhan", "Тогжан", "Тоғжан"),
)
# Father's names ending in a consonant: en/ru patronymic stems and the Kazakh form.
FATHER_NAMES: Final = tuple(name for name in MALE_NAMES if name[1][-1] not in "аеиоуыэюяй")
SURNAMES: Final = (
    ("Abenov", "Абенов", "Әбенов"),
    ("Akhmetov", "Ахметов", "Ахметов"),
    ("Baimukhanov", "Баймуханов", "Баймұханов"),
    ("Beisenov", "Бейсенов", "Бейсенов"),
    ("Dzhaksybekov", "Джаксыбеков", "Жақсыбеков"),
    ("Ermekov", "Ермеков", "Ермеков"),
    ("Ibraimov", "Ибраимов", "Ибраимов"),
    ("Kaliyev", "Калиев", "Қалиев"),
    ("Kassymov", "Касымов", "Қасымов"),
    ("Mukanov", "Муканов", "Мұқанов"),
    ("Nurpeisov", "Нурпеисов", "Нұрпейісов"),
    ("Omarov", "Омаров", "Омаров"),
    ("Sadykov", "Садыков", "Садықов"),
    ("Sarsenbayev", "Сарсенбаев", "Сәрсенбаев"),
    ("Seitkaliyev", "Сейткалиев", "Сейітқалиев"),
    ("Tokhtarov", "Тохтаров", "Тоқтаров"),
    ("Utepov", "Утепов", "Өтепов"),
    ("Zhumabayev", "Жумабаев", "Жұмабаев"),
    ("Amanov", "Аманов", "Аманов"),
    ("Bekturov", "Бектуров", "Бектұров"),
    ("Dosmukhamedov", "Досмухамедов", "Досмұхамедов"),
    ("Iskakov", "Искаков", "Ысқақов"),
    ("Kenzhebayev", "Кенжебаев", "Кенжебаев"),
    ("Mamyrov", "Мамыров", "Мамыров"),
    ("Nurmagambetov", "Нурмагамбетов", "Нұрмағамбетов"),
    ("Rakhimov", "Рахимов", "Рахымов"),
    ("Serikbayev", "Серикбаев", "Серікбаев"),
    ("Tulegenov", "Тулегенов", "Төлегенов"),
    ("Yessimov", "Есимов", "Есімов"),
    ("Zhakupov", "Жакупов", "Жақыпов"),
    ("Kuanyshev", "Куанышев", "Қуанышев"),
    ("Mussin", "Мусин", "Мусин"),
    ("Temirkhanov", "Темирханов", "Темірханов"),
    ("Orazbayev", "Оразбаев", "Оразбаев"),
    ("Shaikenov", "Шайкенов", "Шайкенов"),
    ("Baitursynov", "Байтурсынов", "Байтұрсынов"),
)

MONTHS_RU: Final = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_KK: Final = (
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
)
