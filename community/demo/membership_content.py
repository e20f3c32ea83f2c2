"""Words for the membership demo: illustrative organisations, members and applications.

Every person and organisation here is invented for the demo (the e-mail domain is reserved for
tests and never delivers mail). Organisations not listed here come from home/demo_content.py.
"""

DOMAIN = "demo.implementation-hub.test"

#: Who approves the demo applications.
DECIDER_EMAIL = f"lead@{DOMAIN}"

#: Illustrative organisations added by the membership demo: (name, kind, region), all verified.
ORGANISATIONS = [
    ("Severnside Children's Hospital NHS Trust", "nhs_trust", "south_west"),
    ("Glanrhyd Children's Hospital Paediatric Critical Care Unit", "picu", "wales"),
    ("Midlands Paediatric Critical Care Network", "network", "midlands"),
    ("Families in PICU (illustrative charity)", "charity", "midlands"),
]

#: Why the six demo accounts joined (keyed by e-mail address); all agree to be listed.
ACCOUNT_REASONS = {
    f"learner@{DOMAIN}": (
        "I am a staff nurse on PICU and want to learn how other units recognise sepsis early, "
        "and share what our unit has tried with the sepsis screening tool."
    ),
    f"researcher@{DOMAIN}": (
        "I am planning a sedation study across several units and would like to meet nurses and "
        "pharmacists who could help shape it."
    ),
    f"mentor@{DOMAIN}": "To support clinical teams with implementation science and meet colleagues across the UK.",
    f"lead@{DOMAIN}": "I help run the community and want to be listed so members can find me.",
    f"editor@{DOMAIN}": "To hear what members need from our courses and to share physiotherapy education resources.",
    f"moderator@{DOMAIN}": "To connect with other paediatric critical-care pharmacists about medicines safety work.",
}

#: Illustrative members, approved through the services. E-mail: firstname.lastname@DOMAIN.
MEMBERS = [
    {
        "first_name": "Chloe",
        "last_name": "Bennett",
        "professional_group": "nurse",
        "job_title": "Sepsis practice educator",
        "organisation": "Severnside Children's Hospital NHS Trust",
        "works_at_bedside": True,
        "research_experience": "some",
        "interests": ["sepsis", "early warning scores", "education"],
        "listed": True,
        "reason": "We are rolling out a new paediatric sepsis pathway and want to learn from units that already have.",
    },
    {
        "first_name": "Rhys",
        "last_name": "Pritchard",
        "professional_group": "doctor",
        "job_title": "Consultant in paediatric intensive care",
        "organisation": "Glanrhyd Children's Hospital Paediatric Critical Care Unit",
        "works_at_bedside": True,
        "research_experience": "experienced",
        "interests": ["sepsis", "audit", "fluid resuscitation"],
        "listed": True,
        "reason": "Our unit leads the regional sepsis audit; I would like to compare notes with other units.",
    },
    {
        "first_name": "Aisha",
        "last_name": "Rahman",
        "professional_group": "nurse",
        "job_title": "Outreach sister, paediatric critical care",
        "organisation": "Northfield Children's Hospital NHS Foundation Trust",
        "works_at_bedside": True,
        "research_experience": "some",
        "interests": ["early warning scores", "deterioration", "family involvement"],
        "listed": True,
        "reason": "I run our outreach team and want to share how we involve parents in spotting deterioration.",
    },
    {
        "first_name": "Graham",
        "last_name": "Doyle",
        "professional_group": "ahp",
        "job_title": "Advanced practitioner, critical care transport",
        "organisation": "Pennine Children's Transport Service",
        "works_at_bedside": True,
        "research_experience": "none",
        "interests": ["transport", "early warning scores"],
        "listed": True,
        "reason": "Transport teams see every unit's handover; I would like to help improve referral calls.",
    },
    {
        "first_name": "Megan",
        "last_name": "Hughes",
        "professional_group": "non_clinical",
        "job_title": "Clinical audit facilitator",
        "organisation": "Glanrhyd Children's Hospital Paediatric Critical Care Unit",
        "works_at_bedside": False,
        "research_experience": "some",
        "interests": ["audit", "data quality"],
        "listed": True,
        "reason": "I collect our unit's audit data and want to learn how other units use theirs for improvement.",
    },
    {
        "first_name": "Oluwaseun",
        "last_name": "Adeyemi",
        "professional_group": "pharmacist",
        "job_title": "Specialist pharmacist, PICU",
        "organisation": "St Aidan's Paediatric Intensive Care Unit",
        "works_at_bedside": False,
        "research_experience": "some",
        "interests": ["sepsis", "antimicrobial stewardship"],
        "listed": True,
        "reason": "Time to first antibiotic is a shared problem: I would like to work on it with nurses and doctors.",
    },
    {
        "first_name": "Sarah",
        "last_name": "Whitfield",
        "professional_group": "manager",
        "job_title": "Matron, paediatric critical care",
        "organisation": "Midlands Paediatric Critical Care Network",
        "works_at_bedside": False,
        "research_experience": "none",
        "interests": ["family involvement", "staff wellbeing"],
        "listed": True,
        "reason": "Our network is starting a family involvement project and wants to learn from others.",
    },
    {
        "first_name": "Joanne",
        "last_name": "Carter",
        "professional_group": "non_clinical",
        "job_title": "Parent representative",
        "organisation": "Families in PICU (illustrative charity)",
        "works_at_bedside": False,
        "research_experience": "none",
        "interests": ["family involvement", "communication"],
        "listed": True,
        "reason": "Our son spent five weeks in PICU. I want families' voices heard when units change how they work.",
    },
    {
        "first_name": "Iain",
        "last_name": "Fraser",
        "professional_group": "doctor",
        "job_title": "Paediatric intensive care registrar",
        "organisation": "Royal Caledonian Hospital for Children",
        "works_at_bedside": True,
        "research_experience": "some",
        "interests": ["early warning scores", "audit", "quality improvement"],
        "listed": True,
        "reason": "I am leading a quality improvement project on our early warning score and want feedback.",
    },
    {
        "first_name": "Harriet",
        "last_name": "Lowe",
        "professional_group": "researcher",
        "job_title": "Research fellow in implementation science",
        "organisation": "University of Eastbridge, School of Health Sciences",
        "works_at_bedside": False,
        "research_experience": "experienced",
        "interests": ["implementation science", "family involvement"],
        "listed": True,
        "reason": "I study how families take part in PICU care and want to work with clinical teams.",
    },
    {
        "first_name": "Tomasz",
        "last_name": "Nowak",
        "professional_group": "nurse",
        "job_title": "Charge nurse, PICU",
        "organisation": "Severnside Children's Hospital NHS Trust",
        "works_at_bedside": True,
        "research_experience": "none",
        "interests": ["sepsis", "sedation"],
        "listed": False,
        "reason": "I would like to read the discussions and learn; I am new to improvement work.",
    },
    {
        "first_name": "Kirsty",
        "last_name": "Bell",
        "professional_group": "non_clinical",
        "job_title": "Data manager, PICANet returns",
        "organisation": "Northfield Children's Hospital NHS Foundation Trust",
        "works_at_bedside": False,
        "research_experience": "some",
        "interests": ["audit", "data quality"],
        "listed": True,
        "reason": "I send our unit's monthly data returns and would like to help others do the same.",
    },
    {
        "first_name": "Samuel",
        "last_name": "Okoro",
        "professional_group": "ahp",
        "job_title": "Clinical specialist physiotherapist",
        "organisation": "Midlands Paediatric Critical Care Network",
        "works_at_bedside": True,
        "research_experience": "some",
        "interests": ["early mobilisation", "family involvement"],
        "listed": True,
        "reason": "Early mobilisation in PICU needs the whole team; I want to share what has worked for us.",
    },
    {
        "first_name": "Laura",
        "last_name": "Jenkins",
        "professional_group": "other",
        "job_title": "Play specialist",
        "organisation": "St Aidan's Paediatric Intensive Care Unit",
        "works_at_bedside": True,
        "research_experience": "none",
        "interests": ["family involvement", "communication"],
        "listed": False,
        "reason": "Play and preparation matter for children in PICU; I want to be part of the conversation.",
    },
]

#: Illustrative applications still waiting for a group lead.
PENDING = [
    {
        "first_name": "Bethan",
        "last_name": "Morgan",
        "professional_group": "nurse",
        "job_title": "Staff nurse, paediatric high dependency",
        "organisation": "Glanrhyd Children's Hospital Paediatric Critical Care Unit",
        "consent": True,
        "reason": "I have just moved to high dependency and want to learn about recognising sepsis early.",
    },
    {
        "first_name": "Marcus",
        "last_name": "Reid",
        "professional_group": "manager",
        "job_title": "Service manager, children's critical care",
        "organisation": "Severnside Children's Hospital NHS Trust",
        "consent": False,
        "reason": "We are redesigning our unit's family facilities and would like to hear from other units.",
    },
]

#: An illustrative application a group lead declined, with the note sent to the applicant.
DECLINED = [
    {
        "first_name": "Neil",
        "last_name": "Parker",
        "professional_group": "other",
        "job_title": "Account manager, medical devices",
        "organisation": "Brightline Medical Devices Ltd (illustrative)",
        "consent": True,
        "reason": "I would like to tell units about our new monitoring product.",
        "note": (
            "Thank you for applying. The community is for people working in or with paediatric critical care "
            "services, and the directory may not be used for marketing, so we cannot approve this application."
        ),
    },
]
