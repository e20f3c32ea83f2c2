"""A plan's outputs: the logic model, the timeline, completeness with StaRI coverage, and the PDFs."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from grants.models import ActivityVerb
from grants.pdf import proposal_pdf_render
from implementation.logic_model import (
    DETERMINANTS,
    MECHANISMS,
    NO_MECHANISM,
    OUTCOMES,
    STRATEGIES,
    logic_model_build,
    logic_model_svg,
)
from implementation.models import (
    Determinant,
    DeterminantKind,
    EPISPhase,
    ImplementationPlan,
    Milestone,
    OutcomeKind,
    PlanExport,
    PlanOutcome,
    PlanSite,
    PlanStrategy,
    Stakeholder,
)
from implementation.pdf import plan_export_pdf_store, plan_pdf_render
from implementation.selectors.outputs import plan_completeness, plan_outputs
from implementation.selectors.plans import plan_full
from implementation.services.exports import plan_export_request
from implementation.stari import STARI_ITEMS, stari_check
from implementation.timeline import timeline_build, timeline_svg
from tests.implementation.factories import (
    CFIRConstructFactory,
    CFIRDomainFactory,
    EPISPhaseFactory,
    ImplementationOutcomeFactory,
    StrategyFactory,
    plan_for,
)

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
READERS = {"lead", "co_applicant", "mentor", "group_lead"}
ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]


# A hand-built plan ------------------------------------------------------------------------------------


@pytest.fixture
def phases():
    """The four EPIS phases (shipped by the reference data migration; made here if a test database lacks them)."""
    names = ["Exploration", "Preparation", "Implementation", "Sustainment"]
    return [
        EPISPhase.objects.filter(key=name.lower()).first()
        or EPISPhaseFactory(key=name.lower(), name=name, sort_order=i)
        for i, name in enumerate(names)
    ]


@pytest.fixture
def reference(phases):
    """Small reference data of our own (codes that the shipped CFIR and ERIC data do not use)."""
    inner = CFIRDomainFactory(code="Z3", name="Test inner setting", sort_order=93)
    individuals = CFIRDomainFactory(code="Z4", name="Test individuals", sort_order=94)
    return {
        "phases": phases,
        "capability": CFIRConstructFactory(domain=individuals, code="Z4.B.2", name="Capability", sort_order=1),
        "resources": CFIRConstructFactory(domain=inner, code="Z3.E", name="Available resources", sort_order=5),
        "culture": CFIRConstructFactory(domain=inner, code="Z3.D", name="Culture", sort_order=4),
        "education": StrategyFactory(name="Conduct educational meetings", number=914),
        "adoption": ImplementationOutcomeFactory(key="test-adoption", name="Adoption", sort_order=2),
        "fidelity": ImplementationOutcomeFactory(key="test-fidelity", name="Fidelity", sort_order=5),
    }


def build_plan(proposal, reference, *, complete=True):
    """A sepsis bundle plan: three barriers (one not addressed), a facilitator, two strategies, outcomes, milestones."""
    plan = plan_for(
        proposal=proposal,
        intervention_name="Sepsis recognition bundle",
        evidence_citation="SEPSIS-KIDS trial, 2023",
        core_components="Screening tool and escalation call",
        population="Children admitted to PICU",
        fidelity_monitoring="Monthly audit of screening forms" if complete else "",
        adaptation_logging="A change log kept by each site lead" if complete else "",
    )
    night = Determinant.objects.create(
        plan=plan,
        kind=DeterminantKind.BARRIER,
        construct=reference["capability"],
        description="Night staff miss early signs",
        evidence="Staff survey",
    )
    time = Determinant.objects.create(
        plan=plan,
        kind=DeterminantKind.BARRIER,
        construct=reference["resources"],
        description="No time for training",
        evidence="Rota review",
    )
    matron = Determinant.objects.create(
        plan=plan,
        kind=DeterminantKind.FACILITATOR,
        construct=reference["culture"],
        description="Matron champions change",
        evidence="Interviews",
    )
    charts = Determinant.objects.create(
        plan=plan,
        kind=DeterminantKind.BARRIER,
        construct=reference["resources"],
        description="Paper charts get lost",
        evidence="Audit",
    )
    spec = {
        "actor": "Practice educator",
        "action": "Teach the screening tool",
        "action_target": "Bedside nurses",
        "temporality": "Before go-live",
        "dose": "Two 30-minute sessions",
        "justification": "Education improves recognition",
    }
    education = PlanStrategy.objects.create(
        plan=plan,
        strategy=reference["education"],
        mechanism="Staff learn to spot sepsis",
        outcome=reference["adoption"],
        sort_order=1,
        **spec,
    )
    education.determinants.set([night, time])
    huddle = PlanStrategy.objects.create(
        plan=plan,
        custom_name="Sepsis huddle each shift",
        mechanism="" if not complete else "Shared attention on at-risk children",
        outcome=reference["fidelity"],
        sort_order=0,
        **(spec if complete else {}),
    )
    huddle.determinants.set([matron, charts] if complete else [matron])
    PlanOutcome.objects.create(
        plan=plan,
        kind=OutcomeKind.IMPLEMENTATION,
        implementation_outcome=reference["adoption"],
        name="Bundle uptake",
        measure="Screening audit",
        timepoint="6 months",
        target="80% of admissions",
    )
    PlanOutcome.objects.create(
        plan=plan, kind=OutcomeKind.PATIENT, name="Time to antibiotics", measure="Drug chart", timepoint="12 months"
    )
    PlanSite.objects.create(plan=plan, name="Leeds PICU")
    Stakeholder.objects.create(plan=plan, role="Bedside nurses", influence="medium", interest="high")
    for index, phase in enumerate(reference["phases"] if complete else reference["phases"][:2]):
        Milestone.objects.create(
            plan=plan, phase=phase, title=f"{phase.name} milestone", start_month=index * 4 + 1, end_month=index * 4 + 3
        )
    return plan_full(plan_id=plan.pk)


@pytest.fixture
def plan(proposal_people, reference):
    return build_plan(proposal_people["proposal"], reference, complete=False)


@pytest.fixture
def complete_plan(proposal_people, reference):
    return build_plan(proposal_people["proposal"], reference, complete=True)


def ids(plan):
    """The pks of the hand-built plan's parts, by a short name."""
    determinants = {d.description.split()[0].lower(): d.pk for d in plan.determinants.all()}
    strategies = {("education" if s.strategy_id else "huddle"): s.pk for s in plan.strategies.all()}
    return determinants, strategies


# The logic model --------------------------------------------------------------------------------------


def test_logic_model_columns_and_edges(plan, reference):
    model = logic_model_build(plan=plan)
    d, s = ids(plan)
    adoption, fidelity = reference["adoption"].pk, reference["fidelity"].pk
    # Determinants by CFIR construct (domain, then construct order); strategies level with what they address.
    assert [n.title for n in model.columns[DETERMINANTS]] == [
        "Matron champions change",  # Z3.D
        "No time for training",  # Z3.E
        "Paper charts get lost",  # Z3.E
        "Night staff miss early signs",  # Z4.B.2
    ]
    assert [n.label for n in model.columns[DETERMINANTS]][0] == "Facilitator · Z3.D Culture"
    assert [n.title for n in model.columns[STRATEGIES]] == ["Sepsis huddle each shift", "Conduct educational meetings"]
    assert [n.label for n in model.columns[STRATEGIES]] == ["Own strategy", "ERIC strategy 914"]
    assert [n.title for n in model.columns[MECHANISMS]] == [NO_MECHANISM, "Staff learn to spot sepsis"]
    assert [n.style for n in model.columns[MECHANISMS]] == ["placeholder", "mechanism"]
    assert [(n.key, n.title) for n in model.columns[OUTCOMES]] == [
        (f"io{fidelity}", "Fidelity"),
        (f"io{adoption}", "Adoption"),
        (f"o{plan.outcomes.get(name='Time to antibiotics').pk}", "Time to antibiotics"),
    ]
    assert model.columns[OUTCOMES][1].label == "Measured: Screening audit, 6 months"
    assert {(e.source, e.target) for e in model.edges} == {
        (f"d{d['matron']}", f"s{s['huddle']}"),
        (f"s{s['huddle']}", f"m{s['huddle']}"),
        (f"m{s['huddle']}", f"io{fidelity}"),
        (f"d{d['no']}", f"s{s['education']}"),
        (f"d{d['night']}", f"s{s['education']}"),
        (f"s{s['education']}", f"m{s['education']}"),
        (f"m{s['education']}", f"io{adoption}"),
    }
    assert len(model.edges) == 7
    assert [d.description for d in model.unaddressed_barriers] == ["Paper charts get lost"]
    assert model.unused_facilitators == []
    assert [o.name for o in model.other_outcomes] == ["Time to antibiotics"]
    education = next(link for link in model.strategies if link.strategy.strategy_id)
    assert [d.description for d in education.determinants] == ["No time for training", "Night staff miss early signs"]
    assert [m.name for m in education.measures] == ["Bundle uptake"]


def test_logic_model_of_an_empty_plan(proposal_people):
    model = logic_model_build(plan=plan_full(plan_id=plan_for(proposal=proposal_people["proposal"]).pk))
    assert model.is_empty and model.edges == [] and model.strategies == []
    ET.fromstring(str(logic_model_svg(model)))  # still well-formed


def box_texts(svg_root) -> list[str]:
    """The text of each box (a <g> with a <rect> and its wrapped <text> lines), joined up."""
    return [
        " ".join(" ".join(t.text or "" for t in g.iter(f"{SVG}text")).split())
        for g in svg_root.iter(f"{SVG}g")
        if g.find(f"{SVG}rect") is not None
    ]


@pytest.mark.parametrize("compact", [False, True])
def test_logic_model_svg_is_accessible_well_formed_xml(plan, compact):
    model = logic_model_build(plan=plan)
    svg = str(logic_model_svg(model, id_prefix="lm", compact=compact))
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "lm-title lm-desc"
    assert root.find(f"{SVG}title").get("id") == "lm-title" and "Logic model" in root.find(f"{SVG}title").text
    desc = root.find(f"{SVG}desc").text
    assert "4 determinants" in desc and "2 strategies" in desc and "1 barrier not addressed" in desc
    assert "<script" not in svg and "href" not in svg  # nothing to run or fetch
    texts = box_texts(root)
    for node in model.nodes():
        assert any(text.startswith(node.title) for text in texts), node.title
    assert len(root.findall(f".//{SVG}path[@marker-end]")) == len(model.edges)
    assert svg == str(logic_model_svg(logic_model_build(plan=plan), id_prefix="lm", compact=compact))  # deterministic


def test_logic_model_svg_escapes_and_wraps_long_text(plan, reference):
    Determinant.objects.create(
        plan=plan,
        kind=DeterminantKind.BARRIER,
        construct=reference["culture"],
        description="<b>Fear</b> & worry about “blame” " + "when escalating a concern " * 12,
    )
    root = ET.fromstring(str(logic_model_svg(logic_model_build(plan=plan_full(plan_id=plan.pk)))))
    fear = next(text for text in box_texts(root) if "Fear" in text)
    assert fear.startswith("<b>Fear</b> & worry about “blame”") and "…" in fear


def test_text_alternative_lists_the_same_links(plan):
    model = logic_model_build(plan=plan)
    html = render_to_string("implementation/_logic_model_text.html", {"model": model, "h": "h3"})
    items = re.findall(r"<li class=\"border-start.*?</dl>\s*</li>", html, flags=re.S)
    assert len(items) == 2
    huddle, education = items
    assert "<h3" in huddle and "Sepsis huddle each shift" in huddle and "own strategy" in huddle
    assert "Facilitator: Matron champions change" in huddle and "Not stated yet" in huddle and "Fidelity" in huddle
    assert "Conduct educational meetings" in education and "ERIC strategy 914" in education
    assert "Barrier: No time for training" in education and "Barrier: Night staff miss early signs" in education
    assert "Staff learn to spot sepsis" in education
    assert "Adoption: measured by Screening audit, 6 months (target: 80% of admissions)" in " ".join(education.split())
    rest = html.split(items[-1])[1]
    assert "no strategy yet" in rest and "Paper charts get lost" in rest
    assert "Time to antibiotics" in rest


# The timeline -----------------------------------------------------------------------------------------


def test_timeline_chart_and_table(complete_plan):
    timeline = timeline_build(plan=complete_plan)
    assert [g.phase.name for g in timeline.groups] == ["Exploration", "Preparation", "Implementation", "Sustainment"]
    assert timeline.months == 15 and timeline.last_month == 15
    root = ET.fromstring(str(timeline_svg(timeline, id_prefix="tl")))
    assert root.get("role") == "img" and root.find(f"{SVG}title").get("id") == "tl-title"
    assert "4 milestones in 4 EPIS phases" in root.find(f"{SVG}desc").text
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for name in ("Exploration phase", "Sustainment phase", "Exploration: months 1–3", "Sustainment: months 13–15"):
        assert name in texts  # each bar says its phase in words, not only by colour
    html = render_to_string(
        "implementation/_timeline_chart.html",
        {"outputs": plan_outputs(plan=complete_plan), "chart_id": "tl", "table_collapsed": False},
    )
    assert "<caption" in html and "Preparation milestone" in html and "Months 5–7" in html
    assert 'role="region" tabindex="0"' in html


def test_timeline_of_a_plan_without_milestones(proposal_people):
    timeline = timeline_build(plan=plan_full(plan_id=plan_for(proposal=proposal_people["proposal"]).pk))
    assert timeline.is_empty and timeline.months == 12


# Completeness and StaRI -------------------------------------------------------------------------------


def test_completeness_of_an_empty_and_a_complete_plan(proposal_people, complete_plan, reference):
    items = plan_completeness(plan=complete_plan)
    assert [item.key for item in items] == [
        "intervention",
        "sites",
        "stakeholders",
        "barriers",
        "barriers_addressed",
        "strategies_specified",
        "outcomes",
        "fidelity",
        "milestones",
    ]
    assert all(item.done for item in items), [item for item in items if not item.done]
    assert next(i for i in items if i.key == "strategies_specified").url == reverse(
        "implementation:plan_strategies", args=[complete_plan.pk]
    )

    other = plan_full(plan_id=plan_for().pk)
    empty = plan_completeness(plan=other)
    assert not any(item.done for item in empty)
    assert next(i for i in empty if i.key == "milestones").detail == "No milestones yet"


def test_completeness_says_what_is_missing(plan):
    items = {item.key: item for item in plan_completeness(plan=plan)}
    assert items["intervention"].done and items["sites"].done and items["barriers"].done
    assert not items["barriers_addressed"].done and "Paper charts get lost" in items["barriers_addressed"].detail
    assert not items["strategies_specified"].done
    assert items["strategies_specified"].detail.startswith("Sepsis huddle each shift: no actor, action")
    assert items["outcomes"].done
    assert not items["fidelity"].done and items["fidelity"].detail == "Not described yet"
    assert items["milestones"].detail == "No milestones yet in: Implementation, Sustainment"


def test_stari_has_27_items_and_checks_the_plan(proposal_people, complete_plan):
    assert [item.number for item in STARI_ITEMS] == list(range(1, 28))
    assert all(item.title and item.section for item in STARI_ITEMS)
    summary = stari_check(plan=complete_plan)
    assert len(summary.checks) == 27
    assert summary.plan_related_count == 8
    assert {c.item.number for c in summary.plan_related} == {4, 5, 7, 8, 9, 11, 12, 22}
    assert summary.covered_count == 8
    assert all(c.covered is None for c in summary.for_report)
    empty = stari_check(plan=plan_full(plan_id=plan_for().pk))
    assert empty.covered_count == 0


def test_stari_partly_covered(plan):
    summary = stari_check(plan=plan)
    covered = {c.item.number for c in summary.plan_related if c.covered}
    # Aims, context, sites and outcomes are there; the huddle has no justification, specification or mechanism,
    # and fidelity is not described yet.
    assert covered == {5, 7, 8, 11}


# Pages ------------------------------------------------------------------------------------------------


def login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


def expect_denied(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["plan_logic_model", "plan_completeness"])
def test_output_pages_permission_matrix(client, proposal_people, plan, role, page):
    login(client, proposal_people, role)
    response = client.get(reverse(f"implementation:{page}", args=[plan.pk]))
    if role in READERS:
        assert response.status_code == 200
        content = response.content.decode()
        assert content.count("<h1") == 1
        assert "Conduct educational meetings" in content if page == "plan_logic_model" else "StaRI" in content
    else:
        expect_denied(response, role)
        assert b"Sepsis recognition bundle" not in response.content


def test_logic_model_page(client, proposal_people, plan):
    client.force_login(proposal_people["mentor"])
    content = client.get(reverse("implementation:plan_logic_model", args=[plan.pk])).content.decode()
    assert 'role="img"' in content and "<title id=" in content and "<desc id=" in content
    assert re.search(r'role="region" tabindex="0" aria-labelledby="logic-model-caption"', content)
    assert "The logic model as text" in content and "Paper charts get lost" in content
    assert "doi.org/10.1186/s13012-020-01041-8" in content


def test_logic_model_page_of_an_empty_plan_says_what_to_do(client, proposal_people):
    plan = plan_for(proposal=proposal_people["proposal"])
    client.force_login(proposal_people["lead"])
    content = client.get(reverse("implementation:plan_logic_model", args=[plan.pk])).content.decode()
    assert "Nothing to draw yet" in content and "<svg" not in content
    assert reverse("implementation:plan_determinants", args=[plan.pk]) in content


def test_completeness_page(client, proposal_people, plan):
    client.force_login(proposal_people["lead"])
    content = " ".join(client.get(reverse("implementation:plan_completeness", args=[plan.pk])).content.decode().split())
    assert "5 of 9 checks done" in content
    assert "To do" in content and "Done" in content  # said in words, not only by colour
    assert "Specify strategies" in content and reverse("implementation:plan_strategies", args=[plan.pk]) in content
    assert "plan-related StaRI items covered" in content and "For the final report" in content
    assert "doi.org/10.1136/bmj.i6795" in content


def test_overview_shows_the_outputs(client, proposal_people, plan):
    client.force_login(proposal_people["co_applicant"])
    content = " ".join(client.get(reverse("implementation:plan_overview", args=[plan.pk])).content.decode().split())
    assert "5 of 9 checks done" in content and "plan-related StaRI items covered" in content
    assert 'aria-labelledby="overview-logic-model-title overview-logic-model-desc"' in content
    assert "The logic model as text" in content and "Milestones as a table" in content
    assert reverse("implementation:plan_logic_model", args=[plan.pk]) in content
    assert f'action="{reverse("implementation:plan_export", args=[plan.pk])}"' in content


def grow(plan, reference, n):
    """Add `n` more determinants, strategies (each linked to a determinant), outcomes and milestones."""
    for index in range(n):
        determinant = Determinant.objects.create(
            plan=plan, kind=DeterminantKind.BARRIER, construct=reference["capability"], description=f"Barrier {index}"
        )
        strategy = PlanStrategy.objects.create(
            plan=plan, strategy=StrategyFactory(), mechanism=f"Works {index}", outcome=ImplementationOutcomeFactory()
        )
        strategy.determinants.add(determinant)
        PlanOutcome.objects.create(
            plan=plan, kind=OutcomeKind.SERVICE, name=f"Outcome {index}", measure="m", timepoint="t"
        )
        Milestone.objects.create(plan=plan, phase=reference["phases"][index % 4], title=f"Step {index}")


@pytest.mark.parametrize("page", ["plan_logic_model", "plan_completeness", "plan_overview"])
def test_pages_cost_the_same_queries_however_big_the_plan(client, proposal_people, plan, reference, page):
    client.force_login(proposal_people["lead"])
    url = reverse(f"implementation:{page}", args=[plan.pk])
    client.get(url)  # warm any per-process caches (site, settings)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(plan, reference, 8)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert (b"11 barriers" if page == "plan_completeness" else b"Barrier 7") in response.content
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    if page != "plan_overview":
        assert len(small) <= 25  # 22 today: session, user, permission checks, the plan and its 9 prefetches…


# PDFs -------------------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def squashed(text: str) -> str:
    return "".join(text.split())


def test_plan_pdf_has_every_part_the_logic_model_and_the_timeline(complete_plan):
    text = pdf_text(plan_pdf_render(plan=complete_plan))
    for snippet in [
        "Implementation plan: Sepsis recognition bundle",
        "The intervention",
        "SEPSIS-KIDS trial, 2023",
        "Leeds PICU",
        "Bedside nurses",
        "Night staff miss early signs",
        "Z3.D Culture",
        "Conduct educational meetings",
        "Sepsis huddle each shift",
        "Practice educator",
        "Time to antibiotics",
        "Monthly audit of screening forms",
        "Timeline",
        "Sustainment milestone",
        "Exploration phase",  # the chart's own text
        "Logic model",
        "Staff learn to spot sepsis",
        "Mechanisms",  # the diagram's column heading
        "The logic model as text",
        "Implement Sci. 2020;15:84",
    ]:
        assert squashed(snippet) in text, snippet


def test_proposal_pdf_includes_the_plan(complete_plan, proposal_people):
    text = pdf_text(proposal_pdf_render(proposal=proposal_people["proposal"]))
    for snippet in [
        "Trial implementation plan",
        "Sepsis recognition bundle",
        "Conduct educational meetings",
        "Sepsis huddle each shift",
        "Staff learn to spot sepsis",
        "The logic model as text",
    ]:
        assert squashed(snippet) in text, snippet
    assert "Notstartedyet" not in text


@pytest.fixture
def built_export(plan, proposal_people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = plan_export_request(plan=plan, by=proposal_people["lead"])
    export.refresh_from_db()
    assert export.is_ready
    return export


@pytest.mark.parametrize("role", ROLES)
def test_asking_for_a_plan_pdf(client, proposal_people, plan, role, django_capture_on_commit_callbacks):
    login(client, proposal_people, role)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("implementation:plan_export", args=[plan.pk]))
    if role in READERS:
        export = PlanExport.objects.get(plan=plan)
        assert export.requested_by == proposal_people[role] and not export.is_ready
        assert response["Location"] == reverse("implementation:plan_export_detail", args=[plan.pk, export.pk])
        assert len(callbacks) == 1  # built by the worker after commit, never in the request
        activity = proposal_people["proposal"].activities.get(verb=ActivityVerb.EXPORTED)
        assert activity.actor == proposal_people[role] and "plan" in activity.detail
    else:
        expect_denied(response, role)
        assert not PlanExport.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_plan_pdf_status_and_download(client, proposal_people, built_export, role):
    login(client, proposal_people, role)
    detail = client.get(reverse("implementation:plan_export_detail", args=[built_export.plan_id, built_export.pk]))
    download = client.get(reverse("implementation:plan_export_download", args=[built_export.plan_id, built_export.pk]))
    if role in READERS:
        assert detail.status_code == 200 and b"Your PDF is ready" in detail.content
        assert detail.content.decode().count("<h1") == 1
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
        assert "no-store" in download["Cache-Control"]
        assert re.match(
            r'attachment; filename="implementation-plan-sepsis-recognition-bundle-\d{4}-\d\d-\d\d\.pdf"',
            download["Content-Disposition"],
        )
        data = b"".join(download.streaming_content)
        assert "Conductedu" in pdf_text(data)
    else:
        expect_denied(detail, role)
        expect_denied(download, role)


def test_plan_pdf_while_being_prepared(client, proposal_people, plan, django_capture_on_commit_callbacks):
    client.force_login(proposal_people["mentor"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = client.post(reverse("implementation:plan_export", args=[plan.pk]))
        second = client.post(reverse("implementation:plan_export", args=[plan.pk]))
    assert first["Location"] == second["Location"] and PlanExport.objects.count() == 1 and len(callbacks) == 1
    export = PlanExport.objects.get()
    waiting = client.get(first["Location"]).content.decode()
    assert "being prepared" in waiting and 'role="status"' in waiting
    download_url = reverse("implementation:plan_export_download", args=[plan.pk, export.pk])
    assert client.get(download_url)["Location"] == first["Location"]
    overview = client.get(reverse("implementation:plan_overview", args=[plan.pk])).content.decode()
    assert "A PDF of the plan is being prepared" in overview
    for callback in callbacks:
        callback()
    assert "Your PDF is ready" in client.get(first["Location"]).content.decode()
    overview = client.get(reverse("implementation:plan_overview", args=[plan.pk])).content.decode()
    assert download_url in overview


def test_an_export_is_only_found_under_its_own_plan(client, proposal_people, built_export):
    from tests.grants.factories import proposal_make

    other = plan_for(proposal=proposal_make(lead=proposal_people["lead"]))
    client.force_login(proposal_people["lead"])
    assert client.get(reverse("implementation:plan_export_detail", args=[other.pk, built_export.pk])).status_code == 404
    assert plan_export_pdf_store(export_id=built_export.pk) == built_export.pdf.name  # stored once, kept


def test_a_template_can_be_exported_by_group_leads(group_lead):
    template = ImplementationPlan.objects.create(is_template=True, template_name="PICU shared strategy")
    export = plan_export_request(plan=template, by=group_lead)
    plan_export_pdf_store(export_id=export.pk)
    export.refresh_from_db()
    assert export.is_ready
    assert "Plantemplate:PICUsharedstrategy" in pdf_text(export.pdf.open("rb").read())


@pytest.mark.parametrize("published", [True, False])
def test_a_templates_outputs_follow_the_templates_rules(client, proposal_people, published):
    template = ImplementationPlan.objects.create(
        is_template=True, template_name="PICU shared strategy", template_published=published
    )
    for page in ("plan_logic_model", "plan_completeness"):
        url = reverse(f"implementation:{page}", args=[template.pk])
        client.force_login(proposal_people["group_lead"])
        assert client.get(url).status_code == 200
        client.force_login(proposal_people["other_member"])
        assert client.get(url).status_code == (200 if published else 404)
