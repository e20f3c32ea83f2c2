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

# Demo proposals, written by the demo accounts (emails as in home.demo_content.ACCOUNTS). Each is
# built through the services, so its timeline, versions and notifications are real. `state` is
# where the story ends; `mentor` is assigned by the demo group lead.
RESEARCHER = "researcher@demo.implementation-hub.test"
NURSE = "learner@demo.implementation-hub.test"
MENTOR = "mentor@demo.implementation-hub.test"
GROUP_LEAD = "lead@demo.implementation-hub.test"

PROPOSALS = [
    {
        "title": "Nurse-led sepsis screening in PICU: a hybrid implementation study of the Paediatric Sepsis Six",
        "lead": RESEARCHER,
        "co_applicants": [NURSE],
        "call": "research-for-patient-benefit-spring",
        "topics": ["sepsis", "CFIR", "hybrid trial design", "nursing"],
        "mentor": MENTOR,
        "state": "in_review",
        "sections": {
            "lay_summary": "Sepsis is when the body's response to an infection harms its own organs. Children in intensive care who develop sepsis do better when it is spotted and treated within the first hour. A screening checklist, the Paediatric Sepsis Six, already exists, but it is used unevenly at night and at weekends. We will help bedside nurses in four intensive care units use it every time, and find out which kinds of support make the biggest difference. Parents who have been through sepsis with their child helped us choose what to measure.",
            "research_question": "In children admitted to four UK paediatric intensive care units, does a nurse-led implementation package for the Paediatric Sepsis Six, compared with usual practice, increase the proportion of children with suspected sepsis who receive all six elements within one hour?",
            "background": "Sepsis remains a leading cause of death in children admitted to paediatric intensive care. National guidance recommends time-critical screening and treatment, and audit shows that adherence falls from around 80% on weekday days to under 50% overnight. Our pilot audit in two units found that the barriers were not knowledge but workload, unclear ownership of the screen, and alarm fatigue. Implementation research tells us that tailored strategies chosen against barriers work better than education alone.",
            "aims": "Aim: to increase reliable use of the Paediatric Sepsis Six in PICU.\nObjectives: 1. Map barriers and enablers in four units using CFIR 2.0. 2. Co-design a package of ERIC strategies matched to those barriers. 3. Measure adoption, fidelity and sustainment at 12 months. 4. Estimate the effect on time to antibiotics.",
            "methods": "A type 2 hybrid effectiveness-implementation study with a stepped-wedge design across four units over 18 months. Units cross from usual practice to the implementation package in random order every three months. Implementation outcomes follow Proctor's framework: adoption (screens started), fidelity (all six elements within the hour), and sustainment. The clinical outcome is time to first antibiotic dose. We will interview 30 staff and 12 parents to explain our results.",
            "ppi": "Four parents from the PICS family group shaped the question and chose time to antibiotics as the outcome that matters most to them. Two will sit on the study steering group, with paid time and training, and they will co-write the plain-English summary of the results.",
            "timeline": "Months 1–3: approvals and baseline audit. Months 4–15: stepped roll-out, one unit every three months. Months 16–18: sustainment audit, interviews, analysis and reporting.",
            "team": "Dr Tom Hartley (PICU consultant, chief investigator); Amira Okafor (staff nurse, nursing lead and co-applicant); a research nurse at 0.4 WTE; statistical support from the University of Eastbridge clinical trials unit.",
            "references": "Damschroder LJ, et al. The updated Consolidated Framework for Implementation Research (CFIR 2.0). Implement Sci 2022.\nProctor E, et al. Outcomes for implementation research. Adm Policy Ment Health 2011.\nPowell BJ, et al. A refined compilation of implementation strategies (ERIC). Implement Sci 2015.",
        },
        "budget": [
            (
                "staff",
                "Research nurse, 0.4 WTE for 18 months",
                "38500.00",
                "Runs the audits, supports the units through roll-out and collects outcome data.",
            ),
            (
                "backfill",
                "Backfill for nurse champions, 2 hours a week in four units",
                "21600.00",
                "Protected time for each unit's champion to run huddles and feedback.",
            ),
            (
                "ppi",
                "Parent advisers: time, travel and training",
                "3200.00",
                "Four parents at NIHR payment rates for eight meetings and training.",
            ),
            (
                "dissemination",
                "Open-access publication and a family-facing summary",
                "3000.00",
                "One open-access article and a printed summary for families and units.",
            ),
        ],
        "comments": [
            (
                "methods",
                "Four units over 18 months",
                "The stepped-wedge design is a good fit. Say how you will handle units that cannot start on their allotted step (e.g. winter pressures) and how that affects the analysis.",
            ),
            (
                "ppi",
                "",
                "Lovely to see parents on the steering group. Could you add how you will support them if the discussion is distressing?",
            ),
            (
                "budget",
                "",
                "The backfill line is well justified. Funders will expect a line for statistical support; is it in kind from the CTU?",
            ),
        ],
        "review": {
            "recommendation": "minor",
            "summary": "An important question with a strong, theory-led design. Tighten the analysis plan and the PPI support, and it will be competitive.",
            "scores": {
                "importance": (5, "Clear need, backed by audit data from practice."),
                "design": (4, "Hybrid type 2 with stepped wedge suits the question; the analysis plan needs detail."),
                "feasibility": (4, "Four engaged units; check the research nurse time is enough for four sites."),
                "ppi": (4, "Parents shaped the outcome; add support for distressing discussions."),
                "implementation": (5, "Barriers mapped with CFIR and strategies matched: exemplary."),
                "value": (4, "Modest cost for four units; add statistical support."),
            },
        },
    },
    {
        "title": "Family-integrated ward rounds in paediatric intensive care: a feasibility study",
        "lead": NURSE,
        "co_applicants": [],
        "call": "childrens-hospital-charity-small-grants",
        "topics": ["family-centred care", "nursing", "ward rounds"],
        "mentor": None,
        "state": "draft",
        "sections": {
            "lay_summary": "Parents tell us they want to be part of the daily discussion about their child's care in intensive care. Some units invite them to ward rounds, but many do not, and staff worry about time and confidentiality. We want to test whether inviting parents to the morning ward round is possible, acceptable to families and staff, and safe.",
            "research_question": "Is it feasible and acceptable to invite parents to the daily consultant-led ward round in a 16-bed PICU?",
            "background": "",
            "aims": "",
        },
        "budget": [],
        "comments": [],
        "review": None,
    },
    {
        "title": "Reducing unplanned extubation with a nurse-led airway safety bundle",
        "lead": RESEARCHER,
        "co_applicants": [],
        "call": "research-for-patient-benefit-autumn",
        "topics": ["airway", "quality improvement", "ERIC strategies"],
        "mentor": MENTOR,
        "state": "awarded",
        "amount_awarded": "48500.00",
        "sections": {
            "lay_summary": "Some children on a breathing machine lose their breathing tube by accident. Putting it back is risky. We will help nurses use a short safety checklist at every handover and after every move, and see whether fewer tubes come out by accident.",
            "research_question": "Does a nurse-led airway safety bundle reduce the rate of unplanned extubation per 100 ventilated days in two PICUs?",
            "background": "Unplanned extubation occurs at 1–3 per 100 ventilated days in UK PICUs and is linked to harm. Bundles work in neonatal units but have not been tested with PICU nurses.",
            "aims": "To implement and evaluate an airway safety bundle in two PICUs over 12 months.",
            "methods": "An interrupted time series with 12 months before and 12 months after implementation, with fidelity measured by audit.",
            "ppi": "Two parents reviewed the bundle and the information leaflet for families.",
            "timeline": "Months 1–2: set-up. Months 3–14: implementation and audit. Months 15–16: analysis.",
            "team": "Dr Tom Hartley (lead), two nurse champions, unit quality improvement leads.",
            "references": "Da Silva PS, et al. Unplanned extubation in pediatric critically ill patients. Pediatr Crit Care Med 2017.",
        },
        "budget": [
            ("staff", "Nurse champion time, two units", "36000.00", "Half a day a week in each unit for 12 months."),
            (
                "consumables",
                "Tube securing devices for the trial period",
                "8500.00",
                "Standardised securing devices across both units.",
            ),
            (
                "dissemination",
                "Conference and open-access publication",
                "4000.00",
                "Sharing results with the PICS network.",
            ),
        ],
        "comments": [],
        "review": None,
    },
]
