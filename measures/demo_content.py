"""Words and figures for the demo data campaign (illustrative: no real hospital's data)."""

CAMPAIGN = {
    "slug": "paediatric-sepsis-time-critical-care",
    "name": "Paediatric sepsis: time-critical care",
    "description": (
        "Three units measure how quickly children with possible sepsis are screened, reviewed by a senior "
        "clinician and given antibiotics, month by month, and learn from each other's run charts. "
        "Illustrative data for the demonstration site: not the real figures of any hospital."
    ),
    "community_slug": "paediatric-sepsis",
    "lead_email": "lead@demo.implementation-hub.test",
}

#: Each measure; `offset` moves the site's underlying rate up or down for this measure (percentage points),
#: and `share` is the share of eligible attendances in its denominator.
MEASURES = [
    {
        "code": "SCR",
        "name": "Children screened for sepsis",
        "help_text": "Eligible attendances: children under 16 arriving with fever or who appear unwell, as in the audit protocol.",
        "numerator_label": "Attendances screened with the sepsis tool",
        "denominator_label": "Eligible attendances",
        "offset": 12,
        "share": 1.0,
    },
    {
        "code": "SCR1H",
        "name": "Screened within one hour of arrival",
        "help_text": "Time from arrival (booking in) to a completed sepsis screen.",
        "numerator_label": "Attendances screened within one hour of arrival",
        "denominator_label": "Eligible attendances",
        "offset": 0,
        "share": 1.0,
    },
    {
        "code": "ABX1H",
        "name": "Antibiotics within one hour of recognition",
        "help_text": "Children in whom sepsis was suspected (red flag on the screen); time from recognition to the first dose.",
        "numerator_label": "Children given antibiotics within one hour",
        "denominator_label": "Children with suspected sepsis",
        "offset": -6,
        "share": 0.45,
    },
    {
        "code": "SR1H",
        "name": "Senior review within one hour",
        "help_text": "Review by a registrar (ST4 or above) or consultant within one hour of recognition.",
        "numerator_label": "Children reviewed by a senior clinician within one hour",
        "denominator_label": "Children with suspected sepsis",
        "offset": -2,
        "share": 0.45,
    },
]

#: Month-to-month noise (percentage points) so that stable series look like real data.
NOISE = [2, -3, 1, -1, 3, -2, 0, 2, -3, 1, -2, 3]
#: Month-to-month variation in the number of eligible attendances (added to the site's base).
ATTENDANCE_NOISE = [6, -4, 9, 2, -7, 4, -2, 11, -5, 3, -9, 7]

#: Three sites, twelve months each (oldest first). Northfield starts a new screening pathway half way
#: through (a shift up); St Aidan's is stable; Royal Caledonian improves month on month (a trend).
SITES = [
    {
        "organisation": "Northfield Children's Hospital NHS Foundation Trust",
        "display_name": "Northfield children's emergency department",
        "contributor_email": "researcher@demo.implementation-hub.test",
        "attendances": 100,
        "rates": [52, 55, 50, 54, 51, 53, 74, 78, 76, 80, 79, 82],
    },
    {
        "organisation": "St Aidan's Paediatric Intensive Care Unit",
        "display_name": "St Aidan's PICU outreach",
        "contributor_email": "learner@demo.implementation-hub.test",
        "attendances": 40,
        "rates": [68, 70, 69, 71, 68, 70, 69, 72, 70, 68, 71, 69],
    },
    {
        "organisation": "Royal Caledonian Hospital for Children",
        "display_name": "Royal Caledonian children's emergency department",
        "contributor_email": "editor@demo.implementation-hub.test",
        "attendances": 75,
        "rates": [48, 50, 49, 51, 50, 53, 57, 61, 64, 68, 71, 75],
    },
]
