"""JSON from outside, read with bounds: depth, size, encoding and the constants JSON does not have."""

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docexam.errors import DocexamError, UntrustedInputError
from docexam.jsonsafe import MAX_DEPTH, MAX_FILE_BYTES, depth, load_file, loads

#: JSON values as json.loads gives them back (no NaN, which is not JSON).
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


def _depth_of(value) -> int:
    if isinstance(value, list):
        return 1 + max((_depth_of(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth_of(v) for v in value.values()), default=0)
    return 0


@pytest.mark.parametrize("n", [MAX_DEPTH + 1, 1000, 100_000])
def test_nesting_deeper_than_the_bound_is_refused_not_a_recursion_error(n):
    for text in ("[" * n + "]" * n, '{"a":' * n + "1" + "}" * n):
        with pytest.raises(UntrustedInputError, match=f"more than {MAX_DEPTH} deep") as e:
            loads(text, source="answers.json")
        assert str(e.value).startswith("answers.json: ") and isinstance(e.value, DocexamError | ValueError)


def test_nesting_up_to_the_bound_is_read():
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert depth(text) == MAX_DEPTH and loads(text, source="x") is not None


def test_brackets_inside_strings_do_not_count():
    text = json.dumps({"a": ["[[[[{{{{", '\\"[[', {"b": "]]]}}"}]})
    assert depth(text) == 3 and loads(text, source="x")["a"][0] == "[[[[{{{{"


@pytest.mark.parametrize(("data", "words"), [
    (b"\xff\xfe{}", "not UTF-8"), ("{'a': 1}", "not JSON"), ('{"a": NaN}', "NaN is not a JSON number"),
    ("[Infinity]", "Infinity"), ("[1e999]", "too large"), ("1" * 5000, "not JSON"), ("", "not JSON"),
])
def test_what_is_not_json_is_one_error_naming_the_source(data, words):
    with pytest.raises(UntrustedInputError, match=words) as e:
        loads(data, source="bundle.zip:manifest.json")
    assert e.value.source == "bundle.zip:manifest.json"


def test_a_utf8_byte_order_mark_is_allowed():
    assert loads("\ufeff{}".encode(), source="x") == {}


def test_files_missing_folders_and_large_files_are_refused(tmp_path):
    with pytest.raises(UntrustedInputError, match="does not exist"):
        load_file(tmp_path / "none.json")
    with pytest.raises(UntrustedInputError, match="is a folder"):
        load_file(tmp_path)
    big = tmp_path / "big.json"
    big.write_text("[" + "0," * 600 + "0]")
    with pytest.raises(UntrustedInputError, match="larger than the 1,000 bytes"):
        load_file(big, max_bytes=1000)
    assert len(load_file(big)) == 601 and MAX_FILE_BYTES >= 1 << 20


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES)
def test_any_json_value_within_the_bound_reads_back_as_written(value):
    text = json.dumps(value)
    assert depth(text) == _depth_of(value)
    assert loads(text, source="x") == value and loads(text.encode(), source="x") == value


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet='[]{}",:0123456789 \\tnulrefasNI\n'), st.binary(max_size=64)))
def test_any_input_is_a_value_or_an_untrusted_input_error(data):
    # The fuzz boundary: whatever the bytes, the only exception is the domain error.
    try:
        value = loads(data, source="fuzz")
    except UntrustedInputError:
        return
    assert _depth_of(value) <= MAX_DEPTH
    assert not any(isinstance(v, float) and not math.isfinite(v) for v in _leaves(value))


def _leaves(value):
    if isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    else:
        yield value


def test_a_file_that_cannot_be_opened_says_so(tmp_path):
    (tmp_path / "plain").write_text("{}")
    with pytest.raises(UntrustedInputError, match="cannot be read"):
        load_file(tmp_path / "plain" / "specimen.json")  # below a file: not a directory
