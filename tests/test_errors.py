"""Domain exceptions cross process boundaries as they were raised: a worker's error reaches its parent whole, instead of
breaking the parent's pool (reference_bench's workers, 7 December: a TesseractTimeout, whose constructor takes the
seconds and not its message, could not be rebuilt, and the design's whole run was reported as a dead process)."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from docexam.errors import CandidateError, DocexamError, MRZInputError, UntrustedInputError
from docexam.ocr.tesseract import TesseractTimeout


def _raise_timeout(seconds: float) -> None:
    raise TesseractTimeout(seconds)


@pytest.mark.parametrize("error", [
    TesseractTimeout(30.0), MRZInputError("lines", 3), CandidateError(1, None, "no candidates"),
    UntrustedInputError("bundle.zip:manifest.json", "not JSON", "export the bundle again"),
])
def test_a_domain_error_survives_pickling_with_its_message_and_context(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and isinstance(again, DocexamError)
    assert str(again) == str(error) and again.args == error.args and vars(again) == vars(error)


def test_an_error_raised_in_a_worker_process_reaches_the_parent_as_raised():
    with ProcessPoolExecutor(1) as pool:
        future = pool.submit(_raise_timeout, 12.5)
        with pytest.raises(TesseractTimeout, match="within 12.50 s") as caught:
            future.result()
    assert caught.value.seconds == 12.5
