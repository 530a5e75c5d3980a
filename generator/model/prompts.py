"""Story prompts: the questions a story answers, built in or added by the owner.

A new built-in prompt is one entry in :data:`PROMPTS` (plus its README row):
the story rule, the ``new story`` help and the starter read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.rules import declare

PROMPTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # id: (section title, section introduction, guiding questions for a new story)
    "why-i-started": (
        "Why I started",
        "How the business began, and what still gets me to open the door every morning.",
        (
            "What were you doing before, and what made you leave it?",
            "What was the first day like? The first customer?",
            "What did you promise yourself then that you still keep?",
        ),
    ),
    "customer-who-changed-me": (
        "Customers who changed my mind",
        "People who walked in with a question and left me with a better way of working.",
        (
            "Who was the customer (first name or a description is enough; ask before naming them)?",
            "What did you believe before you met them?",
            "What do you do differently because of them?",
        ),
    ),
    "challenge-overcome": (
        "Challenges we got through",
        "The hard seasons, and what carried us through them.",
        (
            "What went wrong, and when did you realise it?",
            "Who helped, and how?",
            "What would you tell another owner facing the same thing?",
        ),
    ),
    "mistake-learned": (
        "Mistakes I learned from",
        "Things I got wrong, owned up to, and now do differently.",
        (
            "What was the mistake, in plain words?",
            "How did you make it right with the people it affected?",
            "What rule or habit came out of it?",
        ),
    ),
}


def builtin_prompt_list() -> str:
    """``why-i-started, customer-who-changed-me, ...``: the built-in ids, for help texts."""
    return ", ".join(PROMPTS)


@dataclass(frozen=True)
class Prompt:
    id: str = declare("slug", True, doc="the prompt id stories use")
    title: str = declare("text", True, doc="the section title on the site")
    intro: str = declare("text", doc="a short introduction shown above the section", default="")
    questions: tuple[str, ...] = declare("texts", doc="guiding questions put into a new story", default=())


def builtin_prompts() -> dict[str, Prompt]:
    return {pid: Prompt(pid, title, intro, questions) for pid, (title, intro, questions) in PROMPTS.items()}
