"""The words of the demo discussions, kept as data. Built by community.demo.discussions.

Illustrative only: the people, units and figures are made up. Authors are demo accounts, looked up
by e-mail; `hours_ago` backdates each message so the threads read like a few days of conversation.
"""

COMMUNITY_SLUG = "paediatric-sepsis"

_DEMO = "@demo.implementation-hub.test"
LEARNER = f"learner{_DEMO}"
RESEARCHER = f"researcher{_DEMO}"
MENTOR = f"mentor{_DEMO}"
LEAD = f"lead{_DEMO}"

THREADS = [
    {
        "title": "Time to antibiotics: how are you measuring 'time zero'?",
        "posts": [
            {
                "author": LEARNER,
                "hours_ago": 96,
                "body": (
                    "We are starting our local audit of time to first antibiotic dose for children with suspected "
                    "sepsis, and we keep arguing about where the clock starts.\n\n"
                    "Options we have discussed:\n\n"
                    "1. Arrival in the emergency department (triage time)\n"
                    "2. The first documented *red flag* on the PEWS chart\n"
                    '3. The time a clinician writes "suspected sepsis" in the notes\n\n'
                    "How are other units defining **time zero**, especially for children who deteriorate "
                    "on the ward or after admission to PICU? (Illustrative demo discussion.)"
                ),
            },
            {
                "author": RESEARCHER,
                "hours_ago": 90,
                "body": (
                    "On our unit we use the time the sepsis screening tool is first triggered, because it is the "
                    "only time stamp that is reliably recorded in the electronic record.\n\n"
                    "Triage time works in the ED but makes ward deterioration look artificially good or bad, "
                    "depending on how long the child has been an inpatient."
                ),
            },
            {
                "author": MENTOR,
                "hours_ago": 70,
                "body": (
                    "Whichever definition you choose, write it down before you look at the data and keep it the "
                    "same across the audit cycles: a change of definition half way through will look like an "
                    "improvement (or a deterioration) that did not happen.\n\n"
                    "It is also worth recording *why* doses were late, not just how late. That tells you which "
                    "implementation strategy to try: a prescribing prompt, a pre-filled antibiotic pack, or "
                    "escalation training."
                ),
            },
            {
                "author": LEAD,
                "hours_ago": 50,
                "body": (
                    "For the network audit we agreed on:\n\n"
                    "> Time zero is the first documented time the screening tool flags possible sepsis, "
                    "wherever the child is.\n\n"
                    "Units can add their own secondary measure (for example triage time in the ED). "
                    "The audit form is in the resources library."
                ),
            },
            {
                "author": LEARNER,
                "hours_ago": 26,
                "body": (
                    "Thank you, that helps a lot. We will use the screening tool time as the primary measure and "
                    "collect the reasons for delay on a short form. I will share what we find at the next meeting."
                ),
            },
        ],
    },
    {
        "title": "Parent information leaflet about sepsis: does anyone have one they like?",
        "posts": [
            {
                "author": RESEARCHER,
                "hours_ago": 40,
                "body": (
                    "Our families' group asked for a short leaflet explaining what sepsis is and what to look out "
                    "for after discharge. Before we write our own: does anyone have one that families found "
                    "useful, ideally with an easy-read version?"
                ),
            },
            {
                "author": MENTOR,
                "hours_ago": 20,
                "body": (
                    "Worth involving two or three parents in reviewing a draft: leaflets written with families "
                    "tend to be read. The national sepsis charities also publish materials you may be able to "
                    "adapt, with permission."
                ),
            },
        ],
    },
]
