"""The timeline picture: valid, escaped, deterministic, bounded SVG whose bars and labels say what the
stories say (taller for more reporting, key stories named and linked, disputed dates marked)."""
from __future__ import annotations

import copy
import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from generator.site.timeline import (CHAR_WIDTH, LABEL_FONT, MAX_BARS, POLE_GAP, is_key_candidate, shorten,
                                     timeline_svg)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '</svg><script>alert(1)</script> "onload="x &amp;'


def story(sid: str, date: str, articles: list[str], headline: str = "", outlets: int = 1, **extra) -> dict:
    base = {"id": sid, "date": date, "precision": "day", "headline": headline, "status": "past",
            "articles": articles, "outlets": outlets, "actors": [], "disputed": False,
            "dates": [{"date": date, "articles": articles}], "scheduled": False, "method": "named",
            "confidence": 0.92}
    base.update(extra)
    return base


def briefing(stories: list[dict]) -> dict:
    ids = sorted({a for s in stories for a in s["articles"]})
    dates = sorted(s["date"] for s in stories if s["precision"] == "day") or ["2022-03-01"]
    articles = [{"id": a, "date": dates[0], "source": "example.org", "title": a} for a in ids]
    return {"stories": stories, "articles": articles, "actors": [], "quotes": [], "updated": dates[-1]}


def links(kind_and_id: list[str]):
    def href(kind: str, item: str):
        kind_and_id.append(f"{kind}:{item}")
        return f"../{kind}/{item}/"
    return href


def plain_href(kind: str, item: str) -> str:
    return f"../{kind}/{item}/"


def no_href(kind: str, item: str):
    return None


MARCH = briefing([
    story("s1", "2022-02-27", ["a1"], "Talks were held in Gomel"),
    story("s2", "2022-03-01", ["a2", "a3", "a4"], "A convoy was seen north of Kyiv", outlets=3),
    story("s3", "2022-03-01", ["a4", "a5"], "Sanctions were widened", outlets=2),
    story("s4", "2022-03-03", ["a6"], "A second round of talks took place", disputed=True,
          dates=[{"date": "2022-03-03", "articles": ["a6"]}, {"date": "2022-03-04", "articles": ["a7"]}]),
    story("s5", "2022-03-05", ["a7", "a8"], ""),
])


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}rect[@class='timeline-bar']")


def labels(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}text[@class='timeline-label']")


def label_text(text: ET.Element) -> str:
    """What a label shows (its <title> is the tooltip, not the text)."""
    return (text.text or "") + "".join(child.tail or "" for child in text)


def test_valid_svg_with_title_description_and_uid():
    svg = timeline_svg(MARCH, plain_href, uid="tl-2")
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760.0 ')
    assert "briefing-timeline" in root.get("class") and root.get("role") == "group"
    assert root.get("aria-labelledby") == "tl-2-title"
    assert root.find(SVG + "title").get("id") == "tl-2-title"
    assert "27 Feb 2022 to 5 Mar 2022" in root.find(SVG + "desc").text
    assert len(bars(root)) == 4  # four days with stories (2 Mar and 4 Mar have none)


def test_draws_in_current_colour_without_script_or_request():
    svg = timeline_svg(MARCH, plain_href)
    low = svg.lower()
    assert "<script" not in low and "http" not in low.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "currentColor" in svg and "#" not in svg and "rgb" not in low
    assert "style=" not in low and " on" not in low.replace(" one", "")


def test_every_bar_links_to_its_day_and_every_label_to_its_story():
    asked: list[str] = []
    root = ET.fromstring(timeline_svg(MARCH, links(asked)))
    anchors = root.findall(f".//{SVG}a")
    day_links = [a.get("href") for a in anchors if a.find(f"{SVG}rect[@class='timeline-bar']") is not None]
    assert day_links == ["../day/2022-02-27/", "../day/2022-03-01/", "../day/2022-03-03/", "../day/2022-03-05/"]
    story_links = sorted(a.get("href") for a in anchors if a.find(f"{SVG}text[@class='timeline-label']") is not None)
    assert story_links == ["../story/s1/", "../story/s2/", "../story/s3/", "../story/s4/"]
    assert "story:s5" not in asked  # no headline: not labelled


def test_no_links_when_href_gives_none():
    svg = timeline_svg(MARCH, no_href)
    root = ET.fromstring(svg)
    assert root.findall(f".//{SVG}a") == [] and "href" not in svg
    assert len(bars(root)) == 4 and len(labels(root)) == 4


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "../day/x\"/", "HTTP://x/", "a b", 5])
def test_a_link_target_outside_the_safe_alphabet_is_refused(bad):
    with pytest.raises(ValueError):
        timeline_svg(MARCH, lambda kind, item: bad)


def test_an_unsafe_uid_is_refused():
    with pytest.raises(ValueError):
        timeline_svg(MARCH, plain_href, uid='x" onload="alert(1)')


def test_hostile_headlines_appear_only_escaped():
    data = briefing([story("s1", "2022-03-01", ["a1", "a2"], HOSTILE, outlets=2),
                     story("s2", "2022-03-02", ["a3"], "Short", disputed=True,
                           dates=[{"date": HOSTILE, "articles": ["a3"]}])])
    svg = timeline_svg(data, plain_href)
    root = ET.fromstring(svg)  # still well-formed
    assert "<script" not in svg and '"onload="' not in svg and "</svg><" not in svg
    assert "&lt;/svg&gt;&lt;script&gt;" in svg and "&quot;onload=&quot;x" in svg and "&amp;amp;" in svg
    assert shorten(HOSTILE, 40) in [label_text(t) for t in labels(root)]
    marker = root.find(f".//{SVG}g[@class='timeline-disputed']/{SVG}path/{SVG}title")
    assert HOSTILE in marker.text


def test_same_input_same_bytes():
    first = timeline_svg(MARCH, plain_href)
    assert first == timeline_svg(MARCH, plain_href)
    assert first.encode() == timeline_svg(copy.deepcopy(MARCH), plain_href).encode()
    shuffled = dict(MARCH, stories=list(reversed(MARCH["stories"])))
    assert timeline_svg(shuffled, plain_href) == first


def test_a_day_with_more_reporting_has_a_taller_bar():
    root = ET.fromstring(timeline_svg(MARCH, plain_href))
    heights = {a.get("href"): float(a.find(f"{SVG}rect[@class='timeline-bar']").get("height"))
               for a in root.findall(f".//{SVG}a") if a.find(f"{SVG}rect[@class='timeline-bar']") is not None}
    assert heights["../day/2022-03-01/"] > heights["../day/2022-03-05/"] > heights["../day/2022-02-27/"]
    # 1 Mar: four distinct articles (a4 reports both stories and counts once)
    assert heights["../day/2022-03-01/"] == pytest.approx(heights["../day/2022-02-27/"] * 4, abs=0.2)


def test_disputed_stories_are_marked_on_their_day():
    root = ET.fromstring(timeline_svg(MARCH, plain_href))
    markers = root.findall(f".//{SVG}g[@class='timeline-disputed']/{SVG}path")
    assert len(markers) == 1
    title = markers[0].find(SVG + "title").text
    assert title.startswith("dates differ: ") and "2022-03-03 (1 article)" in title and "2022-03-04" in title
    bar = next(a.find(f"{SVG}rect[@class='timeline-bar']") for a in root.findall(f".//{SVG}a")
               if a.get("href") == "../day/2022-03-03/")
    x = float(re.match(r"M([\d.]+) ", markers[0].get("d")).group(1))
    assert float(bar.get("x")) <= x <= float(bar.get("x")) + float(bar.get("width"))
    calm = briefing([dict(s, disputed=False) for s in MARCH["stories"]])
    assert "timeline-disputed" not in timeline_svg(calm, plain_href)


def test_key_labels_at_most_key_and_chosen_as_a_reader_would():
    stories = [story(f"s{k}", (dt.date(2022, 3, 1) + dt.timedelta(days=k)).isoformat(), [f"a{k}"],
                     f"Story number {k}", outlets=1) for k in range(20)]
    stories[7]["outlets"] = 5  # the most reported
    stories[3].update(outlets=9, scheduled=True)  # a schedule, not news
    stories[4].update(outlets=9, method="ceremonial")
    stories[5].update(outlets=9, confidence=0.5)
    stories[6].update(outlets=9, headline="")
    data = briefing(stories)
    for key in (0, 1, 5, 8):
        assert len(labels(ET.fromstring(timeline_svg(data, plain_href, key=key)))) <= key
    one = labels(ET.fromstring(timeline_svg(data, plain_href, key=1)))
    assert [label_text(t) for t in one] == ["Story number 7"]
    assert len(labels(ET.fromstring(timeline_svg(data, plain_href, key=8)))) == 8
    assert is_key_candidate(dict(stories[8], confidence=None))  # an editor's story has no confidence


def test_long_headlines_are_cut_with_an_ellipsis_and_told_apart():
    long_a = "Vladimir Putin speaks by phone with President of France Emmanuel Macron"
    long_b = "Vladimir Putin speaks by phone with President of Belarus Alexander Lukashenko"
    data = briefing([story("s1", "2022-03-01", ["a1"], long_a), story("s2", "2022-03-02", ["a2"], long_b)])
    texts = sorted(label_text(t) for t in labels(ET.fromstring(timeline_svg(data, plain_href))))
    assert all(len(t) <= 40 and "…" in t for t in texts)
    assert texts[0] != texts[1] and texts[0].endswith("Lukashenko") and texts[1].endswith("Emmanuel Macron")


def _spans(root: ET.Element) -> list[tuple[float, float, float, float]]:
    """(left, right, baseline, leader x) of each label, with the module's width estimate."""
    out = []
    for text in labels(root):
        x, y = float(text.get("x")), float(text.get("y"))
        width = len(label_text(text)) * LABEL_FONT * CHAR_WIDTH
        if text.get("text-anchor") == "end":
            out.append((x - width, x, y, x + POLE_GAP))
        else:
            out.append((x, x + width, y, x - POLE_GAP))
    return out


def test_labels_do_not_overlap_and_no_leader_line_crosses_a_label():
    # twelve stories in five busy days, long headlines: the labels must stack
    stories = [story(f"s{k}", f"2022-03-0{1 + k % 5}", [f"a{k}", f"b{k}"],
                     f"A rather long headline about event {k} that goes on", outlets=1 + k % 3) for k in range(12)]
    stories += [story("z", "2022-03-30", ["z1"], "Late story at the right edge of the picture", outlets=4)]
    root = ET.fromstring(timeline_svg(briefing(stories), plain_href, key=8))
    spans = _spans(root)
    assert len(spans) >= 6
    for i, (a0, a1, ay, ax) in enumerate(spans):
        assert 0 <= a0 and a1 <= 760
        for j, (b0, b1, by, bx) in enumerate(spans):
            if i == j:
                continue
            if ay == by:
                assert a1 <= b0 or b1 <= a0, "two labels overlap in one row"
            if by > ay:  # b is lower: a's leader line runs down through b's row
                assert not (b0 - 1 <= ax <= b1 + 1), "a leader line crosses a label"


def test_a_two_year_span_is_drawn_by_week_and_stays_bounded():
    start = dt.date(2021, 1, 1)
    stories = [story(f"s{k}", (start + dt.timedelta(days=k)).isoformat(), [f"a{k}"], f"Story {k}")
               for k in range(730)]
    data = briefing(stories)
    root = ET.fromstring(timeline_svg(data, plain_href))
    n = len(bars(root))
    assert 100 <= n <= MAX_BARS
    assert "by week" in root.find(SVG + "desc").text
    ten_years = briefing([story(f"s{k}", (start + dt.timedelta(days=7 * k)).isoformat(), [f"a{k}"])
                          for k in range(520)])
    assert len(bars(ET.fromstring(timeline_svg(ten_years, plain_href)))) <= MAX_BARS


def test_a_short_span_has_one_bar_per_day_and_day_month_dates():
    root = ET.fromstring(timeline_svg(MARCH, plain_href))
    dates = [t.text for t in root.findall(f".//{SVG}g[@class='timeline-dates']/{SVG}text")]
    assert "1 Mar" in dates and "2022" in dates
    assert float(root.get("viewBox").split()[2]) == 760.0


def test_background_stories_long_before_the_articles_do_not_stretch_the_period():
    data = copy.deepcopy(MARCH)
    data["stories"].append(story("old", "1941-06-22", ["a1"], "The war began", outlets=9))
    svg = timeline_svg(data, plain_href)
    root = ET.fromstring(svg)
    assert len(bars(root)) == 4 and "1941" not in "".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "1 older story is background, not shown" in root.find(SVG + "desc").text


def test_nothing_to_draw_gives_an_empty_string():
    assert timeline_svg({"stories": [], "articles": []}, plain_href) == ""
    coming = briefing([story("c", "2030-01-01", ["a1"], "Election", status="coming")])
    assert timeline_svg(coming, plain_href) == ""
    vague = briefing([story("m", "2022-03", ["a1"], "Sometime in March", precision="month")])
    assert timeline_svg(vague, plain_href) == ""


def test_numbers_have_one_decimal():
    svg = timeline_svg(MARCH, plain_href)
    numbers = re.findall(r'(?<![\w-])(?:x|y|width|height|stroke-width|fill-opacity|stroke-opacity)="(-?[\d.]+)"', svg)
    assert len(numbers) > 20 and all(re.fullmatch(r"-?\d+\.\d", n) for n in numbers)
    paths = " ".join(re.findall(r' d="([^"]+)"', svg))
    assert all(re.fullmatch(r"-?\d+\.\d", n) for n in re.findall(r"-?[\d.]+", paths))
