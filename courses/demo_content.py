"""The words of the demo courses, kept as data. Built by courses.demo (called by `load_demo`)."""

INDEX = {
    "title": "Learning",
    "slug": "learning",
    "intro": (
        "<p>Short, self-paced modules on evidence-based care and the science of putting it into "
        "practice. Every lesson fits a break, your place is saved on any device, and each course "
        "gives you a CPD certificate you can take to appraisal or revalidation.</p>"
    ),
}

P = "paragraph"
H = "heading"
KEY = "key_point"
REF = "evidence"
REFLECT = "reflection_prompt"
CHECK = "check_understanding"


def ref(authors, title, journal, year, doi):
    return (REF, {"authors": authors, "title": title, "journal": journal, "year": year, "doi": doi})


def option(text, correct=False, feedback=""):
    return {"text": text, "is_correct": correct, "feedback": feedback}


def question(kind, text, options, explanation):
    return {"kind": kind, "question": text, "options": options, "explanation": explanation}


MORRIS = ref(
    "Morris ZS, Wooding S, Grant J",
    "The answer is 17 years, what is the question: understanding time lags in translational research",
    "Journal of the Royal Society of Medicine",
    2011,
    "10.1258/jrsm.2011.110180",
)
ECCLES = ref(
    "Eccles MP, Mittman BS",
    "Welcome to Implementation Science",
    "Implementation Science",
    2006,
    "10.1186/1748-5908-1-1",
)
CFIR = ref(
    "Damschroder LJ, Reardon CM, Widerquist MAO, Lowery J",
    "The updated Consolidated Framework for Implementation Research based on user feedback",
    "Implementation Science",
    2022,
    "10.1186/s13012-022-01245-0",
)
ERIC = ref(
    "Powell BJ, Waltz TJ, Chinman MJ, Damschroder LJ, Smith JL, Matthieu MM, Proctor EK, Kirchner JE",
    "A refined compilation of implementation strategies: results from the Expert Recommendations for "
    "Implementing Change (ERIC) project",
    "Implementation Science",
    2015,
    "10.1186/s13012-015-0209-1",
)
PROCTOR = ref(
    "Proctor E, Silmere H, Raghavan R, Hovmand P, Aarons G, Bunger A, Griffey R, Hensley M",
    "Outcomes for implementation research: conceptual distinctions, measurement challenges, and research agenda",
    "Administration and Policy in Mental Health and Mental Health Services Research",
    2011,
    "10.1007/s10488-010-0319-7",
)
REAIM = ref(
    "Glasgow RE, Vogt TM, Boles SM",
    "Evaluating the public health impact of health promotion interventions: the RE-AIM framework",
    "American Journal of Public Health",
    1999,
    "10.2105/AJPH.89.9.1322",
)
SSC = ref(
    "Weiss SL, Peters MJ, Alhazzani W, et al.",
    "Surviving Sepsis Campaign International Guidelines for the Management of Septic Shock and "
    "Sepsis-Associated Organ Dysfunction in Children",
    "Pediatric Critical Care Medicine",
    2020,
    "10.1097/PCC.0000000000002198",
)
NY_MANDATE = ref(
    "Evans IVR, Phillips GS, Alpern ER, et al.",
    "Association between the New York sepsis care mandate and in-hospital mortality for pediatric sepsis",
    "JAMA",
    2018,
    "10.1001/jama.2018.9071",
)
NPT = ref(
    "May C, Finch T",
    "Implementing, embedding, and integrating practices: an outline of normalization process theory",
    "Sociology",
    2009,
    "10.1177/0038038509103208",
)

COURSES = [
    {
        "slug": "introduction-to-implementation-science",
        "title": "Introduction to implementation science",
        "summary": (
            "Why proven care takes so long to reach children in intensive care, and the frameworks that "
            "help us close the gap: CFIR 2.0, the ERIC strategies, Proctor's outcomes and RE-AIM."
        ),
        "learning_outcomes": (
            "<ul><li>Explain what implementation science studies and how it differs from quality "
            "improvement and clinical research</li><li>Use the five CFIR 2.0 domains to name barriers "
            "on your own unit</li><li>Choose implementation strategies from the ERIC compilation to "
            "match those barriers</li><li>Tell implementation outcomes from clinical outcomes using "
            "Proctor's taxonomy</li><li>Plan an evaluation with RE-AIM</li></ul>"
        ),
        "audience": "Anyone working in paediatric critical care. No research experience needed.",
        "estimated_minutes": 40,
        "cpd_hours": "1.00",
        "topics": ["implementation science", "CFIR", "ERIC", "RE-AIM"],
        "course_by": "Implementation Hub education group, with members of the PICU research nurse network",
        "clinically_reviewed_by": "Dr Priya Raman, Professor of implementation science",
        "reviewed_on": "2026-03-02",
        "next_review_due": "2028-03-02",
        "lessons": [
            {
                "slug": "what-is-implementation-science",
                "title": "What implementation science is",
                "summary": "The evidence-to-practice gap and the science that studies it.",
                "minutes": 7,
                "body": [
                    (H, "The gap between knowing and doing"),
                    (
                        P,
                        "<p>A trial shows that a change in care saves lives. Years later, many children "
                        "still do not receive it. The time it takes for research to reach routine "
                        "practice is often quoted as seventeen years, and only some findings ever "
                        "arrive.</p>",
                    ),
                    MORRIS,
                    (
                        P,
                        "<p>Implementation science is the scientific study of methods that promote the "
                        "systematic uptake of research findings into routine practice. It asks not "
                        "<i>does this treatment work?</i> but <i>how do we get it used, well, by everyone "
                        "who should use it, and kept in use?</i></p>",
                    ),
                    ECCLES,
                    (
                        KEY,
                        {
                            "title": "Key point",
                            "text": "<p>Clinical research tests the intervention. Implementation research "
                            "tests the strategies used to get the intervention into practice.</p>",
                        },
                    ),
                    (
                        CHECK,
                        question(
                            "single",
                            "A study compares two ways of introducing an early warning score on a ward: "
                            "e-learning alone, or e-learning plus a bedside champion. What is it testing?",
                            [
                                option("The early warning score itself"),
                                option("Implementation strategies", True),
                                option("Staff satisfaction with e-learning"),
                            ],
                            "Both arms use the same score; what differs is how it is introduced, which "
                            "makes this implementation research.",
                        ),
                    ),
                    (
                        REFLECT,
                        {
                            "prompt": "Think of a change in practice on your unit that took longer than it should have. What got in the way?"
                        },
                    ),
                ],
            },
            {
                "slug": "cfir-domains",
                "title": "Naming barriers with CFIR 2.0",
                "summary": "The five domains of the Consolidated Framework for Implementation Research.",
                "minutes": 9,
                "body": [
                    (H, "Why a framework helps"),
                    (
                        P,
                        "<p>When a change stalls, teams often blame the first thing they notice. A "
                        "determinant framework makes you look everywhere. CFIR, updated in 2022, groups "
                        "the factors that help or hinder implementation into five domains.</p>",
                    ),
                    (
                        P,
                        "<ol><li><b>Innovation</b>: the thing being implemented, such as a sedation "
                        "protocol, and how it is seen: its evidence, its complexity, its cost.</li>"
                        "<li><b>Outer setting</b>: what surrounds the organisation: national guidance, "
                        "commissioning, networks and partnerships.</li><li><b>Inner setting</b>: the "
                        "unit and hospital: culture, staffing, competing priorities, readiness.</li>"
                        "<li><b>Individuals</b>: the people involved, in their roles, such as leaders, "
                        "bedside staff and families, and their capability, opportunity and motivation."
                        "</li><li><b>Implementation process</b>: how the change is planned, who is "
                        "engaged, how it is reflected on and adapted.</li></ol>",
                    ),
                    CFIR,
                    (
                        KEY,
                        {
                            "title": "On a PICU",
                            "text": "<p>A night-shift nurse who cannot find the new sedation score chart is "
                            "an inner-setting barrier (the available resources), not a lack of "
                            "motivation.</p>",
                        },
                    ),
                    (
                        CHECK,
                        question(
                            "single",
                            "A new national guideline requires a change to how units report sepsis. Which "
                            "CFIR 2.0 domain is this?",
                            [option("Inner setting"), option("Outer setting", True), option("Individuals")],
                            "Policies and guidance from outside the organisation belong to the outer setting.",
                        ),
                    ),
                    (
                        REFLECT,
                        {
                            "prompt": "List three barriers to a change you care about, and the CFIR domain each belongs to."
                        },
                    ),
                ],
            },
            {
                "slug": "choosing-strategies-eric",
                "title": "Choosing strategies from the ERIC compilation",
                "summary": "Seventy-three named strategies and how to match them to barriers.",
                "minutes": 8,
                "body": [
                    (H, "Strategies have names"),
                    (
                        P,
                        "<p>The Expert Recommendations for Implementing Change (ERIC) project gave "
                        "seventy-three implementation strategies precise names and definitions, from "
                        "<i>audit and provide feedback</i> and <i>identify and prepare champions</i> to "
                        "<i>change record systems</i> and <i>conduct educational outreach visits</i>.</p>",
                    ),
                    ERIC,
                    (
                        P,
                        '<p>Naming strategies precisely matters: "we did some teaching" cannot be '
                        'repeated or studied; "conduct ongoing training" and "provide local technical '
                        'assistance" can. Match each strategy to a barrier you have named with CFIR, and '
                        "prefer strategies that address the cause rather than the symptom.</p>",
                    ),
                    (
                        CHECK,
                        question(
                            "multiple",
                            "Your barrier is that staff do not know how often the sedation score is being "
                            "missed. Which ERIC strategies target it? Tick all that apply.",
                            [
                                option("Audit and provide feedback", True),
                                option("Develop and implement tools for quality monitoring", True),
                                option("Alter patient fees"),
                            ],
                            "Both audit and feedback and quality-monitoring tools make performance visible; "
                            "fees do not apply to this barrier.",
                        ),
                    ),
                ],
            },
            {
                "slug": "implementation-outcomes",
                "title": "Implementation outcomes (Proctor)",
                "summary": "Measuring whether the implementation worked, not only the treatment.",
                "minutes": 7,
                "body": [
                    (H, "Eight outcomes"),
                    (
                        P,
                        "<p>Proctor and colleagues distinguished implementation outcomes from service "
                        "and clinical outcomes: <b>acceptability</b>, <b>adoption</b>, "
                        "<b>appropriateness</b>, <b>feasibility</b>, <b>fidelity</b>, "
                        "<b>implementation cost</b>, <b>penetration</b> and <b>sustainability</b>.</p>",
                    ),
                    PROCTOR,
                    (
                        KEY,
                        {
                            "title": "Why it matters",
                            "text": "<p>If mortality does not fall, was the treatment ineffective, or was it "
                            "never delivered as intended? Measuring fidelity and penetration tells you "
                            "which.</p>",
                        },
                    ),
                    (
                        REFLECT,
                        {
                            "prompt": "Which implementation outcome would your unit find easiest to measure, and which the most useful?"
                        },
                    ),
                ],
            },
            {
                "slug": "evaluating-with-re-aim",
                "title": "Evaluating with RE-AIM",
                "summary": "Reach, effectiveness, adoption, implementation and maintenance.",
                "minutes": 9,
                "body": [
                    (H, "Five questions for any evaluation"),
                    (
                        P,
                        "<ul><li><b>Reach</b>: which children and families received it, and who was "
                        "missed?</li><li><b>Effectiveness</b>: did it improve outcomes, and did it cause "
                        "harm?</li><li><b>Adoption</b>: which units and staff took it up?</li><li><b>"
                        "Implementation</b>: was it delivered as intended, and at what cost?</li><li><b>"
                        "Maintenance</b>: is it still in use a year later?</li></ul>",
                    ),
                    REAIM,
                    (
                        P,
                        "<p>Normalisation Process Theory adds a useful lens on maintenance: practices "
                        "last when people make sense of them, commit to them, do the work and appraise "
                        "it together.</p>",
                    ),
                    NPT,
                ],
            },
        ],
        "check": {
            "intro": "Five questions. You need 80% to pass, and you can try as many times as you like.",
            "pass_mark": 80,
            "questions": [
                question(
                    "single",
                    "What does implementation science study?",
                    [
                        option("Whether a treatment works better than placebo", feedback="That is clinical research."),
                        option(
                            "Methods that promote the uptake of research findings into routine practice",
                            True,
                            "Right: the focus is how proven care gets used.",
                        ),
                        option("How to cut the cost of drugs", feedback="Cost can be an outcome, not the field."),
                    ],
                    "Implementation science studies the methods and strategies that get evidence used in routine care.",
                ),
                question(
                    "single",
                    "Staff shortages on night shifts stop a new checklist being used. Which CFIR 2.0 domain is this?",
                    [
                        option("Innovation", feedback="The checklist itself is not the problem here."),
                        option("Inner setting", True, "Staffing is a feature of the unit."),
                        option("Outer setting", feedback="Staffing on your own unit is inside the organisation."),
                    ],
                    "Available resources, including staffing, belong to the inner setting.",
                ),
                question(
                    "multiple",
                    "Which of these are implementation outcomes in Proctor's taxonomy? Tick all that apply.",
                    [
                        option("Fidelity", True, "Yes: delivered as intended."),
                        option("Penetration", True, "Yes: how widely it is used."),
                        option("Length of stay", feedback="That is a clinical or service outcome."),
                        option("Sustainability", True, "Yes: still in use over time."),
                    ],
                    "Fidelity, penetration and sustainability are implementation outcomes; length of stay is not.",
                ),
                question(
                    "true_false",
                    "The ERIC compilation gives implementation strategies standard names and definitions.",
                    [option("True", True, "Correct."), option("False", feedback="It names 73 strategies.")],
                    "ERIC named and defined 73 strategies so that they can be reported and repeated.",
                ),
                question(
                    "single",
                    "In RE-AIM, what does 'maintenance' ask?",
                    [
                        option("Whether equipment was serviced", feedback="Not in RE-AIM's sense."),
                        option("Whether the practice is still in use over time", True, "Right."),
                        option("How many children were reached", feedback="That is reach."),
                    ],
                    "Maintenance is about whether the change lasts, at the level of the setting and of individuals.",
                ),
            ],
        },
    },
    {
        "slug": "paediatric-sepsis-first-hour",
        "title": "Recognising and treating sepsis in children: the first hour",
        "summary": (
            "What the Surviving Sepsis Campaign's paediatric guidelines recommend, why time matters, and how "
            "units make the first hour reliable."
        ),
        "learning_outcomes": (
            "<ul><li>Summarise the key recommendations of the 2020 paediatric Surviving Sepsis Campaign "
            "guidelines</li><li>Explain the evidence that faster treatment bundles save lives</li>"
            "<li>Identify what makes the first hour unreliable on your unit</li></ul>"
        ),
        "audience": "Nurses, doctors and allied health professionals in PICU, HDU, ED and transport teams.",
        "estimated_minutes": 30,
        "cpd_hours": "0.75",
        "topics": ["sepsis", "evidence-based care"],
        "course_by": "Paediatric sepsis community of practice",
        "clinically_reviewed_by": "Dr Tom Hartley, PICU consultant",
        "reviewed_on": "2025-10-01",
        "next_review_due": "2026-10-01",
        "lessons": [
            {
                "slug": "what-the-guidelines-say",
                "title": "What the guidelines say",
                "summary": "The 2020 international paediatric guidelines in brief.",
                "minutes": 8,
                "body": [
                    (
                        P,
                        "<p>The Surviving Sepsis Campaign's 2020 paediatric guidelines made 77 "
                        "statements. Among the most important for the first hour: systematic "
                        "screening of acutely unwell children, blood cultures before antimicrobials when "
                        "this does not delay them, antimicrobials as soon as possible and within one "
                        "hour for children with septic shock, and careful fluid boluses guided by "
                        "reassessment.</p>",
                    ),
                    SSC,
                    (
                        KEY,
                        {
                            "title": "Key point",
                            "text": "<p>In septic shock, start antimicrobials within one hour of recognition.</p>",
                        },
                    ),
                ],
            },
            {
                "slug": "why-time-matters",
                "title": "Why time matters",
                "summary": "Evidence that completing a bundle quickly lowers mortality.",
                "minutes": 7,
                "body": [
                    (
                        P,
                        "<p>In New York State, where hospitals were required to follow a sepsis protocol, "
                        "children whose one-hour bundle (blood culture, broad-spectrum antibiotics and a "
                        "fluid bolus) was completed within an hour had lower risk-adjusted mortality than "
                        "those for whom it was not.</p>",
                    ),
                    NY_MANDATE,
                    (
                        CHECK,
                        question(
                            "true_false",
                            "Completing the bundle within an hour was associated with lower mortality in "
                            "the New York study.",
                            [option("True", True), option("False")],
                            "Yes: completion within one hour was associated with lower risk-adjusted mortality.",
                        ),
                    ),
                ],
            },
            {
                "slug": "recognition",
                "title": "Recognition on the ward and in the unit",
                "summary": "Screening, escalation and the role of families.",
                "minutes": 7,
                "body": [
                    (
                        P,
                        "<p>Children compensate until late. Screening tools, paediatric early warning "
                        "scores and listening to parents who say their child is not right all shorten "
                        "the time to recognition. Each unit should know who screens, when, and who is "
                        "called.</p>",
                    ),
                    (
                        REFLECT,
                        {
                            "prompt": "On your last shift, how long did it take from the first worry to the first antibiotic dose?"
                        },
                    ),
                ],
            },
            {
                "slug": "making-the-first-hour-reliable",
                "title": "Making the first hour reliable",
                "summary": "Where implementation science meets the sepsis bundle.",
                "minutes": 8,
                "body": [
                    (
                        P,
                        "<p>Knowing the bundle is not enough. Units that make the first hour reliable "
                        "use strategies with names: <i>audit and provide feedback</i> on time to "
                        "antibiotics, <i>remind clinicians</i> with a sepsis trolley and order set, and "
                        "<i>identify and prepare champions</i> on every shift.</p>",
                    ),
                    ERIC,
                ],
            },
        ],
        "check": {
            "intro": "Four questions. You need 75% to pass.",
            "pass_mark": 75,
            "questions": [
                question(
                    "single",
                    "For a child with septic shock, when should antimicrobials start?",
                    [
                        option("Within 1 hour of recognition", True, "Right."),
                        option(
                            "Within 3 hours", feedback="That is the window for sepsis without shock, in some cases."
                        ),
                        option("After the blood culture result", feedback="Never wait for the result."),
                    ],
                    "The guidelines recommend starting antimicrobials as soon as possible, within 1 hour, in septic shock.",
                ),
                question(
                    "true_false",
                    "Blood cultures should be taken before antimicrobials only if this does not substantially delay them.",
                    [
                        option("True", True, "Correct."),
                        option("False", feedback="Do not delay antibiotics for cultures."),
                    ],
                    "Cultures first, but never at the cost of a delay in treatment.",
                ),
                question(
                    "multiple",
                    "Which were in the New York one-hour bundle? Tick all that apply.",
                    [
                        option("Blood culture", True),
                        option("Broad-spectrum antibiotics", True),
                        option("Fluid bolus", True),
                        option("Chest X-ray", feedback="Not part of the bundle."),
                    ],
                    "The bundle was a blood culture, broad-spectrum antibiotics and a fluid bolus.",
                ),
                question(
                    "single",
                    "Weekly charts of time to antibiotics, shared with the team, are which ERIC strategy?",
                    [
                        option("Audit and provide feedback", True, "Right."),
                        option("Change physical structure", feedback="Nothing physical changes here."),
                        option("Mandate change", feedback="Nothing is mandated here."),
                    ],
                    "Measuring performance and sharing it with the team is audit and feedback.",
                ),
            ],
        },
    },
    {
        "slug": "planning-your-first-implementation-project",
        "title": "Planning your first implementation project",
        "summary": "Turn a barrier on your unit into a plan: strategies, outcomes and milestones.",
        "learning_outcomes": "<ul><li>Write a one-page implementation plan for a change on your unit</li></ul>",
        "audience": "Members who have completed the introduction and want to lead a change.",
        "estimated_minutes": 20,
        "cpd_hours": "0.50",
        "topics": ["implementation science", "planning"],
        "course_by": "Implementation Hub education group",
        "clinically_reviewed_by": "Dr Priya Raman, Professor of implementation science",
        "reviewed_on": "2026-05-11",
        "next_review_due": "2028-05-11",
        "prerequisites": ["introduction-to-implementation-science"],
        "lessons": [
            {
                "slug": "from-barrier-to-plan",
                "title": "From barrier to plan",
                "summary": "One page: the change, the barriers, the strategies, the outcomes.",
                "minutes": 10,
                "body": [
                    (
                        P,
                        "<p>A good plan fits on one page. Name the evidence-based practice, the two or "
                        "three barriers that matter most (with their CFIR domains), one strategy for each "
                        "(with its ERIC name), the implementation outcomes you will measure, and three "
                        "milestones with dates.</p>",
                    ),
                    (
                        REFLECT,
                        {
                            "prompt": "Draft the first line of your plan: what change, for which children, on which unit?"
                        },
                    ),
                ],
            },
            {
                "slug": "finding-support",
                "title": "Finding support and funding",
                "summary": "Where the Hub's grant support and mentors come in.",
                "minutes": 10,
                "body": [
                    (
                        P,
                        "<p>Members can draft implementation proposals against open funding calls in the "
                        "Hub's grant-support area, where an experienced mentor gives structured feedback. "
                        "Start small: a service evaluation with a clear implementation outcome is a "
                        "strong first project.</p>",
                    ),
                ],
            },
        ],
        "check": None,
    },
]

PATHWAY = {
    "title": "Implementation science foundations",
    "slug": "implementation-science-foundations",
    "description": "Start here: the ideas, then a clinical example, then your own plan.",
    "courses": [
        "introduction-to-implementation-science",
        "paediatric-sepsis-first-hour",
        "planning-your-first-implementation-project",
    ],
}

#: Demo progress: e-mail -> {course slug: "enrolled" | lessons done (int) | "failed" | "complete"}.
PROGRESS = {
    "learner@demo.implementation-hub.test": {"introduction-to-implementation-science": 2},
    "researcher@demo.implementation-hub.test": {
        "introduction-to-implementation-science": "complete",
        "paediatric-sepsis-first-hour": "failed",
    },
    "mentor@demo.implementation-hub.test": {
        "introduction-to-implementation-science": "complete",
        "paediatric-sepsis-first-hour": "complete",
    },
    "lead@demo.implementation-hub.test": {"paediatric-sepsis-first-hour": "enrolled"},
}
