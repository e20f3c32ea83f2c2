"""The words of the demo meetings, kept as data. Built by community.demo (called by `load_demo`).

Illustrative only: the people and meetings are made up, and dates are set relative to the day the
demo is built.
"""

INDEX = {
    "title": "Meetings",
    "slug": "events",
    "intro": (
        "<p>Regular meetings of the implementation group and the paediatric sepsis network: "
        "short talks, a project clinic and time to compare notes across units. "
        "Members register for a place; slides and notes are shared here afterwards.</p>"
    ),
}

# starts_in_days is counted from the day the demo is built; negative is in the past. Times are UK time.
EVENTS = [
    {
        "title": "Implementation group: spring meeting",
        "slug": "implementation-group-spring-meeting",
        "community": "implementation-group",
        "starts_in_days": -90,
        "starts": "14:00",
        "ends": "16:00",
        "venue": "Seminar room 2, Education Centre (demo)",
        "online_link": "https://meet.example.org/implementation-group-spring",
        "capacity": None,
        "summary": "Teams share what helped and what got in the way when bringing early warning scores into ward practice.",
        "agenda": (
            "<ul><li>14:00 Welcome and round of units</li>"
            "<li>14:15 Early warning scores on the ward: a year on</li>"
            "<li>15:00 Project clinic: three teams bring a barrier</li>"
            "<li>15:45 Actions and close</li></ul>"
        ),
        "speakers": [("Dr Amira Khan", "Consultant in paediatric intensive care"), ("Sam Reid", "Practice educator")],
        "slides": [
            (
                "Slides: early warning scores on the ward, a year on",
                "early-warning-scores-year-on-slides",
                [
                    "Early warning scores on the ward: a year on",
                    "What changed after the score went live on three wards.",
                    "Escalations rose in the first month, then settled as teams trusted the score.",
                    "Barriers named with CFIR: staffing at night, and a paper chart beside the electronic one.",
                ],
            )
        ],
        "notes": (
            "<p>Units agreed to share their escalation audit templates. Two teams will pilot a shared "
            "huddle checklist and report back at the next meeting.</p>"
        ),
    },
    {
        "title": "Paediatric sepsis network: where each unit starts",
        "slug": "paediatric-sepsis-network-where-each-unit-starts",
        "community": "paediatric-sepsis",
        "starts_in_days": -120,
        "starts": "12:30",
        "ends": "14:00",
        "venue": "",
        "online_link": "https://meet.example.org/sepsis-network-baseline",
        "capacity": None,
        "summary": "Each unit describes how it recognises and escalates suspected sepsis today, so the network can agree what to measure first.",
        "agenda": (
            "<ul><li>12:30 Round of units: recognition and escalation today</li>"
            "<li>13:10 Choosing four shared measures</li><li>13:45 Who collects what, and when</li></ul>"
        ),
        "speakers": [
            ("Priya Natarajan", "Sepsis nurse specialist"),
            ("Dr Amira Khan", "Consultant in paediatric intensive care"),
        ],
        "notes": (
            "<p>Units agreed four measures for the network's monthly returns: children screened, screened "
            "within one hour of arrival, antibiotics within one hour and senior review within one hour. "
            "Each unit named a data contributor.</p>"
        ),
    },
    {
        "title": "Paediatric sepsis network: case review and audit results",
        "slug": "paediatric-sepsis-network-audit-results",
        "community": "paediatric-sepsis",
        "starts_in_days": -30,
        "starts": "12:30",
        "ends": "14:00",
        "venue": "",
        "online_link": "https://meet.example.org/sepsis-network-audit",
        "capacity": None,
        "summary": "The network's six-month audit of time to antibiotics, and an anonymised case review.",
        "agenda": (
            "<ul><li>12:30 Audit results: time to antibiotics across the network</li>"
            "<li>13:00 Case review</li><li>13:40 Next steps</li></ul>"
        ),
        "speakers": [("Priya Natarajan", "Sepsis nurse specialist")],
        "slides": [
            (
                "Slides: time to antibiotics across the network",
                "sepsis-network-audit-slides",
                [
                    "Time to antibiotics across the network",
                    "Six-month audit of children treated for suspected sepsis in six units.",
                    "Median time from recognition to antibiotics fell in four of six units.",
                    "What helped: a named nurse for each child, antibiotics kept on the resuscitation trolley.",
                    "What got in the way: cannulation delays, and time zero recorded in different ways.",
                ],
            )
        ],
        "notes": (
            "<p>Median time to antibiotics fell in four of six units. The network will test a "
            "sepsis grab bag in the emergency department over the next quarter.</p>"
        ),
    },
    {
        "title": "Implementation group: summer meeting",
        "slug": "implementation-group-summer-meeting",
        "community": "implementation-group",
        "starts_in_days": 21,
        "starts": "14:00",
        "ends": "16:00",
        "venue": "Seminar room 2, Education Centre (demo)",
        "online_link": "https://meet.example.org/implementation-group-summer",
        "capacity": 40,
        "summary": "Sustaining change after the project team moves on: what the evidence says, and what units have tried.",
        "agenda": (
            "<ul><li>14:00 Welcome</li><li>14:10 Sustainability: what the evidence says</li>"
            "<li>14:50 Three units, three approaches</li><li>15:40 Project clinic and close</li></ul>"
        ),
        "speakers": [("Dr Tom Bailey", "Implementation scientist"), ("Sam Reid", "Practice educator")],
        "notes": "",
    },
    {
        "title": "Paediatric sepsis network: the bundle and a year of data",
        "slug": "paediatric-sepsis-network-bundle-and-data",
        "community": "paediatric-sepsis",
        "starts_in_days": 49,
        "starts": "12:30",
        "ends": "14:00",
        "venue": "",
        "online_link": "https://meet.example.org/sepsis-network-year-one",
        "capacity": 60,
        "summary": "A year of shared run charts, and the first draft of the network's bundle for each stage of the pathway.",
        "agenda": (
            "<ul><li>12:30 Run charts: what changed, and where</li>"
            "<li>13:00 The draft bundle, stage by stage</li><li>13:40 Priorities from the members' survey</li></ul>"
        ),
        "speakers": [("Priya Natarajan", "Sepsis nurse specialist")],
        "notes": "",
    },
]

# With the demo's members (with_activity), these accounts register for the next meeting, in this order.
REGISTRANTS = [
    "learner@demo.implementation-hub.test",
    "researcher@demo.implementation-hub.test",
    "lead@demo.implementation-hub.test",
]
