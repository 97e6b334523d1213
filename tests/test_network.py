"""The actor network pictures: valid, escaped, deterministic, bounded SVG whose nodes and edges say
who appears with whom in stories and who is quoted about whom."""
from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

import pytest

from generator.site.network import ACTORS_PER_STORY, MAX_EDGE, MIN_EDGE, ActorNetwork

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '</svg><script>alert(1)</script> "onload="x &amp;'


def actor(aid: str, name: str, kind: str = "person", articles: int = 1, aliases: list[str] | None = None) -> dict:
    return {"id": aid, "name": name, "kind": kind, "aliases": aliases or [],
            "articles": [f"{aid}-art{k}" for k in range(articles)]}


def story(sid: str, actors: list[str]) -> dict:
    return {"id": sid, "date": "2022-03-01", "precision": "day", "headline": sid, "status": "past",
            "articles": ["x1"], "outlets": 1, "actors": actors, "disputed": False, "dates": [],
            "scheduled": False, "method": "", "confidence": 0.9}


def quote(qid: str, speaker: str | None, text: str) -> dict:
    return {"id": qid, "text": text, "speaker": speaker, "article": "x1"}


DATA = {
    "actors": [
        actor("putin", "Vladimir Putin", articles=9, aliases=["Putin"]),
        actor("zelensky", "Volodymyr Zelensky", articles=12, aliases=["Zelensky"]),
        actor("macron", "Emmanuel Macron", articles=4, aliases=["Macron"]),
        actor("nato", "NATO", "organization", articles=6),
        actor("west", "West", "group", articles=3),
        actor("kyiv", "Kyiv", "place", articles=20),
        actor("loner", "Lonely Person", articles=2),
    ],
    "stories": [
        story("s1", ["putin", "macron", "kyiv"]),
        story("s2", ["putin", "macron"]),
        story("s3", ["zelensky", "nato", "kyiv"]),
        story("s4", ["zelensky", "putin"]),
        story("s5", ["loner", "kyiv"]),
    ],
    "quotes": [
        quote("q1", "zelensky", "We will not give in to Putin's demands."),
        quote("q2", "zelensky", "Putin, stop the war."),
        quote("q3", "macron", "Putinism is not a policy."),  # a substring inside another word names no one
        quote("q4", "macron", "the west must stand together"),  # a common word is not the West
        quote("q5", None, "Macron said nothing about Zelensky."),
    ],
    "articles": [{"id": "x1", "date": "2022-03-01", "source": "example.org", "title": "t"}],
}


def href(kind: str, item: str) -> str:
    return f"../{kind}s/{item}/"


def no_href(kind: str, item: str):
    return None


def circles(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}circle[@cx]")


def node_links(root: ET.Element) -> dict[str, ET.Element]:
    """{href: circle} of the network's nodes."""
    return {a.get("href"): a.find(f"{SVG}circle") for a in root.findall(f".//{SVG}a[@class='network-actor']")}


def quoted_titles(root: ET.Element) -> list[str]:
    return [p.find(SVG + "title").text for p in root.findall(f".//{SVG}path[@class='network-edge-quoted']")]


def test_valid_svg_with_title_description_and_uid():
    svg = ActorNetwork(DATA).svg(href, uid="net-1")
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760.0 ')
    assert "briefing-network" in root.get("class") and root.get("aria-labelledby") == "net-1-title"
    assert root.find(SVG + "title").get("id") == "net-1-title" and root.find(SVG + "desc").text
    assert root.find(f".//{SVG}marker").get("id") == "net-1-arrow"
    low = svg.lower()
    assert "<script" not in low and "style=" not in low and "currentColor" in svg
    assert "http" not in low.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_nodes_are_participants_with_an_edge_linked_and_titled():
    root = ET.fromstring(ActorNetwork(DATA).svg(href))
    links = node_links(root)
    # Kyiv is a place (the setting), the lonely person's only story partner is Kyiv
    assert sorted(links) == ["../actors/macron/", "../actors/nato/", "../actors/putin/", "../actors/zelensky/"]
    titles = {a.get("href"): a.find(SVG + "title").text for a in root.findall(f".//{SVG}a[@class='network-actor']")}
    assert titles["../actors/putin/"] == "Vladimir Putin: 9 articles, 3 stories"
    assert titles["../actors/nato/"] == "NATO: 6 articles, 1 story"
    assert "Kyiv" not in ET.tostring(root, encoding="unicode")


def test_no_links_when_href_gives_none():
    svg = ActorNetwork(DATA).svg(no_href)
    root = ET.fromstring(svg)
    assert "href" not in svg and len(circles(root)) == 4 + 3  # four nodes, three legend circles
    assert all(g.find(SVG + "title") is not None for g in root.findall(f".//{SVG}g[@class='network-actor']"))


def test_only_people_with_a_page_are_linked():
    root = ET.fromstring(ActorNetwork(DATA).svg(lambda kind, item: f"../a/{item}/" if item == "putin" else None))
    assert [a.get("href") for a in root.findall(f".//{SVG}a")] == ["../a/putin/", "../a/putin/"]  # circle, name


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "../actors/x\"/", "/A/", "a b"])
def test_a_link_target_outside_the_safe_alphabet_is_refused(bad):
    network = ActorNetwork(DATA)
    with pytest.raises(ValueError):
        network.svg(lambda kind, item: bad)
    with pytest.raises(ValueError):
        network.ego_svg("putin", lambda kind, item: bad)


def test_hostile_names_appear_only_escaped():
    data = copy.deepcopy(DATA)
    data["actors"][0]["name"] = HOSTILE
    network = ActorNetwork(data)
    for svg in (network.svg(href), network.ego_svg("putin", href), network.ego_svg("macron", href)):
        root = ET.fromstring(svg)
        assert "<script" not in svg and '"onload="' not in svg and "</svg><" not in svg
        assert "&amp;amp;" in svg and "&quot;onload=&quot;x" in svg
        titles = [t.text for t in root.iter(SVG + "title")]
        assert any(t and t.startswith(HOSTILE + ":") for t in titles)


def test_an_ego_picture_changes_only_with_its_centres_links():
    """A new article elsewhere must not change every actor page: a link between two neighbours, or a
    neighbour's mentions within the same doubling, leave the centre's picture as it was."""
    base = copy.deepcopy(DATA)
    base["stories"].append(story("s6", ["nato", "putin"]))
    ego = ActorNetwork(base).ego_svg("zelensky", href)  # its neighbours: Putin and NATO, linked
    assert "Vladimir Putin: 1 story with Volodymyr Zelensky, 2 quotes between them" in ego
    assert "NATO and Vladimir Putin are also in stories together" in ego
    data = copy.deepcopy(base)
    data["stories"].append(story("s8", ["nato", "putin"]))  # a second story of two neighbours
    data["actors"][0]["articles"] += ["putin-more1", "putin-more2", "putin-more3"]  # 9 -> 12: the same step
    assert ActorNetwork(data).ego_svg("zelensky", href) == ego
    data["actors"][0]["articles"] += [f"putin-many{k}" for k in range(4)]  # 16: one step bigger
    assert ActorNetwork(data).ego_svg("zelensky", href) != ego
    data = copy.deepcopy(base)
    data["stories"].append(story("s7", ["zelensky", "nato"]))  # a link of the centre's own
    assert ActorNetwork(data).ego_svg("zelensky", href) != ego


def test_same_input_same_bytes_and_a_fresh_network_too():
    network = ActorNetwork(DATA)
    whole, ego = network.svg(href), network.ego_svg("putin", href)
    assert network.svg(href) == whole and network.ego_svg("putin", href) == ego
    fresh = ActorNetwork(copy.deepcopy(DATA))
    assert fresh.svg(href).encode() == whole.encode() and fresh.ego_svg("putin", href) == ego
    shuffled = dict(DATA, actors=list(reversed(DATA["actors"])))
    assert ActorNetwork(shuffled).svg(href) == whole


def test_coordinates_have_one_decimal():
    svg = ActorNetwork(DATA).svg(href)
    numbers = re.findall(r'(?<![\w-])(?:cx|cy|r|x|y|stroke-width|fill-opacity)="(-?[\d.]+)"', svg)
    assert len(numbers) > 20 and all(re.fullmatch(r"-?\d+\.\d", n) for n in numbers)
    paths = " ".join(re.findall(r' d="([^"]+)"', svg))
    assert all(re.fullmatch(r"-?\d+\.\d", n) for n in re.findall(r"-?[\d.]+", paths))


def test_the_most_mentioned_actor_has_the_biggest_circle():
    root = ET.fromstring(ActorNetwork(DATA).svg(href))
    radius = {h: float(c.get("r")) for h, c in node_links(root).items()}
    assert max(radius, key=radius.get) == "../actors/zelensky/"
    assert radius["../actors/zelensky/"] > radius["../actors/putin/"] > radius["../actors/nato/"] > \
        radius["../actors/macron/"]


def test_at_most_top_nodes_and_every_node_has_an_edge_among_them():
    actors = [actor(f"p{k}", f"Person {k}", articles=100 - k) for k in range(60)]
    stories = [story(f"s{k}", [f"p{k}", f"p{k + 1}"]) for k in range(59)]
    network = ActorNetwork({"actors": actors, "stories": stories, "quotes": []})
    for top in (2, 5, 30):
        root = ET.fromstring(network.svg(href, top=top))
        assert len(node_links(root)) == top
    root = ET.fromstring(network.svg(href, top=5))
    assert sorted(node_links(root)) == sorted(f"../actors/p{k}/" for k in range(5))  # the most mentioned


def test_heavier_edges_are_thicker_within_three_times_the_thinnest():
    root = ET.fromstring(ActorNetwork(DATA).svg(href))
    widths = {p.find(SVG + "title").text: float(p.get("stroke-width"))
              for p in root.findall(f".//{SVG}path[@class='network-edge']")}
    assert widths["Emmanuel Macron and Vladimir Putin: 2 stories together"] > \
        widths["Vladimir Putin and Volodymyr Zelensky: 1 story together"]
    assert max(widths.values()) <= 3 * min(widths.values()) + 0.01
    assert MIN_EDGE <= min(widths.values()) and max(widths.values()) <= MAX_EDGE


def test_quoted_about_edges_found_by_alias_and_whole_words_only():
    root = ET.fromstring(ActorNetwork(DATA).svg(href))
    assert quoted_titles(root) == ["Volodymyr Zelensky quoted about Vladimir Putin: 2 quotes"]
    path = root.find(f".//{SVG}path[@class='network-edge-quoted']")
    assert path.get("marker-end") == "url(#network-arrow)"
    assert root.find(f".//{SVG}g[@class='network-edges-quoted']").get("stroke-dasharray")  # told apart: dashed


def test_a_name_of_several_words_and_capitals_but_not_a_common_word():
    data = copy.deepcopy(DATA)
    data["quotes"] = [quote("q1", "putin", "Talks with NATO and with Volodymyr Zelensky failed."),
                      quote("q2", "putin", "Nato is the problem."),  # a capital stays a capital
                      quote("q3", "macron", "The West is united."),
                      quote("q4", "zelensky", "the nato summit")]  # lower case: not a name
    found = ActorNetwork(data).quoted
    assert found == {("putin", "nato"): 2, ("putin", "zelensky"): 1, ("macron", "west"): 1}


def test_an_alias_several_actors_share_names_none_of_them():
    data = copy.deepcopy(DATA)
    data["actors"].append(actor("putin2", "Lyudmila Putina", aliases=["Putin"]))
    data["quotes"] = [quote("q1", "macron", "Putin called.")]
    assert ActorNetwork(data).quoted == {}
    data["actors"].append(actor("putin3", "Putin"))  # ... unless it is one actor's own name
    assert ActorNetwork(data).quoted == {("macron", "putin3"): 1}


def test_a_speaker_naming_itself_or_a_place_makes_no_edge():
    data = copy.deepcopy(DATA)
    data["quotes"] = [quote("q1", "putin", "Putin will decide about Kyiv."), quote("q2", "kyiv", "Putin lies.")]
    assert ActorNetwork(data).quoted == {}


def test_pairs_are_counted_among_a_story_s_first_participants_only():
    many = [actor(f"p{k}", f"Person {k}") for k in range(ACTORS_PER_STORY + 3)]
    network = ActorNetwork({"actors": many, "stories": [story("s", [a["id"] for a in many])], "quotes": []})
    assert network.ego_svg("p0", href) != ""
    assert network.ego_svg(f"p{ACTORS_PER_STORY}", href) == ""  # the thirteenth actor: in the story, unpaired
    assert network.story_count[f"p{ACTORS_PER_STORY}"] == 1
    assert len(network.together) == ACTORS_PER_STORY * (ACTORS_PER_STORY - 1) // 2


def test_ego_network_centre_and_heaviest_neighbour_on_top():
    root = ET.fromstring(ActorNetwork(DATA).ego_svg("putin", href, uid="ego-putin"))
    assert root.get("aria-labelledby") == "ego-putin-title" and "briefing-ego" in root.get("class")
    links = node_links(root)
    assert sorted(links) == ["../actors/macron/", "../actors/putin/", "../actors/zelensky/"]
    centre = links["../actors/putin/"]
    assert "network-centre" in centre.get("class")
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert float(centre.get("cx")) == width / 2
    # Zelensky: one story and two quotes about Putin (3) outweighs Macron's two stories (2): on top
    ys = {h: float(c.get("cy")) for h, c in links.items()}
    assert ys["../actors/zelensky/"] < ys["../actors/macron/"] and ys["../actors/zelensky/"] < ys["../actors/putin/"]
    assert quoted_titles(root) == ["Volodymyr Zelensky quoted about Vladimir Putin: 2 quotes"]


def test_ego_network_is_bounded_by_top():
    many = [actor("hub", "Hub", articles=50)] + [actor(f"p{k}", f"Person {k}", articles=k + 1) for k in range(40)]
    stories = [story(f"s{k}", ["hub", f"p{k}"]) for k in range(40)]
    network = ActorNetwork({"actors": many, "stories": stories, "quotes": []})
    for top in (1, 5, 12):
        assert len(node_links(ET.fromstring(network.ego_svg("hub", href, top=top)))) == top + 1


def test_ego_network_is_empty_for_an_isolated_actor_a_place_or_an_unknown_one():
    network = ActorNetwork(DATA)
    assert network.ego_svg("loner", href) == ""  # only with a place
    assert network.ego_svg("kyiv", href) == ""
    assert network.ego_svg("nobody", href) == ""
    assert network.ego_svg("nato", href) != ""


def test_nothing_to_draw_gives_an_empty_string():
    assert ActorNetwork({"actors": [], "stories": [], "quotes": []}).svg(href) == ""
    alone = {"actors": DATA["actors"], "stories": [story("s", ["putin"])], "quotes": []}
    assert ActorNetwork(alone).svg(href) == ""
    assert ActorNetwork(DATA).svg(href, top=0) == ""


def test_a_dense_network_draws_only_its_heaviest_links():
    from generator.site.network import MAX_STORY_EDGES

    people = [actor(f"p{k:02d}", f"Person {k:02d}", articles=30 - k) for k in range(20)]
    stories = [story(f"s{i}-{j}", [f"p{i:02d}", f"p{j:02d}"]) for i in range(20) for j in range(i + 1, 20)]
    stories += [story(f"again-{k}", ["p00", "p01"]) for k in range(5)]  # the heaviest pair
    root = ET.fromstring(ActorNetwork({**DATA, "actors": people, "stories": stories, "quotes": []}).svg(href))
    edges = root.findall(f".//{SVG}path[@class='network-edge']")
    assert len(edges) == MAX_STORY_EDGES < 190  # 190 pairs are linked
    assert any(e.find(f"{SVG}title").text.startswith("Person 00 and Person 01: 6 stories") for e in edges)
