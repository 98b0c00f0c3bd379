"""The words the specimen designs print: field captions, document titles and state names, per language.

Doc 9303 Part 3, 3.1 lets the VIZ's captions be in the issuing State's language with a translation into English,
French or Spanish; the generated designs (:mod:`docexam.specimens.designs`) print English beside a second language.
Captions are in the case a VIZ prints them (``Date of birth``, ``Doğum tarixi``); titles and state names in capitals.
:func:`upper` capitalises as the language does (Turkish and Azerbaijani ``i`` -> ``İ``), which ``str.upper`` does not.

Hebrew (``he``) is here only for document titles, printed as right-to-left art on some designs.

>>> caption("birth_date", "az"), caption("surname", "ru"), title("identity_card", "az")
('Doğum tarixi', 'Фамилия', 'ŞƏXSİYYƏT VƏSİQƏSİ')
>>> upper("Verilmə tarixi", "az"), state_name("republic", "KASPİANA", "az")
('VERİLMƏ TARİXİ', 'KASPİANA RESPUBLİKASI')
"""

from __future__ import annotations

__all__ = ["CAPTION_KEYS", "KINDS", "LANGUAGES", "STATE_FORMS", "TITLE_LANGUAGES", "caption", "state_name", "title", "upper"]

#: The caption languages (ISO 639-1).
LANGUAGES: tuple[str, ...] = ("en", "fr", "az", "ru", "uk", "tr", "pl", "cs", "de", "es")
#: Title languages: the caption languages and Hebrew (right to left, as art).
TITLE_LANGUAGES: tuple[str, ...] = (*LANGUAGES, "he")

# Each row: en, fr, az, ru, uk, tr, pl, cs, de, es.
_CAPTIONS: dict[str, tuple[str, ...]] = {
    "type": ("Type", "Type", "Növü", "Тип", "Тип", "Tipi", "Typ", "Typ", "Typ", "Tipo"),
    "code": ("Code", "Code", "Ölkə kodu", "Код государства", "Код держави", "Ülke kodu", "Kod państwa", "Kód státu",
             "Kode", "Código"),
    "number": ("Document No.", "N° du document", "Sənədin nömrəsi", "Номер документа", "Номер документа", "Belge No",
               "Nr dokumentu", "Číslo dokladu", "Dokumentennummer", "N.º de documento"),
    "passport_number": ("Passport No.", "N° du passeport", "Pasportun nömrəsi", "Номер паспорта", "Номер паспорта",
                        "Pasaport No", "Nr paszportu", "Číslo pasu", "Pass-Nr.", "Pasaporte N.º"),
    "visa_number": ("Visa No.", "N° du visa", "Vizanın nömrəsi", "Номер визы", "Номер візи", "Vize No", "Nr wizy",
                    "Číslo víza", "Visumnummer", "N.º de visado"),
    "surname": ("Surname", "Nom", "Soyadı", "Фамилия", "Прізвище", "Soyadı", "Nazwisko", "Příjmení", "Name", "Apellidos"),
    "given_names": ("Given names", "Prénoms", "Adı", "Имя", "Ім’я", "Adı", "Imiona", "Jméno", "Vornamen", "Nombre"),
    "nationality": ("Nationality", "Nationalité", "Vətəndaşlığı", "Гражданство", "Громадянство", "Uyruğu",
                    "Obywatelstwo", "Státní občanství", "Staatsangehörigkeit", "Nacionalidad"),
    "birth_date": ("Date of birth", "Date de naissance", "Doğum tarixi", "Дата рождения", "Дата народження",
                   "Doğum tarihi", "Data urodzenia", "Datum narození", "Geburtstag", "Fecha de nacimiento"),
    "sex": ("Sex", "Sexe", "Cinsi", "Пол", "Стать", "Cinsiyeti", "Płeć", "Pohlaví", "Geschlecht", "Sexo"),
    "birth_place": ("Place of birth", "Lieu de naissance", "Doğum yeri", "Место рождения", "Місце народження",
                    "Doğum yeri", "Miejsce urodzenia", "Místo narození", "Geburtsort", "Lugar de nacimiento"),
    "issue_date": ("Date of issue", "Date de délivrance", "Verilmə tarixi", "Дата выдачи", "Дата видачі",
                   "Veriliş tarihi", "Data wydania", "Datum vydání", "Ausstellungsdatum", "Fecha de expedición"),
    "authority": ("Authority", "Autorité", "Verən orqan", "Орган, выдавший документ", "Орган, що видав", "Makam",
                  "Organ wydający", "Úřad", "Behörde", "Autoridad"),
    "issued_at": ("Issued at", "Délivré à", "Verildiyi yer", "Место выдачи", "Місце видачі", "Veriliş yeri",
                  "Miejsce wydania", "Místo vydání", "Ausgestellt in", "Expedido en"),
    "expiry_date": ("Date of expiry", "Date d'expiration", "Etibarlıdır", "Дата окончания срока действия",
                    "Дата закінчення строку дії", "Geçerlilik tarihi", "Data ważności", "Platnost do", "Gültig bis",
                    "Fecha de caducidad"),
    "valid_for": ("Valid for", "Valable pour", "Etibarlılıq ərazisi", "Действительна для", "Дійсна для",
                  "Geçerli olduğu yer", "Ważna na", "Platné pro", "Gültig für", "Válido para"),
    "entries": ("Entries", "Entrées", "Girişlərin sayı", "Количество въездов", "Кількість в’їздів", "Giriş sayısı",
                "Liczba wjazdów", "Počet vstupů", "Anzahl der Einreisen", "Número de entradas"),
    "signature": ("Holder's signature", "Signature du titulaire", "Sahibinin imzası", "Подпись владельца",
                  "Підпис власника", "Hamilin imzası", "Podpis posiadacza", "Podpis držitele",
                  "Unterschrift des Inhabers", "Firma del titular"),
    "remarks": ("Remarks", "Observations", "Qeydlər", "Особые отметки", "Примітки", "Açıklamalar", "Uwagi",
                "Poznámky", "Anmerkungen", "Observaciones"),
    "personal_number": ("Personal No.", "N° personnel", "Şəxsi nömrə", "Личный номер", "Особистий номер",
                        "Kişisel No", "Numer osobisty", "Osobní číslo", "Persönliche Nummer", "N.º personal"),
}
#: Every caption key: the VIZ fields of :mod:`docexam.specimens.design` and a few more.
CAPTION_KEYS: tuple[str, ...] = tuple(_CAPTIONS)

#: The document kinds with a title.
KINDS: tuple[str, ...] = ("passport", "identity_card", "residence_permit", "visa")
# Each row: en, fr, az, ru, uk, tr, pl, cs, de, es, he.
_TITLES: dict[str, tuple[str, ...]] = {
    "passport": ("PASSPORT", "PASSEPORT", "PASPORT", "ПАСПОРТ", "ПАСПОРТ", "PASAPORT", "PASZPORT", "CESTOVNÍ PAS",
                 "REISEPASS", "PASAPORTE", "דרכון"),
    "identity_card": ("IDENTITY CARD", "CARTE D'IDENTITÉ", "ŞƏXSİYYƏT VƏSİQƏSİ", "УДОСТОВЕРЕНИЕ ЛИЧНОСТИ",
                      "ПОСВІДЧЕННЯ ОСОБИ", "KİMLİK KARTI", "DOWÓD OSOBISTY", "OBČANSKÝ PRŮKAZ", "PERSONALAUSWEIS",
                      "DOCUMENTO DE IDENTIDAD", "תעודת זהות"),
    "residence_permit": ("RESIDENCE PERMIT", "TITRE DE SÉJOUR", "YAŞAMA İCAZƏSİ", "ВИД НА ЖИТЕЛЬСТВО",
                         "ПОСВІДКА НА ПРОЖИВАННЯ", "İKAMET İZNİ", "KARTA POBYTU", "POVOLENÍ K POBYTU",
                         "AUFENTHALTSTITEL", "PERMISO DE RESIDENCIA", "רישיון ישיבה"),
    "visa": ("VISA", "VISA", "VİZA", "ВИЗА", "ВІЗА", "VİZE", "WIZA", "VÍZUM", "VISUM", "VISADO", "אשרה"),
}

#: The forms of a state's name, ``{name}`` standing for the name itself (in apposition, so it is not declined).
STATE_FORMS: tuple[str, ...] = ("republic", "kingdom", "principality", "federal_republic", "state")
# Each row: en, fr, az, ru, uk, tr, pl, cs, de, es.
_STATE_FORMS: dict[str, tuple[str, ...]] = {
    "republic": ("REPUBLIC OF {name}", "RÉPUBLIQUE DE {name}", "{name} RESPUBLİKASI", "РЕСПУБЛИКА {name}",
                 "РЕСПУБЛІКА {name}", "{name} CUMHURİYETİ", "REPUBLIKA {name}", "REPUBLIKA {name}", "REPUBLIK {name}",
                 "REPÚBLICA DE {name}"),
    "kingdom": ("KINGDOM OF {name}", "ROYAUME DE {name}", "{name} KRALLIĞI", "КОРОЛЕВСТВО {name}",
                "КОРОЛІВСТВО {name}", "{name} KRALLIĞI", "KRÓLESTWO {name}", "KRÁLOVSTVÍ {name}", "KÖNIGREICH {name}",
                "REINO DE {name}"),
    "principality": ("PRINCIPALITY OF {name}", "PRINCIPAUTÉ DE {name}", "{name} KNYAZLIĞI", "КНЯЖЕСТВО {name}",
                     "КНЯЗІВСТВО {name}", "{name} PRENSLİĞİ", "KSIĘSTWO {name}", "KNÍŽECTVÍ {name}",
                     "FÜRSTENTUM {name}", "PRINCIPADO DE {name}"),
    "federal_republic": ("FEDERAL REPUBLIC OF {name}", "RÉPUBLIQUE FÉDÉRALE DE {name}", "{name} FEDERATİV RESPUBLİKASI",
                         "ФЕДЕРАТИВНАЯ РЕСПУБЛИКА {name}", "ФЕДЕРАТИВНА РЕСПУБЛІКА {name}",
                         "{name} FEDERAL CUMHURİYETİ", "REPUBLIKA FEDERALNA {name}", "SPOLKOVÁ REPUBLIKA {name}",
                         "BUNDESREPUBLIK {name}", "REPÚBLICA FEDERAL DE {name}"),
    "state": ("STATE OF {name}", "ÉTAT DE {name}", "{name} DÖVLƏTİ", "ГОСУДАРСТВО {name}", "ДЕРЖАВА {name}",
              "{name} DEVLETİ", "PAŃSTWO {name}", "STÁT {name}", "STAAT {name}", "ESTADO DE {name}"),
}

_NUMBER_OF_KIND = {"passport": "passport_number", "visa": "visa_number"}
_FRENCH_VOWELS = "AEIOUYÀÂÆÉÈÊËÎÏÔŒÙÛÜ"


def _index(language: str, languages: tuple[str, ...], what: str) -> int:
    try:
        return languages.index(language)
    except ValueError:
        raise ValueError(f"no {what} in language {language!r}; the languages are {', '.join(languages)}") from None


def upper(text: str, language: str) -> str:
    """``text`` in capitals as ``language`` writes them: Turkish and Azerbaijani dotted ``i`` becomes ``İ`` (and
    dotless ``ı`` ``I``), which ``str.upper`` gets wrong (``tarixi`` -> ``TARIXI``)."""
    if language in ("tr", "az"):
        text = text.replace("i", "İ")
    return text.upper()


def caption(key: str, language: str, *, kind: str | None = None, capitals: bool = False) -> str:
    """The caption of VIZ field ``key`` in ``language`` (``caption("surname", "az")`` -> ``"Soyadı"``).

    ``kind`` (one of :data:`KINDS`) names the document number as the document does (``Passport No.``, ``Visa
    No.``); ``capitals`` gives it in capitals (:func:`upper`).
    """
    i = _index(language, LANGUAGES, "captions")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if key == "number" and kind is not None:
        key = _NUMBER_OF_KIND.get(kind, key)
    row = _CAPTIONS.get(key)
    if row is None:
        raise ValueError(f"no caption for {key!r}; the keys are {', '.join(CAPTION_KEYS)}")
    return upper(row[i], language) if capitals else row[i]


def title(kind: str, language: str) -> str:
    """A document's title in ``language``, in capitals: ``title("passport", "cs")`` -> ``"CESTOVNÍ PAS"``."""
    i = _index(language, TITLE_LANGUAGES, "titles")
    row = _TITLES.get(kind)
    if row is None:
        raise ValueError(f"no title for {kind!r}; the kinds are {', '.join(KINDS)}")
    return row[i]


def state_name(form: str, name: str, language: str) -> str:
    """A state's full name in ``language``: ``state_name("kingdom", "ATLANTIS", "de")`` -> ``"KÖNIGREICH
    ATLANTIS"``. ``name`` is put in as given, in apposition (an invented name is not declined)."""
    i = _index(language, LANGUAGES, "state names")
    row = _STATE_FORMS.get(form)
    if row is None:
        raise ValueError(f"no state form {form!r}; the forms are {', '.join(STATE_FORMS)}")
    template, name = row[i], upper(name, language)
    if language == "fr" and name[:1] in _FRENCH_VOWELS:
        template = template.replace("DE {name}", "D'{name}")  # élision: RÉPUBLIQUE D'ARCADIE
    return template.format(name=name)
