"""CFIR 2.0: its five domains, with every construct and sub-construct, defined in the Hub's own words.

The structure and names follow the published table (Damschroder et al., 2022). The Individuals domain lists
its constructs under two sub-domains, each lettered from A, so we code them as two parent entries, IV.A Roles
(IV.A.1 to IV.A.9) and IV.B Characteristics (IV.B.1 to IV.B.4), which keeps every code unique.
"""

from typing import NamedTuple

SOURCE = {
    "key": "cfir-2",
    "title": "The updated Consolidated Framework for Implementation Research (CFIR 2.0)",
    "citation": (
        "Damschroder LJ, Reardon CM, Widerquist MAO, Lowery J. The updated Consolidated Framework for "
        "Implementation Research based on user feedback. Implement Sci. 2022;17:75. "
        "doi:10.1186/s13012-022-01245-0. Domains, constructs and sub-constructs as published; the short "
        "definitions are the Hub's own plain-English summaries, not the published wording."
    ),
    "doi": "10.1186/s13012-022-01245-0",
}


class Construct(NamedTuple):
    """A construct (or sub-construct) as data: its code, published name, our definition and its sub-constructs."""

    code: str
    name: str
    definition: str
    subconstructs: tuple["Construct", ...] = ()


class Domain(NamedTuple):
    """A CFIR 2.0 domain as data."""

    code: str
    name: str
    definition: str
    constructs: tuple[Construct, ...]


C = Construct

DOMAINS: tuple[Domain, ...] = (
    Domain(
        "I",
        "Innovation",
        "The thing being put into practice: the protocol, bundle, tool or way of working that the trial showed "
        "works. CFIR calls it the innovation; you may know it as the intervention.",
        (
            C(
                "I.A",
                "Innovation Source",
                "Whether the people who developed or are backing the innovation are trusted and seen as credible "
                "by those who will use it.",
            ),
            C(
                "I.B",
                "Innovation Evidence-Base",
                "How strong and convincing the evidence is that the innovation works, for example from a "
                "well-run trial.",
            ),
            C(
                "I.C",
                "Innovation Relative Advantage",
                "Whether people see the innovation as better than what they do now, or than the other options.",
            ),
            C(
                "I.D",
                "Innovation Adaptability",
                "How far the innovation can be adjusted to fit local ways of working without losing the parts "
                "that make it work.",
            ),
            C(
                "I.E",
                "Innovation Trialability",
                "Whether the innovation can be tried out on a small scale first, and stopped if it does not work.",
            ),
            C(
                "I.F",
                "Innovation Complexity",
                "How complicated the innovation is: how many steps, people, professions and handovers it involves.",
            ),
            C(
                "I.G",
                "Innovation Design",
                "How well the innovation is put together and presented: its materials, forms and tools, and how "
                "easy it is to pick up.",
            ),
            C(
                "I.H",
                "Innovation Cost",
                "Whether what it costs to buy, set up and run the innovation is affordable.",
            ),
        ),
    ),
    Domain(
        "II",
        "Outer Setting",
        "Everything outside your unit or hospital that shapes the work, such as the NHS, commissioners, "
        "regulators, clinical networks, national policy and the wider community.",
        (
            C(
                "II.A",
                "Critical Incidents",
                "Large or unexpected events, such as a pandemic, a winter surge or industrial action, that "
                "disrupt the implementation or the delivery of the innovation.",
            ),
            C(
                "II.B",
                "Local Attitudes",
                "Whether the values and beliefs of the wider community make it more or less likely to support "
                "the innovation.",
            ),
            C(
                "II.C",
                "Local Conditions",
                "Whether economic, environmental, political or technological conditions outside the organisation "
                "help or hinder the innovation.",
            ),
            C(
                "II.D",
                "Partnerships & Connections",
                "How well your unit is linked with others outside it, such as referral and transport networks, "
                "universities and professional groups.",
            ),
            C(
                "II.E",
                "Policies & Laws",
                "Whether laws, regulations, national guidance, standards or accreditation rules support the "
                "innovation.",
            ),
            C(
                "II.F",
                "Financing",
                "Whether money from outside, such as commissioning, tariffs, grants or other payment, is "
                "available to pay for the innovation.",
            ),
            C(
                "II.G",
                "External Pressure",
                "Pressure from outside the organisation to put the innovation in place.",
                (
                    C(
                        "II.G.1",
                        "Societal Pressure",
                        "Pressure from the public, the media, campaigns or families' groups to make the change.",
                    ),
                    C(
                        "II.G.2",
                        "Market Pressure",
                        "Pressure to keep up with other hospitals or services that have already made the change.",
                    ),
                    C(
                        "II.G.3",
                        "Performance-Measurement Pressure",
                        "Pressure from audits, quality indicators, inspections or league tables to make the "
                        "change, for example from national audit data.",
                    ),
                ),
            ),
        ),
    ),
    Domain(
        "III",
        "Inner Setting",
        "The place where the innovation will be used, such as your PICU or hospital: how it is set up, how "
        "people work together, its culture and its resources.",
        (
            C(
                "III.A",
                "Structural Characteristics",
                "The basic set-up of the organisation: its buildings, its IT and how the work is organised.",
                (
                    C(
                        "III.A.1",
                        "Physical Infrastructure",
                        "Whether the layout, buildings and fixed equipment support the innovation.",
                    ),
                    C(
                        "III.A.2",
                        "Information Technology Infrastructure",
                        "Whether the electronic patient record, devices and other IT systems support the innovation.",
                    ),
                    C(
                        "III.A.3",
                        "Work Infrastructure",
                        "Whether the way people, roles, shifts and tasks are organised supports the innovation.",
                    ),
                ),
            ),
            C(
                "III.B",
                "Relational Connections",
                "Whether people within and across teams, professions and units have good working relationships "
                "and trust each other.",
            ),
            C(
                "III.C",
                "Communications",
                "Whether there are good formal and informal ways of sharing information across the unit and the "
                "organisation.",
            ),
            C(
                "III.D",
                "Culture",
                "The shared values, beliefs and habits of the unit or organisation.",
                (
                    C(
                        "III.D.1",
                        "Human Equality-Centeredness",
                        "Whether the culture values every person equally and works to reduce unfair differences "
                        "in care.",
                    ),
                    C(
                        "III.D.2",
                        "Recipient-Centeredness",
                        "Whether the culture puts the needs and wishes of children and families first.",
                    ),
                    C(
                        "III.D.3",
                        "Deliverer-Centeredness",
                        "Whether the culture looks after the needs and wellbeing of the staff who deliver care.",
                    ),
                    C(
                        "III.D.4",
                        "Learning-Centeredness",
                        "Whether the culture encourages people to try new things, speak up, reflect and learn, "
                        "without fear of blame.",
                    ),
                ),
            ),
            C(
                "III.E",
                "Tension for Change",
                "Whether people feel that things as they are now are not good enough and that something needs "
                "to change.",
            ),
            C(
                "III.F",
                "Compatibility",
                "How well the innovation fits with the way things are done now: existing values, workflows and "
                "routines.",
            ),
            C(
                "III.G",
                "Relative Priority",
                "How important putting the innovation in place is compared with everything else the unit is "
                "trying to do.",
            ),
            C(
                "III.H",
                "Incentive Systems",
                "Whether rewards and recognition, such as appraisal, promotion or praise, encourage people to "
                "use the innovation.",
            ),
            C(
                "III.I",
                "Mission Alignment",
                "Whether the innovation fits the organisation's stated aims, priorities and commitments.",
            ),
            C(
                "III.J",
                "Available Resources",
                "Whether the resources needed to put the innovation in place and keep it going are there.",
                (
                    C(
                        "III.J.1",
                        "Funding",
                        "Whether there is money in the local budget to implement and deliver the innovation.",
                    ),
                    C(
                        "III.J.2",
                        "Space",
                        "Whether there is enough physical room, for example at the bedside, for storage or for "
                        "teaching.",
                    ),
                    C(
                        "III.J.3",
                        "Materials & Equipment",
                        "Whether there are enough supplies, kits and equipment for the innovation.",
                    ),
                ),
            ),
            C(
                "III.K",
                "Access to Knowledge & Information",
                "Whether people can easily get the training, guidance and expert advice they need about the "
                "innovation.",
            ),
        ),
    ),
    Domain(
        "IV",
        "Individuals",
        "The people involved: the part each of them plays in the implementation, and whether they have what "
        "they need to play it.",
        (
            C(
                "IV.A",
                "Roles",
                "Who is involved in leading, supporting, delivering or receiving the innovation. Code a barrier "
                "here when the right people are missing or not involved.",
                (
                    C(
                        "IV.A.1",
                        "High-level Leaders",
                        "People with senior authority, such as executive directors, clinical directors or "
                        "divisional leads.",
                    ),
                    C(
                        "IV.A.2",
                        "Mid-level Leaders",
                        "People who lead a team or unit and manage others, such as matrons, ward managers or "
                        "lead consultants.",
                    ),
                    C(
                        "IV.A.3",
                        "Opinion Leaders",
                        "People whose views colleagues respect and follow, whether or not they hold a formal role.",
                    ),
                    C(
                        "IV.A.4",
                        "Implementation Facilitators",
                        "People with expertise in implementation, often from outside the team, who help the "
                        "team make the change, such as a quality improvement facilitator.",
                    ),
                    C(
                        "IV.A.5",
                        "Implementation Leads",
                        "The people who lead the implementation day to day.",
                    ),
                    C(
                        "IV.A.6",
                        "Implementation Team Members",
                        "The people who work with the leads to plan and carry out the implementation, "
                        "including champions.",
                    ),
                    C(
                        "IV.A.7",
                        "Other Implementation Support",
                        "Others who help the implementation along, such as IT, pharmacy, procurement, practice "
                        "educators or administrators.",
                    ),
                    C(
                        "IV.A.8",
                        "Innovation Deliverers",
                        "The people who will deliver the innovation in practice, such as bedside nurses, "
                        "doctors and allied health professionals.",
                    ),
                    C(
                        "IV.A.9",
                        "Innovation Recipients",
                        "The people who receive the innovation or are directly affected by it, such as children "
                        "and their families.",
                    ),
                ),
            ),
            C(
                "IV.B",
                "Characteristics",
                "What the people in each role need in order to play their part: a need, the capability, the "
                "opportunity and the motivation.",
                (
                    C(
                        "IV.B.1",
                        "Need",
                        "Whether the people involved have a real personal or professional need that the "
                        "innovation meets.",
                    ),
                    C(
                        "IV.B.2",
                        "Capability",
                        "Whether people have the knowledge, skills and confidence to do their part.",
                    ),
                    C(
                        "IV.B.3",
                        "Opportunity",
                        "Whether people have the time, access, authority and support to do their part.",
                    ),
                    C(
                        "IV.B.4",
                        "Motivation",
                        "Whether people are willing and committed to do their part.",
                    ),
                ),
            ),
        ),
    ),
    Domain(
        "V",
        "Implementation Process",
        "The activities that get the innovation into everyday use: working as a team, assessing, planning, "
        "engaging people, doing, reflecting and adapting.",
        (
            C(
                "V.A",
                "Teaming",
                "Whether the people involved join up and coordinate their work on the implementation as a team.",
            ),
            C(
                "V.B",
                "Assessing Needs",
                "Finding out what the people involved need and want, so that the implementation can respond.",
                (
                    C(
                        "V.B.1",
                        "Innovation Deliverers",
                        "Finding out the priorities, preferences and needs of the staff who will deliver the "
                        "innovation.",
                    ),
                    C(
                        "V.B.2",
                        "Innovation Recipients",
                        "Finding out the priorities, preferences and needs of the children and families who will "
                        "receive the innovation.",
                    ),
                ),
            ),
            C(
                "V.C",
                "Assessing Context",
                "Looking at what will help and what will get in the way of the implementation, and how ready "
                "the setting is.",
            ),
            C(
                "V.D",
                "Planning",
                "Setting out in advance who will do what, by when, and how progress will be measured.",
            ),
            C(
                "V.E",
                "Tailoring Strategies",
                "Choosing implementation strategies, and adjusting them, to fit the barriers and facilitators "
                "found locally.",
            ),
            C(
                "V.F",
                "Engaging",
                "Drawing people in so that they take part in the implementation and in the innovation.",
                (
                    C(
                        "V.F.1",
                        "Innovation Deliverers",
                        "Drawing in the staff who will deliver the innovation, so that they are willing to take part.",
                    ),
                    C(
                        "V.F.2",
                        "Innovation Recipients",
                        "Drawing in children and families, so that they know about the innovation and are "
                        "willing to take part.",
                    ),
                ),
            ),
            C(
                "V.G",
                "Doing",
                "Carrying out the implementation in small steps or cycles, learning and improving as you go.",
            ),
            C(
                "V.H",
                "Reflecting & Evaluating",
                "Collecting and talking through information on how things are going, and learning from it.",
                (
                    C(
                        "V.H.1",
                        "Implementation",
                        "Looking at how the implementation itself is going, such as whether the strategies are "
                        "happening as planned.",
                    ),
                    C(
                        "V.H.2",
                        "Innovation",
                        "Looking at whether the innovation is working in practice, such as its effect on care "
                        "and on children's outcomes.",
                    ),
                ),
            ),
            C(
                "V.I",
                "Adapting",
                "Changing the innovation or the setting, when needed, so that they fit each other better, while "
                "keeping the core components.",
            ),
        ),
    ),
)


def constructs_flat() -> list[tuple[Domain, Construct, Construct | None]]:
    """Every construct and sub-construct in reading order, as (domain, construct, parent or None)."""
    rows = []
    for domain in DOMAINS:
        for construct in domain.constructs:
            rows.append((domain, construct, None))
            rows.extend((domain, sub, construct) for sub in construct.subconstructs)
    return rows
