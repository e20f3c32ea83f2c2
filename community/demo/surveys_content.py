"""Words for the demo survey: the Paediatric Sepsis network setting its priorities (illustrative only)."""

COMMUNITY_SLUG = "paediatric-sepsis"

SURVEY = {
    "title": "Setting our priorities for 2027",
    "slug": "priorities-2027",
    "intro": (
        "<p>Over the last two years the network has worked on recognising sepsis early on the ward and in the "
        "emergency department. Before the spring meeting, tell us where you think we should put our effort "
        "next. It takes about five minutes; your answers are seen only by the network's leads and the site's "
        "editors.</p><p><i>Illustrative demo survey: the questions and answers are made up.</i></p>"
    ),
    "thank_you_text": (
        "<p>The leads will present a summary of everyone's answers at the spring network meeting, and the "
        "priorities we agree will be posted in the community.</p>"
    ),
    "closes_in_days": 42,
    "closes_at": "17:00",
}

STAGES = [
    "Recognition (screening and early warning scores)",
    "Escalation and review by a senior clinician",
    "Antibiotics within the first hour",
    "Fluids and vasoactive drugs",
    "Transfer to paediatric critical care",
    "Follow-up after discharge",
]
BARRIERS = [
    "Staffing and skill mix",
    "Turnover of trained staff",
    "Time for training",
    "Access to senior review out of hours",
    "Paper and electronic records that do not talk to each other",
    "Getting audit data back to the bedside",
]
RESOURCES = [
    "Simulation scenarios",
    "A regional audit dashboard",
    "Template local guidelines",
    "Short e-learning modules",
    "Materials for parents and carers",
]
ROLES = ["Nurse", "Doctor", "Allied health professional", "Researcher or manager"]

QUESTIONS = [
    {
        "label": "Which stage of the sepsis pathway should the network work on next?",
        "field_type": "radio",
        "choices": "\n".join(STAGES),
        "required": True,
        "help_text": "Choose one.",
    },
    {
        "label": "What gets in the way of improving sepsis care in your unit?",
        "field_type": "checkboxes",
        "choices": "\n".join(BARRIERS),
        "required": False,
        "help_text": "Tick all that apply.",
    },
    {
        "label": "Which resources would help your unit most?",
        "field_type": "checkboxes",
        "choices": "\n".join(RESOURCES),
        "required": False,
        "help_text": "Tick all that apply.",
    },
    {
        "label": "How useful has the network been to your unit so far?",
        "field_type": "dropdown",
        "choices": "1\n2\n3\n4\n5",
        "required": True,
        "help_text": "1 is not useful at all, 5 is very useful.",
    },
    {
        "label": "Your professional group",
        "field_type": "radio",
        "choices": "\n".join(ROLES),
        "required": True,
        "help_text": "",
    },
    {
        "label": "Anything else the leads should know?",
        "field_type": "multiline",
        "choices": "",
        "required": False,
        "help_text": "For example a project already running in your unit that others could join.",
    },
]

# One set of answers per respondent, in the order the demo members are found; `days_ago` spreads the
# dates over the weeks the survey has been open. Keys are the questions' positions.
RESPONSES = [
    {
        "days_ago": 20,
        "answers": [
            STAGES[1],
            [BARRIERS[0], BARRIERS[3]],
            [RESOURCES[0], RESOURCES[2]],
            "4",
            ROLES[0],
            "Our night team often waits for a registrar; a clear escalation route would help most.",
        ],
    },
    {
        "days_ago": 19,
        "answers": [STAGES[2], [BARRIERS[4], BARRIERS[5]], [RESOURCES[1]], "3", ROLES[1], ""],
    },
    {
        "days_ago": 17,
        "answers": [
            STAGES[1],
            [BARRIERS[0], BARRIERS[1], BARRIERS[2]],
            [RESOURCES[0], RESOURCES[3]],
            "5",
            ROLES[0],
            "We have run three simulation days on escalation this year and are happy to share the scenarios.",
        ],
    },
    {
        "days_ago": 15,
        "answers": [STAGES[0], [BARRIERS[2]], [RESOURCES[3], RESOURCES[4]], "4", ROLES[2], ""],
    },
    {
        "days_ago": 12,
        "answers": [
            STAGES[5],
            [BARRIERS[5]],
            [RESOURCES[4]],
            "3",
            ROLES[3],
            "Families tell us nobody explains what happened after discharge. Follow-up clinics vary a lot.",
        ],
    },
    {
        "days_ago": 10,
        "answers": [STAGES[1], [BARRIERS[0], BARRIERS[3]], [RESOURCES[1], RESOURCES[2]], "5", ROLES[1], ""],
    },
    {
        "days_ago": 8,
        "answers": [
            STAGES[2],
            [BARRIERS[4]],
            [RESOURCES[1]],
            "2",
            ROLES[1],
            "Time to antibiotics is hard to measure with our current records.",
        ],
    },
    {
        "days_ago": 6,
        "answers": [STAGES[4], [BARRIERS[0]], [RESOURCES[0]], "4", ROLES[0], ""],
    },
    {
        "days_ago": 4,
        "answers": [
            STAGES[1],
            [BARRIERS[1], BARRIERS[2]],
            [RESOURCES[0], RESOURCES[3]],
            "4",
            ROLES[2],
            "Physiotherapists are rarely part of sepsis training; please include the whole team.",
        ],
    },
    {
        "days_ago": 3,
        "answers": [STAGES[0], [BARRIERS[5]], [RESOURCES[1], RESOURCES[4]], "3", ROLES[3], ""],
    },
    {
        "days_ago": 2,
        "answers": [STAGES[1], [BARRIERS[0], BARRIERS[4]], [RESOURCES[2]], "5", ROLES[0], ""],
    },
    {
        "days_ago": 1,
        "answers": [
            STAGES[3],
            [BARRIERS[3]],
            [RESOURCES[0]],
            "4",
            ROLES[1],
            "A shared regional fluid and inotrope guideline would save each unit writing its own.",
        ],
    },
]

#: Demo members are recognised by their e-mail domain (the six role accounts and the membership demo's).
DEMO_EMAIL_DOMAIN = "@demo.implementation-hub.test"
