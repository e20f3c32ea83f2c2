"""The 73 ERIC implementation strategies and the nine clusters they fall into, defined in the Hub's own words.

Strategies are numbered 1 to 73 in the alphabetical order of the published compilation (Powell et al., 2015),
the numbering the concept-mapping study also uses; each is placed in one of its nine clusters (Waltz et al.,
2015).
"""

from typing import NamedTuple

SOURCE = {
    "key": "eric",
    "title": "Expert Recommendations for Implementing Change (ERIC): 73 implementation strategies",
    "citation": (
        "Powell BJ, Waltz TJ, Chinman MJ, Damschroder LJ, Smith JL, Matthieu MM, Proctor EK, Kirchner JE. "
        "A refined compilation of implementation strategies: results from the Expert Recommendations for "
        "Implementing Change (ERIC) project. Implement Sci. 2015;10:21. doi:10.1186/s13012-015-0209-1. "
        "Strategy names and numbering as published; the short definitions are the Hub's own plain-English "
        "summaries, not the published wording."
    ),
    "doi": "10.1186/s13012-015-0209-1",
}

CLUSTER_SOURCE = {
    "key": "eric-clusters",
    "title": "ERIC strategy clusters (concept mapping study)",
    "citation": (
        "Waltz TJ, Powell BJ, Matthieu MM, Damschroder LJ, Chinman MJ, Smith JL, Proctor EK, Kirchner JE. "
        "Use of concept mapping to characterize relationships among implementation strategies and assess their "
        "feasibility and importance: results from the Expert Recommendations for Implementing Change (ERIC) "
        "study. Implement Sci. 2015;10:109. doi:10.1186/s13012-015-0295-0."
    ),
    "doi": "10.1186/s13012-015-0295-0",
}

#: The nine clusters, numbered in the order the study presents them.
CLUSTERS: dict[int, str] = {
    1: "Use evaluative and iterative strategies",
    2: "Provide interactive assistance",
    3: "Adapt and tailor to context",
    4: "Develop stakeholder interrelationships",
    5: "Train and educate stakeholders",
    6: "Support clinicians",
    7: "Engage consumers",
    8: "Utilize financial strategies",
    9: "Change infrastructure",
}

EVALUATIVE, ASSISTANCE, TAILOR, RELATIONSHIPS, TRAIN, CLINICIANS, CONSUMERS, FINANCIAL, INFRASTRUCTURE = range(1, 10)


class StrategyData(NamedTuple):
    """An ERIC strategy as data: its number, published name, cluster number and our definition."""

    number: int
    name: str
    cluster: int
    definition: str


S = StrategyData

STRATEGIES: tuple[StrategyData, ...] = (
    S(
        1,
        "Access new funding",
        FINANCIAL,
        "Find and secure new money, such as a grant, charitable funds or commissioning, to pay for the implementation.",
    ),
    S(
        2,
        "Alter incentive/allowance structures",
        FINANCIAL,
        "Change rewards or allowances so that staff or services are encouraged to take up the innovation.",
    ),
    S(
        3,
        "Alter patient/consumer fees",
        FINANCIAL,
        "Change what patients or families pay so that the innovation is easier to take up. Rarely relevant in the NHS.",
    ),
    S(
        4,
        "Assess for readiness and identify barriers and facilitators",
        EVALUATIVE,
        "Check how ready the setting is, and find out what will help and what will get in the way, before and "
        "during the implementation.",
    ),
    S(
        5,
        "Audit and provide feedback",
        EVALUATIVE,
        "Collect data on how care is given and feed it back to staff regularly, so they can see where they "
        "stand and improve.",
    ),
    S(
        6,
        "Build a coalition",
        RELATIONSHIPS,
        "Bring together people and groups who share an interest in the change, inside and outside the "
        "organisation, to push it forward together.",
    ),
    S(
        7,
        "Capture and share local knowledge",
        RELATIONSHIPS,
        "Find out how units that succeeded with the innovation did it, and pass on what they learned to the "
        "people implementing it here.",
    ),
    S(
        8,
        "Centralize technical assistance",
        ASSISTANCE,
        "Set up one central team or service that gives practical help with the implementation to several sites.",
    ),
    S(
        9,
        "Change accreditation or membership requirements",
        INFRASTRUCTURE,
        "Work with professional bodies or networks so that their standards or membership rules expect the innovation.",
    ),
    S(
        10,
        "Change liability laws",
        INFRASTRUCTURE,
        "Press for changes to the law or to indemnity rules that reduce the legal risk of using the innovation.",
    ),
    S(
        11,
        "Change physical structure and equipment",
        INFRASTRUCTURE,
        "Change the layout of the unit, or buy or move equipment, so that the innovation is easier to deliver.",
    ),
    S(
        12,
        "Change record systems",
        INFRASTRUCTURE,
        "Change electronic or paper records so that they prompt, record and help to monitor the innovation.",
    ),
    S(
        13,
        "Change service sites",
        INFRASTRUCTURE,
        "Change where care is given, so that the innovation reaches more of the people it is meant for.",
    ),
    S(
        14,
        "Conduct cyclical small tests of change",
        EVALUATIVE,
        "Try the change on a small scale, study what happens, adjust it and try again, as in Plan-Do-Study-Act cycles.",
    ),
    S(
        15,
        "Conduct educational meetings",
        TRAIN,
        "Hold teaching sessions, talks or workshops about the innovation for staff and others.",
    ),
    S(
        16,
        "Conduct educational outreach visits",
        TRAIN,
        "A trained person visits staff where they work to teach the innovation, one to one or in small groups.",
    ),
    S(
        17,
        "Conduct local consensus discussions",
        RELATIONSHIPS,
        "Bring local staff and others together to talk through the problem and agree whether and how to use "
        "the innovation.",
    ),
    S(
        18,
        "Conduct local needs assessment",
        EVALUATIVE,
        "Gather local information on the size of the problem and on what needs to change, to judge whether "
        "the innovation is needed here.",
    ),
    S(
        19,
        "Conduct ongoing training",
        TRAIN,
        "Plan training that carries on over time rather than a one-off session, including for new starters.",
    ),
    S(
        20,
        "Create a learning collaborative",
        TRAIN,
        "Bring teams from several units together regularly to learn from each other while they make the same change.",
    ),
    S(
        21,
        "Create new clinical teams",
        CLINICIANS,
        "Change who works together, or add professions or skills to a team, so that the innovation can be delivered.",
    ),
    S(
        22,
        "Create or change credentialing and/or licensure standards",
        INFRASTRUCTURE,
        "Work with those who set professional standards so that skill in the innovation becomes part of them.",
    ),
    S(
        23,
        "Develop a formal implementation blueprint",
        EVALUATIVE,
        "Write a plan that sets out the aims, steps, timeline, people responsible and measures for the implementation.",
    ),
    S(
        24,
        "Develop academic partnerships",
        RELATIONSHIPS,
        "Partner with a university or research group that brings expertise in the innovation or in implementation.",
    ),
    S(
        25,
        "Develop an implementation glossary",
        RELATIONSHIPS,
        "Agree and share a short list of key terms, so that everyone involved uses the same words for the same things.",
    ),
    S(
        26,
        "Develop and implement tools for quality monitoring",
        EVALUATIVE,
        "Create and use tools, such as checklists, audit forms or dashboards, to check the quality of care "
        "against the innovation.",
    ),
    S(
        27,
        "Develop and organize quality monitoring systems",
        EVALUATIVE,
        "Set up the processes and systems that regularly gather and review data on the quality of care.",
    ),
    S(
        28,
        "Develop disincentives",
        FINANCIAL,
        "Introduce consequences that discourage people or services from not using the innovation.",
    ),
    S(
        29,
        "Develop educational materials",
        TRAIN,
        "Write guides, manuals, videos or e-learning that help staff and families understand and use the innovation.",
    ),
    S(
        30,
        "Develop resource sharing agreements",
        CLINICIANS,
        "Agree with partners to share the equipment, staff, skills or data that the innovation needs.",
    ),
    S(
        31,
        "Distribute educational materials",
        TRAIN,
        "Get the educational materials to the people who need them, on paper, in person or online.",
    ),
    S(
        32,
        "Facilitate relay of clinical data to providers",
        CLINICIANS,
        "Get clinical data back to staff quickly, in a form they can use, so that they can act on it while "
        "giving care.",
    ),
    S(
        33,
        "Facilitation",
        ASSISTANCE,
        "A trained person works alongside the team over time, helping them solve problems and make the change.",
    ),
    S(
        34,
        "Fund and contract for the clinical innovation",
        FINANCIAL,
        "Funders or commissioners pay for the innovation, or make it part of service contracts.",
    ),
    S(
        35,
        "Identify and prepare champions",
        RELATIONSHIPS,
        "Find people who will support and promote the innovation among their colleagues, and give them the "
        "skills and time to do it.",
    ),
    S(
        36,
        "Identify early adopters",
        RELATIONSHIPS,
        "Find staff or units keen to use the innovation first, so that others can learn from their experience.",
    ),
    S(
        37,
        "Increase demand",
        CONSUMERS,
        "Raise awareness among families and the public, so that they ask for the innovation.",
    ),
    S(
        38,
        "Inform local opinion leaders",
        RELATIONSHIPS,
        "Find the people whose views colleagues respect and tell them about the innovation, so that they can "
        "influence others.",
    ),
    S(
        39,
        "Intervene with patients/consumers to enhance uptake and adherence",
        CONSUMERS,
        "Help children and families to start and keep to the innovation, for example with reminders or support.",
    ),
    S(
        40,
        "Involve executive boards",
        RELATIONSHIPS,
        "Bring the hospital board or senior managers into the implementation, so that they back it and follow "
        "its progress.",
    ),
    S(
        41,
        "Involve patients/consumers and family members",
        CONSUMERS,
        "Involve children, young people and families in planning, delivering and checking the implementation.",
    ),
    S(
        42,
        "Make billing easier",
        FINANCIAL,
        "Make it simpler for services to be paid for delivering the innovation.",
    ),
    S(
        43,
        "Make training dynamic",
        TRAIN,
        "Make training active and varied, with simulation, case discussion and practice, suited to how adults learn.",
    ),
    S(
        44,
        "Mandate change",
        INFRASTRUCTURE,
        "Leaders formally require the innovation, for example in policy, and make clear that it is a priority.",
    ),
    S(
        45,
        "Model and simulate change",
        RELATIONSHIPS,
        "Show or rehearse the change, with simulation, role play or modelling, before it is used for real.",
    ),
    S(
        46,
        "Obtain and use patients/consumers and family feedback",
        EVALUATIVE,
        "Ask children and families what they think of the innovation and its implementation, and act on what they say.",
    ),
    S(
        47,
        "Obtain formal commitments",
        RELATIONSHIPS,
        "Get written agreements from partners that say what each will do to support the implementation.",
    ),
    S(
        48,
        "Organize clinician implementation team meetings",
        RELATIONSHIPS,
        "Hold regular meetings for the staff making the change, to reflect, share lessons and support each other.",
    ),
    S(
        49,
        "Place innovation on fee for service lists/formularies",
        FINANCIAL,
        "Get the innovation added to formularies or lists of approved and priced services, so that it can be paid for.",
    ),
    S(
        50,
        "Prepare patients/consumers to be active participants",
        CONSUMERS,
        "Help children and families to ask questions and to take an active part in care that uses the innovation.",
    ),
    S(
        51,
        "Promote adaptability",
        TAILOR,
        "Make clear which parts of the innovation must stay the same and which can be adjusted to fit local needs.",
    ),
    S(
        52,
        "Promote network weaving",
        RELATIONSHIPS,
        "Build and strengthen links between people and groups, within and across organisations, so that "
        "information and help flow.",
    ),
    S(
        53,
        "Provide clinical supervision",
        ASSISTANCE,
        "Give staff regular supervision from someone experienced in the innovation, focused on delivering it well.",
    ),
    S(
        54,
        "Provide local technical assistance",
        ASSISTANCE,
        "Give practical, hands-on help with the implementation from people on or near the site.",
    ),
    S(
        55,
        "Provide ongoing consultation",
        TRAIN,
        "Give staff continued access to expert advice as they start, and keep on, using the innovation.",
    ),
    S(
        56,
        "Purposely reexamine the implementation",
        EVALUATIVE,
        "Step back regularly to review how the implementation is going, and change course when needed.",
    ),
    S(
        57,
        "Recruit, designate, and train for leadership",
        RELATIONSHIPS,
        "Appoint people to lead the change and train them to lead it well.",
    ),
    S(
        58,
        "Remind clinicians",
        CLINICIANS,
        "Use prompts, such as alerts in the record, posters or checklists, to remind staff to use the "
        "innovation at the right moment.",
    ),
    S(
        59,
        "Revise professional roles",
        CLINICIANS,
        "Change who does what, so that each task of the innovation sits with the right people and roles are clear.",
    ),
    S(
        60,
        "Shadow other experts",
        TRAIN,
        "Staff spend time with experienced users of the innovation, watching and learning how they do it.",
    ),
    S(
        61,
        "Stage implementation scale up",
        EVALUATIVE,
        "Start in a few places, then use what you learn there to spread the innovation in planned stages.",
    ),
    S(
        62,
        "Start a dissemination organization",
        INFRASTRUCTURE,
        "Set up an organisation, or a part of one, whose job is to spread the innovation to other sites.",
    ),
    S(
        63,
        "Tailor strategies",
        TAILOR,
        "Pick and adjust the implementation strategies to match the local barriers and facilitators you found.",
    ),
    S(
        64,
        "Use advisory boards and workgroups",
        RELATIONSHIPS,
        "Set up a group of people with a stake in the innovation to advise on and steer the implementation.",
    ),
    S(
        65,
        "Use an implementation advisor",
        RELATIONSHIPS,
        "Seek guidance from someone with expertise in implementation.",
    ),
    S(
        66,
        "Use capitated payments",
        FINANCIAL,
        "Pay services a fixed amount for each patient, which can make it easier to fund the innovation.",
    ),
    S(
        67,
        "Use data experts",
        TAILOR,
        "Bring in people skilled in handling and analysing data to help manage and use data about the implementation.",
    ),
    S(
        68,
        "Use data warehousing techniques",
        TAILOR,
        "Bring data from different systems together, so that it can be used to monitor and guide the implementation.",
    ),
    S(
        69,
        "Use mass media",
        CONSUMERS,
        "Use newspapers, radio, television or social media to reach many people with messages about the innovation.",
    ),
    S(
        70,
        "Use other payment schemes",
        FINANCIAL,
        "Use other ways of paying, such as payment for quality or outcomes, to encourage the innovation.",
    ),
    S(
        71,
        "Use train-the-trainer strategies",
        TRAIN,
        "Train some staff to be trainers, who then train their colleagues.",
    ),
    S(
        72,
        "Visit other sites",
        RELATIONSHIPS,
        "Visit units that already use the innovation well, to see how they do it and learn from them.",
    ),
    S(
        73,
        "Work with educational institutions",
        TRAIN,
        "Work with universities and colleges so that the innovation is taught on their courses.",
    ),
)

#: Strategy number by published name, so other data (the barrier mapping) can name strategies readably.
NUMBER_BY_NAME: dict[str, int] = {strategy.name: strategy.number for strategy in STRATEGIES}
