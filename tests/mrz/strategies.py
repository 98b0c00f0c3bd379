"""Hypothesis strategies for MRZ documents of every format."""

import datetime as dt

from hypothesis import strategies as st

from docexam.mrz import MRZFormat

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"

component = st.text(LETTERS, min_size=1, max_size=8)
states = st.sampled_from(["UTO", "D", "GBD", "XXA", "FRA", "CHN", "BEL", "UNO", "EUE", "RKS"])
birth = st.dates(dt.date(1927, 1, 1), dt.date(2026, 11, 28))
expiry = st.dates(dt.date(1950, 1, 1), dt.date(2046, 12, 31))
NUMBER_MAX = {MRZFormat.TD1: 9 + 13, MRZFormat.TD2: 9 + 5}
OPT_LEN = {MRZFormat.TD1: 15, MRZFormat.TD2: 7, MRZFormat.TD3: 14, MRZFormat.MRVA: 16, MRZFormat.MRVB: 8}
NAME_LEN = {MRZFormat.TD1: 30, MRZFormat.TD2: 31, MRZFormat.TD3: 39, MRZFormat.MRVA: 39, MRZFormat.MRVB: 31}
CODES = {MRZFormat.TD1: "ACI", MRZFormat.TD2: "ACI", MRZFormat.TD3: "P", MRZFormat.MRVA: "V", MRZFormat.MRVB: "V"}


@st.composite
def documents(draw, fmt: MRZFormat | None = None, *, fit_names: bool = True):
    """Keyword arguments for :func:`docexam.mrz.generate` (with ``fmt``), for a document of any format."""
    fmt = fmt or draw(st.sampled_from(list(MRZFormat)))
    if fmt is MRZFormat.FRA_ID:
        number = draw(st.text("0123456789", min_size=12, max_size=12))
        surname = draw(st.lists(component, min_size=1, max_size=2).filter(lambda c: len("<".join(c)) <= 25))
        given = draw(st.lists(component, min_size=1, max_size=2).filter(lambda c: len("<<".join(c)) <= 14))
        return dict(fmt=fmt, document_code="ID", issuing_state="FRA", surname=surname, given_names=given,
                    document_number=number, birth_date=draw(birth), sex=draw(st.sampled_from("MF")),
                    optional_data=draw(st.text(ALNUM, max_size=6)))
    first = draw(st.sampled_from(CODES[fmt]))
    second = draw(st.sampled_from(LETTERS.replace("V", "").replace("I", "").replace("C", "") + "<"))
    surname = draw(st.lists(component, min_size=1, max_size=3))
    given = draw(st.lists(component, min_size=0, max_size=3))
    if fit_names:
        full = len("<".join(surname)) + (2 + len("<".join(given)) if given else 0)
        if full >= NAME_LEN[fmt]:  # keep the last position a filler: an untruncated name
            given = []
            surname = [surname[0][: NAME_LEN[fmt] - 1]]
    long_max = NUMBER_MAX.get(fmt, 9)
    number = draw(st.text(ALNUM, min_size=1, max_size=long_max).filter(lambda s: s[-1:].isalnum()))
    room = OPT_LEN[fmt] - (len(number) - 9 + 2 if len(number) > 9 else 0)
    optional = draw(st.text(ALNUM, max_size=max(room, 0)))
    args = dict(fmt=fmt, document_code=first + second, issuing_state=draw(states), nationality=draw(states),
                surname=surname, given_names=given, document_number=number, birth_date=draw(birth),
                expiry_date=draw(expiry), sex=draw(st.sampled_from("MF<")), optional_data=optional)
    if fmt is MRZFormat.TD1:
        args["optional_data_2"] = draw(st.text(ALNUM, max_size=11))
    if fmt is MRZFormat.TD3:
        args["empty_optional_check"] = draw(st.sampled_from("<0"))
    return args
