"""The three-letter codes of states and organisations (Doc 9303 Part 3, section 5)."""

import sys

import pycountry

from docexam.mrz import codes


def test_iso_codes_read_from_pycountrys_database_file_are_pycountrys_own():
    assert codes._iso_codes() == {c.alpha_3: c.name for c in pycountry.countries}


def test_iso_codes_are_read_without_importing_pycountry():
    import subprocess

    code = ("import sys; from docexam.mrz import codes; assert codes.is_known_state('FRA') and "
            "codes.state_name('D<<') == 'Germany' and not codes.is_known_state('ZZZ'); "
            "assert 'pycountry' not in sys.modules, 'pycountry was imported'")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
