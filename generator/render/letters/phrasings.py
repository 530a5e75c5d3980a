"""The sentences ownerkit may write around the owner's own words: several for each slot.

Each slot lists phrasings in the owner's voice. A phrasing is used only when
every ``{value}`` it names is known for the letter at hand (so "she" is never
written for a friend whose pronoun was not recorded, nor "has" for a family of
unknown size); :mod:`generator.render.letters.body` picks one deterministically,
so the same kit on the same day gives the same letters, no sentence is in more
than three letters of one batch, and one person does not get the same phrasing
twice running.

Values: ``{name}`` the friend's name (never a pronoun; unknown just after a note named them), ``{friend}`` the friend named inside a sentence (or "her", "him",
"them" once already named), ``{Friend}`` at the start of one, ``{subject}``
the friend as the subject inside a sentence ("she", or the name), ``{for_what}``
what they came for, to follow "for" ("a tuning", "help with checking the piano";
unknown for "to tune it"), ``{asked_me}`` the same to follow "asked me" ("about
a tuning", "to tune it"), ``{They_are}`` "She's"/"He's"/"They're", ``{was}``
"was"/"were", ``{ordinal}``
"fourth", ``{late}`` "two months", ``{when}`` "in March last year",
``{their_friends}`` the friends a friend went on to send, ``{more}`` and
``{have}`` for the chains not named.
"""

from __future__ import annotations

PHRASINGS: dict[str, tuple[str, ...]] = {
    # one friend, with what they came for
    "thank-for": (
        "Thank you for sending {friend} my way for {for_what}.",
        "{Friend} came to me for {for_what}, thanks to you.",
        "It was good of you to send {friend} to me for {for_what}.",
        "You sent {name} to me for {for_what}; thank you.",
        "Thanks to you, {subject} came to me for {for_what}.",
        "Because you recommended me, {subject} asked me {asked_me}.",
        "{Friend} asked me {asked_me}, on your recommendation.",
    ),
    # the owner's note has just named the friend, and no pronoun is recorded: thank without the name again
    "thank-for-named": (
        "It was kind of you to think of me for {for_what}.",
        "I'm grateful you thought of me for {for_what}.",
        "Thank you for thinking of me for {for_what}.",
    ),
    "thank-named": (
        "Thank you for the introduction.",
        "I have you to thank for that introduction.",
        "It was kind of you to think of me.",
    ),
    # one friend (or several, named together), nothing more known
    "thank": (
        "Thank you for sending {friend} my way.",
        "It was good of you to send {friend} to me.",
        "Thank you for passing my name on to {friend}.",
        "I'm grateful to you for sending me {friend}.",
        "Thank you for mentioning me to {friend}.",
    ),
    # a thank-you later than about six weeks
    "late": (
        "I'm sorry this thank-you comes {late} late.",
        "This thank-you is {late} late; I'm sorry.",
        "Forgive me for taking {late} to write this.",
    ),
    # the friend became a client, and the owner wrote no note
    "client": (
        "It went well, I'm glad to say.",
        "I was glad to be able to help {friend}.",
        "It went well; I'd be glad to help {friend} again.",
        "It went well, thanks to you.",
        "{Subject} and I got on well.",
    ),
    # it was not a fit
    "not-a-fit": (
        "It wasn't the right job for me, but I was glad to be asked.",
        "I couldn't help in the end, but thank you all the same.",
        "It didn't work out this time, but thank you for thinking of me.",
        "In the end I wasn't the right person for it; I'm grateful all the same.",
    ),
    # the same two, when what the friend came for is not said: no "it" that would point at nothing
    "client-bare": (
        "I was glad to be able to help {friend}.",
        "{Subject} and I got on well.",
        "I'd be glad to help {friend} again.",
        "I was glad to help, thanks to you.",
    ),
    "not-a-fit-bare": (
        "I couldn't help in the end, but thank you all the same.",
        "I wasn't the right person to help in the end, but I was glad to be asked.",
        "We weren't the right fit in the end, but thank you for thinking of me.",
    ),
    # nothing decided yet (often better left unsaid)
    "pending": (
        "",
        "I'll do my best for {friend}.",
        "",
        "I hope I can do right by {friend}.",
        "",
    ),
    # someone who has sent friends before
    "repeat": (
        "That's the {ordinal} time you've sent someone my way.",
        "You've sent someone my way before, too.",
        "It isn't the first time you've passed my name on.",
        "That's the {ordinal} time you've thought of me.",
        "",
    ),
    # several friends at once: each one, in a sentence of their own
    "each-for": (
        "{Friend} came to me for {for_what}.",
        "{Friend} asked me {asked_me}.",
    ),
    "each-for-client": (
        "{Friend} came to me for {for_what}, and it went well.",
        "{Friend} asked me {asked_me}; it went well.",
    ),
    "each-for-not-a-fit": (
        "{Friend} came to me for {for_what}, though I couldn't help.",
        "{Friend} asked me {asked_me}; it wasn't for me.",
    ),
    "some-not-a-fit": (
        "I'm grateful you thought of me all the same.",
        "Not every one worked out, but thank you for each.",
        "",
    ),
    # news they have not heard: the friend became a client
    "news": (
        "I wanted you to know it went well with {friend}.",
        "You'll be glad to hear it went well with {friend}.",
        "Things went well with {friend}, I'm glad to say.",
        "Some news you helped make: it went well with {friend}.",
    ),
    "news-too": (
        "Some news, too: it went well with {friend}.",
        "And it went well with {friend}.",
        "Things went well with {friend}, too.",
    ),
    # the same, for a friend with no name safe to write ("Ben's mum" to Ben)
    "news-unnamed": (
        "I wanted you to know that the introduction you made went well.",
        "You'll be glad to hear your introduction went well.",
    ),
    "news-too-unnamed": ("",),
    # a friend they sent went on to send friends of their own
    "chain": (
        "Thanks to you I met {friend}, who went on to send me {their_friends}.",
        "{Friend}, whom I met through you, went on to send me {their_friends}.",
        "You started something: {friend} passed my name on to {their_friends}.",
        "Part of my thanks for {their_friends} is yours, since you sent me {friend}.",
    ),
    "chain-too": (
        "And {friend} went on to send me {their_friends}.",
        "{Friend}, too, has sent me {their_friends}.",
    ),
    "more-chains": ("{More} more of the friends you sent {have} done the same.",),
    # a hello to someone owed nothing: past referrals in the past tense
    "hello": (
        "Just a hello, and thanks again for sending {friend} my way {when}.",
        "I was thinking of you, and of when you sent {friend} to me {when}.",
        "It's a while since you sent {friend} my way {long_ago}, and I'm still grateful.",
        "Hello, and thank you again for putting {friend} in touch with me {when}.",
    ),
    "hello-unnamed": (
        "Just a hello, and thanks again for the introduction {when}.",
        "I was thinking of you, and of the introduction you made {when}.",
    ),
}

# How a letter closes, when neither the person's nor the owner's sign_off says.
# "With love," and the like are never chosen: only the owner knows who is that close.
SIGN_OFFS: dict[str, tuple[str, ...]] = {
    "thanks": (
        "With warm thanks,",
        "With many thanks,",
        "Gratefully,",
        "With thanks and best wishes,",
        "Thank you,",
        "With thanks, and every good wish,",
        "Warmly,",
        "With grateful thanks,",
        "Many thanks, and all the best,",
        "Yours, with thanks,",
        "With my thanks,",
    ),
    # a hello: nothing new to thank them for
    "hello": ("Warm wishes,", "All the best,", "With best wishes,", "Until next time,"),
    # a best customer, a client of five years or more, or someone who has sent friends again and again
    "warm": ("With my warmest thanks,", "Warmest wishes,", "Ever grateful,", "With heartfelt thanks,"),
    # any letter, once its own kind's closings have each been used three times in the batch
    "any": ("Best wishes,", "Take care,", "Warm regards,", "Yours,", "All good wishes,"),
}

# Sentences a full card sheds first, before any of the owner's own words.
TRIM_ORDER = (
    "pending",
    "repeat",
    "some-not-a-fit",
    "more-chains",
    "chain-too",
    "news-too",
    "client",
    "client-bare",
    "late",
    "not-a-fit",
    "not-a-fit-bare",
    "chain",
)
