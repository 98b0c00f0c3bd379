import pytest

from docexam.mrz import compute_check_digit
from docexam.mrz.checkdigit import CHAR_VALUE, checksum


def test_character_values_follow_part3_section_4_9():
    assert CHAR_VALUE["<"] == 0
    assert [CHAR_VALUE[str(d)] for d in range(10)] == list(range(10))
    assert CHAR_VALUE["A"] == 10 and CHAR_VALUE["K"] == 20 and CHAR_VALUE["Z"] == 35


@pytest.mark.parametrize(
    ("data", "digit"),
    [
        ("AB2134<<<", "5"),  # Doc 9303 Part 3, Appendix A, example 1
        ("520727", "3"),  # 7-3-1 on 5,2,0,7,2,7: 35+6+0+49+6+7 = 103
        ("L898902C3", "6"),  # Part 4 specimen document number
        ("740812", "2"),
        ("120415", "9"),
        ("ZE184226B<<<<<", "1"),
        ("", "0"),
    ],
)
def test_known_check_digits(data, digit):
    assert compute_check_digit(data) == digit


def test_weights_repeat_7_3_1():
    # A single 1 in position k contributes the k-th weight.
    assert [compute_check_digit("<" * k + "1") for k in range(6)] == ["7", "3", "1", "7", "3", "1"]


@pytest.mark.parametrize("bad", ["ab123", "AB 12", "É12"])
def test_invalid_characters_are_refused_clearly(bad):
    with pytest.raises(ValueError, match="MRZ alphabet"):
        compute_check_digit(bad)
    assert checksum(bad) is None  # the lenient form used on OCR text does not raise


def test_non_string_is_a_type_error():
    with pytest.raises(TypeError):
        compute_check_digit(123456)  # type: ignore[arg-type]
