"""The verdicts: the examiner's conclusion on a case, in the standard wording of document examination reports, and
the coarser three an exercise asks a trainee for.

The one home of their words: the case store keeps :class:`Verdict` values, the report colours its verdict box by
them, the command line lists them; exercise packs and attempts keep :class:`ExerciseVerdict` values.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ExerciseVerdict", "Verdict"]


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
    def words(cls) -> str:
        """Every verdict as the command line accepts it: ``genuine, counterfeit, forged (forged/altered), ...``."""
        out = []
        for v in cls:
            short = v.name.lower().replace("_", "-")
            out.append(short if short == v.value.replace(" ", "-") else f"{short} ({v.value})")
        return ", ".join(out)


_NAMES: dict[str, Verdict] = (
    {v.value: v for v in Verdict}
    | {v.name.lower().replace("_", " "): v for v in Verdict}
    | {"forged": Verdict.FORGED, "altered": Verdict.FORGED, "forged altered": Verdict.FORGED}
)


class ExerciseVerdict(StrEnum):
    """What a trainee concludes of an exercise document: the coarse three of the case verdicts (an exercise's
    "altered" is the case's "forged/altered")."""

    GENUINE = "genuine"
    ALTERED = "altered"
    COUNTERFEIT = "counterfeit"
