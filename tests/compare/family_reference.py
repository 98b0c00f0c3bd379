"""The comparison's Reference of one of Utopia's families, as the exercise packs describe it, for the tests."""

import numpy as np

from docexam.compare.reference import Reference
from docexam.specimens import FAMILIES, render
from docexam.specimens.exercise import reference_specimen, write_reference


def family_reference(name: str, *, dpi: int, images: dict[str, np.ndarray] | None = None) -> Reference:
    """The family's reference specimen at ``dpi`` (or ``images`` in its place: the specimen as captured), with its regions (portrait, UV emblem, MRZ, ghost image, each VIZ
    field's value) and the IR-absorbing ones as the exercise packs describe them."""
    fam = FAMILIES[name]
    spec = reference_specimen(name)
    images = images or {light.value: img for light, img in render(spec, dpi=dpi).items()}
    regions = {"portrait": fam.portrait.px(dpi), "uv_emblem": fam.emblem.px(dpi),
               "mrz": fam.mrz_box(len(spec.mrz)).px(dpi)}
    if fam.ghost is not None:
        regions["ghost"] = fam.ghost.px(dpi)
    regions |= {f"viz:{f.key}": f.value_box().px(dpi) for f in fam.fields}
    ir = frozenset(["mrz", "portrait"] + [f"viz:{f.key}" for f in fam.fields if f.ir_absorbing])
    return Reference(images, regions, ir, float(dpi), name)


def generated_reference(folder, code: str, *, dpi: int) -> Reference:
    """A generated design's own reference as a pack's ``reference/<design>`` holds it (``write_reference``: clean
    renderings and ``specimen.json``), written into ``folder`` and loaded as ``docexam compare --reference`` does."""
    from docexam.compare.reference import load_reference

    write_reference(folder / code, code, dpi=dpi)
    return load_reference(folder / code)
