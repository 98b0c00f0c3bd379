"""The lights: one name each, the strings the store has always kept, and the words each front end shows."""

import json

from docexam.lights import LIGHTS, Light, light_from_name


def test_the_store_keeps_the_same_strings():
    assert [x.value for x in Light] == ["visible", "uv", "ir", "coaxial", "transmitted", "other"]
    assert LIGHTS == ("visible", "uv", "ir")
    assert json.dumps({Light.UV: [Light.IR]}) == '{"uv": ["ir"]}'


def test_a_light_and_its_string_find_each_other_in_a_mapping():
    images = {"uv": 1}
    assert images[Light.UV] == 1 and {Light.IR: 2}["ir"] == 2


def test_each_light_says_its_wavelength_and_its_words():
    assert Light.UV.wavelength_nm == 365 and Light.IR.wavelength_nm == 870 and Light.VISIBLE.wavelength_nm is None
    assert [x.label for x in LIGHTS] == ["Visible", "UV 365 nm", "IR 870 nm"]
    assert [x.word for x in LIGHTS] == ["visible", "UV", "IR"]
    assert [x.phrase for x in LIGHTS] == ["visible light", "UV", "IR"]
    assert [x.heading for x in Light][:4] == ["Visible light", "UV light", "IR light", "Coaxial light"]


def test_an_unknown_name_is_none_not_an_error():
    assert Light.named("uv") is Light.UV and Light.named("sodium") is None and Light.named(None) is None
    assert light_from_name("scan.jpg") is None
