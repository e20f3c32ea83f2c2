"""The demo resource library's words, kept as data. Illustrative only: these resources are examples
written for the demo, not clinical guidance (each says so)."""

ILLUSTRATIVE = "Illustrative demo content: not for clinical use."

INDEX = {
    "title": "Resources",
    "slug": "resources",
    "intro": (
        "<p>Pathways, guideline summaries, training material, audit tools and posters shared by units "
        "across the network. Every resource is checked by a lead before it appears here. "
        "<i>The resources in this demo are illustrative.</i></p>"
    ),
}

#: Each resource: a `document` (a small PDF made for the demo: its lines of text) or a `link`.
#: `community` is a community page's slug (skipped if absent); `organisation` a demo organisation's name;
#: `review_in_days` is counted from the day the demo is built (negative: the review is overdue).
RESOURCES = [
    {
        "slug": "sepsis-recognition-and-escalation-pathway",
        "title": "Sepsis recognition and escalation pathway",
        "resource_type": "pathway",
        "summary": (
            "A one-page pathway for recognising sepsis in children on the ward and in the PICU, with the "
            "escalation steps and timings for the nurse in charge, the registrar and the outreach team."
        ),
        "body": (
            "<p>Developed with bedside nurses and trainees after a review of delayed escalations. "
            "Use alongside your unit's PEWS chart.</p><ul><li>Screening triggers</li>"
            "<li>Who to call, and by when</li><li>The first-hour bundle</li></ul>"
        ),
        "community": "paediatric-sepsis",
        "organisation": "Northfield Children's Hospital NHS Foundation Trust",
        "tags": ["sepsis", "escalation", "pathway"],
        "review_in_days": 240,
        "document": [
            "Sepsis recognition and escalation pathway",
            "1. Screen: any child with PEWS 3 or more, or a nurse or parent who is worried.",
            "2. Escalate: registrar review within 15 minutes; outreach if no review.",
            "3. Act: blood culture, lactate and antibiotics within the first hour.",
        ],
    },
    {
        "slug": "pews-training-slide-deck",
        "title": "PEWS training slide deck",
        "resource_type": "slides",
        "summary": (
            "Slides for a 45-minute teaching session on the paediatric early warning score: scoring, "
            "common pitfalls, escalation and documentation, with three short case studies."
        ),
        "body": "<p>Written for new starters and student nurses; the case studies work well in small groups.</p>",
        "community": "paediatric-sepsis",
        "organisation": "St Aidan's Paediatric Intensive Care Unit",
        "tags": ["PEWS", "training", "escalation"],
        "review_in_days": 400,
        "document": [
            "PEWS training: scoring, pitfalls and escalation",
            "Session plan: 10 minutes scoring, 15 minutes pitfalls, 20 minutes case studies.",
            "Case 1: a quiet toddler with a rising heart rate.",
        ],
    },
    {
        "slug": "time-to-antibiotics-audit-tool",
        "title": "Time-to-antibiotics audit tool",
        "resource_type": "audit_tool",
        "summary": (
            "A data collection form and instructions for auditing the time from sepsis recognition to the "
            "first antibiotic dose, with run-chart guidance for monthly feedback to the team."
        ),
        "body": "<p>Collect twenty consecutive cases a month. The form needs no patient identifiers.</p>",
        "community": "implementation-group",
        "organisation": "Southern Paediatric Critical Care Operational Delivery Network",
        "tags": ["sepsis", "audit", "antibiotics", "quality improvement"],
        "review_in_days": 180,
        "document": [
            "Time-to-antibiotics audit: data collection form",
            "Record: time of recognition, time of prescription, time of first dose.",
            "Plot the monthly median on a run chart and share it at the safety huddle.",
        ],
    },
    {
        "slug": "parent-information-poster-sepsis",
        "title": "Parent information poster: spotting sepsis",
        "resource_type": "poster",
        "summary": (
            "An A3 poster for wards and waiting areas telling parents and carers the signs of sepsis and "
            "encouraging them to tell a nurse if they are worried."
        ),
        "body": "<p>Tested with the unit's parent advisory group for plain language.</p>",
        "community": "paediatric-sepsis",
        "organisation": "Royal Caledonian Hospital for Children",
        "tags": ["sepsis", "family-centred care", "poster"],
        "review_in_days": -30,
        "document": [
            "Are you worried your child is getting sicker?",
            "Tell a nurse straight away if your child is breathing fast, is very sleepy,",
            "has mottled or pale skin, or feels abnormally cold to touch.",
        ],
    },
    {
        "slug": "nice-ng51-guideline-summary",
        "title": "Guideline summary: NICE NG51, sepsis",
        "resource_type": "guideline",
        "summary": (
            "The national guideline on recognising, diagnosing and managing suspected sepsis, with a "
            "two-page summary of what it means for children's services."
        ),
        "body": "<p>The link goes to the guideline itself; check it for the current recommendations.</p>",
        "community": "paediatric-sepsis",
        "organisation": "",
        "tags": ["sepsis", "guideline", "NICE"],
        "review_in_days": 365,
        "link": "https://www.nice.org.uk/guidance/ng51",
    },
    {
        "slug": "spotting-the-sick-child",
        "title": "Spotting the sick child",
        "resource_type": "training",
        "summary": (
            "A free online training resource with videos of children with serious illness, for staff who "
            "assess acutely unwell children."
        ),
        "body": "<p>Useful as pre-reading before simulation sessions.</p>",
        "community": "",
        "organisation": "",
        "tags": ["training", "recognition"],
        "review_in_days": 300,
        "link": "https://www.spottingthesickchild.com/",
    },
    {
        "slug": "implementation-planning-checklist",
        "title": "Implementation planning checklist",
        "resource_type": "other",
        "summary": (
            "A checklist for teams planning to introduce a new pathway: stakeholders, barriers, training, "
            "measures and how the change will be kept going after the project ends."
        ),
        "body": "<p>Based on the group's discussions of what helped changes last.</p>",
        "community": "implementation-group",
        "organisation": "University of Eastbridge, School of Health Sciences",
        "tags": ["implementation", "sustainability", "planning"],
        "review_in_days": 500,
        "document": [
            "Implementation planning checklist",
            "Who needs to be involved? What might get in the way? How will staff be trained?",
            "What will you measure, and who will keep it going when the project ends?",
        ],
    },
    {
        "slug": "picu-transfer-escalation-flowchart",
        "title": "Transfer escalation flowchart for district general hospitals",
        "resource_type": "pathway",
        "summary": (
            "When and how to contact the regional transport service about a child who may need intensive "
            "care, with the information to have ready for the call."
        ),
        "body": "<p>Agreed with the referring hospitals in the region.</p>",
        "community": "paediatric-sepsis",
        "organisation": "Pennine Children's Transport Service",
        "tags": ["transport", "escalation", "referral"],
        "review_in_days": 90,
        "document": [
            "Transfer escalation flowchart",
            "Call the transport service early: a conversation is not a commitment to transfer.",
            "Have ready: observations, blood gas, treatment given, and parents' contact details.",
        ],
    },
    {
        "slug": "sepsis-simulation-scenario-pack",
        "title": "Sepsis simulation scenario pack",
        "resource_type": "training",
        "summary": (
            "Three in-situ simulation scenarios on paediatric sepsis for multidisciplinary teams, with "
            "facilitator notes and debrief questions."
        ),
        "body": "<p>Each scenario runs in twenty minutes with a ten-minute debrief.</p>",
        "community": "paediatric-sepsis",
        "organisation": "St Aidan's Paediatric Intensive Care Unit",
        "tags": ["sepsis", "simulation", "training"],
        "review_in_days": 200,
        "document": [
            "Sepsis simulation scenario pack",
            "Scenario 1: an infant with fever and poor feeding on a general ward.",
            "Debrief: what made escalation easier or harder?",
        ],
    },
    {
        "slug": "rcpch-quality-improvement-resources",
        "title": "Quality improvement resources for child health",
        "resource_type": "other",
        "summary": (
            "The Royal College of Paediatrics and Child Health's collection of quality improvement "
            "guides and tools for teams starting an improvement project."
        ),
        "body": "<p>A good place to start before using the audit tools in this library.</p>",
        "community": "implementation-group",
        "organisation": "",
        "tags": ["quality improvement", "audit"],
        "review_in_days": 320,
        "link": "https://www.rcpch.ac.uk/",
    },
]

#: A resource the demo researcher has offered and a lead has not checked yet (with activity only).
PENDING_SUBMISSION = {
    "by": "researcher@demo.implementation-hub.test",
    "title": "Sedation weaning audit sheet",
    "resource_type": "audit_tool",
    "summary": (
        "A one-page sheet for auditing sedation weaning after extubation on the PICU, with the withdrawal "
        "score recorded every shift. Illustrative demo content."
    ),
    "community": "implementation-group",
    "organisation": "Northfield Children's Hospital NHS Foundation Trust",
    "tags": "sedation, audit, PICU",
    "review_in_days": 365,
    "filename": "sedation-weaning-audit.pdf",
    "document": [
        "Sedation weaning audit sheet",
        "Record the withdrawal assessment score every shift for five days after extubation.",
    ],
}
