"""tools/story_eval's pairwise scoring on a hand-built window (a two-row corpus CSV in a temporary folder)."""
import csv

from tools.story_eval import prf, score_window

BODIES = ["Missiles hit Freedom Square in Kharkiv on Tuesday. The bank raised rates on Tuesday.",
          "A missile struck Kharkiv's Freedom Square on Tuesday, officials said."]


def corpus(tmp_path):
    folder = tmp_path / "zelenskyy-putin"
    folder.mkdir()
    with (folder / "putin.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["link", "headline", "date", "body"])
        writer.writeheader()
        for n, body in enumerate(BODIES):
            writer.writerow({"link": f"http://k/{n}", "headline": f"H{n}", "date": "2022-03-01T10:00:00", "body": body})
    return tmp_path


def mention(article, body, fragment):
    return {"article": article, "at": body.index(fragment), "len": len(fragment)}


GOLD = {"window": "w", "articles": [{"key": "a", "csv": "zelenskyy-putin/putin.csv", "row": 0},
                                    {"key": "b", "csv": "zelenskyy-putin/putin.csv", "row": 1}],
        "stories": [{"what": "strike", "date": "2022-03-01",
                     "mentions": [mention("a", BODIES[0], "Missiles hit Freedom Square in Kharkiv"),
                                  mention("b", BODIES[1], "A missile struck Kharkiv's Freedom Square")]},
                    {"what": "rates", "date": "2022-03-01", "mentions": [mention("a", BODIES[0], "The bank raised rates")]}]}


def data(story_of):
    events = [{"id": f"e-{n}", "sources": [{"article": art, "sentence": sentence}]}
              for n, (art, sentence) in enumerate([("a", "Missiles hit Freedom Square in Kharkiv on Tuesday."),
                                                   ("a", "The bank raised rates on Tuesday."),
                                                   ("b", "A missile struck Kharkiv's Freedom Square on Tuesday, officials said.")])]
    stories = {}
    for event, story in zip(events, story_of):
        stories.setdefault(story, []).append(event["id"])
    return {"events": events, "stories": [{"id": s, "headline": s, "events": ids} for s, ids in stories.items()]}


def test_one_story_for_both_reports_is_a_true_pair(tmp_path):
    result = score_window(GOLD, data(["s1", "s2", "s1"]), corpus(tmp_path))
    assert (result["tp"], result["fp"], result["fn"], result["merged"]) == (1, 0, 0, 1)


def test_a_split_and_a_wrong_merge_are_counted(tmp_path):
    folder = corpus(tmp_path)
    split = score_window(GOLD, data(["s1", "s2", "s3"]), folder)
    assert (split["tp"], split["fp"], split["fn"], split["merged"]) == (0, 0, 1, 0)
    wrong = score_window(GOLD, data(["s1", "s2", "s2"]), folder)  # b's strike joined a's rate story
    assert (wrong["tp"], wrong["fp"], wrong["fn"]) == (0, 1, 1) and wrong["wrong_merges"]
    everything = score_window(GOLD, data(["s1", "s1", "s1"]), folder)
    # a's strike and rate in one story are a pair within one article (not scored); b's strike pairs with both
    assert (everything["tp"], everything["fp"], everything["fn"]) == (1, 1, 0)
    assert prf(1, 1, 0) == (0.5, 1.0, 2 / 3)


def test_a_mention_in_a_sentence_of_two_events_is_the_one_whose_date_it_holds(tmp_path):
    """'Jamala, who won Eurovision in 2016 ..., a comment on Russia's 2014 invasion of Crimea': the
    fragment about the invasion is matched to the event dated by '2014', not the sentence's first."""
    body = "Jamala won Eurovision in 2016 with a song on Russia's 2014 invasion of Crimea."
    folder = tmp_path / "zelenskyy-putin"
    folder.mkdir()
    with (folder / "putin.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["link", "headline", "date", "body"])
        writer.writeheader()
        for n, text in enumerate([body, "Moscow seized Crimea in 2014."]):
            writer.writerow({"link": f"http://k/{n}", "headline": f"H{n}", "date": "2022-07-25T10:00:00", "body": text})
    gold = {"window": "w", "articles": [{"key": "a", "csv": "zelenskyy-putin/putin.csv", "row": 0},
                                        {"key": "b", "csv": "zelenskyy-putin/putin.csv", "row": 1}],
            "stories": [{"what": "Crimea", "date": "2014",
                         "mentions": [mention("a", body, "Russia's 2014 invasion of Crimea"),
                                      {"article": "b", "at": 0, "len": 20}]}]}
    events = [{"id": "e-1", "sources": [{"article": "a", "sentence": body, "date_text": "2016"}]},
              {"id": "e-2", "sources": [{"article": "a", "sentence": body, "date_text": "2014"}]},
              {"id": "e-3", "sources": [{"article": "b", "sentence": "Moscow seized Crimea in 2014.", "date_text": "in 2014"}]}]
    stories = [{"id": "s1", "headline": "Jamala", "events": ["e-1"]}, {"id": "s2", "headline": "Crimea", "events": ["e-2", "e-3"]}]
    result = score_window(gold, {"events": events, "stories": stories}, tmp_path)
    assert (result["tp"], result["fp"], result["fn"]) == (1, 0, 0)
