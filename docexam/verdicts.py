"""The verdicts: the examiner's conclusion on a case, in the standard wording of document examination reports, and
the coarser three an exercise asks a trainee for.

The one home of their words: the case store keeps :class:`Verdict` values, the report colours its verdict box by
them, the command line lists them; exercise packs and attempts keep :class:`ExerciseVerdict` values, each of which
is one case verdict and is shown in its words.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from docexam.i18n import N_

__all__ = ["Confidence", "ExerciseVerdict", "FraudType", "Verdict"]


class Verdict(StrEnum):
    """The examiner's conclusion, in the standard wording of document examination reports."""

    GENUINE = "genuine"
    COUNTERFEIT = "counterfeit"
    FORGED = "forged/altered"
    FRAUDULENTLY_OBTAINED = "fraudulently obtained"
    FANTASY = "fantasy"
    PSEUDO = "pseudo"
    INCONCLUSIVE = "inconclusive"

    @classmethod
    def named(cls, value: str) -> Verdict | None:
        """The verdict ``value`` names: its wording or its name in any case, with spaces, hyphens or underscores
        (``forged``, ``altered``, ``Fraudulently-Obtained``); None when it names none."""
        key = str(value).strip().lower().replace("_", " ").replace("-", " ")
        return _NAMES.get(key)

    @classmethod
    def words(cls, *, wording: Callable[[str], str] = str) -> str:
        """Every verdict as the command line accepts it: ``genuine, counterfeit, forged (forged/altered), ...``; a
        verdict's wording in brackets passed through ``wording`` (the command line's help gives ``_`` to translate
        it)."""
        out = []
        for v in cls:
            short = v.name.lower().replace("_", "-")
            out.append(short if short == v.value.replace(" ", "-") else f"{short} ({wording(v.value)})")
        return ", ".join(out)


#: Each verdict's wording, marked for the catalogues of docexam.i18n: stored and printed in JSON as above, translated
#: where a person reads it (the report's verdict box, the command line's messages).
_WORDINGS = (N_("genuine"), N_("counterfeit"), N_("forged/altered"), N_("fraudulently obtained"), N_("fantasy"),
             N_("pseudo"), N_("inconclusive"))

_NAMES: dict[str, Verdict] = (
    {v.value: v for v in Verdict}
    | {v.name.lower().replace("_", " "): v for v in Verdict}
    | {"forged": Verdict.FORGED, "altered": Verdict.FORGED, "forged altered": Verdict.FORGED}
)


class _Named(StrEnum):
    @classmethod
    def named(cls, value: str) -> Any:
        """The member ``value`` names: its wording or its name, in any case, with spaces, hyphens or underscores."""
        key = str(value).strip().lower().replace("_", " ").replace("-", " ")
        for m in cls:
            if key in (m.value.replace("-", " "), m.name.lower().replace("_", " ")):
                return m
        return None

    @classmethod
    def words(cls) -> str:
        return ", ".join(m.value for m in cls)


class FraudType(_Named):
    """What kind of fraud a conclusion finds, beside its verdict (issue 22; the categories of the EU's PRADO
    glossary and Frontex's document fraud typology): a counterfeit (a whole reproduction), a forgery (a genuine
    document altered), a pseudo-document (issued by no authority, as the verdict ``pseudo`` and ``fantasy``), a
    genuine document fraudulently obtained, or an impostor (a genuine document used by someone it was not issued
    to)."""

    COUNTERFEIT = "counterfeit"
    FORGERY = "forgery"
    PSEUDO_DOCUMENT = "pseudo-document"
    FRAUDULENTLY_OBTAINED = "fraudulently obtained genuine"
    IMPOSTOR = "impostor"


class Confidence(_Named):
    """How sure the examiner is of the conclusion, on the scale the report states."""

    CERTAIN = "certain"
    HIGHLY_PROBABLE = "highly probable"
    PROBABLE = "probable"
    INDICATIONS = "indications"


_FRAUD_WORDINGS = (N_("counterfeit"), N_("forgery"), N_("pseudo-document"), N_("fraudulently obtained genuine"),
                   N_("impostor"), N_("certain"), N_("highly probable"), N_("probable"), N_("indications"))


class ExerciseVerdict(StrEnum):
    """What a trainee concludes of an exercise document: the coarse three of the case verdicts. The values are what
    packs' answer keys and attempts store (an exercise's "altered"); :attr:`verdict` and :attr:`label` are the
    casework wording the workstation and the command line show for them ("forged/altered"), so a trainee learns
    the words a case uses."""

    GENUINE = "genuine"
    ALTERED = "altered"
    COUNTERFEIT = "counterfeit"

    @property
    def verdict(self) -> Verdict:
        """The case verdict this exercise verdict is."""
        return _CASE_OF[self]

    @property
    def label(self) -> str:
        """The casework wording shown for it (``forged/altered`` for ``altered``)."""
        return self.verdict.value

    @classmethod
    def named(cls, value: str | None) -> ExerciseVerdict | None:
        """The exercise verdict ``value`` names, in any case: a stored value (``altered``) or its casework wording
        (``forged/altered``); None for anything else (a bare ``forged`` is neither, and stays refused)."""
        if value is None:
            return None
        return _BY_WORD.get(str(value).strip().lower())

    @classmethod
    def label_of(cls, value: str | None) -> str | None:
        """The casework wording of a stored exercise verdict (``altered`` -> ``forged/altered``); a value that is
        none of them is given back as it is, None stays None."""
        if value is None:
            return None
        known = cls.named(value)
        return known.label if known is not None else value


_CASE_OF: dict[ExerciseVerdict, Verdict] = {
    ExerciseVerdict.GENUINE: Verdict.GENUINE,
    ExerciseVerdict.ALTERED: Verdict.FORGED,
    ExerciseVerdict.COUNTERFEIT: Verdict.COUNTERFEIT,
}
_BY_WORD: dict[str, ExerciseVerdict] = {e.value: e for e in ExerciseVerdict} | {v.value: e for e, v in _CASE_OF.items()}
