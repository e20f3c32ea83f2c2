"""The sections of a grant proposal: what each asks for, and how long it may be.

Sections are data, not model fields, so that every section is stored, versioned, compared,
commented on and exported the same way. The trial implementation plan and the budget are
structured (their own models) and appear here only so the checklist and navigation know of them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: Words allowed in a text section when neither the section nor the call sets a limit.
DEFAULT_WORD_LIMIT = 500


@dataclass(frozen=True)
class Section:
    """One part of a proposal."""

    key: str
    label: str
    help_text: str
    #: Words allowed when the call sets no limit (None: DEFAULT_WORD_LIMIT; 0: no limit at all).
    word_limit: int | None = None
    #: The limit holds whatever the call says (the title is always short).
    limit_fixed: bool = False
    #: Must be filled in before the proposal can go to mentor review.
    required: bool = True
    #: One line (the title) rather than a paragraph box.
    short: bool = False


TEXT_SECTIONS: tuple[Section, ...] = (
    Section(
        "title",
        _("Title"),
        _("A clear, specific title a funder's panel will understand, e.g. the intervention, population and setting."),
        word_limit=30,
        limit_fixed=True,
        short=True,
    ),
    Section(
        "lay_summary",
        _("Lay summary"),
        _("What you want to do and why it matters, in plain English for parents and the public."),
        word_limit=300,
    ),
    Section(
        "research_question",
        _("Research question"),
        _(
            "One question, framed so that it can be answered (for example with PICO: population, intervention, "
            "comparison, outcome)."
        ),
        word_limit=100,
    ),
    Section(
        "background",
        _("Background and evidence"),
        _("What is already known, the gap your study fills, and why now."),
    ),
    Section(
        "aims",
        _("Aims and objectives"),
        _("The overall aim, then specific, measurable objectives."),
        word_limit=250,
    ),
    Section(
        "methods",
        _("Design and methods"),
        _("Design, setting, participants, intervention, outcomes, sample size and analysis."),
        word_limit=1000,
    ),
    Section(
        "ppi",
        _("Patient and public involvement"),
        _("How children, young people and families have shaped the proposal, and their role in the study."),
    ),
    Section(
        "timeline",
        _("Timeline and milestones"),
        _("The main stages of the study with the month each milestone is due."),
        word_limit=300,
    ),
    Section(
        "team",
        _("Team"),
        _("Who is in the team, their roles and the experience each brings."),
        word_limit=400,
    ),
    Section(
        "references",
        _("References"),
        _("The sources you cite, one per line. References are not counted against a word limit."),
        word_limit=0,
        required=False,
    ),
)

SECTIONS_BY_KEY: dict[str, Section] = {section.key: section for section in TEXT_SECTIONS}
SECTION_KEYS: tuple[str, ...] = tuple(SECTIONS_BY_KEY)
SECTION_CHOICES = [(section.key, section.label) for section in TEXT_SECTIONS]
#: Parts of a proposal that are not text sections but can be commented on and compared.
#: The parts of the trial implementation plan (the implementation app), each commented on like a section.
PLAN_PARTS = [
    ("plan_intervention", _("Plan: the intervention")),
    ("plan_setting", _("Plan: setting and people")),
    ("plan_determinants", _("Plan: barriers and facilitators")),
    ("plan_strategies", _("Plan: strategies")),
    ("plan_outcomes", _("Plan: outcomes")),
    ("plan_fidelity", _("Plan: fidelity and adaptation")),
    ("plan_timeline", _("Plan: timeline")),
]
STRUCTURED_PARTS = [("budget", _("Budget")), *PLAN_PARTS]
COMMENTABLE_CHOICES = [*SECTION_CHOICES, *STRUCTURED_PARTS]


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces."""
    return len(text.split())


def word_limit_for(section: Section, call_limit: int | None) -> int | None:
    """Words allowed in `section`: the call's limit where it sets one, else the section's default.

    A section with limit 0 (references) has none (None); the title's limit is fixed.
    """
    if section.word_limit == 0:
        return None
    if call_limit and not section.limit_fixed:
        return call_limit
    return section.word_limit or DEFAULT_WORD_LIMIT
