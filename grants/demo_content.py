"""The words of the demo funding calls, kept as data. Built by grants.demo (called by `load_demo`).

Illustrative only: the schemes are modelled on real UK funders' programmes, but the amounts,
rules and dates are made up, and dates are set relative to the day the demo is built.
"""

INDEX = {
    "title": "Funding calls",
    "slug": "funding",
    "intro": (
        "<p>Calls for research and implementation funding that suit projects from paediatric critical care. "
        "Each call links to the funder's own page: always check the funder's guidance before you apply. "
        "Our grant support team can help you shape an idea into a proposal.</p>"
    ),
}

# opens_in_days / closes_in_days are counted from the day the demo is built; negative is in the past.
CALLS = [
    {
        "title": "Research for Patient Benefit: spring competition (demo)",
        "slug": "research-for-patient-benefit-spring",
        "funder": "National Institute for Health and Care Research (NIHR)",
        "scheme": "Research for Patient Benefit (RfPB)",
        "summary": "Funding for regionally derived research that addresses an everyday challenge in NHS care, with clear benefit to patients within a few years of the study ending.",
        "eligibility": (
            "<ul><li>Led by a team based in an NHS or social care organisation in England, with an academic partner.</li>"
            "<li>Research questions that come from practice: for example, how bedside teams can adopt an existing guideline.</li>"
            "<li>Patient and public involvement from the design stage, including families of children who have been in intensive care.</li></ul>"
        ),
        "amount": "Up to £350,000 over up to three years",
        "opens_in_days": -40,
        "closes_in_days": 20,
        "closes_time": "13:00",
        "link": "https://www.nihr.ac.uk/",
        "default_word_limit": 500,
    },
    {
        "title": "Health and Social Care Delivery Research: researcher-led call (demo)",
        "slug": "hsdr-researcher-led",
        "funder": "National Institute for Health and Care Research (NIHR)",
        "scheme": "Health and Social Care Delivery Research (HSDR)",
        "summary": "Research on how services are organised, staffed and delivered, including studies of how evidence-based practice is implemented and sustained across units.",
        "eligibility": (
            "<ul><li>Open to researchers in UK higher education, the NHS and other organisations able to host research.</li>"
            "<li>Studies about the delivery of care rather than the effectiveness of a treatment.</li>"
            "<li>Implementation studies should name the framework or theory they use and how they will measure fidelity and spread.</li></ul>"
        ),
        "amount": "Typically £250,000 to £1.5 million",
        "opens_in_days": 30,
        "closes_in_days": 100,
        "closes_time": "13:00",
        "link": "https://www.nihr.ac.uk/",
        "default_word_limit": 750,
    },
    {
        "title": "Children's hospital charity small grants: nurse and AHP-led projects (demo)",
        "slug": "childrens-hospital-charity-small-grants",
        "funder": "A children's hospital charity",
        "scheme": "Small grants for staff-led projects",
        "summary": "Small grants for nurses, allied health professionals and doctors in training to test an improvement or a small research question on their own ward or unit.",
        "eligibility": (
            "<ul><li>Staff employed by the hospital trust the charity supports, with their line manager's agreement.</li>"
            "<li>Projects that can report within 12 months.</li>"
            "<li>First-time applicants are welcome and can ask for a mentor from the research office.</li></ul>"
        ),
        "amount": "£2,000 to £15,000",
        "opens_in_days": -10,
        "closes_in_days": 45,
        "closes_time": "17:00",
        "link": "https://www.example.org/charity-small-grants",
        "default_word_limit": 300,
    },
    {
        "title": "Research for Patient Benefit: autumn competition (demo)",
        "slug": "research-for-patient-benefit-autumn",
        "funder": "National Institute for Health and Care Research (NIHR)",
        "scheme": "Research for Patient Benefit (RfPB)",
        "summary": "The previous round of the same scheme, kept for reference: its guidance shows what reviewers asked for last time.",
        "eligibility": (
            "<ul><li>As for the spring competition: NHS-led teams in England with an academic partner.</li>"
            "<li>Clear benefit to patients and a realistic plan for recruitment.</li></ul>"
        ),
        "amount": "Up to £350,000 over up to three years",
        "opens_in_days": -150,
        "closes_in_days": -60,
        "closes_time": "13:00",
        "link": "https://www.nihr.ac.uk/",
        "default_word_limit": 500,
    },
]
