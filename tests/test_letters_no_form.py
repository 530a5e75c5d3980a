"""No form sentences within one letter: no phrasing twice, and friends with the same relation grouped."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.model.english import join_groups, plural_relation
from generator.model.friends import Friend
from generator.render.letters.body import BodyWriter, friend_list
from generator.render.letters.phrasebook import Phrasebook, shape


def friend(name: str, **changes: object) -> Friend:
    values: dict[str, object] = {
        "referral_id": f"r-{name}",
        "name": name,
        "short": name,
        "pronoun": None,
        "count": None,
        "for_what": "a tuning",
        "outcome": "client",
        "note": None,
        "date": dt.date(2026, 11, 1),
        "where": "referrals/2026.yml:2",
    }
    values.update(changes)
    return Friend(**values)  # type: ignore[arg-type]


def related(name: str, relation: str) -> Friend:
    return friend(f"your {relation} {name}", short=name, relation=relation)


@pytest.mark.parametrize(
    ("relation", "plural"),
    [
        ("colleague", "colleagues"),
        ("neighbour", "neighbours"),
        ("brother", "brothers"),
        ("child", "children"),
        ("grandchild", "grandchildren"),
        ("sister-in-law", "sisters-in-law"),
        ("old friend", "old friends"),
        ("boss", "bosses"),
    ],
)
def test_relations_pluralise_correctly(relation: str, plural: str) -> None:
    assert plural_relation(relation) == plural


@pytest.mark.parametrize("relation", ["piano teacher's lodger", "dentist", "ex", ""])
def test_an_unknown_plural_is_never_guessed(relation: str) -> None:
    assert plural_relation(relation) is None


def test_friends_with_the_same_relation_are_grouped() -> None:
    friends = (related("Pat", "colleague"), related("Lou", "colleague"), friend("Sam"))
    assert friend_list(friends) == "your colleagues Pat and Lou, and Sam"


def test_in_laws_and_children_group_with_their_plural() -> None:
    friends = (related("Ngozi", "sister-in-law"), related("Ada", "sister-in-law"))
    assert friend_list(friends) == "your sisters-in-law Ngozi and Ada"
    friends = (related("Mia", "child"), related("Leo", "child"), related("Ben", "neighbour"))
    assert friend_list(friends) == "your children Mia and Leo, and your neighbour Ben"


def test_a_relation_with_no_known_plural_is_not_grouped() -> None:
    friends = (related("Pat", "dentist"), related("Lou", "dentist"))
    assert friend_list(friends) == "your dentist Pat and your dentist Lou"


def test_one_of_a_relation_stays_singular_and_lists_read_as_before() -> None:
    friends = (related("Pat", "colleague"), friend("Sam"), friend("Mr and Mrs Ashdown"))
    assert friend_list(friends) == "your colleague Pat, Sam and Mr and Mrs Ashdown"
    assert join_groups(["your colleagues Pat and Lou", "Sam", "Jo"]) == "your colleagues Pat and Lou, Sam, and Jo"


def several(friends: tuple[Friend, ...]) -> list[str]:
    """The sentences for several friends, as one new letter would have them."""
    writer = BodyWriter()
    writer.book.new_letter("ann")
    writer._key, writer._turn = "ann", 0
    return [s.text for s in writer._friends(friends) if s]


def test_two_friends_who_went_well_do_not_get_the_same_phrasing() -> None:
    friends = (friend("Bob", for_what="a tuning"), friend("Sipho", for_what="a coat of French polish"))
    texts = several(friends)
    assert len(texts) == 3 and "Bob" in texts[1] and "Sipho" in texts[2], texts
    assert shape_of(texts[1]) != shape_of(texts[2]), texts


def shape_of(text: str) -> str:
    return re.split(r"[.,;]", re.sub(r"Bob|Sipho|Ann|Kit|Lee|Max", "X", text))[0]


def test_many_friends_never_repeat_a_phrasing_and_those_left_are_said_together() -> None:
    names = ["Bob", "Sipho", "Ann", "Kit", "Lee", "Max"]
    said = several(tuple(friend(n) for n in names))
    firsts = [shape_of(t) for t in said]
    assert len(set(firsts)) == len(firsts), said
    assert all(any(n in t for t in said[1:]) for n in names), said  # every friend still named
    assert any("each of them" in t or "as well" in t for t in said), said


def test_a_phrasing_is_not_used_twice_in_one_letter_but_is_in_the_next() -> None:
    book = Phrasebook()
    book.new_letter("ann")
    values = {"Friend": "Bob", "friend": "Bob", "for_what": "a tuning", "asked_me": "for a tuning"}
    one = [book.say("each-for", values, "ann", 0) for _ in range(4)]
    kept = [s.text for s in one if s]
    assert len(kept) == len(set(kept)) == 3 and one[3] is None
    book.new_letter("ann")
    assert book.say("each-for", values, "ann", 0) is not None


def test_shape_is_the_first_clause_unless_it_is_only_a_name() -> None:
    assert shape("{Friend} asked me {asked_me}; it went well.") == shape("{Friend} asked me {asked_me}.")
    assert shape("{Friend}, too, has sent me {x}.") != shape("{Friend}, whom I met through you, sent {x}.")
