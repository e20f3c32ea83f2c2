"""The permission matrix of implementation plans: every implementation URL, by direct address, for every role.

One world, made through the services as members would: a group lead writes a plan template and publishes it,
and keeps a second one as a draft; a researcher starts their proposal's plan from the published template and
fills in every part (intervention, sites and stakeholders, barriers and a facilitator coded to CFIR, an ERIC
strategy specified in full and one of their own, outcomes, fidelity, milestones), then asks for a PDF of the
plan, which the task queued on commit builds for the rows that read it.

One table: for each URL (GET pages and POST actions) what each role gets. A proposal's plan follows the
proposal's rules: its readers are the applicants (lead, co-applicant), the assigned mentor and group leads; the
applicants write; a reader refused a change gets the plan's 403 page, which says why; anyone else signed in gets
404, as proposals are confidential, and anonymous visitors are sent to log in. Templates: every member reads a
published one, only group leads see a draft (404 for anyone else) and only group leads create, change and
publish them.

Each role's request runs in a savepoint that is rolled back, so a POST that changes the world cannot change what
the next role sees. Every POST row reads back what it changes (the plan's revision, which every write service
bumps, or the thing it makes), which must change for exactly the roles allowed, so a refusal that nevertheless did
the work is caught. A 404 page never shows the plan (its intervention, the proposal's title, a draft template's
name), and no page shows the draft template's name to anyone but group leads. A guard test fails when a URL in
implementation.urls has no row, so a new view cannot skip the matrix.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, reverse

from implementation import urls as implementation_urls
from implementation.models import (
    Determinant,
    DeterminantKind,
    ImplementationPlan,
    Level,
    OutcomeKind,
    PlanExport,
    PlanOutcome,
    PlanStrategy,
)
from implementation.selectors.plans import plan_full
from implementation.serialise import empty_document, plan_from_dict, plan_to_dict
from implementation.services.editing import (
    DeterminantData,
    MilestoneData,
    OutcomeData,
    SiteData,
    StakeholderData,
    StrategyData,
    determinant_add,
    plan_fidelity_save,
    plan_intervention_save,
    plan_outcome_add,
    plan_setting_save,
    plan_strategy_add,
    plan_timeline_save,
)
from implementation.services.exports import plan_export_request
from implementation.services.plans import plan_ensure
from implementation.services.templates import plan_start_from_template, template_create, template_publish_set
from tests.accounts.factories import EditorFactory, GroupLeadFactory, LearnerFactory, MentorFactory
from tests.grants.factories import co_applicant_add, mentor_assign, proposal_make
from tests.implementation.factories import (
    BarrierStrategyLinkFactory,
    CFIRConstructFactory,
    CFIRDomainFactory,
    EPISPhaseFactory,
    ImplementationOutcomeFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

# Roles ------------------------------------------------------------------------------------------------------

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
MEMBERS = frozenset(ROLES) - {"anonymous"}
WRITERS = frozenset({"lead", "co_applicant"})
READERS = WRITERS | {"mentor", "group_lead"}
#: Readers of the proposal's plan who may not change it: they get the plan's 403 page.
READ_ONLY = READERS - WRITERS
GROUP_LEADS = frozenset({"group_lead"})
NOBODY = frozenset()

LOGIN = "login"  # anonymous: redirected to the log-in page

TITLE = "Nurse-led sepsis recognition in paediatric intensive care"
INTERVENTION = "Paediatric sepsis recognition bundle"
SITE = "Leeds General Infirmary PICU"
BARRIER = "Night staff are not confident recognising early sepsis"
MECHANISM = "Nurses learn the warning signs and trust their own judgement"
OUTCOME = "Screening completed within an hour of admission"
FIDELITY = "Monthly audit of twenty screening forms at each site"
MILESTONE = "Train the sepsis champions"
PUBLISHED = "Shared strategy for bundles of care in PICU"
DRAFT = "Unfinished template for delirium screening"
#: Text that may show on a page (any page, in any row) only to these roles.
SECRETS = {DRAFT: GROUP_LEADS}
#: Text no 404 page may show: the plan's content, its proposal, a draft template.
NEVER_ON_404 = (INTERVENTION, TITLE, BARRIER, DRAFT)


# The world --------------------------------------------------------------------------------------------------


def _reference() -> SimpleNamespace:
    """Reference data of our own (codes the shipped CFIR, ERIC, Proctor and EPIS data do not use)."""
    inner = CFIRDomainFactory(code="ZM3", name="Matrix inner setting", sort_order=93)
    individuals = CFIRDomainFactory(code="ZM4", name="Matrix individuals", sort_order=94)
    ref = SimpleNamespace(
        capability=CFIRConstructFactory(domain=individuals, code="ZM4.B.2", name="Capability"),
        resources=CFIRConstructFactory(domain=inner, code="ZM3.J", name="Available resources"),
        culture=CFIRConstructFactory(domain=inner, code="ZM3.D", name="Culture"),
        education=StrategyFactory(number=1901, name="Conduct educational meetings"),
        audit=StrategyFactory(number=1902, name="Audit and provide feedback"),
        champions=StrategyFactory(number=1903, name="Identify and prepare champions"),
        adoption=ImplementationOutcomeFactory(key="matrix-adoption", name="Adoption"),
        fidelity=ImplementationOutcomeFactory(key="matrix-fidelity", name="Fidelity"),
        preparation=EPISPhaseFactory(key="matrix-preparation", name="Preparation", sort_order=2),
        implementation=EPISPhaseFactory(key="matrix-implementation", name="Implementation", sort_order=3),
    )
    # "Conduct educational meetings" is suggested for a barrier coded to Capability, and not yet in the plan.
    BarrierStrategyLinkFactory(construct=ref.capability, strategy=ref.education, weight=3)
    BarrierStrategyLinkFactory(construct=ref.resources, strategy=ref.audit, weight=2)
    return ref


def _template_document() -> dict:
    """What the published template holds: a stakeholder, a barrier, a strategy, an outcome and a milestone."""
    document = empty_document()
    document["intervention"]["name"] = "A bundle of care across PICUs"
    document["setting"]["stakeholders"] = [
        {"role": "Bedside nurses", "influence": "medium", "interest": "high", "engagement": "Ward huddles"}
    ]
    document["determinants"] = [
        {"ref": "a", "kind": "barrier", "construct": "ZM3.J", "description": "No time set aside for training"}
    ]
    document["strategies"] = [{"eric": 1903, "actor": "Unit matron", "determinants": ["a"]}]
    document["outcomes"] = [
        {"kind": "implementation", "implementation_outcome": "matrix-adoption", "name": "Bundle uptake"}
    ]
    document["milestones"] = [
        {"phase": "matrix-preparation", "title": "Agree the bundle", "start_month": 1, "end_month": 2}
    ]
    return document


@pytest.fixture
def world(django_capture_on_commit_callbacks) -> SimpleNamespace:
    """A proposal whose plan was started from a published template and filled in; a draft template; a plan PDF."""
    people = {
        "lead": LearnerFactory(),
        "co_applicant": LearnerFactory(),
        "mentor": MentorFactory(),
        "other_mentor": MentorFactory(),
        "group_lead": GroupLeadFactory(),
        "other_member": LearnerFactory(),
        "editor": EditorFactory(),
        "anonymous": None,
    }
    ref = _reference()
    author, lead = people["group_lead"], people["lead"]

    published = template_create(name=PUBLISHED, description="For bundles of care across PICUs.", by=author)
    plan_from_dict(data=_template_document(), plan=published, by=author)
    published = template_publish_set(template=published, published=True, by=author)
    draft = template_create(name=DRAFT, description="Not ready yet.", by=author)
    plan_intervention_save(
        plan=draft,
        intervention_name="Delirium screening",
        evidence_citation="",
        evidence_doi="",
        core_components="",
        adaptable_components="",
        base_revision=None,
        by=author,
    )  # something in it, so that it may be published

    proposal = proposal_make(lead=lead, complete=True, title=TITLE)
    co_applicant_add(proposal=proposal, user=people["co_applicant"])
    mentor_assign(proposal=proposal, mentor=people["mentor"])
    plan = plan_start_from_template(plan=plan_ensure(proposal=proposal), template=published, by=lead)
    plan_intervention_save(
        plan=plan,
        intervention_name=INTERVENTION,
        evidence_citation="SEPSIS-KIDS stepped-wedge trial, 2023",
        evidence_doi="10.1186/s13012-015-0209-1",
        core_components="Screening tool and escalation call",
        adaptable_components="Who makes the escalation call",
        base_revision=None,
        by=lead,
    )
    stakeholders = [
        StakeholderData(role="Bedside nurses", influence=Level.MEDIUM, interest=Level.HIGH, engagement="Huddles"),
        StakeholderData(role="Consultant intensivists", influence=Level.HIGH, interest=Level.MEDIUM),
    ]
    plan_setting_save(
        plan=plan,
        population="Children admitted to PICU",
        sites=[SiteData(name=SITE), SiteData(name="Bristol Royal Hospital for Children PICU")],
        stakeholders=stakeholders,
        base_revision=None,
        by=lead,
    )
    barrier = determinant_add(
        plan=plan,
        data=DeterminantData(
            kind=DeterminantKind.BARRIER, construct_id=ref.capability.pk, description=BARRIER, evidence="A survey"
        ),
        base_revision=None,
        by=lead,
    )
    facilitator = determinant_add(
        plan=plan,
        data=DeterminantData(
            kind=DeterminantKind.FACILITATOR, construct_id=ref.culture.pk, description="The matron backs the change"
        ),
        base_revision=None,
        by=lead,
    )
    strategy = plan_strategy_add(
        plan=plan,
        data=StrategyData(
            strategy_id=ref.audit.pk,
            actor="The unit's practice educator",
            action="Audit twenty screening forms and share the results",
            action_target="Bedside nurses",
            temporality="Monthly from go-live",
            dose="One page, once a month",
            outcome_id=ref.fidelity.pk,
            justification="Feedback changes practice",
            mechanism=MECHANISM,
            determinant_ids=[barrier.pk, facilitator.pk],
        ),
        base_revision=None,
        by=lead,
    )
    own = plan_strategy_add(
        plan=plan,
        data=StrategyData(custom_name="A sepsis huddle each shift", determinant_ids=[barrier.pk]),
        base_revision=None,
        by=lead,
    )
    outcome = plan_outcome_add(
        plan=plan,
        data=OutcomeData(
            kind=OutcomeKind.IMPLEMENTATION,
            implementation_outcome_id=ref.fidelity.pk,
            name=OUTCOME,
            measure="Monthly audit",
            timepoint="6 months",
            target="80% of admissions",
        ),
        base_revision=None,
        by=lead,
    )
    plan_outcome_add(
        plan=plan,
        data=OutcomeData(kind=OutcomeKind.PATIENT, name="Time to antibiotics", measure="Drug chart", timepoint="1y"),
        base_revision=None,
        by=lead,
    )
    plan_fidelity_save(
        plan=plan,
        fidelity_monitoring=FIDELITY,
        adaptation_logging="A change log kept by each site lead",
        base_revision=None,
        by=lead,
    )
    plan_timeline_save(
        plan=plan,
        milestones=[
            MilestoneData(phase_id=ref.preparation.pk, title=MILESTONE, start_month=1, end_month=3),
            MilestoneData(phase_id=ref.implementation.pk, title="Go live at both units", start_month=4, end_month=12),
        ],
        base_revision=None,
        by=lead,
    )
    # The PDF is asked for here, and built (by the task queued on commit) only for the rows that need it:
    # WeasyPrint takes a good part of a second, and most rows never look at the PDF.
    with django_capture_on_commit_callbacks(execute=False) as build:
        export = plan_export_request(plan=plan, by=lead)
    plan.refresh_from_db()
    assert len(build) == 1 and plan.template_id == published.pk
    assert plan.strategies.count() == 3 and plan.determinants.count() == 3 and plan.milestones.count() == 2
    return SimpleNamespace(
        people=people,
        ref=ref,
        proposal=proposal,
        plan=plan,
        published=published,
        draft=draft,
        barrier=barrier,
        strategy=strategy,
        own_strategy=own,
        outcome=outcome,
        export=export,
        pdf_build=build[0],
    )


def _pdf_built(world) -> None:
    world.pdf_build()
    world.export.refresh_from_db()
    assert world.export.is_ready


# The table --------------------------------------------------------------------------------------------------


def _plan(w) -> list:
    return [w.plan.pk]


def _revision_of(plan: Callable) -> Callable:
    """What every write to a plan changes: its revision."""
    return lambda w: ImplementationPlan.objects.values_list("revision", flat=True).get(pk=plan(w).pk)


_revision = _revision_of(lambda w: w.plan)


@dataclasses.dataclass(frozen=True)
class Row:
    """One request, and what each role gets for it.

    `ok` roles get `ok_status`; `refused` roles (readers who may not do this) get `refused_status`; every other
    member gets 404 and anonymous visitors the log-in redirect. Pages the `ok` roles get show `shows`. `effect`
    reads back what a POST changes: it must change for the `ok` roles, and only for them.
    """

    id: str
    name: str
    ok: frozenset
    method: str = "GET"
    ok_status: int = 200
    refused: frozenset = NOBODY
    refused_status: int = 403
    args: Callable = _plan
    data: Callable | None = None
    effect: Callable | None = None
    #: Text the page must show to the `ok` roles (so a 200 is the real page, not an empty shell).
    shows: str = ""
    #: Where a redirect for the `ok` roles must lead (a path), if it matters.
    redirects_to: Callable | None = None
    #: Whether the row needs the plan's PDF built first.
    pdf: bool = False

    def expected(self, role: str) -> int | str:
        if role == "anonymous":
            return LOGIN
        if role in self.ok:
            return self.ok_status
        if role in self.refused:
            return self.refused_status
        return 404


def get(id, name, ok, **kwargs) -> Row:
    return Row(id=id, name=name, ok=frozenset(ok), **kwargs)


def post(id, name, ok, **kwargs) -> Row:
    kwargs.setdefault("ok_status", 302)
    kwargs.setdefault("effect", _revision)
    return Row(id=id, name=name, ok=frozenset(ok), method="POST", **kwargs)


def read(id, name, **kwargs) -> Row:
    """A page of the proposal's plan every reader sees (read-only for those who may not change it)."""
    return get(id, name, READERS, **kwargs)


def write_page(id, name, **kwargs) -> Row:
    """A page only the applicants use (a form, or a question before removing): readers get the 403 page."""
    return get(id, name, WRITERS, refused=READ_ONLY, **kwargs)


def write(id, name, **kwargs) -> Row:
    """A change to the proposal's plan: the applicants make it; other readers get the 403 page."""
    return post(id, name, WRITERS, refused=READ_ONLY, **kwargs)


def _now(w, plan=None) -> dict:
    """The plan's revision now, as a form opened just before sending it would carry."""
    plan = plan or w.plan
    return {"base_revision": ImplementationPlan.objects.values_list("revision", flat=True).get(pk=plan.pk)}


def _formsets(*prefixes: str) -> dict:
    return {f"{prefix}-{key}": 0 for prefix in prefixes for key in ("TOTAL_FORMS", "INITIAL_FORMS")}


def _determinant_data(w) -> dict:
    return {
        **_now(w),
        "kind": DeterminantKind.BARRIER,
        "construct": w.ref.resources.pk,
        "description": "Agency nurses miss the training",
        "strength": 2,
        "evidence": "",
    }


def _strategy_data(w) -> dict:
    return {
        **_now(w),
        "strategy": w.ref.audit.pk,
        "actor": "The practice educator",
        "action": "Audit and feed back",
        "mechanism": "Seeing the numbers spurs change",
        "determinants": [w.barrier.pk],
    }


def _outcome_data(w) -> dict:
    return {**_now(w), "kind": OutcomeKind.SERVICE, "name": "Length of stay", "measure": "PAS", "timepoint": "1y"}


def _import_data(w) -> dict:
    document = plan_to_dict(plan_full(plan_id=w.plan.pk))
    document["intervention"]["name"] = "An imported bundle"
    upload = SimpleUploadedFile("plan.json", json.dumps(document).encode(), content_type="application/json")
    return {"file": upload, "confirm": "on"}


def _overview(w) -> str:
    return reverse("implementation:plan_overview", args=[w.plan.pk])


def _templates() -> int:
    return ImplementationPlan.objects.templates().count()


def _published(template: Callable) -> Callable:
    return lambda w: ImplementationPlan.objects.values_list("template_published", flat=True).get(pk=template(w).pk)


PLAN_PAGES = [
    get(
        "proposal-plan-tab",
        "proposal_plan",
        READERS,
        ok_status=302,
        args=lambda w: [w.proposal.pk],
        redirects_to=_overview,
    ),
    read("overview", "plan_overview", shows=INTERVENTION),
    read("intervention", "plan_intervention", shows=INTERVENTION),
    read("setting", "plan_setting", shows=SITE),
    read("determinants", "plan_determinants", shows=BARRIER),
    read("strategies", "plan_strategies", shows=MECHANISM),
    read("outcomes", "plan_outcomes", shows=OUTCOME),
    read("fidelity", "plan_fidelity", shows=FIDELITY),
    read("timeline", "plan_timeline", shows=MILESTONE),
    write_page("determinant-edit", "plan_determinant_edit", args=lambda w: [w.plan.pk, w.barrier.pk], shows=BARRIER),
    write_page("determinant-remove-confirm", "plan_determinant_remove", args=lambda w: [w.plan.pk, w.barrier.pk]),
    write_page("strategy-add-form", "plan_strategy_add"),
    write_page("strategy-edit", "plan_strategy_edit", args=lambda w: [w.plan.pk, w.strategy.pk], shows=MECHANISM),
    write_page("strategy-remove-confirm", "plan_strategy_remove", args=lambda w: [w.plan.pk, w.strategy.pk]),
    write_page("outcome-edit", "plan_outcome_edit", args=lambda w: [w.plan.pk, w.outcome.pk], shows=OUTCOME),
    write_page("outcome-remove-confirm", "plan_outcome_remove", args=lambda w: [w.plan.pk, w.outcome.pk]),
]

PLAN_WRITES = [
    write(
        "intervention-save",
        "plan_intervention",
        data=lambda w: {**_now(w), "intervention_name": "A renamed bundle", "evidence_doi": ""},
    ),
    write(
        "setting-save",
        "plan_setting",
        data=lambda w: {**_now(w), "population": "Children with sepsis", **_formsets("sites", "stakeholders")},
    ),
    write("determinant-add", "plan_determinants", data=_determinant_data),
    write(
        "determinant-save", "plan_determinant_edit", args=lambda w: [w.plan.pk, w.barrier.pk], data=_determinant_data
    ),
    write(
        "determinant-remove",
        "plan_determinant_remove",
        args=lambda w: [w.plan.pk, w.barrier.pk],
        data=_now,
        effect=lambda w: Determinant.objects.filter(pk=w.barrier.pk).exists(),
    ),
    write(
        "strategy-add",
        "plan_strategy_add",
        data=lambda w: {**_now(w), "custom_name": "Sepsis posters in the staff room"},
        effect=lambda w: PlanStrategy.objects.filter(plan=w.plan).count(),
    ),
    write(
        "strategy-use-suggestion",
        "plan_strategy_use",
        data=lambda w: {**_now(w), "strategy": w.ref.education.pk},
        effect=lambda w: list(PlanStrategy.objects.filter(plan=w.plan).values_list("strategy_id", flat=True)),
    ),
    write("strategy-save", "plan_strategy_edit", args=lambda w: [w.plan.pk, w.strategy.pk], data=_strategy_data),
    write(
        "strategy-remove",
        "plan_strategy_remove",
        args=lambda w: [w.plan.pk, w.own_strategy.pk],
        data=_now,
        effect=lambda w: PlanStrategy.objects.filter(pk=w.own_strategy.pk).exists(),
    ),
    write(
        "outcome-add",
        "plan_outcomes",
        data=_outcome_data,
        effect=lambda w: PlanOutcome.objects.filter(plan=w.plan).count(),
    ),
    write("outcome-save", "plan_outcome_edit", args=lambda w: [w.plan.pk, w.outcome.pk], data=_outcome_data),
    write(
        "outcome-remove",
        "plan_outcome_remove",
        args=lambda w: [w.plan.pk, w.outcome.pk],
        data=_now,
        effect=lambda w: PlanOutcome.objects.filter(pk=w.outcome.pk).exists(),
    ),
    write(
        "fidelity-save",
        "plan_fidelity",
        data=lambda w: {**_now(w), "fidelity_monitoring": "Weekly spot checks", "adaptation_logging": "A log"},
    ),
    write(
        "timeline-save",
        "plan_timeline",
        data=lambda w: {**_now(w), **_formsets("milestones")},
    ),
]

OUTPUTS = [
    read("logic-model", "plan_logic_model", shows=MECHANISM),
    read("completeness", "plan_completeness", shows="Every barrier is addressed by a strategy"),
    post(
        "pdf-request",
        "plan_export",
        READERS,
        effect=lambda w: PlanExport.objects.filter(plan=w.plan).count(),
        pdf=True,  # the lead's own PDF is made, so theirs is a new request (not a double click)
    ),
    read(
        "pdf-status",
        "plan_export_detail",
        args=lambda w: [w.plan.pk, w.export.pk],
        shows="Your PDF is ready",
        pdf=True,
    ),
    read("pdf-download", "plan_export_download", args=lambda w: [w.plan.pk, w.export.pk], pdf=True),
    read("json-export", "plan_export_json", shows=INTERVENTION),
    write_page("import-form", "plan_import"),
    write("import", "plan_import", data=_import_data),
    write_page("start-from-template-form", "plan_start_from_template", shows=PUBLISHED),
    write(
        "start-from-template",
        "plan_start_from_template",
        data=lambda w: {"template": w.published.pk, "replace": "on"},
    ),
    read("changes-from-template", "plan_template_changes", shows=PUBLISHED),
]

_published_template = lambda w: w.published  # noqa: E731
_draft_template = lambda w: w.draft  # noqa: E731
_template_revision = _revision_of(_published_template)
_draft_revision = _revision_of(_draft_template)

TEMPLATES = [
    get("template-list", "template_list", MEMBERS, args=lambda w: [], shows=PUBLISHED),
    get("template-new-form", "template_new", GROUP_LEADS, args=lambda w: []),
    post(
        "template-new",
        "template_new",
        GROUP_LEADS,
        args=lambda w: [],
        data=lambda w: {"name": "Early mobilisation", "description": "For mobilisation studies."},
        effect=lambda w: _templates(),
    ),
    get("template-edit-form", "template_edit", GROUP_LEADS, args=lambda w: [w.published.pk], shows=PUBLISHED),
    get("template-edit-form-draft", "template_edit", GROUP_LEADS, args=lambda w: [w.draft.pk], shows=DRAFT),
    post(
        "template-edit",
        "template_edit",
        GROUP_LEADS,
        args=lambda w: [w.draft.pk],
        data=lambda w: {"name": "Delirium screening (v2)", "description": "Nearly ready."},
        effect=_draft_revision,
    ),
    post(
        "template-publish",
        "template_publish",
        GROUP_LEADS,
        args=lambda w: [w.draft.pk],
        effect=_published(_draft_template),
    ),
    post(
        "template-unpublish",
        "template_unpublish",
        GROUP_LEADS,
        args=lambda w: [w.published.pk],
        effect=_published(_published_template),
    ),
    # A template is read and filled in with the plan's own pages.
    get("template-overview", "plan_overview", MEMBERS, args=lambda w: [w.published.pk], shows=PUBLISHED),
    get("template-overview-draft", "plan_overview", GROUP_LEADS, args=lambda w: [w.draft.pk], shows=DRAFT),
    get("template-logic-model", "plan_logic_model", MEMBERS, args=lambda w: [w.published.pk]),
    get("template-logic-model-draft", "plan_logic_model", GROUP_LEADS, args=lambda w: [w.draft.pk]),
    get(
        "template-json",
        "plan_export_json",
        MEMBERS,
        args=lambda w: [w.published.pk],
        shows="A bundle of care across PICUs",
    ),
    get("template-json-draft", "plan_export_json", GROUP_LEADS, args=lambda w: [w.draft.pk]),
    post(
        "template-intervention-save",
        "plan_intervention",
        GROUP_LEADS,
        refused=MEMBERS - GROUP_LEADS,
        args=lambda w: [w.published.pk],
        data=lambda w: {**_now(w, w.published), "intervention_name": "A bundle of care (v2)"},
        effect=_template_revision,
    ),
    post(
        "template-intervention-save-draft",
        "plan_intervention",
        GROUP_LEADS,
        args=lambda w: [w.draft.pk],
        data=lambda w: {**_now(w, w.draft), "intervention_name": "Delirium screening (v2)"},
        effect=_draft_revision,
    ),
    get(
        "template-determinant-edit",
        "plan_determinant_edit",
        GROUP_LEADS,
        refused=MEMBERS - GROUP_LEADS,
        args=lambda w: [w.published.pk, w.published.determinants.get().pk],
    ),
    get(
        "template-import-form",
        "plan_import",
        GROUP_LEADS,
        refused=MEMBERS - GROUP_LEADS,
        args=lambda w: [w.published.pk],
    ),
    post(
        "template-pdf-request",
        "plan_export",
        MEMBERS,
        args=lambda w: [w.published.pk],
        effect=lambda w: PlanExport.objects.filter(plan=w.published).count(),
    ),
    # A template is not started from a template, and has no changes from one.
    get("template-start-from-template", "plan_start_from_template", NOBODY, args=lambda w: [w.published.pk]),
    get("template-changes", "plan_template_changes", NOBODY, args=lambda w: [w.published.pk]),
]

MATRIX: list[Row] = [*PLAN_PAGES, *PLAN_WRITES, *OUTPUTS, *TEMPLATES]


# The tests --------------------------------------------------------------------------------------------------


def _outcome(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def _request(client, row: Row, world) -> object:
    url = reverse(f"implementation:{row.name}", args=row.args(world))
    if row.method == "GET":
        return client.get(url)
    return client.post(url, row.data(world) if row.data else {})


@pytest.mark.parametrize("row", MATRIX, ids=[row.id for row in MATRIX])
def test_permission_matrix(client, world, row):
    """Each role, by direct URL, gets what the table says; a refused POST leaves no trace; a 404 shows nothing."""
    if row.pdf:
        _pdf_built(world)
    wrong = []
    for role in ROLES:
        with transaction.atomic():
            client.logout()
            if world.people[role] is not None:
                client.force_login(world.people[role])
            before = row.effect(world) if row.effect else None
            response = _request(client, row, world)
            after = row.effect(world) if row.effect else None
            transaction.set_rollback(True)
        expected, got = row.expected(role), _outcome(response)
        content = "" if response.streaming else response.content.decode()
        if got != expected:
            wrong.append(f"{role}: expected {expected}, got {got}")
        elif got == 404:
            wrong += [f"{role}: the 404 page shows {text!r}" for text in NEVER_ON_404 if text in content]
        elif got == 200:
            if row.shows and row.shows not in content and role in row.ok:
                wrong.append(f"{role}: the page does not show {row.shows!r}")
        elif got == 302 and row.redirects_to and response["Location"] != row.redirects_to(world):
            wrong.append(f"{role}: redirected to {response['Location']}, not {row.redirects_to(world)}")
        elif got == 403 and not ("You cannot change this" in content and "Only " in content):
            wrong.append(f"{role}: the 403 page does not say why")
        for secret, allowed in SECRETS.items():
            if role not in allowed and secret in content:
                wrong.append(f"{role}: the page shows {secret!r}")
        if row.effect and (before != after) != (role in row.ok):
            changed = role in row.ok
            wrong.append(f"{role}: effect {'missing' if changed else 'happened'} ({before!r} -> {after!r})")
    assert not wrong, f"{row.method} {row.name} ({row.id}):\n" + "\n".join(wrong)


def test_the_pdf_download_is_the_pdf(client, world):
    """The download row above gets a 200; here, that it is the plan's PDF, for a reader who did not ask for it."""
    _pdf_built(world)
    client.force_login(world.people["mentor"])
    response = client.get(reverse("implementation:plan_export_download", args=[world.plan.pk, world.export.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.fixture
def elsewhere(world, django_capture_on_commit_callbacks) -> SimpleNamespace:
    """A second proposal's plan with one of everything; none of the world's people are on that proposal."""
    lead = LearnerFactory()
    proposal = proposal_make(lead=lead, complete=True, title="A proposal nobody here may see")
    plan = plan_ensure(proposal=proposal)
    determinant = Determinant.objects.create(
        plan=plan, kind=DeterminantKind.BARRIER, construct=world.ref.culture, description="Theirs"
    )
    strategy = PlanStrategy.objects.create(plan=plan, custom_name="Their strategy")
    outcome = PlanOutcome.objects.create(plan=plan, kind=OutcomeKind.PATIENT, name="Theirs", measure="m", timepoint="t")
    export = PlanExport.objects.create(plan=plan, requested_by=lead)  # not built: it need only exist
    return SimpleNamespace(plan=plan, determinant=determinant, strategy=strategy, outcome=outcome, export=export)


#: (method, URL name, URL arguments) for another plan's things reached through the world's plan.
FOREIGN = [
    ("GET", "plan_determinant_edit", lambda w, o: [w.plan.pk, o.determinant.pk]),
    ("POST", "plan_determinant_edit", lambda w, o: [w.plan.pk, o.determinant.pk]),
    ("POST", "plan_determinant_remove", lambda w, o: [w.plan.pk, o.determinant.pk]),
    ("GET", "plan_strategy_edit", lambda w, o: [w.plan.pk, o.strategy.pk]),
    ("POST", "plan_strategy_remove", lambda w, o: [w.plan.pk, o.strategy.pk]),
    ("GET", "plan_outcome_edit", lambda w, o: [w.plan.pk, o.outcome.pk]),
    ("POST", "plan_outcome_remove", lambda w, o: [w.plan.pk, o.outcome.pk]),
    ("GET", "plan_export_detail", lambda w, o: [w.plan.pk, o.export.pk]),
    ("GET", "plan_export_download", lambda w, o: [w.plan.pk, o.export.pk]),
    # A proposal's plan is not a template, whatever its number.
    ("GET", "template_edit", lambda w, o: [w.plan.pk]),
    ("POST", "template_publish", lambda w, o: [w.plan.pk]),
]


def test_another_plans_things_are_not_found_through_this_one(client, world, elsewhere):
    """By this plan's address, its lead (who may do everything here) finds nothing of another plan's."""
    wrong = []
    for role, method, name, args in [("lead", *row) for row in FOREIGN[:-2]] + [
        ("group_lead", *row) for row in FOREIGN[-2:]
    ]:
        client.force_login(world.people[role])
        url = reverse(f"implementation:{name}", args=args(world, elsewhere))
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, _now(world))
            still_there = [
                Determinant.objects.filter(pk=elsewhere.determinant.pk).exists(),
                PlanStrategy.objects.filter(pk=elsewhere.strategy.pk).exists(),
                PlanOutcome.objects.filter(pk=elsewhere.outcome.pk).exists(),
            ]
            transaction.set_rollback(True)
        if response.status_code != 404:
            wrong.append(f"{method} {name}: {response.status_code}")
        elif "Theirs" in response.content.decode():
            wrong.append(f"{method} {name}: the 404 page shows the other plan")
        if not all(still_there):
            wrong.append(f"{method} {name}: removed the other plan's things")
    assert not wrong, "\n".join(wrong)


def _pattern_names(patterns) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _pattern_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"implementation URL {pattern.pattern} has no name, so the matrix cannot name it"
            names.add(pattern.name)
    return names


def test_every_implementation_url_is_in_the_matrix():
    """A view added to implementation.urls without a row in the matrix fails here."""
    missing = _pattern_names(implementation_urls.urlpatterns) - {row.name for row in MATRIX}
    assert not missing, f"add these implementation URLs to the permission matrix: {sorted(missing)}"


def test_the_matrix_rows_are_unique_and_complete():
    """A check of the table itself: ids are unique, every POST reads back its effect, each role has an expectation."""
    ids = [row.id for row in MATRIX]
    assert len(ids) == len(set(ids))
    assert all(row.effect is not None for row in MATRIX if row.method == "POST")
    assert all(row.method == "POST" or row.data is None for row in MATRIX)
    assert all(row.expected(role) in {200, 302, 403, 404, LOGIN} for row in MATRIX for role in ROLES)
