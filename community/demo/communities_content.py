"""Words for the demo communities, news and the paediatric sepsis care bundle.

Illustrative only: the people, meetings and news are invented; the guidance named in the care bundle
is real and well known, cited by name (check the current versions before any clinical use).
"""

COMMUNITY_INDEX = {
    "title": "Communities",
    "slug": "communities",
    "intro": (
        "<p>Communities of practice bring together people working on the same problem in different units, "
        "so that nobody has to solve it alone. Join one to take part in its discussions, or follow it to "
        "hear of its meetings. (Demo content: illustrative.)</p>"
    ),
}

COMMUNITIES = [
    {
        "slug": "paediatric-sepsis",
        "title": "Paediatric Sepsis",
        "summary": (
            "A network of clinicians improving the recognition and treatment of sepsis in children, "
            "sharing guidelines, training and escalation pathways across units."
        ),
        "purpose": (
            "<p>Many of us started out working on sepsis alone in our own hospitals: a consultant here, a "
            "practice educator there, each rewriting the same escalation pathway in a silo and feeling "
            "isolated. This community turned those separate efforts into a network.</p>"
            "<p>Together we:</p>"
            "<ul>"
            "<li>share guidelines, training material and escalation pathways, so no unit starts from a blank page;</li>"
            "<li>survey our members to learn where practice differs and what gets in the way;</li>"
            "<li>build a care bundle for each stage of the pathway, from recognition to learning from incidents;</li>"
            "<li>collect the same data from many sites, so that we can see whether the bundle makes a difference.</li>"
            "</ul>"
            "<p>Nurses, doctors, allied health professionals, pharmacists and managers are all welcome.</p>"
        ),
    },
    {
        "slug": "implementation-group",
        "title": "Implementation Group",
        "summary": (
            "For everyone putting evidence into practice in paediatric critical care: we meet at least "
            "four times a year to share what worked, what did not and why."
        ),
        "purpose": (
            "<p>The Implementation Group is open to every paediatric critical care professional, clinical or "
            "not: bedside nurses, consultants, allied health professionals, pharmacists, researchers, managers "
            "and data analysts.</p>"
            "<p>We meet at least four times a year, in person and online. Each meeting pairs a project that is "
            "under way with an implementation science method (a framework, a strategy, an evaluation design) "
            "and leaves time for members to bring their own problems.</p>"
        ),
    },
]

# Who leads which community (looked up by e-mail; skipped when the account does not exist).
LEADS = [
    ("lead@demo.implementation-hub.test", "paediatric-sepsis", "Network lead"),
    ("researcher@demo.implementation-hub.test", "paediatric-sepsis", "Clinical lead"),
    ("lead@demo.implementation-hub.test", "implementation-group", "Chair"),
]

# Which demo accounts join which communities (only those with a membership of the community of practice).
JOINS = {
    "learner@demo.implementation-hub.test": ["paediatric-sepsis"],
    "researcher@demo.implementation-hub.test": ["paediatric-sepsis", "implementation-group"],
    "mentor@demo.implementation-hub.test": ["implementation-group"],
    "lead@demo.implementation-hub.test": ["paediatric-sepsis", "implementation-group"],
    "editor@demo.implementation-hub.test": ["implementation-group"],
    "moderator@demo.implementation-hub.test": [],
}
# The other demo members (those the membership demo adds) join the sepsis community if sepsis is
# among their interests, the implementation group otherwise.
DEMO_DOMAIN = "demo.implementation-hub.test"
INTEREST = "sepsis"
INTEREST_COMMUNITY = "paediatric-sepsis"
OTHER_COMMUNITY = "implementation-group"

# Who follows a community without joining it.
FOLLOWS = {
    "moderator@demo.implementation-hub.test": ["paediatric-sepsis"],
    "learner@demo.implementation-hub.test": ["implementation-group"],
}

NEWS_INDEX = {
    "title": "News",
    "slug": "news",
    "intro": (
        "<p>Guidance, meeting reports, calls for collaborators and news of partner groups. "
        "(Demo content: illustrative.)</p>"
    ),
}

# News items: dated `days_ago` before the demo is first built; `community` is a slug or None.
NEWS = [
    {
        "slug": "sepsis-bundle-first-draft",
        "title": "First draft of the paediatric sepsis care bundle open for comment",
        "days_ago": 6,
        "category": "guidance",
        "community": "paediatric-sepsis",
        "summary": (
            "The sepsis community has drafted a care bundle for each stage of the pathway, from recognition "
            "to learning from incidents. Members have four weeks to comment."
        ),
        "body": [
            (
                "paragraph",
                "<p>Over the last six months, members from units across the country compared their sepsis "
                "pathways and agreed a common bundle for each stage: recognition, escalation, treatment, "
                "de-escalation and learning from incidents.</p>"
                "<p>Each intervention names the guidance behind it. Please read the draft and comment in the "
                "community's discussions before the next meeting.</p>",
            ),
        ],
    },
    {
        "slug": "spring-meeting-report",
        "title": "Meeting report: sustaining change after the project team moves on",
        "days_ago": 24,
        "category": "meeting_report",
        "community": "implementation-group",
        "summary": (
            "Forty members met online to discuss how improvements last once the project ends. Slides and "
            "notes are on the meeting's page."
        ),
        "body": [
            (
                "paragraph",
                "<p>Three units described what happened a year after their projects ended: what lasted, what "
                "slipped back and why. The discussion kept returning to ownership at ward level, refresher "
                "training for new starters, and light-touch audit.</p>",
            ),
            ("heading", "What we agreed to try"),
            (
                "paragraph",
                "<ul><li>Name a local owner for every change before the project team leaves.</li>"
                "<li>Build refresher sessions into induction for new staff.</li>"
                "<li>Keep one simple measure going, reviewed monthly.</li></ul>",
            ),
        ],
    },
    {
        "slug": "call-for-sites-sepsis-data",
        "title": "Call for collaborators: sites wanted for the sepsis data collection",
        "days_ago": 41,
        "category": "collaborators",
        "community": "paediatric-sepsis",
        "summary": (
            "We are looking for paediatric intensive care units and general paediatric wards to collect a "
            "small, shared set of sepsis measures each month."
        ),
        "body": [
            (
                "paragraph",
                "<p>Comparing our pathways is a start; seeing whether they change care needs data. We are "
                "inviting sites to return a short monthly data set (time to recognition, time to antibiotics, "
                "escalations) using one shared definition.</p>"
                "<p>If your unit would like to take part, say so in the community's discussions or contact a "
                "community lead.</p>",
            ),
        ],
    },
    {
        "slug": "partner-network-australia-new-zealand",
        "title": "Partner groups: sharing notes with colleagues in Australia and New Zealand",
        "days_ago": 63,
        "category": "partners",
        "community": None,
        "summary": (
            "Members of a paediatric critical care network in Australia and New Zealand joined our meeting to "
            "compare how each network supports local implementation."
        ),
        "body": [
            (
                "paragraph",
                "<p>Despite different health systems, both networks face the same questions: how to spread "
                "a change beyond the units that designed it, and how to keep it going. We agreed to swap "
                "materials and hold a joint online session next year.</p>",
            ),
        ],
    },
    {
        "slug": "nice-sepsis-guidance-reminder",
        "title": "New guidance summary: recognising sepsis in children",
        "days_ago": 88,
        "category": "guidance",
        "community": "paediatric-sepsis",
        "summary": (
            "A one-page summary of national guidance on recognising and managing suspected sepsis in children, "
            "prepared by the community for ward teaching."
        ),
        "body": [
            (
                "paragraph",
                "<p>The summary draws on NICE guideline NG51 (Sepsis: recognition, diagnosis and early "
                "management) and the Surviving Sepsis Campaign international guidelines for children (2020). "
                "It is meant for teaching, not as a substitute for your local policy.</p>",
            ),
        ],
    },
    {
        "slug": "welcome-to-the-hub-communities",
        "title": "Communities of practice open on the Implementation Hub",
        "days_ago": 120,
        "category": "announcement",
        "community": None,
        "summary": (
            "Members can now join communities of practice, follow their meetings and share resources with "
            "colleagues in other units."
        ),
        "body": [
            (
                "paragraph",
                "<p>The first two communities are Paediatric Sepsis and the Implementation Group. Membership "
                "of the community of practice is free for anyone working in or with paediatric critical care.</p>",
            ),
        ],
    },
]

CARE_BUNDLE = {
    "slug": "sepsis-care-bundle",
    "title": "Paediatric sepsis care bundle",
    "summary": (
        "Standardised interventions for each stage of the sepsis pathway in children, with the evidence behind them."
    ),
    "intro": (
        "<p>A draft agreed by the Paediatric Sepsis community. Each stage lists what every unit aims to do and "
        "the guidance it comes from. Illustrative demo content: follow your local policy.</p>"
    ),
    "stages": [
        {
            "name": "Recognition",
            "description": "<p>Spotting the child who may have sepsis, at triage and on the ward.</p>",
            "interventions": [
                {
                    "title": "Screen every unwell child with suspected infection for sepsis",
                    "detail": "<p>Use an age-appropriate early warning score and a sepsis screening tool at triage "
                    "and whenever observations are taken.</p>",
                    "evidence_level": "guideline",
                    "evidence": "<p>NICE guideline NG51, Sepsis: recognition, diagnosis and early management.</p>",
                },
                {
                    "title": "Listen to parents' and carers' concerns",
                    "detail": "<p>A parent saying their child is \u201cnot themselves\u201d is a reason to review.</p>",
                    "evidence_level": "guideline",
                    "evidence": "<p>NICE guideline NG51; the Paediatric Early Warning System (PEWS) programme "
                    "in England.</p>",
                },
                {
                    "title": "Record a time of recognition",
                    "detail": "<p>Every later step of the bundle is timed from this moment.</p>",
                    "evidence_level": "consensus",
                    "evidence": "<p>Agreed by the community to make the pathway measurable.</p>",
                },
            ],
        },
        {
            "name": "Escalation",
            "description": "<p>Getting the right senior help quickly.</p>",
            "interventions": [
                {
                    "title": "Escalate to a senior clinician using a structured handover",
                    "detail": "<p>Use SBAR (situation, background, assessment, recommendation).</p>",
                    "evidence_level": "guideline",
                    "evidence": "<p>NICE guideline NG51.</p>",
                },
                {
                    "title": "Contact the regional paediatric critical care transport service early",
                    "detail": "<p>For a child who is not responding to initial treatment.</p>",
                    "evidence_level": "consensus",
                    "evidence": "<p>Paediatric Critical Care Society quality standards.</p>",
                },
            ],
        },
        {
            "name": "Treatment",
            "description": "<p>The first hour.</p>",
            "interventions": [
                {
                    "title": "Give broad-spectrum antibiotics within one hour of recognition",
                    "detail": "<p>Take blood cultures first if it does not delay antibiotics.</p>",
                    "evidence_level": "guideline",
                    "evidence": "<p>Surviving Sepsis Campaign international guidelines for the management of "
                    "septic shock and sepsis-associated organ dysfunction in children (2020); NICE guideline "
                    "NG51.</p>",
                },
                {
                    "title": "Give fluid boluses with reassessment after each one",
                    "detail": "<p>Small boluses, each followed by a check for fluid overload.</p>",
                    "evidence_level": "trial",
                    "evidence": "<p>Surviving Sepsis Campaign paediatric guidelines (2020), drawing on the "
                    "FEAST trial.</p>",
                },
                {
                    "title": "Measure lactate and repeat it",
                    "evidence_level": "guideline",
                    "evidence": "<p>Surviving Sepsis Campaign paediatric guidelines (2020).</p>",
                },
            ],
        },
        {
            "name": "De-escalation",
            "description": "<p>Stopping what is no longer needed.</p>",
            "interventions": [
                {
                    "title": "Review antibiotics at 48 to 72 hours",
                    "detail": "<p>Narrow or stop according to cultures and the child's progress.</p>",
                    "evidence_level": "guideline",
                    "evidence": "<p>UK Health Security Agency, Start Smart then Focus antimicrobial stewardship "
                    "toolkit.</p>",
                },
                {
                    "title": "Plan the step down from intensive care with the receiving ward",
                    "evidence_level": "consensus",
                    "evidence": "<p>Agreed by the community.</p>",
                },
            ],
        },
        {
            "name": "Learning from incidents",
            "description": "<p>Making each case count for the next child.</p>",
            "interventions": [
                {
                    "title": "Review every case of delayed recognition or treatment",
                    "detail": "<p>A short, blame-free review, shared with the community.</p>",
                    "evidence_level": "guideline",
                    "evidence": "<p>NHS England Patient Safety Incident Response Framework (PSIRF).</p>",
                },
                {
                    "title": "Feed back to the teams involved",
                    "evidence_level": "consensus",
                    "evidence": "<p>Agreed by the community.</p>",
                },
            ],
        },
    ],
}
