"""The catalogue: every key in both languages with the same placeholders, each key in one area only."""

from __future__ import annotations

import ast
import string
from collections import defaultdict
from pathlib import Path

import pytest

from analytics import i18n
from analytics.i18n.catalogue import AREAS, CATALOGUE, merged

AREA_FOLDER = Path(i18n.__file__).parent / "catalogue"


def placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_catalogue_is_complete_in_both_languages():
    for key, (vi, en) in CATALOGUE.items():
        assert vi.strip() and en.strip(), key
        assert vi.count("{") == en.count("{"), key


def test_both_languages_fill_the_same_placeholders():
    for key, (vi, en) in CATALOGUE.items():
        assert placeholders(vi) == placeholders(en), key
    assert placeholders(CATALOGUE["as_of.caption"][0]) == ["date"]


def test_every_key_is_defined_in_one_area_only():
    assert sum(len(text) for text in AREAS.values()) == len(CATALOGUE)
    area_of: dict[str, list[str]] = defaultdict(list)
    for area, text in AREAS.items():
        for key in text:
            area_of[key].append(area)
    assert {key: areas for key, areas in area_of.items() if len(areas) > 1} == {}


def test_no_area_module_repeats_a_key_inside_its_own_table():
    """A repeated key in one dict literal silently keeps the last text; read the sources to catch it."""
    modules = sorted(p for p in AREA_FOLDER.glob("*.py") if p.name != "__init__.py")
    assert {p.stem for p in modules} == set(AREAS)
    for path in modules:
        tables = [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Dict)]
        keys = [k.value for table in tables for k in table.keys if isinstance(k, ast.Constant)]
        assert len(keys) == len(set(keys)), [k for k in set(keys) if keys.count(k) > 1]


def test_a_key_prefix_belongs_to_one_area():
    areas_of_prefix: dict[str, set[str]] = defaultdict(set)
    for area, text in AREAS.items():
        for key in text:
            areas_of_prefix[key.split(".")[0]].add(area)
    assert {p: a for p, a in areas_of_prefix.items() if len(a) > 1} == {}
    assert areas_of_prefix["metric"] == {"metrics"} and areas_of_prefix["report"] == {"report"}


def test_the_merge_refuses_a_key_defined_in_two_areas():
    with pytest.raises(KeyError, match=r"catalogue keys defined twice: nav\.units \(app, units\)"):
        merged({"app": {"nav.units": ("Đơn vị", "Units")}, "units": {"nav.units": ("Đơn vị", "Units")}})
    assert merged({"a": {"x.a": ("A", "A")}, "b": {"x.b": ("B", "B")}}) == {
        "x.a": ("A", "A"),
        "x.b": ("B", "B"),
    }


def test_t_fills_placeholders_in_the_page_language():
    assert i18n.t("nav.units") == "Đơn vị" and i18n.t("nav.units", "en") == "Units"
    assert i18n.t("as_of.caption", "en", date="31 May 2022") == "Figures as of 31 May 2022"
    assert i18n.has_key("nav.units") and not i18n.has_key("nav.nowhere")
    with pytest.raises(KeyError):
        i18n.t("nav.nowhere")
