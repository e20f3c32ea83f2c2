"""Proctor et al.'s eight implementation outcomes, defined in the Hub's own words."""

SOURCE = {
    "key": "proctor-outcomes",
    "title": "Outcomes for implementation research (Proctor et al.)",
    "citation": (
        "Proctor E, Silmere H, Raghavan R, Hovmand P, Aarons G, Bunger A, Griffey R, Hensley M. Outcomes for "
        "implementation research: conceptual distinctions, measurement challenges, and research agenda. "
        "Adm Policy Ment Health. 2011;38(2):65-76. doi:10.1007/s10488-010-0319-7. The short definitions are the "
        "Hub's own plain-English summaries, not the published wording."
    ),
    "doi": "10.1007/s10488-010-0319-7",
}

#: (key, name, definition), in the order of the published taxonomy.
OUTCOMES: tuple[tuple[str, str, str], ...] = (
    (
        "acceptability",
        "Acceptability",
        "Whether the people involved, such as staff and families, find the innovation agreeable and are "
        "comfortable with it.",
    ),
    (
        "adoption",
        "Adoption",
        "Whether staff and units decide to take up the innovation and start to use it. Sometimes called uptake.",
    ),
    (
        "appropriateness",
        "Appropriateness",
        "Whether the innovation is seen as a good fit for this setting, these staff, these patients and this problem.",
    ),
    (
        "feasibility",
        "Feasibility",
        "Whether the innovation can actually be carried out here, with the time, staff and resources there are.",
    ),
    (
        "fidelity",
        "Fidelity",
        "Whether the innovation is delivered as it was meant to be, above all its core components.",
    ),
    (
        "implementation-cost",
        "Implementation cost",
        "What it costs to put the innovation in place, including staff time, training and equipment.",
    ),
    (
        "penetration",
        "Penetration",
        "How far the innovation has spread in the setting: the share of eligible patients, staff or units who "
        "actually receive or use it.",
    ),
    (
        "sustainability",
        "Sustainability",
        "Whether the innovation is still used as part of normal care once the implementation support has ended.",
    ),
)
