"""The words of the demo site, kept as data. `manage.py load_demo` builds the site from them."""

HOME = {
    "title": "Implementation Hub",
    "hero_heading": "Proven care for every critically ill child, sooner",
    "hero_text": (
        "Good trials change what we know long before they change what happens at the bedside. "
        "Implementation Hub is where the UK paediatric critical-care community learns how to "
        "close that gap, and wins the funding to study it."
    ),
    "hero_cta_text": "Find out what we do",
    "intro": (
        "We are nurses, doctors, allied health professionals, pharmacists, researchers and "
        "managers from paediatric intensive care units, high-dependency units and transport "
        "services across the UK. Membership is open to everyone who works in paediatric "
        "critical care, clinical or not."
    ),
}

HOME_CALLOUT = {
    "title": "Why this matters",
    "text": (
        "<p>Evidence from a trial can take well over a decade to become routine care. For a child "
        "with septic shock or an acute lung injury, a decade is a long time. Implementation "
        "science studies why the gap exists and which strategies close it.</p>"
    ),
}

HOME_QUOTE = {
    "quote": (
        "I had never thought of myself as a researcher. The CFIR module took three breaks on a "
        "night shift, and by the end of the month our unit had a plan for the sedation bundle."
    ),
    "attribution": "Senior staff nurse, PICU",
}

#: Standard pages under the home page: slug, title, introduction, body paragraphs.
PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "introduction": (
            "A community of paediatric critical-care professionals working to get the results of "
            "research used at the bedside."
        ),
        "featured": True,
        "summary": "Our purpose, our aims and how the community is run.",
        "body": [
            ("heading", "Our purpose"),
            (
                "paragraph",
                "<p>Critically ill children are harmed when evidence from trials is slow to reach "
                "them. Implementation Hub exists to shorten that journey: to teach the science of "
                "implementation to the people who deliver care, and to help them win grants to "
                "study how new evidence is put into practice.</p>",
            ),
            ("heading", "Our aims"),
            (
                "paragraph",
                "<ul><li><b>Learning:</b> short, self-paced modules on evidence-based care and on "
                "implementation frameworks such as CFIR, the ERIC strategies, RE-AIM, Proctor's "
                "implementation outcomes and Normalisation Process Theory, written for a phone "
                "and a fifteen-minute break.</li><li><b>Grant support:</b> help to draft "
                "implementation proposals against open funding calls, with experienced mentors "
                "giving structured, confidential feedback.</li><li><b>Community:</b> meetings at "
                "least four times a year, shared resources, and communities of practice, such as "
                "paediatric sepsis, that run member surveys and collect data across sites.</li>"
                "</ul>",
            ),
            ("heading", "Who runs it"),
            (
                "paragraph",
                "<p>The Hub is run by its members. Group leads, elected for two years, organise "
                "meetings and match mentors to proposals; editors from the community write and "
                "review the learning modules, and every clinical module is reviewed by a "
                "clinician before it is published and again before its review date.</p>",
            ),
        ],
    },
    {
        "slug": "membership",
        "title": "Membership",
        "introduction": "Free and open to everyone who works in paediatric critical care in the UK.",
        "featured": True,
        "summary": "Who can join, what members get and how to sign up.",
        "body": [
            ("heading", "Who can join"),
            (
                "paragraph",
                "<p>Anyone who works in or with paediatric critical care: bedside nurses and "
                "healthcare assistants, doctors in training and consultants, physiotherapists, "
                "dietitians, pharmacists, psychologists, play specialists, transport teams, "
                "researchers, data managers and service managers. You do not need any research "
                "experience.</p>",
            ),
            ("heading", "What members get"),
            (
                "paragraph",
                "<ul><li>Every learning module, with progress saved across devices and CPD "
                "certificates you can share at appraisal.</li><li>Mentoring on grant proposals "
                "from members who have won and reviewed implementation grants.</li><li>Places at "
                "our quarterly meetings and in the communities of practice.</li></ul>",
            ),
            ("heading", "How to join"),
            (
                "paragraph",
                "<p>Create an account with your work or personal e-mail address, confirm it from "
                "the message we send, and tell us a little about your role: that is enough to take "
                "every learning module and to draft a grant proposal. To join the community of "
                "practice (its discussions, the members' directory, members' surveys and data "
                "collection), apply from your account: tell us your professional group, where you "
                "work and why you would like to join. A group lead reads every application, usually "
                "within a week, and we e-mail you the decision.</p>",
            ),
        ],
    },
    {
        "slug": "how-we-work",
        "title": "How we work",
        "introduction": "Learning, grant support and community, built around the realities of shift work.",
        "featured": True,
        "summary": "The three things the Hub does and how they fit together.",
        "body": [
            ("heading", "Learning that fits a break"),
            (
                "paragraph",
                "<p>Modules are split into lessons of five to ten minutes. You can stop at any "
                "point and pick up where you left off on any device. Knowledge checks can be "
                "retried as often as you like, and your best score counts.</p>",
            ),
            ("heading", "Grant support with a mentor"),
            (
                "paragraph",
                "<p>Researchers draft proposals against open funding calls together with their "
                "co-applicants. A mentor reads the draft and gives structured and in-line "
                "feedback. Drafts and feedback stay confidential to the applicants and their "
                "mentors.</p>",
            ),
            ("heading", "A community of practice"),
            (
                "paragraph",
                "<p>We meet at least four times a year, online and in person. Communities of "
                "practice, such as paediatric sepsis, agree shared questions, survey members and "
                "collect data across units.</p>",
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "introduction": "Questions about membership, the modules or grant support.",
        "featured": False,
        "body": [
            (
                "paragraph",
                "<p>E-mail the coordinating team at hello@implementation-hub.org.uk. We aim to "
                "answer within three working days. For anything about a specific grant proposal, "
                "please use the proposal's own page so that the conversation stays "
                "confidential.</p>",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy and cookies",
        "introduction": "What we keep about you, why, and the one cookie we set.",
        "featured": False,
        "body": [
            ("heading", "What we keep"),
            (
                "paragraph",
                "<p>Your name, e-mail address and the profile you give us (professional group, "
                "job title, organisation, research experience and interests), your progress in "
                "the modules, and anything you write in the grant-support area. We never sell or "
                "share it, and we use it only to run the Hub.</p>",
            ),
            ("heading", "Cookies"),
            (
                "paragraph",
                "<p>We set only the cookies the site needs to work: one that keeps you signed in "
                "and one that protects forms against forgery. There are no analytics, advertising "
                "or third-party cookies, so there is nothing to accept or decline.</p>",
            ),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "introduction": "We want everyone to be able to use the Hub, whatever device or assistive technology they use.",
        "featured": False,
        "body": [
            (
                "paragraph",
                "<p>The site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at "
                "level AA. Every page works with a keyboard alone, on a screen 320 pixels wide, "
                "and with screen readers. Each release is checked automatically for accessibility "
                "problems. If something does not work for you, please tell us on the contact "
                "page.</p>",
            ),
        ],
    },
]

FEATURED_SECTION = {
    "heading": "Where to start",
    "intro": "New to implementation science? Start here.",
}

LEARNING_SECTION = {
    "heading": "Learn at your own pace",
    "intro": "Modules written by and for paediatric critical-care staff, with CPD certificates.",
}

SITE_SETTINGS = {
    "organisation_name": "Implementation Hub for Paediatric Critical Care",
    "contact_email": "hello@implementation-hub.org.uk",
    "contact_phone": "",
    "postal_address": "",
    "footer_text": ("A community of UK paediatric critical-care professionals putting research into practice."),
}

ORGANISATIONS = [
    ("Northfield Children's Hospital NHS Foundation Trust", "nhs_trust", "north_west"),
    ("St Aidan's Paediatric Intensive Care Unit", "picu", "london"),
    ("Pennine Children's Transport Service", "transport", "ne_yorks"),
    ("University of Eastbridge, School of Health Sciences", "university", "east"),
    ("Southern Paediatric Critical Care Operational Delivery Network", "network", "south_east"),
    ("Royal Caledonian Hospital for Children", "nhs_trust", "scotland"),
]

#: Demo accounts: e-mail, first name, last name, role, profile.
ACCOUNTS = [
    {
        "email": "learner@demo.implementation-hub.test",
        "first_name": "Amira",
        "last_name": "Okafor",
        "roles": ["Learners"],
        "professional_group": "nurse",
        "job_title": "Staff nurse, PICU",
        "organisation": "St Aidan's Paediatric Intensive Care Unit",
        "works_at_bedside": True,
        "research_experience": "none",
        "interests": ["sepsis", "family-centred care"],
    },
    {
        "email": "researcher@demo.implementation-hub.test",
        "first_name": "Tom",
        "last_name": "Hartley",
        "roles": ["Learners"],
        "professional_group": "doctor",
        "job_title": "PICU consultant",
        "organisation": "Northfield Children's Hospital NHS Foundation Trust",
        "works_at_bedside": True,
        "research_experience": "some",
        "interests": ["sedation", "trial design"],
    },
    {
        "email": "mentor@demo.implementation-hub.test",
        "first_name": "Priya",
        "last_name": "Raman",
        "roles": ["Learners", "Mentors"],
        "professional_group": "researcher",
        "job_title": "Professor of implementation science",
        "organisation": "University of Eastbridge, School of Health Sciences",
        "works_at_bedside": False,
        "research_experience": "experienced",
        "interests": ["implementation science"],
        "expertise": ["CFIR", "ERIC strategies", "hybrid trial design"],
    },
    {
        "email": "lead@demo.implementation-hub.test",
        "first_name": "Gareth",
        "last_name": "Lloyd",
        "roles": ["Learners", "Group leads"],
        "professional_group": "nurse",
        "job_title": "Lead nurse for research",
        "organisation": "Southern Paediatric Critical Care Operational Delivery Network",
        "works_at_bedside": False,
        "research_experience": "experienced",
        "interests": ["sepsis", "networks"],
    },
    {
        "email": "editor@demo.implementation-hub.test",
        "first_name": "Fiona",
        "last_name": "MacLeod",
        "roles": ["Learners", "Editors"],
        "professional_group": "ahp",
        "job_title": "Clinical educator (physiotherapy)",
        "organisation": "Royal Caledonian Hospital for Children",
        "works_at_bedside": True,
        "research_experience": "some",
        "interests": ["education", "early mobilisation"],
    },
    {
        "email": "moderator@demo.implementation-hub.test",
        "first_name": "Daniel",
        "last_name": "Osei",
        "roles": ["Learners", "Editors", "Moderators"],
        "professional_group": "pharmacist",
        "job_title": "Consultant pharmacist, paediatric critical care",
        "organisation": "Northfield Children's Hospital NHS Foundation Trust",
        "works_at_bedside": False,
        "research_experience": "experienced",
        "interests": ["medicines safety"],
    },
]
