"""Knowledge-check questions as the learner sees them, and scoring on the server.

The browser only ever receives question and option ids and texts; which options are
correct, their feedback and the explanation are used here and shown after submitting.
"""

import random
from dataclasses import dataclass, field

from courses.blocks import QuestionKind


@dataclass(frozen=True)
class PublicOption:
    id: str
    text: str


@dataclass(frozen=True)
class PublicQuestion:
    id: str
    number: int
    kind: str
    text: str
    options: list[PublicOption]

    @property
    def allows_many(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE


@dataclass
class QuestionResult:
    id: str
    number: int
    text: str
    kind: str
    correct: bool
    explanation: str
    options: list[dict] = field(default_factory=list)  # text, chosen, is_correct, feedback


class AnswersInvalid(Exception):
    """The submitted answers cannot be scored: unanswered questions or unknown ids."""

    def __init__(self, *, unanswered: list[int], tampered: bool = False):
        self.unanswered = unanswered
        self.tampered = tampered
        super().__init__(f"unanswered={unanswered} tampered={tampered}")


def _option_id(question_id: str, index: int, option) -> str:
    # ListBlock items carry their own id; fall back to the position for old data.
    return getattr(option, "id", None) or f"{question_id}-{index}"


def questions_with_answers(check):
    """(block id, value, [(option id, option value)]) for every question, in editor order.

    Server side only (scoring and analytics): the values include the right answers.
    """
    out = []
    for block in check.questions:
        if block.block_type != "question":
            continue
        value = block.value
        options = [
            (_option_id(block.id, i, item), item.value if hasattr(item, "value") else item)
            for i, item in enumerate(value["options"].bound_blocks)
        ]
        out.append((block.id, value, options))
    return out


def questions_public(*, check, seed: int | None = None) -> list[PublicQuestion]:
    """The questions without answers, shuffled with `seed` when the check asks for it."""
    rng = random.Random(seed)
    items = questions_with_answers(check)
    if check.shuffle_questions and seed is not None:
        rng.shuffle(items)
    public = []
    for number, (qid, value, options) in enumerate(items, start=1):
        opts = [PublicOption(id=oid, text=ov["text"]) for oid, ov in options]
        if check.shuffle_options and seed is not None and value["kind"] != QuestionKind.TRUE_FALSE:
            rng.shuffle(opts)
        public.append(PublicQuestion(id=qid, number=number, kind=value["kind"], text=value["question"], options=opts))
    return public


def answers_score(*, check, answers: dict[str, list[str]]) -> tuple[int, dict[str, bool], list[QuestionResult]]:
    """Score answers {question id: [option ids]}: (percent, {question id: correct}, feedback).

    Raises AnswersInvalid naming the unanswered questions (by their number), or flagging
    option ids that do not belong to the question.
    """
    items = questions_with_answers(check)
    unanswered = []
    tampered = False
    known_questions = {qid for qid, _, _ in items}
    if set(answers) - known_questions:
        tampered = True
    for number, (qid, value, options) in enumerate(items, start=1):
        chosen = answers.get(qid) or []
        valid = {oid for oid, _ in options}
        if not chosen:
            unanswered.append(number)
        elif not set(chosen) <= valid or (value["kind"] != QuestionKind.MULTIPLE and len(chosen) > 1):
            tampered = True
    if unanswered or tampered:
        raise AnswersInvalid(unanswered=unanswered, tampered=tampered)

    results: dict[str, bool] = {}
    feedback = []
    for number, (qid, value, options) in enumerate(items, start=1):
        chosen = set(answers[qid])
        correct_ids = {oid for oid, ov in options if ov["is_correct"]}
        is_correct = chosen == correct_ids
        results[qid] = is_correct
        feedback.append(
            QuestionResult(
                id=qid,
                number=number,
                text=value["question"],
                kind=value["kind"],
                correct=is_correct,
                explanation=value["explanation"],
                options=[
                    {
                        "text": ov["text"],
                        "chosen": oid in chosen,
                        "is_correct": bool(ov["is_correct"]),
                        "feedback": ov["feedback"],
                    }
                    for oid, ov in options
                ],
            )
        )
    score = round(100 * sum(results.values()) / len(results)) if results else 0
    return score, results, feedback
