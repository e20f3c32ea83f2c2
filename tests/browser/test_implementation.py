"""Trial implementation plans (issue #5) in a real browser, with axe-core on every page.

The journey the issue asks for: a researcher opens their proposal's Plan tab, codes two barriers to CFIR 2.0
constructs, accepts a strategy the planner suggests for them, specifies it as Proctor et al. (2013) ask, adds an
implementation outcome, and sees the logic model (drawing and text) and the completeness view update. The
shipped reference data (CFIR 2.0, ERIC, Proctor, EPIS and the barrier-to-strategy mapping) is loaded by the
`site` fixture (home.demo.demo_load), as the browser tests' database is flushed after each test.

Then the plan's busiest pages at 320 CSS pixels wide: nothing may make the page scroll sideways.
"""

import re

import pytest
from playwright.sync_api import expect

from implementation.models import CFIRConstruct, ImplementationOutcome, ImplementationPlan, Strategy
from tests.accounts.factories import PASSWORD, LearnerFactory
from tests.browser.support import field, sign_in, signed_in_as, submit, visit
from tests.grants.factories import proposal_make

pytestmark = pytest.mark.browser

TITLE = "Nurse-led sepsis recognition in paediatric intensive care"
#: Two barriers, coded to constructs that the shipped mapping links to the same ERIC strategy.
CAPABILITY = ("IV.B.2", "Night nurses are unsure how to spot early sepsis")
KNOWLEDGE = ("III.K", "The sepsis guideline is hard to find on the ward")
SUGGESTED = "Conduct educational meetings"
SPECIFICATION = {
    "Actor: who delivers it": "The unit's practice educator and two sepsis champions",
    "Action: what they do": "Run a short teaching session on the screening tool at the bedside",
    "Action target: who or what it aims to change": "Bedside nurses on day and night shifts",
    "Temporality: when": "In the month before go-live, then at each induction",
    "Dose: how often and how much": "Two 20-minute sessions for each nurse",
    "Justification: why this strategy": "Education is endorsed for gaps in capability and knowledge",
}
MECHANISM = "Nurses learn the warning signs and feel able to act"
MEASURE = "Screening audit"


# Helpers ----------------------------------------------------------------------------------------------------


def heading(page):
    return page.get_by_role("heading", level=1)


def part_heading(page):
    return page.locator("#part-heading")


def part_link(page, name: str):
    """A link in the plan's own navigation (its name ends "(empty)" or "(started)" for screen readers)."""
    nav = page.get_by_role("navigation", name="Parts of the implementation plan")
    return nav.get_by_role("link", name=re.compile(rf"^{re.escape(name)}\b"))


def button(page, name: str):
    return page.locator("main").get_by_role("button", name=name, exact=True)


def expect_message(page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def construct_value(code: str) -> str:
    """The <option> value of a shipped CFIR construct (its visible label is indented for sub-constructs)."""
    return str(CFIRConstruct.objects.get(code=code).pk)


def svg_boxes(page) -> list[str]:
    """The text of each box in the logic model's drawing, its wrapped lines joined again."""
    return page.locator("main svg.logic-model-svg").evaluate(
        """svg => Array.from(svg.querySelectorAll("g")).map(
            g => Array.from(g.querySelectorAll("text")).map(t => t.textContent).join(" ")
        ).filter(text => text)"""
    )


def in_a_box(boxes: list[str], text: str) -> bool:
    return any(text in box for box in boxes)


def code_barrier(page, code: str, description: str, evidence: str) -> None:
    """Add a barrier on the barriers page, coded to the CFIR construct `code`."""
    page.get_by_label("Barrier", exact=True).check()
    field(page, "CFIR construct").select_option(construct_value(code))
    # The chosen construct's definition is shown beside the list (plan-editor.js), so the researcher can check it.
    expect(page.locator("#construct-definition")).to_contain_text(code)
    field(page, "What it is").fill(description)
    page.get_by_label("Strong", exact=True).check()
    field(page, "Evidence for it").fill(evidence)
    submit(page, button(page, "Add it to the plan"))
    expect_message(page, "The barrier is added.")


# The journey ------------------------------------------------------------------------------------------------


def test_researcher_codes_barriers_accepts_a_suggested_strategy_and_sees_the_logic_model(page, site):
    researcher = LearnerFactory(first_name="Priya", last_name="Shah")
    proposal = proposal_make(lead=researcher, title=TITLE)
    assert Strategy.objects.count() == 73 and CFIRConstruct.objects.filter(code__in=["IV.B.2", "III.K"]).count() == 2

    # a. From the proposal, the Plan tab opens the (new, empty) implementation plan.
    sign_in(page, researcher.email, PASSWORD)
    visit(page, f"/grants/proposals/{proposal.pk}/")
    submit(page, page.get_by_role("navigation", name="Proposal").get_by_role("link", name="Plan", exact=True))
    expect(heading(page)).to_have_text(TITLE)
    expect(part_heading(page)).to_have_text("Implementation plan")
    plan = ImplementationPlan.objects.get(proposal=proposal)
    assert page.url.endswith(f"/grants/plans/{plan.pk}/")

    # b. Two barriers, each coded to a CFIR 2.0 construct.
    submit(page, part_link(page, "Barriers and facilitators"))
    expect(part_heading(page)).to_have_text("Barriers and facilitators")
    code_barrier(page, *CAPABILITY, evidence="A survey of 40 night nurses")
    code_barrier(page, *KNOWLEDGE, evidence="Ward walk-rounds")
    main = page.locator("main")
    expect(main).to_contain_text("IV.B.2 Capability")
    expect(main).to_contain_text("III.K Access to Knowledge & Information")
    expect(main.locator(".alert-warning")).to_contain_text("2 barriers have no strategy yet.")

    # The logic model already shows them, flagged as not addressed.
    submit(page, part_link(page, "Logic model"))
    expect(main).to_contain_text("Needs attention: 2 barriers have no strategy yet")
    boxes = svg_boxes(page)
    assert in_a_box(boxes, CAPABILITY[1]) and in_a_box(boxes, KNOWLEDGE[1]), boxes

    # c. Strategies: the planner suggests ERIC strategies for the barriers; one is endorsed for both.
    submit(page, part_link(page, "Strategies"))
    expect(part_heading(page)).to_have_text("Strategies")
    suggestions = main.get_by_role("region", name="Suggested strategies for your barriers")
    suggestion = suggestions.locator("li").filter(has=page.get_by_role("heading", name=SUGGESTED, exact=True))
    expect(suggestion).to_contain_text("Suggested for 2 barriers:")
    expect(suggestion).to_contain_text(CAPABILITY[1])
    expect(suggestion).to_contain_text(KNOWLEDGE[1])
    expect(suggestions).to_contain_text("CFIR-ERIC Matching Tool")  # the mapping's source is cited
    # (Chromium reads the visually hidden part of the name after a space: "strategy : Conduct…".)
    submit(page, suggestion.get_by_role("button", name=re.compile(rf"^Use this strategy\W+{SUGGESTED}$")))

    # d. It is in the plan, linked to both barriers, and opens to be specified.
    expect_message(page, f"“{SUGGESTED}” is in your plan, linked to 2 barriers. Now say how it will be done.")
    expect(part_heading(page)).to_have_text(f"Specify “{SUGGESTED}”")
    for _code, description in (CAPABILITY, KNOWLEDGE):
        expect(page.get_by_role("checkbox", name=re.compile(re.escape(description)))).to_be_checked()
    for label, text in SPECIFICATION.items():
        field(page, label).fill(text)
    field(page, "Implementation outcome it affects").select_option(label="Adoption")
    field(page, "Mechanism: how it is expected to work").fill(MECHANISM)
    submit(page, button(page, "Save changes"))
    expect_message(page, f"“{SUGGESTED}” is saved.")
    strategy = main.get_by_role("article", name=SUGGESTED)
    for text in (*SPECIFICATION.values(), MECHANISM):
        expect(strategy).to_contain_text(text)
    expect(main.locator(".alert-warning")).to_have_count(0)  # no barrier is left without a strategy

    # e. An implementation outcome, with its measure, time point and target.
    submit(page, part_link(page, "Outcomes"))
    page.get_by_label("Implementation outcome (Proctor)", exact=True).check()
    field(page, "Which implementation outcome").select_option(label="Adoption")
    field(page, "Outcome").fill("Nurses screen every admission for sepsis")
    field(page, "Measure or instrument").fill(MEASURE)
    field(page, "Time point").fill("6 months after go-live")
    field(page, "Target (optional)").fill("80% of admissions")
    submit(page, button(page, "Add the outcome"))
    expect_message(page, "“Nurses screen every admission for sepsis” is added.")
    expect(main.get_by_role("table")).to_contain_text("Implementation outcome (Proctor): Adoption")

    # f. The logic model now runs from the barriers through the strategy and its mechanism to the outcome,
    # in the drawing and in its text alternative.
    submit(page, part_link(page, "Logic model"))
    drawing = main.get_by_role("img", name="Logic model: determinants, strategies, mechanisms and outcomes")
    expect(drawing).to_be_visible()
    # Its name is its <title> then its <desc> (aria-labelledby names both): what it shows, in numbers.
    expect(drawing).to_have_accessible_name(
        re.compile(r"2 determinants lead to 1 strategy, .* 0 barriers not addressed")
    )
    boxes = svg_boxes(page)
    for text in (CAPABILITY[1], KNOWLEDGE[1], SUGGESTED, MECHANISM, "Adoption", f"Measured: {MEASURE}"):
        assert in_a_box(boxes, text), f"{text!r} is not in the drawing: {boxes}"
    text = main.locator(".logic-model-text")
    expect(text.get_by_role("heading", name=SUGGESTED)).to_be_visible()
    expect(text).to_contain_text(f"Barrier: {CAPABILITY[1]}")
    expect(text).to_contain_text(f"Barrier: {KNOWLEDGE[1]}")
    expect(text).to_contain_text(MECHANISM)
    expect(text).to_contain_text(f"Adoption: measured by {MEASURE}, 6 months after go-live (target: 80% of admissions)")
    expect(main).not_to_contain_text("Needs attention")

    # g. The completeness view: every barrier is addressed by a strategy.
    submit(page, part_link(page, "Completeness and StaRI"))
    expect(part_heading(page)).to_have_text("How complete is the plan?")
    item = main.locator("li.list-group-item").filter(has_text="Every barrier is addressed by a strategy")
    expect(item).to_contain_text("Done")
    expect(item).to_contain_text("All 2 barriers addressed")
    specified = main.locator("li.list-group-item").filter(has_text="Every strategy fully specified")
    expect(specified).to_contain_text("Done")


# Small screens ----------------------------------------------------------------------------------------------


def _plan_with_content(lead) -> ImplementationPlan:
    """A proposal's plan with long text in every part the 320 px pages show, made through the services."""
    from implementation.services.editing import (
        DeterminantData,
        OutcomeData,
        StrategyData,
        determinant_add,
        plan_intervention_save,
        plan_outcome_add,
        plan_strategy_from_suggestion,
        plan_strategy_update,
    )
    from implementation.services.plans import plan_ensure

    plan = plan_ensure(proposal=proposal_make(lead=lead, title=TITLE, complete=True))
    plan_intervention_save(
        plan=plan,
        intervention_name="Paediatric sepsis recognition bundle with nurse-initiated escalation",
        evidence_citation="The SEPSIS-KIDS stepped-wedge cluster randomised trial in twelve paediatric units, 2023",
        evidence_doi="10.1186/s13012-015-0209-1",
        core_components="Screening tool, escalation call",
        adaptable_components="",
        base_revision=None,
        by=lead,
    )
    barriers = [
        determinant_add(
            plan=plan,
            data=DeterminantData(
                kind=kind, construct_id=CFIRConstruct.objects.get(code=code).pk, description=text, evidence="Survey"
            ),
            base_revision=None,
            by=lead,
        )
        for kind, code, text in (
            ("barrier", *CAPABILITY),
            ("barrier", *KNOWLEDGE),
            ("facilitator", "IV.A.2", "The matrons on every unit back the change and will release staff"),
        )
    ]
    item = plan_strategy_from_suggestion(
        plan=plan, strategy=Strategy.objects.get(name=SUGGESTED), base_revision=None, by=lead
    )
    plan_strategy_update(
        plan=plan,
        item=item,
        data=StrategyData(
            strategy_id=item.strategy_id,
            actor=SPECIFICATION["Actor: who delivers it"],
            action=SPECIFICATION["Action: what they do"],
            action_target=SPECIFICATION["Action target: who or what it aims to change"],
            temporality=SPECIFICATION["Temporality: when"],
            dose=SPECIFICATION["Dose: how often and how much"],
            outcome_id=ImplementationOutcome.objects.get(key="adoption").pk,
            justification=SPECIFICATION["Justification: why this strategy"],
            mechanism=MECHANISM,
            determinant_ids=[barrier.pk for barrier in barriers],
        ),
        base_revision=None,
        by=lead,
    )
    plan_outcome_add(
        plan=plan,
        data=OutcomeData(
            kind="implementation",
            implementation_outcome_id=ImplementationOutcome.objects.get(key="adoption").pk,
            name="Nurses screen every admission for sepsis",
            measure=MEASURE,
            timepoint="6 months after go-live",
            target="80% of admissions",
        ),
        base_revision=None,
        by=lead,
    )
    return plan


def test_plan_pages_hold_at_320px(narrow_page, live_server, site):
    lead = LearnerFactory()
    plan = _plan_with_content(lead)
    signed_in_as(narrow_page.context, live_server.url, lead)
    base = f"/grants/plans/{plan.pk}"
    for path in [f"{base}/", f"{base}/determinants/", f"{base}/strategies/", f"{base}/logic-model/"]:
        visit(narrow_page, path)
        width = narrow_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide at 320 px"
    # The logic model is wider than the screen: it scrolls inside its own region (by keyboard too), not the page.
    region = narrow_page.locator("main .logic-model-figure [role=region]")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
