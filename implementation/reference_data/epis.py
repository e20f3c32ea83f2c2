"""The four phases of the EPIS framework, defined in the Hub's own words."""

SOURCE = {
    "key": "epis",
    "title": "Exploration, Preparation, Implementation, Sustainment (EPIS) framework",
    "citation": (
        "Aarons GA, Hurlburt M, Horwitz SM. Advancing a conceptual model of evidence-based practice "
        "implementation in public service sectors. Adm Policy Ment Health. 2011;38(1):4-23. "
        "doi:10.1007/s10488-010-0327-7. The short definitions are the Hub's own plain-English summaries, not "
        "the published wording."
    ),
    "doi": "10.1007/s10488-010-0327-7",
}

#: (key, name, definition), in the order a project moves through them.
PHASES: tuple[tuple[str, str, str], ...] = (
    (
        "exploration",
        "Exploration",
        "Looking closely at the problem and at whether this innovation is the right answer for this setting, "
        "then deciding whether to adopt it.",
    ),
    (
        "preparation",
        "Preparation",
        "Getting ready once the decision is made: planning the implementation, finding out what will help and "
        "hinder, and arranging the people, training and resources.",
    ),
    (
        "implementation",
        "Implementation",
        "Starting to use the innovation in everyday care, with support, while watching how it goes and adjusting.",
    ),
    (
        "sustainment",
        "Sustainment",
        "Keeping the innovation going as part of normal care after the implementation support ends, and "
        "adapting it as things change.",
    ),
)
