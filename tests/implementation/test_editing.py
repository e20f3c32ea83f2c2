"""The plan editor: services for each part, the pages, suggestions, conflicts, permissions and query counts."""

import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from implementation.models import (
    Determinant,
    DeterminantKind,
    ImplementationPlan,
    Level,
    Milestone,
    OutcomeKind,
    PlanOutcome,
    PlanSite,
    PlanStrategy,
    REAIMDimension,
    Stakeholder,
    Strength,
)
from implementation.selectors.editing import (
    barriers_without_strategy,
    construct_choices,
    stakeholder_grid,
    strategy_suggestions,
)
from implementation.selectors.plans import plan_full
from implementation.services.editing import (
    DeterminantData,
    MilestoneData,
    OutcomeData,
    SiteData,
    StakeholderData,
    StrategyData,
    determinant_add,
    determinant_remove,
    determinant_update,
    doi_normalise,
    plan_fidelity_save,
    plan_intervention_save,
    plan_outcome_add,
    plan_outcome_update,
    plan_setting_save,
    plan_strategy_add,
    plan_strategy_from_suggestion,
    plan_strategy_remove,
    plan_strategy_update,
    plan_timeline_save,
)
from implementation.services.plans import PlanConflict
from tests.accounts.factories import OrganisationFactory
from tests.grants.factories import proposal_make
from tests.implementation.factories import (
    BarrierStrategyLinkFactory,
    CFIRConstructFactory,
    CFIRDomainFactory,
    EPISPhaseFactory,
    ImplementationOutcomeFactory,
    StrategyFactory,
    plan_for,
)

pytestmark = pytest.mark.django_db

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
EDITORS = {"lead", "co_applicant"}
READERS = {"lead", "co_applicant", "mentor", "group_lead"}


@pytest.fixture
def ref(db):
    """A little reference data: two CFIR domains (one construct with a sub-construct), strategies, outcomes, phases."""
    inner = CFIRDomainFactory(code="ZIV", name="Inner setting", sort_order=90)
    outer = CFIRDomainFactory(code="ZII", name="Outer setting", sort_order=80)
    resources = CFIRConstructFactory(domain=inner, code="ZIV.B", name="Available resources", sort_order=1)
    funding = CFIRConstructFactory(domain=inner, parent=resources, code="ZIV.B.1", name="Funding", sort_order=2)
    culture = CFIRConstructFactory(domain=inner, code="ZIV.A", name="Culture", sort_order=0)
    policies = CFIRConstructFactory(domain=outer, code="ZII.A", name="Policies and laws", sort_order=0)
    return SimpleNamespace(
        inner=inner,
        outer=outer,
        resources=resources,
        funding=funding,
        culture=culture,
        policies=policies,
        champions=StrategyFactory(name="Identify and prepare champions"),
        audit=StrategyFactory(name="Audit and provide feedback"),
        educate=StrategyFactory(name="Conduct educational meetings"),
        fund=StrategyFactory(name="Access new funding"),
        adoption=ImplementationOutcomeFactory(key="z-adoption", name="Adoption"),
        fidelity=ImplementationOutcomeFactory(key="z-fidelity", name="Fidelity"),
        exploration=EPISPhaseFactory(key="z-exploration", name="Exploration", sort_order=1),
        implementation=EPISPhaseFactory(key="z-implementation", name="Implementation", sort_order=3),
    )


@pytest.fixture
def people(proposal_people):
    """The proposal_people roles, with the proposal's (empty) plan."""
    return {**proposal_people, "plan": plan_for(proposal=proposal_people["proposal"])}


def _barrier(plan, construct, description="Night staff are not confident escalating", kind=DeterminantKind.BARRIER):
    return Determinant.objects.create(plan=plan, kind=kind, construct=construct, description=description)


def _revision(plan) -> int:
    return ImplementationPlan.objects.get(pk=plan.pk).revision


# Services ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", ""),
        ("10.1186/s13012-015-0209-1", "10.1186/s13012-015-0209-1"),
        ("https://doi.org/10.1186/s13012-015-0209-1", "10.1186/s13012-015-0209-1"),
        (" http://dx.doi.org/10.1001/jama.2019.1234 ", "10.1001/jama.2019.1234"),
        ("doi:10.1136/bmj.m1234", "10.1136/bmj.m1234"),
    ],
)
def test_doi_is_stored_bare(typed, stored):
    assert doi_normalise(typed) == stored


@pytest.mark.parametrize(
    "typed", ["not a doi", "11.1186/abc", "10.12/abc", "https://example.org/10.1186/x", "10.1186/"]
)
def test_doi_of_the_wrong_shape_is_refused(typed):
    with pytest.raises(ValidationError):
        doi_normalise(typed)


def _intervention(plan, by, base_revision, name="Sepsis bundle", doi=""):
    return plan_intervention_save(
        plan=plan,
        intervention_name=name,
        evidence_citation="Smith J, et al. A trial. Lancet 2020.",
        evidence_doi=doi,
        core_components="Screening tool",
        adaptable_components="Who screens",
        base_revision=base_revision,
        by=by,
    )


def test_intervention_save_bumps_the_revision_and_stores_the_bare_doi(people):
    plan, lead = people["plan"], people["lead"]
    saved = _intervention(plan, lead, plan.revision, doi="https://doi.org/10.1186/s13012-015-0209-1")
    plan.refresh_from_db()
    assert plan.revision == saved.revision == 1
    assert plan.updated_by == lead
    assert plan.evidence_doi == "10.1186/s13012-015-0209-1"
    assert plan.intervention_name == "Sepsis bundle"


def test_a_save_on_an_old_revision_is_refused_and_changes_nothing(people):
    plan, lead, co = people["plan"], people["lead"], people["co_applicant"]
    _intervention(plan, co, 0, name="Their name")
    with pytest.raises(PlanConflict) as caught:
        _intervention(plan, lead, 0, name="My name")
    assert "while you were editing" in str(caught.value)
    plan.refresh_from_db()
    assert plan.intervention_name == "Their name" and plan.revision == 1


@pytest.mark.parametrize("role", ["mentor", "group_lead", "other_member"])
def test_services_refuse_people_who_may_not_edit(people, role):
    with pytest.raises(PermissionDenied):
        _intervention(people["plan"], people[role], 0)
    assert _revision(people["plan"]) == 0


def test_setting_save_replaces_sites_and_stakeholders(people):
    plan, lead = people["plan"], people["lead"]
    org = OrganisationFactory(name="Evelina London PICU")
    PlanSite.objects.create(plan=plan, name="Old site")
    plan_setting_save(
        plan=plan,
        population="Children in PICU with suspected sepsis",
        sites=[SiteData(name="", organisation_id=org.pk, notes="20 beds"), SiteData(name="  Leeds   PICU ")],
        stakeholders=[StakeholderData(role="Bedside nurses", influence=Level.HIGH, interest=Level.MEDIUM)],
        base_revision=0,
        by=lead,
    )
    sites = list(plan.sites.all())
    assert [(site.name, site.organisation_id, site.notes) for site in sites] == [
        ("Evelina London PICU", org.pk, "20 beds"),
        ("Leeds PICU", None, ""),
    ]
    assert list(plan.stakeholders.values_list("role", "influence", "interest")) == [
        ("Bedside nurses", "high", "medium")
    ]
    plan.refresh_from_db()
    assert plan.population.startswith("Children") and plan.revision == 1


def test_setting_save_with_a_conflict_keeps_the_old_rows(people):
    plan = people["plan"]
    Stakeholder.objects.create(plan=plan, role="Parents", influence=Level.LOW, interest=Level.HIGH)
    plan_intervention_save(
        plan=plan,
        intervention_name="x",
        evidence_citation="",
        evidence_doi="",
        core_components="",
        adaptable_components="",
        base_revision=0,
        by=people["co_applicant"],
    )
    with pytest.raises(PlanConflict):
        plan_setting_save(plan=plan, population="", sites=[], stakeholders=[], base_revision=0, by=people["lead"])
    assert list(plan.stakeholders.values_list("role", flat=True)) == ["Parents"]


def test_determinants_are_added_changed_and_removed(people, ref):
    plan, lead = people["plan"], people["lead"]
    data = DeterminantData(kind="barrier", construct_id=ref.funding.pk, description=" No money for training ")
    determinant = determinant_add(plan=plan, data=data, base_revision=0, by=lead)
    assert determinant.description == "No money for training" and determinant.strength == Strength.MODERATE
    changed = DeterminantData(
        kind="facilitator", construct_id=ref.culture.pk, description="Open culture", strength=3, evidence="Survey"
    )
    determinant_update(plan=plan, determinant=determinant, data=changed, base_revision=1, by=lead)
    determinant.refresh_from_db()
    assert (determinant.kind, determinant.construct, determinant.strength) == ("facilitator", ref.culture, 3)
    with pytest.raises(PlanConflict):
        determinant_remove(plan=plan, determinant=determinant, base_revision=1, by=lead)
    assert Determinant.objects.filter(pk=determinant.pk).exists()
    determinant_remove(plan=plan, determinant=determinant, base_revision=2, by=lead)
    assert not plan.determinants.exists() and _revision(plan) == 3


def test_a_determinant_of_another_plan_cannot_be_changed(people, ref):
    other = _barrier(plan_for(), ref.culture)
    with pytest.raises(PermissionDenied):
        determinant_remove(plan=people["plan"], determinant=other, base_revision=0, by=people["lead"])
    assert Determinant.objects.filter(pk=other.pk).exists()


def test_strategies_link_only_the_plans_own_determinants(people, ref):
    plan, lead = people["plan"], people["lead"]
    mine = _barrier(plan, ref.culture)
    theirs = _barrier(plan_for(), ref.culture)
    data = StrategyData(
        strategy_id=ref.champions.pk,
        actor="Practice educator",
        outcome_id=ref.adoption.pk,
        determinant_ids=[mine.pk, theirs.pk],
    )
    item = plan_strategy_add(plan=plan, data=data, base_revision=0, by=lead)
    assert list(item.determinants.all()) == [mine]
    assert item.name == "Identify and prepare champions" and item.outcome == ref.adoption
    own = StrategyData(custom_name="  Sepsis  huddles ", dose="Weekly")
    plan_strategy_update(plan=plan, item=item, data=own, base_revision=1, by=lead)
    item.refresh_from_db()
    assert (item.strategy_id, item.custom_name, item.dose) == (None, "Sepsis huddles", "Weekly")
    assert not item.determinants.exists()
    plan_strategy_remove(plan=plan, item=item, base_revision=2, by=lead)
    assert not plan.strategies.exists()


@pytest.mark.parametrize(
    "data",
    [StrategyData(), StrategyData(strategy_id=-1), "both"],
    ids=["unnamed", "unknown", "both"],
)
def test_a_strategy_needs_exactly_one_name(people, ref, data):
    if data == "both":
        data = StrategyData(strategy_id=ref.audit.pk, custom_name="Mine")
    with pytest.raises(ValidationError):
        plan_strategy_add(plan=people["plan"], data=data, base_revision=0, by=people["lead"])
    assert not PlanStrategy.objects.exists() and _revision(people["plan"]) == 0


def test_outcomes_check_the_kind_and_its_framework_field(people, ref):
    plan, lead = people["plan"], people["lead"]
    common = {"name": "Screening done", "measure": "Audit", "timepoint": "6 months"}
    with pytest.raises(ValidationError):
        plan_outcome_add(
            plan=plan, data=OutcomeData(kind=OutcomeKind.IMPLEMENTATION, **common), base_revision=0, by=lead
        )
    with pytest.raises(ValidationError):
        plan_outcome_add(
            plan=plan,
            data=OutcomeData(kind=OutcomeKind.PATIENT, reaim_dimension=REAIMDimension.REACH, **common),
            base_revision=0,
            by=lead,
        )
    outcome = plan_outcome_add(
        plan=plan,
        data=OutcomeData(kind=OutcomeKind.IMPLEMENTATION, implementation_outcome_id=ref.fidelity.pk, **common),
        base_revision=0,
        by=lead,
    )
    plan_outcome_update(
        plan=plan,
        outcome=outcome,
        data=OutcomeData(kind=OutcomeKind.REAIM, reaim_dimension=REAIMDimension.REACH, target="80%", **common),
        base_revision=1,
        by=lead,
    )
    outcome.refresh_from_db()
    assert (outcome.kind, outcome.implementation_outcome_id, outcome.reaim_dimension, outcome.target) == (
        "reaim",
        None,
        "reach",
        "80%",
    )


def test_fidelity_and_timeline_are_saved(people, ref):
    plan, lead = people["plan"], people["lead"]
    plan_fidelity_save(
        plan=plan, fidelity_monitoring=" Monthly audit ", adaptation_logging="Shared log", base_revision=0, by=lead
    )
    plan_timeline_save(
        plan=plan,
        milestones=[
            MilestoneData(phase_id=ref.implementation.pk, title="Go live", start_month=4, end_month=9),
            MilestoneData(phase_id=ref.exploration.pk, title="Map barriers", start_month=1, end_month=3),
        ],
        base_revision=1,
        by=lead,
    )
    plan.refresh_from_db()
    assert plan.fidelity_monitoring == "Monthly audit" and plan.revision == 2
    assert list(plan.milestones.values_list("title", flat=True)) == ["Map barriers", "Go live"]
    with pytest.raises(ValidationError):
        plan_timeline_save(
            plan=plan,
            milestones=[MilestoneData(phase_id=ref.exploration.pk, title="Backwards", start_month=5, end_month=2)],
            base_revision=2,
            by=lead,
        )
    assert plan.milestones.count() == 2


# Suggestions and the unaddressed-barrier flag ---------------------------------------------------------------


def test_suggestions_sum_weights_count_parent_constructs_and_leave_out_used_strategies(people, ref):
    plan = people["plan"]
    on_funding = _barrier(plan, ref.funding, "No money for training")  # a sub-construct of Available resources
    on_culture = _barrier(plan, ref.culture, "Blame culture")
    _barrier(plan, ref.policies, "Helps", kind=DeterminantKind.FACILITATOR)  # facilitators are not suggested for
    BarrierStrategyLinkFactory(construct=ref.resources, strategy=ref.fund, weight=3)  # the parent construct
    BarrierStrategyLinkFactory(construct=ref.funding, strategy=ref.fund, weight=2)
    BarrierStrategyLinkFactory(construct=ref.culture, strategy=ref.educate, weight=1)
    BarrierStrategyLinkFactory(construct=ref.funding, strategy=ref.educate, weight=1)
    BarrierStrategyLinkFactory(construct=ref.culture, strategy=ref.audit, weight=3)
    BarrierStrategyLinkFactory(construct=ref.culture, strategy=ref.champions, weight=3)
    BarrierStrategyLinkFactory(construct=ref.policies, strategy=StrategyFactory(), weight=3)  # only a facilitator
    PlanStrategy.objects.create(plan=plan, strategy=ref.champions)  # already used

    suggestions = strategy_suggestions(plan=plan_full(plan_id=plan.pk))

    ranked = [(item.strategy.name, item.score, [barrier.pk for barrier in item.barriers]) for item in suggestions]
    assert ranked == [
        ("Access new funding", 5, [on_funding.pk]),
        ("Audit and provide feedback", 3, [on_culture.pk]),
        ("Conduct educational meetings", 2, [on_funding.pk, on_culture.pk]),
    ]


def test_suggestions_count_every_barrier_on_a_construct(people, ref):
    plan = people["plan"]
    _barrier(plan, ref.culture, "One")
    _barrier(plan, ref.culture, "Two")
    BarrierStrategyLinkFactory(construct=ref.culture, strategy=ref.audit, weight=2)
    [suggestion] = strategy_suggestions(plan=plan_full(plan_id=plan.pk))
    assert suggestion.score == 4 and len(suggestion.barriers) == 2


def test_barriers_no_strategy_addresses_are_flagged(people, ref):
    plan = people["plan"]
    addressed = _barrier(plan, ref.culture, "Addressed")
    left = _barrier(plan, ref.funding, "Left")
    _barrier(plan, ref.policies, "A facilitator", kind=DeterminantKind.FACILITATOR)
    PlanStrategy.objects.create(plan=plan, custom_name="Huddles").determinants.add(addressed)
    assert barriers_without_strategy(plan=plan_full(plan_id=plan.pk)) == [left]


def test_using_a_suggestion_links_the_barriers_it_is_suggested_for(people, ref):
    plan, lead = people["plan"], people["lead"]
    on_funding = _barrier(plan, ref.funding)
    _barrier(plan, ref.culture)
    BarrierStrategyLinkFactory(construct=ref.resources, strategy=ref.fund, weight=3)
    item = plan_strategy_from_suggestion(plan=plan, strategy=ref.fund, base_revision=0, by=lead)
    assert item.strategy == ref.fund and list(item.determinants.all()) == [on_funding]
    with pytest.raises(ValidationError):
        plan_strategy_from_suggestion(plan=plan, strategy=ref.fund, base_revision=1, by=lead)


def test_construct_choices_group_by_domain_and_indent_sub_constructs(ref):
    groups = dict(construct_choices().choices)
    inner = groups["ZIV. Inner setting"]
    texts = [text for _pk, text in inner]
    assert texts == ["ZIV.A Culture", "ZIV.B Available resources", "\u00a0\u00a0\u00a0\u00a0ZIV.B.1 Funding"]
    assert list(groups).index("ZII. Outer setting") < list(groups).index("ZIV. Inner setting")


def test_stakeholder_grid_places_each_group_by_influence_and_interest(people):
    plan = people["plan"]
    Stakeholder.objects.create(plan=plan, role="Consultants", influence=Level.HIGH, interest=Level.LOW)
    grid = stakeholder_grid(plan=plan_full(plan_id=plan.pk))
    assert [label for label, _cells in grid] == ["High", "Medium", "Low"]
    top = grid[0][1]
    assert [cell.interest for cell in top] == ["low", "medium", "high"]
    assert [s.role for s in top[0].stakeholders] == ["Consultants"]


# Pages ----------------------------------------------------------------------------------------------------------


def _url(name, plan, *args):
    return reverse(f"implementation:{name}", args=[plan.pk, *args])


def test_the_plan_tab_opens_the_plan(client, proposal_people):
    proposal = proposal_people["proposal"]
    client.force_login(proposal_people["lead"])
    response = client.get(reverse("grants:proposal_detail", args=[proposal.pk]))
    tab = reverse("implementation:proposal_plan", args=[proposal.pk])
    assert f'href="{tab}">Plan</a>' in response.content.decode()
    response = client.get(tab)
    plan = ImplementationPlan.objects.get(proposal=proposal)
    assert response.status_code == 302 and response["Location"] == _url("plan_overview", plan)
    page = client.get(response["Location"]).content.decode()
    assert page.count("<h1") == 1 and f'aria-current="page" href="{tab}"' in page


@pytest.mark.parametrize("role", ROLES)
def test_the_plan_tab_follows_the_proposal_rules(client, proposal_people, role):
    if proposal_people[role] is not None:
        client.force_login(proposal_people[role])
    response = client.get(reverse("implementation:proposal_plan", args=[proposal_people["proposal"].pk]))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in READERS:
        assert response.status_code == 302
    else:
        assert response.status_code == 404


def test_a_bad_doi_is_shown_next_to_the_field_and_nothing_typed_is_lost(client, people):
    plan = people["plan"]
    client.force_login(people["lead"])
    response = client.post(
        _url("plan_intervention", plan),
        {
            "base_revision": 0,
            "intervention_name": "Sepsis recognition bundle",
            "evidence_citation": "Smith J. A trial.",
            "evidence_doi": "doi.org/abc",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This does not look like a DOI" in page
    assert 'value="doi.org/abc"' in page and 'value="Sepsis recognition bundle"' in page
    assert 'aria-invalid="true"' in page
    assert _revision(plan) == 0


def test_the_intervention_is_saved_through_the_page(client, people):
    plan = people["plan"]
    client.force_login(people["co_applicant"])
    response = client.post(
        _url("plan_intervention", plan),
        {"base_revision": 0, "intervention_name": "Bundle", "evidence_doi": "https://doi.org/10.1186/abc.1"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.evidence_doi == "10.1186/abc.1" and plan.updated_by == people["co_applicant"]
    page = client.get(_url("plan_overview", plan)).content.decode()
    assert "Bundle" in page and 'href="https://doi.org/10.1186/abc.1"' in page


def test_a_conflicting_save_is_refused_with_a_message_and_the_typed_text_kept(client, people):
    plan = people["plan"]
    _intervention(plan, people["co_applicant"], 0, name="Their name")
    client.force_login(people["lead"])
    data = {"base_revision": 0, "intervention_name": "My name", "core_components": "My core"}
    response = client.post(_url("plan_intervention", plan), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "while you were editing" in page and escape(people["co_applicant"].display_name) in page
    assert 'value="My name"' in page and "My core" in page
    assert "Their name" in page  # the plan as saved now is shown too
    assert 'name="base_revision" value="1"' in page  # saving again keeps these changes on purpose
    plan.refresh_from_db()
    assert plan.intervention_name == "Their name"
    assert client.post(_url("plan_intervention", plan), {**data, "base_revision": 1}).status_code == 302
    plan.refresh_from_db()
    assert plan.intervention_name == "My name"


def test_losing_the_right_to_edit_while_the_page_was_open_gets_the_plans_403_page(client, people, monkeypatch):
    monkeypatch.setattr("implementation.services.plans.plan_edit_allowed", lambda **kwargs: False)
    client.force_login(people["lead"])
    response = client.post(_url("plan_fidelity", people["plan"]), {"base_revision": 0, "fidelity_monitoring": "Audit"})
    assert response.status_code == 403 and "You cannot change this plan" in response.content.decode()
    assert _revision(people["plan"]) == 0


def test_a_missing_revision_is_treated_as_a_conflict(client, people):
    plan = people["plan"]
    client.force_login(people["lead"])
    response = client.post(_url("plan_fidelity", plan), {"fidelity_monitoring": "Audit"})
    assert response.status_code == 409 and "Audit" in response.content.decode()
    assert _revision(plan) == 0


def test_an_outcome_kind_mismatch_is_shown_and_the_typed_data_kept(client, people, ref):
    plan = people["plan"]
    client.force_login(people["lead"])
    data = {
        "base_revision": 0,
        "kind": "patient",
        "implementation_outcome": ref.adoption.pk,
        "name": "Time to antibiotics",
        "measure": "Audit of notes",
        "timepoint": "12 months",
    }
    page = client.post(_url("plan_outcomes", plan), data).content.decode()
    assert "Only an implementation outcome (Proctor) takes one of these." in page
    assert 'value="Time to antibiotics"' in page and 'value="Audit of notes"' in page
    assert not PlanOutcome.objects.exists()
    page = client.post(_url("plan_outcomes", plan), {**data, "kind": "reaim", "implementation_outcome": ""})
    assert "Choose which RE-AIM dimension this measures." in page.content.decode()
    response = client.post(_url("plan_outcomes", plan), {**data, "kind": "implementation"})
    assert response.status_code == 302
    assert PlanOutcome.objects.get().implementation_outcome == ref.adoption


def _milestone_post(rows, *, revision=0, initial=0):
    data = {
        "base_revision": revision,
        "milestones-TOTAL_FORMS": len(rows),
        "milestones-INITIAL_FORMS": initial,
        "milestones-MIN_NUM_FORMS": 0,
        "milestones-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"milestones-{index}-{key}"] = value
    return data


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (6, 2, "The end month must be the same as the start month (6) or later."),
        (0, 2, "The month must be between 1 and 120."),
        (3, 121, "The month must be between 1 and 120."),
        ("soon", 2, "Enter a whole month number, e.g. 3."),
    ],
)
def test_milestone_months_are_checked_and_the_typed_rows_kept(client, people, ref, start, end, message):
    plan = people["plan"]
    client.force_login(people["lead"])
    rows = [
        {"phase": ref.exploration.pk, "title": "Map barriers", "start_month": 1, "end_month": 2},
        {"phase": ref.implementation.pk, "title": "Go live at three PICUs", "start_month": start, "end_month": end},
    ]
    response = client.post(_url("plan_timeline", plan), _milestone_post(rows))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert 'value="Go live at three PICUs"' in page and 'value="Map barriers"' in page
    assert not Milestone.objects.exists()


def test_the_timeline_is_saved_and_drawn(client, people, ref):
    plan = people["plan"]
    client.force_login(people["lead"])
    rows = [
        {"phase": ref.implementation.pk, "title": "Go live", "start_month": 4, "end_month": 12},
        {"phase": "", "title": "", "start_month": "", "end_month": ""},  # a blank row is ignored
    ]
    assert client.post(_url("plan_timeline", plan), _milestone_post(rows)).status_code == 302
    page = client.get(_url("plan_timeline", plan)).content.decode()
    assert "Months 4–12" in page and "<svg" in page and "Go live" in page


def test_setting_page_saves_sites_and_shows_the_grid(client, people):
    plan = people["plan"]
    org = OrganisationFactory(name="Alder Hey PICU")
    client.force_login(people["lead"])
    data = {
        "base_revision": 0,
        "population": "Children with sepsis",
        "sites-TOTAL_FORMS": 2,
        "sites-INITIAL_FORMS": 0,
        "sites-MIN_NUM_FORMS": 0,
        "sites-MAX_NUM_FORMS": 1000,
        "sites-0-organisation": org.pk,
        "sites-0-name": "",
        "sites-0-notes": "",
        "sites-1-organisation": "",
        "sites-1-name": "",
        "sites-1-notes": "Only notes",
        "stakeholders-TOTAL_FORMS": 1,
        "stakeholders-INITIAL_FORMS": 0,
        "stakeholders-MIN_NUM_FORMS": 0,
        "stakeholders-MAX_NUM_FORMS": 1000,
        "stakeholders-0-role": "PICU matrons",
        "stakeholders-0-influence": "high",
        "stakeholders-0-interest": "high",
        "stakeholders-0-engagement": "Steering group",
    }
    page = client.post(_url("plan_setting", plan), data).content.decode()
    assert "Choose a member organisation or type the site’s name." in page and 'value="Only notes"' in page
    data["sites-1-name"] = "Great Ormond Street PICU"
    assert client.post(_url("plan_setting", plan), data).status_code == 302
    assert list(plan.sites.values_list("name", flat=True)) == ["Alder Hey PICU", "Great Ormond Street PICU"]
    page = client.get(_url("plan_setting", plan)).content.decode()
    assert "<caption>Stakeholders by influence" in page and "High influence" in page and "PICU matrons" in page


def test_determinant_form_groups_constructs_and_shows_the_definition(client, people, ref):
    plan = people["plan"]
    client.force_login(people["lead"])
    page = client.get(_url("plan_determinants", plan)).content.decode()
    assert '<optgroup label="ZIV. Inner setting">' in page
    assert "&nbsp;&nbsp;&nbsp;&nbsp;ZIV.B.1 Funding" in page or "\u00a0\u00a0\u00a0\u00a0ZIV.B.1 Funding" in page
    assert 'data-definition="A construct for tests."' in page
    data = {"base_revision": 0, "kind": "barrier", "construct": ref.funding.pk, "description": "", "strength": 2}
    page = client.post(_url("plan_determinants", plan), data).content.decode()
    assert "Describe the barrier or facilitator" in page
    assert "<strong>ZIV.B.1 Funding:</strong> A construct for tests." in page  # the chosen construct's definition
    response = client.post(_url("plan_determinants", plan), {**data, "description": "No money for backfill"})
    assert response.status_code == 302
    page = client.get(_url("plan_determinants", plan)).content.decode()
    assert "ZIV. Inner setting" in page and "No money for backfill" in page
    assert "1 barrier has no strategy yet" in page


def test_a_determinant_is_changed_and_removed_after_confirming(client, people, ref):
    plan = people["plan"]
    determinant = _barrier(plan, ref.culture, "Blame culture")
    client.force_login(people["lead"])
    edit = _url("plan_determinant_edit", plan, determinant.pk)
    assert re.search(r'value="barrier"[^>]*checked', client.get(edit).content.decode())
    data = {"base_revision": 0, "kind": "barrier", "construct": ref.culture.pk, "description": "Fear", "strength": 3}
    assert client.post(edit, data).status_code == 302
    determinant.refresh_from_db()
    assert determinant.description == "Fear" and determinant.strength == 3
    remove = _url("plan_determinant_remove", plan, determinant.pk)
    page = client.get(remove).content.decode()
    assert "Yes, remove it" in page and Determinant.objects.filter(pk=determinant.pk).exists()
    assert client.post(remove, {"base_revision": 0}).status_code == 409  # opened before the change above
    assert client.post(remove, {"base_revision": 1}).status_code == 302
    assert not Determinant.objects.filter(pk=determinant.pk).exists()


def test_an_item_of_another_plan_is_not_found(client, people, ref):
    other = _barrier(plan_for(), ref.culture)
    client.force_login(people["lead"])
    assert client.get(_url("plan_determinant_edit", people["plan"], other.pk)).status_code == 404


def test_strategies_page_suggests_and_use_this_strategy_opens_its_form(client, people, ref):
    plan = people["plan"]
    barrier = _barrier(plan, ref.funding, "No money for backfill")
    _barrier(plan, ref.policies, "New national guidance")
    BarrierStrategyLinkFactory(construct=ref.resources, strategy=ref.fund, weight=3)
    client.force_login(people["lead"])
    page = client.get(_url("plan_strategies", plan)).content.decode()
    assert "2 barriers have no strategy yet" in page
    assert "Access new funding" in page and "score 3" in page and "Use this strategy" in page
    assert "A test framework. Implement Sci 2020." in page  # the mapping's source is cited
    response = client.post(_url("plan_strategy_use", plan), {"base_revision": 0, "strategy": ref.fund.pk})
    item = PlanStrategy.objects.get(plan=plan)
    assert response.status_code == 302 and response["Location"] == _url("plan_strategy_edit", plan, item.pk)
    assert list(item.determinants.all()) == [barrier]
    form = client.get(response["Location"]).content.decode()
    assert "Actor: who delivers it" in form and f'value="{barrier.pk}"' in form
    data = {
        "base_revision": 1,
        "strategy": ref.fund.pk,
        "actor": "Lead nurse",
        "action": "Apply to the hospital charity",
        "outcome": ref.adoption.pk,
        "determinants": [barrier.pk],
    }
    assert client.post(response["Location"], data).status_code == 302
    page = client.get(_url("plan_strategies", plan)).content.decode()
    assert "1 barrier has no strategy yet" in page and "Lead nurse" in page
    assert "Use this strategy" not in page  # the only suggestion is now in the plan


def test_use_this_strategy_on_a_stale_page_adds_nothing(client, people, ref):
    plan = people["plan"]
    _barrier(plan, ref.culture)
    BarrierStrategyLinkFactory(construct=ref.culture, strategy=ref.audit, weight=2)
    _intervention(plan, people["co_applicant"], plan.revision)  # someone else changes the plan meanwhile
    client.force_login(people["lead"])
    response = client.post(_url("plan_strategy_use", plan), {"base_revision": 0, "strategy": ref.audit.pk}, follow=True)
    assert (
        "was not added" in response.content.decode()
        and escape(people["co_applicant"].display_name) in response.content.decode()
    )
    assert not PlanStrategy.objects.exists()


def test_a_custom_strategy_needs_a_name_and_keeps_what_was_typed(client, people):
    plan = people["plan"]
    client.force_login(people["lead"])
    page = client.post(_url("plan_strategy_add", plan), {"base_revision": 0, "actor": "Matron"}).content.decode()
    assert "Choose a strategy from the ERIC list, or name your own below." in page and 'value="Matron"' in page
    response = client.post(_url("plan_strategy_add", plan), {"base_revision": 0, "custom_name": "Huddles"})
    assert response.status_code == 302 and PlanStrategy.objects.get().name == "Huddles"


def test_a_template_plan_shows_its_name(client, group_lead):
    template = ImplementationPlan.objects.create(
        is_template=True, template_name="PICU trials", template_description="Our shared strategy"
    )
    client.force_login(group_lead)
    page = client.get(_url("plan_overview", template)).content.decode()
    assert "<h1" in page and "PICU trials" in page and "Our shared strategy" in page
    assert client.get(_url("plan_strategies", template)).status_code == 200


def test_group_leads_fill_in_templates_and_members_read_published_ones(client, group_lead, learner):
    template = ImplementationPlan.objects.create(is_template=True, template_name="PICU trials")
    client.force_login(group_lead)
    data = {"base_revision": 0, "intervention_name": "Sepsis bundle"}
    assert client.post(_url("plan_intervention", template), data).status_code == 302
    client.force_login(learner)
    assert client.get(_url("plan_intervention", template)).status_code == 404  # not published yet
    ImplementationPlan.objects.filter(pk=template.pk).update(template_published=True)
    page = client.get(_url("plan_intervention", template)).content.decode()
    assert "Sepsis bundle" in page and "Only group leads can change plan templates." in page
    assert client.post(_url("plan_intervention", template), {**data, "base_revision": 1}).status_code == 403
    assert _revision(template) == 1


# The permission matrix -------------------------------------------------------------------------------------------


def _pages(plan, ref):
    """(name, url, valid POST data or None for GET-only pages, whether readers may GET it)."""
    barrier = _barrier(plan, ref.culture, "Blame culture")
    item = PlanStrategy.objects.create(plan=plan, custom_name="Huddles")
    outcome = PlanOutcome.objects.create(plan=plan, kind="patient", name="Mortality", measure="PICANet", timepoint="1y")
    revision = {"base_revision": 0}
    determinant = {**revision, "kind": "barrier", "construct": ref.culture.pk, "description": "Fear", "strength": 2}
    outcome_data = {**revision, "kind": "service", "name": "Length of stay", "measure": "PAS", "timepoint": "1y"}
    formsets = {
        f"{prefix}-{key}": value
        for prefix in ("sites", "stakeholders")
        for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
    }
    return [
        ("overview", _url("plan_overview", plan), None, True),
        ("intervention", _url("plan_intervention", plan), {**revision, "intervention_name": "X"}, True),
        ("setting", _url("plan_setting", plan), {**revision, "population": "Kids", **formsets}, True),
        ("determinants", _url("plan_determinants", plan), determinant, True),
        ("determinant_edit", _url("plan_determinant_edit", plan, barrier.pk), determinant, False),
        ("determinant_remove", _url("plan_determinant_remove", plan, barrier.pk), revision, False),
        ("strategies", _url("plan_strategies", plan), None, True),
        ("strategy_add", _url("plan_strategy_add", plan), {**revision, "custom_name": "Audit"}, False),
        ("strategy_use", _url("plan_strategy_use", plan), {**revision, "strategy": ref.audit.pk}, None),
        ("strategy_edit", _url("plan_strategy_edit", plan, item.pk), {**revision, "custom_name": "Huddle"}, False),
        ("strategy_remove", _url("plan_strategy_remove", plan, item.pk), revision, False),
        ("outcomes", _url("plan_outcomes", plan), outcome_data, True),
        ("outcome_edit", _url("plan_outcome_edit", plan, outcome.pk), outcome_data, False),
        ("outcome_remove", _url("plan_outcome_remove", plan, outcome.pk), revision, False),
        ("fidelity", _url("plan_fidelity", plan), {**revision, "fidelity_monitoring": "Audit"}, True),
        ("timeline", _url("plan_timeline", plan), _milestone_post([]), True),
    ]


PAGE_NAMES = [
    "overview",
    "intervention",
    "setting",
    "determinants",
    "determinant_edit",
    "determinant_remove",
    "strategies",
    "strategy_add",
    "strategy_use",
    "strategy_edit",
    "strategy_remove",
    "outcomes",
    "outcome_edit",
    "outcome_remove",
    "fidelity",
    "timeline",
]


@pytest.mark.parametrize("page", PAGE_NAMES)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, people, ref, role, page):
    plan = people["plan"]
    proposal = people["proposal"]
    _name, url, data, readers_may_get = {row[0]: row for row in _pages(plan, ref)}[page]
    if people[role] is not None:
        client.force_login(people[role])
    get = client.get(url)
    post = client.post(url, data) if data is not None else None
    if role == "anonymous":
        assert get.status_code == 302 and "/accounts/login/" in get["Location"]
        if post is not None:
            assert post.status_code == 302 and "/accounts/login/" in post["Location"]
    elif role in EDITORS:
        if readers_may_get is not None:
            assert get.status_code == 200
        if post is not None:
            assert post.status_code == 302, post.content.decode()[:2000]
            assert _revision(plan) == 1
    elif role in READERS:
        if readers_may_get:
            assert get.status_code == 200
            body = get.content.decode()
            assert 'name="base_revision"' not in body  # read-only: no form to change anything
            assert "Only the lead applicant and co-applicants can change this plan." in body
        elif readers_may_get is False:
            assert get.status_code == 403
        if post is not None:
            assert post.status_code == 403
            assert "You cannot change this plan" in post.content.decode()
        assert _revision(plan) == 0
    else:
        assert get.status_code in (404, 405)
        assert proposal.title not in get.content.decode()
        if post is not None:
            assert post.status_code == 404
        assert _revision(plan) == 0


def test_a_plan_cannot_be_changed_once_the_proposal_is_with_the_funder(client, people):
    proposal = people["proposal"]
    proposal.state = "submitted"
    proposal.save(update_fields=["state"])
    client.force_login(people["lead"])
    page = client.get(_url("plan_intervention", people["plan"])).content.decode()
    assert "so its plan can no longer be changed" in page and 'name="base_revision"' not in page
    response = client.post(_url("plan_intervention", people["plan"]), {"base_revision": 0, "intervention_name": "X"})
    assert response.status_code == 403


# Query counts -----------------------------------------------------------------------------------------------------


def _fill(plan, ref, n: int) -> None:
    """n of everything in the plan, each strategy linked to every barrier."""
    org = OrganisationFactory()
    barriers = []
    for index in range(n):
        PlanSite.objects.create(plan=plan, name=f"Site {index}", organisation=org)
        Stakeholder.objects.create(plan=plan, role=f"Group {index}", influence=Level.HIGH, interest=Level.LOW)
        barriers.append(_barrier(plan, [ref.funding, ref.culture, ref.policies][index % 3], f"Barrier {index}"))
        _barrier(plan, ref.culture, f"Facilitator {index}", kind=DeterminantKind.FACILITATOR)
        strategy = StrategyFactory()
        BarrierStrategyLinkFactory(construct=ref.culture, strategy=strategy, weight=1 + index % 3)
        BarrierStrategyLinkFactory(construct=ref.resources, strategy=strategy, weight=1)
        item = PlanStrategy.objects.create(plan=plan, strategy=StrategyFactory(), outcome=ref.adoption)
        item.determinants.set(barriers)
        PlanOutcome.objects.create(
            plan=plan,
            kind="implementation",
            implementation_outcome=ref.fidelity,
            name=f"O{index}",
            measure="m",
            timepoint="t",
        )
        Milestone.objects.create(plan=plan, phase=ref.exploration, title=f"M{index}", start_month=1, end_month=2)


def _count(client, django_assert_max_num_queries, url) -> int:
    client.get(url)  # warm the session and site caches
    with django_assert_max_num_queries(60) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "page", ["plan_overview", "plan_setting", "plan_determinants", "plan_strategies", "plan_outcomes", "plan_timeline"]
)
def test_page_queries_do_not_grow_with_the_plan(client, django_assert_max_num_queries, ref, page):
    small_plan, large_plan = plan_for(), plan_for()
    _fill(small_plan, ref, 1)
    _fill(large_plan, ref, 8)
    client.force_login(small_plan.proposal.lead)
    small = _count(client, django_assert_max_num_queries, _url(page, small_plan))
    client.force_login(large_plan.proposal.lead)
    large = _count(client, django_assert_max_num_queries, _url(page, large_plan))
    assert large == small


def test_every_part_page_renders_for_a_full_plan(client, ref):
    plan = plan_for(proposal=proposal_make(complete=True))
    _fill(plan, ref, 3)
    client.force_login(plan.proposal.lead)
    for name in ["plan_intervention", "plan_fidelity"]:
        page = client.get(_url(name, plan)).content.decode()
        assert page.count("<h1") == 1
