"""The downloads: CSV tables valid against their Data Package (checked by Frictionless), defused for
spreadsheets, without article text; and a TimelineJS timeline."""
from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import pytest
from export_fixtures import HOSTILE_HEADLINE, SITE, SPEECH, UNCITED, briefing
from frictionless import validate

from generator.site.exports import FORMULA_NOTE, csv_tables, datapackage, timelinejs

TABLES = ["stories.csv", "quotes.csv", "actors.csv", "figures.csv", "sources.csv"]


def _write_package(folder: Path, data: dict) -> dict:
    tables = csv_tables(data)
    for name, text in tables.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    package = datapackage(data, tables)
    (folder / "datapackage.json").write_text(json.dumps(package, indent=1), encoding="utf-8")
    return package


def _validate(folder: Path):
    report = validate(str(folder / "datapackage.json"))
    return report, report.flatten(["rowNumber", "fieldName", "type", "note"])


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _resource(package: dict, name: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == name)


def _fields(package: dict, name: str) -> dict:
    return {f["name"]: f for f in _resource(package, name)["schema"]["fields"]}


def test_the_package_is_valid(tmp_path):
    package = _write_package(tmp_path, briefing())
    report, problems = _validate(tmp_path)
    assert report.valid, problems
    assert package["profile"] == "tabular-data-package"
    assert sorted(r["path"] for r in package["resources"]) == sorted(TABLES)
    for resource in package["resources"]:
        assert resource["profile"] == "tabular-data-resource" and resource["format"] == "csv"
        assert resource["mediatype"] == "text/csv" and resource["encoding"] == "utf-8"
        assert resource["schema"]["primaryKey"] == ["id"]
        assert all(f["description"] for f in resource["schema"]["fields"])


def test_the_validator_sees_a_broken_table(tmp_path):
    """The check above can fail: a changed file no longer matches its size and hash, and a value that
    no longer fits its field is reported once those are left out."""
    package = _write_package(tmp_path, briefing())
    sources = (tmp_path / "sources.csv").read_text(encoding="utf-8")
    (tmp_path / "sources.csv").write_text(sources.replace("2022-03-02", "2022-13-45"), encoding="utf-8", newline="")
    report, problems = _validate(tmp_path)
    assert not report.valid and {p[2] for p in problems} >= {"hash-count"}, problems
    for resource in package["resources"]:
        del resource["bytes"], resource["hash"]
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report, problems = _validate(tmp_path)
    assert not report.valid and [p[1:3] for p in problems] == [["date", "type-error"]], problems


def test_foreign_keys_only_where_every_value_resolves(tmp_path):
    package = _write_package(tmp_path, briefing())
    keys = {fk["fields"][0]: fk["reference"] for fk in _resource(package, "quotes")["schema"]["foreignKeys"]}
    assert keys == {"article": {"resource": "sources", "fields": ["id"]},
                    "speaker": {"resource": "actors", "fields": ["id"]}}  # one quote has no speaker: still holds
    assert _resource(package, "figures")["schema"]["foreignKeys"] == [
        {"fields": ["article"], "reference": {"resource": "sources", "fields": ["id"]}}]
    data = briefing()
    data["quotes"][0]["speaker"] = "someone-unknown"
    broken = tmp_path / "broken"
    broken.mkdir()
    package = _write_package(broken, data)
    assert [fk["fields"] for fk in _resource(package, "quotes")["schema"]["foreignKeys"]] == [["article"]]
    report, problems = _validate(broken)
    assert report.valid, problems


def test_types_follow_the_values(tmp_path):
    package = _write_package(tmp_path, briefing())
    stories = _fields(package, "stories")
    assert stories["date"]["type"] == "string"  # 2022-03 and 2021 are no dates
    assert stories["date"]["constraints"]["pattern"] == "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
    assert stories["first_reported"]["type"] == "date" and stories["outlets"]["type"] == "integer"
    assert stories["disputed"]["type"] == "boolean" and stories["confidence"]["type"] == "number"
    assert _fields(package, "sources")["date"]["type"] == "date"
    assert _fields(package, "figures")["value"]["type"] == "number"
    data = briefing()
    data["articles"][0]["date"] = "2022-03"
    other = tmp_path / "other"
    other.mkdir()
    assert _fields(_write_package(other, data), "sources")["date"]["type"] == "string"
    report, problems = _validate(other)
    assert report.valid, problems


def test_formula_cells_are_defused_and_documented(tmp_path):
    tables = csv_tables(briefing())
    quote = next(r for r in _rows(tables["quotes.csv"]) if r["id"] == "q-formula")
    assert quote["text"] == "'=cmd|' /C calc'!A0" and quote["sentence"] == "'+SUM(1,2) was written here."
    figures = {r["id"]: r for r in _rows(tables["figures.csv"])}
    assert figures["f-1"]["reported_by"] == "'@someone"
    assert figures["f-2"]["value"] == "-5"  # a plain number is a value, not a formula
    assert figures["f-2"]["display"] == "'-5%"
    source = next(r for r in _rows(tables["sources.csv"]) if r["id"] == "a4")
    assert source["title"].startswith("'=HYPERLINK(")
    for text in tables.values():
        for row in csv.reader(io.StringIO(text)):
            assert not any(c[:1] in {"=", "+", "@", "\t", "\r"} for c in row)
    package = _write_package(tmp_path, briefing())
    assert FORMULA_NOTE in _fields(package, "quotes")["text"]["description"]
    assert "apostrophe" in package["description"]


def test_no_article_text_in_any_table():
    tables = csv_tables(briefing())
    everything = "\n".join(tables.values())
    assert UNCITED not in everything and "UNCITED-SENTENCE" not in everything
    assert SPEECH.split()[0] not in everything  # a statement: its excerpt only
    speech = next(r for r in _rows(tables["quotes.csv"]) if r["id"] == "q-speech")
    assert speech["text"] == "a long address" and speech["sentence"] == ""
    assert list(_rows(tables["sources.csv"])[0]) == ["id", "title", "date", "source", "url", "license", "file", "page"]


def test_tables_have_stable_rows_and_unix_lines():
    data = briefing()
    first = csv_tables(data)
    data["stories"].reverse()
    data["quotes"].reverse()
    assert csv_tables(data) == first
    assert sorted(first) == sorted(TABLES)
    for text in first.values():
        assert "\r\n" not in text and text.endswith("\n")
    stories = _rows(first["stories.csv"])
    assert [r["id"] for r in stories] == ["s-year", "s-month", "s-day", "s-hostile", "s-bare", "s-coming"]
    day = next(r for r in stories if r["id"] == "s-day")
    assert day["actors"] == "putin; kyiv" and day["dates"] == "2022-03-02 (1); 2022-03-03 (1)"
    assert day["page"] == "chronology/2022-03/#s-day" and day["disputed"] == "true"


def test_no_licence_is_invented_one_given_is_kept(tmp_path):
    assert "licenses" not in datapackage(briefing(), csv_tables(briefing()))
    data = briefing()
    data["license"] = "CC-BY-4.0"
    package = _write_package(tmp_path, data)
    assert package["licenses"] == [{"name": "CC-BY-4.0"}]
    report, problems = _validate(tmp_path)
    assert report.valid, problems


def _timeline() -> dict:
    return timelinejs(briefing(), site_url=SITE, own_path="data/timeline.json")


def test_timeline_events_have_what_timelinejs_needs():
    timeline = _timeline()
    assert timeline["title"]["text"]["headline"] == "Test briefing"
    events = timeline["events"]
    assert len(events) == 6
    for event in events:
        assert event["start_date"]["year"].isdigit()
        assert isinstance(event["text"]["headline"], str) and event["text"]["headline"]
        assert isinstance(event["group"], str) and event["group"]
        assert isinstance(event["text"]["text"], str)
    assert len({e["unique_id"] for e in events}) == len(events)


@pytest.mark.parametrize("story_id, start", [("s-day", {"year": "2022", "month": "3", "day": "2"}),
                                             ("s-month", {"year": "2022", "month": "3"}),
                                             ("s-year", {"year": "2021"})])
def test_timeline_dates_are_as_precise_as_the_story(story_id, start):
    event = next(e for e in _timeline()["events"] if e["unique_id"] == story_id)
    assert event["start_date"] == start


def test_timeline_text_is_escaped_html_with_a_fallback_headline():
    events = {e["unique_id"]: e for e in _timeline()["events"]}
    assert events["s-hostile"]["text"]["headline"] == html.escape(HOSTILE_HEADLINE)
    assert "<script" not in json.dumps(_timeline())
    assert events["s-bare"]["text"]["headline"] == "“Something hostile happened.”"
    body = events["s-day"]["text"]["text"]
    assert f'href="{SITE}chronology/2022-03/#s-day"' in body and f'href="{SITE}sources/a1/"' in body
    assert "Putin met envoys in Kyiv on Wednesday." in body and "javascript:" not in body
    assert {events["s-day"]["group"], events["s-month"]["group"]} == {"Several outlets", "Outlet A"}
    assert UNCITED not in json.dumps(_timeline(), ensure_ascii=False)


def test_the_package_described_from_the_cells_is_the_one_read_back_from_the_tables():
    from generator.site.exports import csv_cells

    data = briefing()
    data["quotes"][0]["text"] = 'Two lines,\n"quoted", and =SUM(1)'  # newlines, quote marks, a formula
    cells = csv_cells(data)
    tables = csv_tables(data)
    assert csv_tables(data, cells) == tables
    assert datapackage(data, tables, cells) == datapackage(data, tables)
