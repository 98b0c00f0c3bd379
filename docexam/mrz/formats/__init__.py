"""One module per MRZ format family; each declares its :class:`~docexam.mrz.layout.Layout`."""

from docexam.mrz.formats.fra_id import FRA_ID
from docexam.mrz.formats.td1 import TD1
from docexam.mrz.formats.td2 import TD2
from docexam.mrz.formats.td3 import TD3
from docexam.mrz.formats.visa import MRVA, MRVB
from docexam.mrz.layout import Layout, MRZFormat

LAYOUTS: dict[MRZFormat, Layout] = {lay.format: lay for lay in (TD1, TD2, TD3, MRVA, MRVB, FRA_ID)}

__all__ = ["FRA_ID", "LAYOUTS", "MRVA", "MRVB", "TD1", "TD2", "TD3"]
