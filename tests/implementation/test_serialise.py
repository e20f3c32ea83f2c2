"""The plan as data: the JSON document, its round trip, importing it, and plans frozen with proposal versions."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Organisation
from grants.services.versions import proposal_version_freeze
from implementation.models import (
    Determinant,
    ImplementationPlan,
    Milestone,
    PlanOutcome,
    PlanSite,
    PlanStrategy,
    Stakeholder,
)
from implementation.selectors.documents import plan_documents_compare
from implementation.selectors.plans import plan_full
from implementation.serialise import FORMAT, VERSION, empty_document, plan_from_dict, plan_to_dict
from implementation.services.transfer import IMPORT_MAX_BYTES
from tests.implementation.factories import (
    CFIRConstructFactory,
    EPISPhaseFactory,
    ImplementationOutcomeFactory,
    StrategyFactory,
    plan_for,
)

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
READERS = {"lead", "co_applicant", "mentor", "group_lead"}
WRITERS = {"lead", "co_applicant"}


@pytest.fixture
def ref(db):
    """A little reference data with natural keys of our own."""
    return {
        "access": CFIRConstructFactory(code="Z.A", name="Critical incidents"),
        "culture": CFIRConstructFactory(code="Z.D.1", name="Human equality-centredness"),
        "knowledge": CFIRConstructFactory(code="Z.B", name="Capability"),
        "educate": StrategyFactory(number=1001, name="Conduct educational meetings"),
        "audit": StrategyFactory(number=1002, name="Audit and provide feedback"),
        "acceptability": ImplementationOutcomeFactory(key="test-acceptability", name="Acceptability"),
        "fidelity": ImplementationOutcomeFactory(key="test-fidelity", name="Fidelity"),
        "preparation": EPISPhaseFactory(key="test-preparation", name="Preparation"),
        "implementation": EPISPhaseFactory(key="test-implementation", name="Implementation"),
        "unit": Organisation.objects.create(name="Test Children’s Hospital PICU"),
    }


def rich_plan(ref, plan=None):
    """A plan with something in every part, built row by row (not through the import)."""
    plan = plan or plan_for()
    plan.intervention_name = "Sepsis recognition bundle"
    plan.evidence_citation = "A stepped-wedge trial in four PICUs (2023)."
    plan.evidence_doi = "10.1000/test.1"
    plan.core_components = "Screening tool at every set of observations.\n\nEscalation within 15 minutes."
    plan.adaptable_components = "Who screens, and how the tool is printed."
    plan.population = "Children in three PICUs and the nurses who care for them."
    plan.fidelity_monitoring = "Monthly audit of 20 charts."
    plan.adaptation_logging = "An adaptation log reviewed at each steering meeting."
    plan.save()
    PlanSite.objects.create(plan=plan, name="North PICU", organisation=ref["unit"], notes="Pilot site", sort_order=1)
    PlanSite.objects.create(plan=plan, name="South PICU", sort_order=2)
    Stakeholder.objects.create(
        plan=plan, role="Bedside nurses", influence="medium", interest="high", engagement="Huddles", sort_order=1
    )
    Stakeholder.objects.create(plan=plan, role="Consultants", influence="high", interest="medium", sort_order=2)
    d1 = Determinant.objects.create(
        plan=plan,
        kind="barrier",
        construct=ref["knowledge"],
        description="Nurses unsure when to escalate",
        sort_order=1,
    )
    d2 = Determinant.objects.create(
        plan=plan,
        kind="barrier",
        construct=ref["access"],
        description="Night staffing is thin",
        strength=3,
        evidence="Rota audit",
        sort_order=2,
    )
    Determinant.objects.create(
        plan=plan, kind="facilitator", construct=ref["culture"], description="Strong safety culture", sort_order=3
    )
    teach = PlanStrategy.objects.create(
        plan=plan,
        strategy=ref["educate"],
        actor="Practice educators",
        action="Teach the screening tool",
        action_target="Bedside nurses",
        temporality="Before go-live",
        dose="Two 30-minute sessions",
        outcome=ref["acceptability"],
        justification="Knowledge gap found in the survey",
        mechanism="Confidence to escalate",
        sort_order=1,
    )
    teach.determinants.set([d2, d1])
    own = PlanStrategy.objects.create(plan=plan, custom_name="Sepsis champions on nights", sort_order=2)
    own.determinants.set([d2])
    PlanOutcome.objects.create(
        plan=plan,
        kind="implementation",
        implementation_outcome=ref["fidelity"],
        name="Screening done",
        measure="Chart audit",
        timepoint="Monthly",
        target="90%",
        sort_order=1,
    )
    PlanOutcome.objects.create(
        plan=plan,
        kind="reaim",
        reaim_dimension="reach",
        name="Children screened",
        measure="EPR",
        timepoint="6 months",
        sort_order=2,
    )
    Milestone.objects.create(plan=plan, phase=ref["preparation"], title="Train staff", start_month=1, end_month=3)
    Milestone.objects.create(plan=plan, phase=ref["implementation"], title="Go live", start_month=4, end_month=12)
    return plan


def _document(plan) -> dict:
    return plan_to_dict(plan_full(plan_id=plan.pk))


# The document -------------------------------------------------------------------------------------


def test_document_refers_to_reference_data_by_natural_keys(ref):
    document = _document(rich_plan(ref))
    assert document["format"] == FORMAT == "implementation-hub/plan" and document["version"] == VERSION == 1
    assert document["intervention"]["name"] == "Sepsis recognition bundle"
    assert document["setting"]["sites"] == [
        {"name": "North PICU", "organisation": "Test Children’s Hospital PICU", "notes": "Pilot site"},
        {"name": "South PICU", "organisation": None, "notes": ""},
    ]
    assert [d["ref"] for d in document["determinants"]] == ["d1", "d2", "d3"]
    assert document["determinants"][1] == {
        "ref": "d2",
        "kind": "barrier",
        "construct": "Z.A",
        "description": "Night staffing is thin",
        "strength": 3,
        "evidence": "Rota audit",
    }
    teach, own = document["strategies"]
    assert teach["eric"] == 1001 and teach["outcome"] == "test-acceptability"
    assert teach["determinants"] == ["d1", "d2"]  # in the plan's order, whatever order they were linked in
    assert own["eric"] is None and own["custom_name"] == "Sepsis champions on nights" and own["determinants"] == ["d2"]
    assert document["outcomes"][0]["implementation_outcome"] == "test-fidelity"
    assert document["outcomes"][1]["reaim_dimension"] == "reach"
    assert document["milestones"][0] == {
        "phase": "test-preparation",
        "title": "Train staff",
        "start_month": 1,
        "end_month": 3,
    }
    assert document["fidelity"] == {
        "monitoring": "Monthly audit of 20 charts.",
        "adaptation_logging": "An adaptation log reviewed at each steering meeting.",
    }
    # No database ids anywhere: the document means the same on any copy of the site.
    text = json.dumps(document)
    assert '"id"' not in text and '"pk"' not in text


def test_export_costs_the_same_queries_for_any_size(ref, django_assert_num_queries):
    empty = plan_for()
    with django_assert_num_queries(7):  # an empty plan: nothing nested to fetch
        plan_to_dict(plan_full(plan_id=empty.pk))
    rich = rich_plan(ref)
    with django_assert_num_queries(11):
        plan_to_dict(plan_full(plan_id=rich.pk))
    rich_plan(ref, rich)  # everything twice over
    with django_assert_num_queries(11):
        assert len(plan_to_dict(plan_full(plan_id=rich.pk))["strategies"]) == 4


def test_round_trip_gives_an_equal_document(ref):
    original = rich_plan(ref)
    exported = _document(original)
    empty = plan_for()
    lead = empty.proposal.lead
    plan_from_dict(data=json.loads(json.dumps(exported)), plan=empty, by=lead)
    assert _document(empty) == exported
    # And again into the same plan: replacing it with its own document changes nothing.
    plan_from_dict(data=_document(empty), plan=empty, by=lead)
    assert _document(empty) == exported
    assert Determinant.objects.filter(plan=empty).count() == 3
    assert PlanStrategy.determinants.through.objects.filter(planstrategy__plan=empty).count() == 3


def test_import_replaces_everything_and_bumps_the_revision(ref):
    plan = rich_plan(ref)
    before = plan.revision
    document = empty_document()
    document["intervention"]["name"] = "A smaller plan"
    document["determinants"] = [{"ref": "x", "kind": "barrier", "construct": "Z.B", "description": "Only one"}]
    document["strategies"] = [{"custom_name": "Reminders", "determinants": ["x"]}]
    plan_from_dict(data=document, plan=plan, by=plan.proposal.lead)
    plan.refresh_from_db()
    assert plan.intervention_name == "A smaller plan" and plan.core_components == ""
    assert plan.revision == before + 1 and plan.updated_by == plan.proposal.lead
    assert [d.description for d in plan.determinants.all()] == ["Only one"]
    assert plan.determinants.get().strength == 2  # moderate when not given
    assert not plan.sites.exists() and not plan.milestones.exists() and not plan.outcomes.exists()
    strategy = plan.strategies.get()
    assert [d.description for d in strategy.determinants.all()] == ["Only one"]


def test_import_keeps_the_template_link(ref, group_lead):
    template = ImplementationPlan.objects.create(is_template=True, template_name="T", template_published=True)
    plan = plan_for(template=template, template_snapshot={"format": FORMAT})
    plan_from_dict(data=empty_document(), plan=plan, by=plan.proposal.lead)
    plan.refresh_from_db()
    assert plan.template == template and plan.template_snapshot == {"format": FORMAT}


def _errors(data, plan) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        plan_from_dict(data=data, plan=plan, by=plan.proposal.lead)
    return caught.value.messages


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"format": "something-else"}, "its “format” should be “implementation-hub/plan”"),
        ({"version": 2}, "version 2, newer than this site can read"),
        ({"version": "one"}, "should be a whole number"),
        ({"determinants": "none"}, "Determinants: should be a list"),
        (
            {"determinants": [{"kind": "barrier", "construct": "IX.Z", "description": "Parents not told"}]},
            "Determinant 1 (“Parents not told”): there is no CFIR construct with the code “IX.Z”.",
        ),
        (
            {"determinants": [{"kind": "obstacle", "construct": "Z.A", "description": "Beds"}]},
            "Determinant 1 (“Beds”): “kind” should be one of “barrier”, “facilitator”",
        ),
        ({"strategies": [{"eric": 9999}]}, "Strategy 1: there is no ERIC strategy number “9999”."),
        ({"strategies": [{"actor": "Nurses"}]}, "give an ERIC strategy number"),
        (
            {"strategies": [{"custom_name": "Huddles", "determinants": ["d7"]}]},
            "Strategy 1 (“Huddles”): it addresses determinant “d7”, which is not in the file.",
        ),
        ({"strategies": [{"eric": 1001, "outcome": "happiness"}]}, "there is no implementation outcome “happiness”"),
        (
            {"milestones": [{"phase": "test-preparation", "title": "Train", "start_month": 5, "end_month": 2}]},
            "Milestone 1 (“Train”): it ends (month 2) before it starts (month 5).",
        ),
        ({"milestones": [{"phase": "launch", "title": "Go"}]}, "there is no EPIS phase “launch”"),
        ({"setting": {"sites": [{"name": "x" * 201}]}}, "“name” is longer than 200 characters"),
        ({"setting": {"stakeholders": [{"role": "Nurses", "influence": "huge", "interest": "low"}]}}, "“influence”"),
    ],
)
def test_import_names_each_problem_and_changes_nothing(ref, change, expected):
    plan = rich_plan(ref)
    before, revision = _document(plan), plan.revision
    data = {**_document(plan), **change}
    messages = _errors(data, plan)
    assert any(expected in message for message in messages), messages
    plan.refresh_from_db()
    assert _document(plan) == before and plan.revision == revision


def test_import_lists_many_problems_but_not_endlessly(ref):
    plan = plan_for()
    data = {**empty_document(), "milestones": [{"phase": "nope", "title": f"M{n}"} for n in range(30)]}
    messages = _errors(data, plan)
    assert len(messages) == 13 and messages[-1] == "…and 18 more problems."


def test_only_editors_import(ref, proposal_people):
    plan = plan_for(proposal=proposal_people["proposal"])
    with pytest.raises(PermissionDenied):
        plan_from_dict(data=empty_document(), plan=plan, by=proposal_people["mentor"])


# Export and import pages ----------------------------------------------------------------------------


@pytest.fixture
def people_plan(ref, proposal_people):
    plan = rich_plan(ref, plan_for(proposal=proposal_people["proposal"]))
    return {**proposal_people, "plan": plan}


def _login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


@pytest.mark.parametrize("role", ROLES)
def test_export_json_is_for_readers(client, people_plan, role):
    _login(client, people_plan, role)
    response = client.get(reverse("implementation:plan_export_json", args=[people_plan["plan"].pk]))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in READERS:
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        assert response["Content-Disposition"] == 'attachment; filename="sepsis-recognition-bundle.json"'
        assert "no-store" in response["Cache-Control"]
        assert json.loads(response.content) == _document(people_plan["plan"])
    else:
        assert response.status_code == 404
        assert b"Sepsis" not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_import_page_is_for_editors(client, people_plan, role):
    _login(client, people_plan, role)
    url = reverse("implementation:plan_import", args=[people_plan["plan"].pk])
    response = client.get(url)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in WRITERS:
        assert response.status_code == 200
        assert "This replaces everything in the plan" in response.content.decode()
    elif role in READERS:
        assert response.status_code == 403
        assert "You cannot change this plan" in response.content.decode()
    else:
        assert response.status_code == 404
    # Posting a plan file changes nothing for anyone but the applicants.
    if role not in WRITERS:
        upload = SimpleUploadedFile("plan.json", json.dumps(empty_document()).encode(), "application/json")
        response = client.post(url, {"file": upload, "confirm": "on"})
        assert response.status_code in (302, 403, 404)
        assert response.get("Location", "") != reverse("implementation:plan_overview", args=[people_plan["plan"].pk])
        assert people_plan["plan"].determinants.count() == 3


def test_import_page_replaces_the_plan(client, people_plan, ref):
    plan, lead = people_plan["plan"], people_plan["lead"]
    other = rich_plan(ref)
    PlanSite.objects.filter(plan=other).update(name="Imported site")
    document = _document(other)
    client.force_login(lead)
    upload = SimpleUploadedFile("plan.json", json.dumps(document).encode(), "application/json")
    response = client.post(
        reverse("implementation:plan_import", args=[plan.pk]), {"file": upload, "confirm": "on"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("implementation:plan_overview", args=[plan.pk])
    assert "The plan now holds the content of the file you imported." in response.content.decode()
    assert _document(plan) == document


def _post_file(client, plan, content: bytes, confirm=True, name="plan.json"):
    data = {"file": SimpleUploadedFile(name, content, "application/json")}
    if confirm:
        data["confirm"] = "on"
    return client.post(reverse("implementation:plan_import", args=[plan.pk]), data)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "This file is not valid JSON"),
        (b"\xff\xfe\x00", "This file is not a text file"),
        (b"[1, 2]", "should be one JSON object"),
        (json.dumps({"format": "other", "version": 1}).encode(), "is not an implementation plan file from this site"),
        (
            json.dumps(
                {**empty_document(), "determinants": [{"kind": "barrier", "construct": "IX.Z", "description": "Beds"}]}
            ).encode(),
            "Determinant 1 (“Beds”): there is no CFIR construct with the code “IX.Z”.",
        ),
        (b" " * (IMPORT_MAX_BYTES + 1), "a plan file can be at most 1.0\xa0MB"),
    ],
)
def test_import_problems_are_shown_next_to_the_file_field(client, people_plan, content, expected):
    plan = people_plan["plan"]
    before = _document(plan)
    client.force_login(people_plan["co_applicant"])
    response = _post_file(client, plan, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_file"' in page and "is-invalid" in page
    assert expected.replace("“", "&ldquo;") in page or expected in page, page
    assert "Nothing was imported" in page
    assert _document(plan) == before


def test_import_needs_the_confirmation(client, people_plan):
    plan = people_plan["plan"]
    client.force_login(people_plan["lead"])
    response = _post_file(client, plan, json.dumps(empty_document()).encode(), confirm=False)
    assert response.status_code == 200
    assert "Tick this box to confirm that the file replaces everything in the plan." in response.content.decode()
    assert plan.determinants.count() == 3


def test_import_of_a_stream_reads_only_what_is_allowed():
    from implementation.services.transfer import plan_file_read

    class Upload(io.BytesIO):
        size = 10

    assert plan_file_read(Upload(b'{"a": 1}')) == {"a": 1}


# Versions ---------------------------------------------------------------------------------------


def test_a_frozen_version_holds_the_plan(people_plan):
    proposal, plan = people_plan["proposal"], people_plan["plan"]
    version = proposal_version_freeze(proposal=proposal, by=people_plan["lead"])
    assert version.content["implementation_plan"] == _document(plan)
    # Later changes to the plan leave the version as it was.
    Determinant.objects.filter(plan=plan).delete()
    version.refresh_from_db()
    assert len(version.content["implementation_plan"]["determinants"]) == 3


def test_version_pages_show_the_plan_and_its_changes(client, people_plan, ref):
    proposal, plan, lead = people_plan["proposal"], people_plan["plan"], people_plan["lead"]
    proposal_version_freeze(proposal=proposal, by=lead)
    Determinant.objects.create(plan=plan, kind="barrier", construct=ref["culture"], description="Agency staff churn")
    PlanStrategy.objects.filter(plan=plan, strategy=ref["educate"]).update(dose="Four 30-minute sessions")
    Milestone.objects.filter(plan=plan, title="Go live").delete()
    plan.core_components = "Screening tool at every set of observations.\n\nEscalation within 30 minutes."
    plan.save()
    proposal_version_freeze(proposal=proposal, by=lead)

    client.force_login(people_plan["mentor"])
    detail = client.get(reverse("grants:version_detail", args=[proposal.pk, 2])).content.decode()
    assert "Implementation plan" in detail and "Agency staff churn" in detail
    assert "Conduct educational meetings (ERIC 1001)" in detail and "Z.B Capability" in detail
    first = client.get(reverse("grants:version_detail", args=[proposal.pk, 1])).content.decode()
    assert "Agency staff churn" not in first and "Two 30-minute sessions" in first

    compare = client.get(reverse("grants:proposal_compare", args=[proposal.pk]) + "?from=1&to=2").content.decode()
    assert "The implementation plan changed" in compare
    assert "Added</strong> to barriers and facilitators" in compare and "Agency staff churn" in compare
    assert "Changed</strong> in strategies: Conduct educational meetings (ERIC 1001)" in compare
    assert "Two 30-minute sessions" in compare and "Four 30-minute sessions" in compare
    assert "Removed</strong> from milestones" in compare and "Go live" in compare
    assert "[added: </span>30" in compare  # the core components, word by word


def test_compare_without_a_plan_says_nothing_about_one(client, proposal_people):
    proposal, lead = proposal_people["proposal"], proposal_people["lead"]
    proposal_version_freeze(proposal=proposal, by=lead)
    proposal_version_freeze(proposal=proposal, by=lead)
    client.force_login(lead)
    compare = client.get(reverse("grants:proposal_compare", args=[proposal.pk]) + "?from=1&to=2").content.decode()
    assert "implementation plan" not in compare.lower()


def test_comparing_documents_part_by_part(ref):
    plan = rich_plan(ref)
    old = _document(plan)
    new = json.loads(json.dumps(old))
    new["determinants"].insert(0, {**new["determinants"][2], "ref": "d0", "description": "New facilitator"})
    new["strategies"][0]["determinants"] = ["d0"]
    new["outcomes"][0]["target"] = "95%"
    new["setting"]["sites"].pop()
    comparison = plan_documents_compare(old, new)
    by_key = {part.key: part for part in comparison.parts}
    assert not by_key["plan_intervention"].changed and not by_key["plan_timeline"].changed
    determinants = by_key["plan_determinants"].groups[0]
    assert [(c.kind, c.title) for c in determinants.changes] == [("added", "New facilitator")]
    assert determinants.unchanged == 3  # moving the others down the list is no change
    strategy = by_key["plan_strategies"].groups[0].changes[0]
    assert strategy.kind == "changed"
    assert [f.label for f in strategy.fields] == ["Barriers and facilitators it addresses"]
    assert strategy.fields[0].new == "New facilitator"
    outcome = by_key["plan_outcomes"].groups[0].changes[0]
    assert (outcome.kind, outcome.fields[0].old, outcome.fields[0].new) == ("changed", "90%", "95%")
    assert [c.kind for c in by_key["plan_setting"].groups[0].changes] == ["removed"]
    assert by_key["plan_setting"].summary == "1 removed"
    assert plan_documents_compare({}, {}).both_empty
    assert not plan_documents_compare(old, old).changed


@pytest.mark.parametrize("page", ["detail", "compare", "compare_current"])
def test_version_pages_cost_the_same_with_a_bigger_plan(client, people_plan, ref, page, django_assert_max_num_queries):
    proposal, plan, lead = people_plan["proposal"], people_plan["plan"], people_plan["lead"]
    proposal_version_freeze(proposal=proposal, by=lead)
    proposal_version_freeze(proposal=proposal, by=lead)
    urls = {
        "detail": reverse("grants:version_detail", args=[proposal.pk, 2]),
        "compare": reverse("grants:proposal_compare", args=[proposal.pk]) + "?from=1&to=2",
        "compare_current": reverse("grants:proposal_compare", args=[proposal.pk]) + "?from=2&to=current",
    }
    client.force_login(lead)
    client.get(urls[page])
    with django_assert_max_num_queries(60) as captured:
        assert client.get(urls[page]).status_code == 200
    small = len(captured)
    rich_plan(ref, plan)  # twice the plan, in both versions
    proposal.versions.all().delete()
    proposal_version_freeze(proposal=proposal, by=lead)
    proposal_version_freeze(proposal=proposal, by=lead)
    with django_assert_max_num_queries(small):
        assert client.get(urls[page]).status_code == 200
