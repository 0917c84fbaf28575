"""What the operator typed or scanned into the search box: an account, a QR code, a phone, a name, an address.

Pure Python, no SQL: ``classify(text)`` never raises and returns a :class:`SearchQuery` whose
``kind`` is one of

- ``exact``   a whole 12-digit account number (any spacing) or a GOST R 56042 bill QR code;
- ``partial`` 4 to 11 digits of an account number;
- ``phone``   a phone number in any format, normalised to 7XXXXXXXXXX;
- ``name``    a surname, optionally with a first name and patronymic or their initials;
- ``address`` town?, street, house?, flat?;
- ``invalid`` anything else, with a Russian ``message`` for the operator.

All keys are folded like the stored keys (lower case, ё -> е; see desktop.core.text.fold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from desktop.core.accounts import normalize_account
from desktop.core.text import fold

MAX_TEXT = 200  # longer input (except a QR payload) is not something a person types
MAX_QR = 2000  # a GOST payload is a few hundred characters
MIN_PARTIAL_DIGITS = 4
MIN_NAME_LETTERS = 2

KINDS = ("exact", "partial", "phone", "name", "address", "invalid")


@dataclass(frozen=True)
class NameParts:
    """A person's name as typed: surname (a prefix when alone), first name and patronymic prefixes."""

    surname: str
    first: str = ""
    middle: str = ""


@dataclass(frozen=True)
class AddressParts:
    """An address as typed, folded: ``street`` without its type word ("ленина" for "ул. Ленина").

    ``street_type`` is the canonical type the operator typed ("ул", "пр", ...) or None, and
    ``type_word`` the word as typed ("набережная"), which may also be the street's own name.
    """

    street: str
    town: str | None = None
    street_type: str | None = None
    house: str | None = None
    flat: str | None = None
    type_word: str | None = None

    def readings(self) -> list[AddressParts]:
        """This reading first, then the other plausible ones, for the service to try in turn.

        "Тольятти Ленина 5" (no comma): street "тольятти ленина", else town "тольятти" and
        street "ленина". "Набережная 15": a street of type "наб", else the street "набережная".
        """
        out = [self]
        words = self.street.split()
        if self.town is None and len(words) >= 2:
            out.append(replace(self, town=words[0], street=" ".join(words[1:])))
        if self.street_type and self.type_word and len(self.type_word) > 3:
            plain = replace(self, street=" ".join([*words, self.type_word]), street_type=None, type_word=None)
            out.append(plain)
            if self.town is None and words:
                out.append(replace(plain, town=words[0], street=" ".join([*words[1:], self.type_word])))
        return out


@dataclass(frozen=True)
class SearchQuery:
    """The classified search text."""

    kind: str
    text: str  # the input, trimmed and shortened for messages
    account: str | None = None  # exact
    digits: str | None = None  # partial
    phone: str | None = None  # phone, 7XXXXXXXXXX
    name: NameParts | None = None
    address: AddressParts | None = None
    message: str | None = None  # invalid: why
    source: str = "typed"  # "typed" or "qr"


# --- helpers -------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"\s+")
_DIGIT_FORM = re.compile(r"[\d\s\-./_()+]+")
_ACCOUNT_SEPARATORS = re.compile(r"[\s\-./_]+")
# Letters we accept in names and addresses: Latin and Cyrillic (with the Cyrillic supplement).
_LETTER = "A-Za-z\u0400-\u052f"
_ALLOWED = re.compile(rf"[{_LETTER}\d\s,.\-/№\"«»()']+")
_QR_HEADER = re.compile(r"^(?:ST|ЫЕ)0001([123])", re.IGNORECASE)

# A USB scanner that "types" while the Russian keyboard layout is on sends ЫЕ00012 for ST00012
# and Зук|Фсс for PersAcc: map the Cyrillic keys back to the Latin ones of the same key.
_RU = "йцукенгшщзхъфывапролджэячсмитьбюЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ"
_EN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>"
_RU_TO_EN = str.maketrans(_RU, _EN)


def _short(text: str, limit: int = 40) -> str:
    text = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _invalid(text: str, message: str) -> SearchQuery:
    return SearchQuery("invalid", _short(text), message=message)


# --- the GOST R 56042 payment QR code --------------------------------------------------------------


def parse_qr_account(text: str) -> str | None | bool:
    """The PersAcc of a GOST R 56042 payload ("ST0001" + charset digit + separator + Key=Value...).

    Returns the 12-digit account, None when ``text`` is a payload without a usable PersAcc,
    and False when ``text`` is not a payload at all. Tolerant: any separator character, keys in
    any case, a payload typed with the Russian layout on, windows-1251 text mangled on the way.
    """
    match = _QR_HEADER.match(text)
    if not match or len(text) < 9:
        return False
    if text[:2].upper() == "ЫЕ":
        text = text.translate(_RU_TO_EN)
    separator = text[7]
    if separator.isalnum() or separator == "=":
        return None
    for field in text[8:].split(separator):
        key, eq, value = field.partition("=")
        if eq and key.strip().lower() == "persacc":
            return normalize_account(value)
    return None


# --- addresses ---------------------------------------------------------------------------------------

# Typed street type words -> canonical type; STREET_SPELLINGS are the forms stored keys may start with.
STREET_TYPES: dict[str, str] = {
    "ул": "ул", "улица": "ул",
    "пр": "пр", "пр-т": "пр", "пр-кт": "пр", "просп": "пр", "проспект": "пр",
    "пер": "пер", "переулок": "пер",
    "ш": "ш", "шоссе": "ш",
    "б-р": "б-р", "бул": "б-р", "бульв": "б-р", "бульвар": "б-р",
    "пл": "пл", "площадь": "пл",
    "наб": "наб", "набережная": "наб",
    "проезд": "проезд", "пр-д": "проезд",
    "мкр": "мкр", "микрорайон": "мкр", "мкрн": "мкр",
    "туп": "туп", "тупик": "туп",
    "аллея": "аллея", "тракт": "тракт", "кв-л": "кв-л", "квартал": "кв-л",
}
STREET_SPELLINGS: dict[str, tuple[str, ...]] = {}
for _word, _canon in STREET_TYPES.items():
    STREET_SPELLINGS.setdefault(_canon, ())
    STREET_SPELLINGS[_canon] += (_word, _word + ".")
TOWN_MARKERS = {"г", "гор", "город", "пос", "поселок", "село", "пгт"}
HOUSE_MARKERS = {"д", "дом"}
FLAT_MARKERS = {"кв", "квартира", "кв-ра", "комн", "ком"}
BUILDING_MARKERS = {"корп", "корпус", "к", "стр", "строение"}

_ADDRESS_TOKEN = re.compile(rf"\d+(?:[{_LETTER}](?![{_LETTER}]))?(?:/\d+[{_LETTER}]?)?|[{_LETTER}]+(?:-[{_LETTER}]+)*\.?")
_HOUSE_FLAT = re.compile(r"(\d+[а-яa-z]?(?:/\d+)?)\s*-\s*(\d+)\b")


def _parse_address(folded: str) -> AddressParts | str:
    """Parse a folded address; a str result is the reason it is not one."""
    text = _HOUSE_FLAT.sub(r"\1 кв \2", folded.replace("№", " "))
    segments = [s for s in re.split(r"[,;]", text) if s.strip()]
    seg_tokens = [_ADDRESS_TOKEN.findall(s) for s in segments]
    town: list[str] = []
    street: list[str] = []
    street_type: str | None = None
    type_word = ""
    numbers: list[str] = []
    house: str | None = None
    flat: str | None = None
    explicit_town = False

    def is_word(tok: str) -> bool:
        return not tok[0].isdigit()

    def bare(tok: str) -> str:
        return tok.rstrip(".")

    # "Тольятти, Ленина 5": a first segment of plain words, followed by more, is the town.
    later_words = any(is_word(t) and bare(t) not in HOUSE_MARKERS | FLAT_MARKERS for seg in seg_tokens[1:] for t in seg)
    if later_words and seg_tokens[0] and all(is_word(t) for t in seg_tokens[0]):
        words = [bare(t) for t in seg_tokens[0]]
        if not any(w in STREET_TYPES or w in HOUSE_MARKERS or w in FLAT_MARKERS for w in words):
            town = [w for w in words if w not in TOWN_MARKERS]
            explicit_town = True
            seg_tokens = seg_tokens[1:]
    tokens = [t for seg in seg_tokens for t in seg]
    pending: str | None = None  # the marker that gives the next token its meaning
    for tok in tokens:
        word = bare(tok)
        if is_word(tok):
            if word in TOWN_MARKERS and not street and pending is None:
                pending, explicit_town = "town", True
            elif word in STREET_TYPES and (street_type is None):
                street_type, type_word = STREET_TYPES[word], word
                pending = None
            elif word in HOUSE_MARKERS:
                pending = "house"
            elif word in FLAT_MARKERS:
                pending = "flat"
            elif word in BUILDING_MARKERS and house is not None and flat is None:
                pending = "building"
            elif pending == "town":
                town.append(word)
                pending = "town_more"
            elif house is None and not numbers:
                if pending == "town_more" and street_type is None:
                    # "г. Тольятти Ленина": the town is one word unless a street type follows
                    pending = None
                street.append(word)
            elif house is not None and len(word) == 1 and flat is None and not house[-1].isalpha():
                house += word  # "5 а"
            else:
                return "Не понятен адрес: после номера дома ожидается квартира"
            continue
        # a number
        if pending == "flat" or (house is not None and pending != "building" and flat is None):
            if flat is not None:
                return "Не понятен адрес: слишком много номеров"
            flat = tok
        elif pending == "building" and house is not None:
            house = f"{house}к{tok}"
        elif house is None:
            house = tok
        else:
            return "Не понятен адрес: слишком много номеров"
        numbers.append(tok)
        pending = None
    if not street and len(type_word) > 3:
        street, street_type = [type_word], None  # "ул. Набережная", "Набережная 15": the name itself
    if not street:
        return "Укажите улицу, например: Ленина 5 кв 12"
    if explicit_town and not town:
        return "Укажите город, например: Тольятти, Ленина 5-12"
    return AddressParts(
        street=" ".join(street),
        town=" ".join(town) or None,
        street_type=street_type,
        house=house,
        flat=flat,
        type_word=type_word or None,
    )


# --- names -------------------------------------------------------------------------------------------

_NAME_TOKEN = re.compile(rf"[{_LETTER}]+(?:[-'][{_LETTER}]+)*")
_NAME_FORM = re.compile(rf"[{_LETTER}\s.\-']+")


def _parse_name(folded: str) -> NameParts | str:
    tokens = _NAME_TOKEN.findall(folded)
    if not tokens:
        return "Введите фамилию, адрес, телефон или номер лицевого счёта"
    if len(tokens) > 3:
        return "Введите фамилию и инициалы, например: Иванова М. П."
    if len(tokens[0]) < MIN_NAME_LETTERS:
        return f"Введите не меньше {MIN_NAME_LETTERS} букв фамилии"
    return NameParts(*tokens)


# --- the classifier ----------------------------------------------------------------------------------


def _classify_digits(raw: str) -> SearchQuery:
    digits = "".join(ch for ch in raw if ch.isdigit())
    if not digits.isascii():
        return _invalid(raw, "Номер можно набрать только цифрами")
    phone_marks = "+" in raw or "(" in raw or ")" in raw
    if not phone_marks and len(digits) == 12 and _ACCOUNT_SEPARATORS.sub("", raw) == digits:
        return SearchQuery("exact", _short(raw), account=digits)
    as_phone = None
    if len(digits) == 10 and digits[0] in "789":
        as_phone = "7" + digits
    elif len(digits) == 11 and digits[0] in "78":
        as_phone = "7" + digits[1:]
    if as_phone is not None:
        return SearchQuery("phone", _short(raw), phone=as_phone)
    if phone_marks:
        return _invalid(raw, "Телефон: 10 или 11 цифр, например +7 927 123-45-67")
    if len(digits) > 12:
        return _invalid(raw, "Номер лицевого счёта — 12 цифр")
    if len(digits) < MIN_PARTIAL_DIGITS:
        return _invalid(raw, f"Введите не меньше {MIN_PARTIAL_DIGITS} цифр номера лицевого счёта")
    return SearchQuery("partial", _short(raw), digits=digits)


def classify(text: object) -> SearchQuery:
    """Classify the search box text; never raises."""
    try:
        return _classify(text)
    except Exception:  # noqa: BLE001 - the search box must never crash the desk
        return _invalid(str(text)[:40] if isinstance(text, str) else "", "Не удалось разобрать запрос")


def _classify(text: object) -> SearchQuery:
    if not isinstance(text, str):
        return _invalid("", "Введите номер лицевого счёта, фамилию, адрес или телефон")
    # A scanner ends with Enter (sometimes Tab); paste may carry a BOM.
    stripped = text.strip().lstrip("\ufeff").strip()
    if not stripped:
        return _invalid("", "Введите номер лицевого счёта, фамилию, адрес или телефон")
    if stripped[:6].upper() in ("ST0001", "ЫЕ0001"):
        if len(stripped) > MAX_QR:
            return _invalid(stripped, "Слишком длинный текст для QR-кода квитанции")
        account = parse_qr_account(stripped.replace("\r", "").replace("\n", ""))
        if not account:
            return _invalid(stripped, "В QR-коде квитанции нет номера лицевого счёта (PersAcc)")
        return SearchQuery("exact", _short(stripped), account=account, source="qr")
    if len(stripped) > MAX_TEXT:
        return _invalid(stripped, f"Слишком длинный запрос: не больше {MAX_TEXT} символов")
    if _CONTROL.search(stripped) or "\t" in stripped or "\n" in stripped or "\r" in stripped:
        return _invalid(stripped, "В запросе есть управляющие символы; наберите его заново")
    if _DIGIT_FORM.fullmatch(stripped):
        if not any(ch.isdigit() for ch in stripped):
            return _invalid(stripped, "Введите номер лицевого счёта, фамилию, адрес или телефон")
        return _classify_digits(stripped)
    if not _ALLOWED.fullmatch(stripped):
        return _invalid(stripped, "В запросе есть недопустимые символы")
    folded = fold(stripped).replace("«", " ").replace("»", " ").replace('"', " ")
    has_digit = any(ch.isdigit() for ch in folded)
    words = {w.rstrip(".") for w in _ADDRESS_TOKEN.findall(folded) if not w[0].isdigit()}
    looks_like_address = (
        has_digit or "," in folded or any(len(w) > 1 and w in STREET_TYPES for w in words)
    )
    if looks_like_address:
        if not any(ch.isalpha() for ch in folded):
            return _invalid(stripped, "Введите номер лицевого счёта, фамилию, адрес или телефон")
        parsed = _parse_address(folded)
        if isinstance(parsed, str):
            return _invalid(stripped, parsed)
        return SearchQuery("address", _short(stripped), address=parsed)
    if not _NAME_FORM.fullmatch(folded):
        return _invalid(stripped, "В запросе есть недопустимые символы")
    name = _parse_name(folded)
    if isinstance(name, str):
        return _invalid(stripped, name)
    return SearchQuery("name", _short(stripped), name=name)


# --- typo tolerance ---------------------------------------------------------------------------

# A surname at least this similar to the typed one is offered (pg_trgm's default threshold):
# one or two wrong letters in a Russian surname keep it well above (Степонова ~ Степанова 0.54).
TYPO_SIMILARITY = 0.3


def trigrams(word: str) -> set[str]:
    """The trigrams of a folded word as pg_trgm makes them: two spaces before it, one after."""
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity of two folded words: shared trigrams over all trigrams (0..1)."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0
