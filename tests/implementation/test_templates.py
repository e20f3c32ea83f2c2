"""Plan templates: group leads write and publish them; members start a plan from one and see what they changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from implementation.models import Determinant, ImplementationPlan, PlanStrategy
from implementation.selectors.plans import plan_full
from implementation.serialise import empty_document, plan_from_dict, plan_to_dict
from implementation.services.templates import plan_start_from_template, template_create, template_publish_set
from tests.accounts.factories import GroupLeadFactory, LearnerFactory
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
    return {
        "staffing": CFIRConstructFactory(code="Z.1", name="Staffing"),
        "knowledge": CFIRConstructFactory(code="Z.2", name="Knowledge"),
        "educate": StrategyFactory(number=1101, name="Conduct educational meetings"),
        "remind": StrategyFactory(number=1102, name="Remind clinicians"),
        "adoption": ImplementationOutcomeFactory(key="test-adoption", name="Adoption"),
        "phase": EPISPhaseFactory(key="test-prep", name="Preparation"),
    }


def _content() -> dict:
    """What the community's template holds: a stakeholder, two barriers, two strategies, an outcome, a milestone."""
    document = empty_document()
    document["intervention"]["name"] = "Sepsis bundle across PICUs"
    document["setting"]["stakeholders"] = [
        {"role": "Bedside nurses", "influence": "medium", "interest": "high", "engagement": "Huddles"}
    ]
    document["determinants"] = [
        {"ref": "a", "kind": "barrier", "construct": "Z.1", "description": "Thin night staffing", "strength": 3},
        {"ref": "b", "kind": "barrier", "construct": "Z.2", "description": "Unsure when to escalate"},
    ]
    document["strategies"] = [
        {"eric": 1101, "actor": "Educators", "dose": "Two sessions", "outcome": "test-adoption", "determinants": ["b"]},
        {"eric": 1102, "actor": "Ward clerk", "determinants": ["a"]},
    ]
    document["outcomes"] = [{"kind": "implementation", "implementation_outcome": "test-adoption", "name": "Uptake"}]
    document["milestones"] = [{"phase": "test-prep", "title": "Train staff", "start_month": 1, "end_month": 3}]
    return document


@pytest.fixture
def templates(ref):
    """A published template with content, and an empty draft, by one group lead."""
    author = GroupLeadFactory()
    published = template_create(name="Sepsis bundle", description="For bundles of care across PICUs.", by=author)
    plan_from_dict(data=_content(), plan=published, by=author)
    published = template_publish_set(template=published, published=True, by=author)
    draft = template_create(name="Secret draft", description="Not ready.", by=author)
    return {"published": published, "draft": draft, "author": author}


def _document(plan) -> dict:
    return plan_to_dict(plan_full(plan_id=plan.pk))


# Writing and publishing --------------------------------------------------------------------------------


def test_group_lead_creates_a_template_and_fills_it_in(client, group_lead):
    client.force_login(group_lead)
    assert client.get(reverse("implementation:template_new")).status_code == 200
    response = client.post(
        reverse("implementation:template_new"), {"name": "Delirium screening", "description": "For screening tools."}
    )
    template = ImplementationPlan.objects.get(template_name="Delirium screening")
    assert template.is_template and not template.template_published and template.proposal is None
    assert template.template_description == "For screening tools."
    assert response["Location"] == reverse("implementation:plan_overview", args=[template.pk])


def test_template_form_says_what_is_missing(client, group_lead):
    client.force_login(group_lead)
    response = client.post(reverse("implementation:template_new"), {"name": "", "description": "Kept"})
    page = response.content.decode()
    assert response.status_code == 200 and "Give the template a name." in page and "Kept" in page
    assert not ImplementationPlan.objects.templates().exists()


def test_group_lead_edits_a_templates_details(client, templates):
    client.force_login(templates["author"])
    url = reverse("implementation:template_edit", args=[templates["draft"].pk])
    assert "Secret draft" in client.get(url).content.decode()
    client.post(url, {"name": "Open draft", "description": "Nearly ready."})
    templates["draft"].refresh_from_db()
    assert templates["draft"].template_name == "Open draft"


def test_publishing_and_unpublishing(client, templates, ref):
    client.force_login(templates["author"])
    draft = templates["draft"]
    # An empty template has nothing to start from.
    response = client.post(reverse("implementation:template_publish", args=[draft.pk]), follow=True)
    assert "Add something to “Secret draft” before publishing it." in response.content.decode()
    draft.refresh_from_db()
    assert not draft.template_published
    draft.intervention_name = "Something"
    draft.save()
    client.post(reverse("implementation:template_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.template_published
    response = client.post(reverse("implementation:template_unpublish", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    assert not draft.template_published and "is back to draft" in response.content.decode()
    assert client.get(reverse("implementation:template_publish", args=[draft.pk])).status_code == 405


@pytest.mark.parametrize("user", ["learner", "mentor"])
def test_only_group_leads_create_publish_and_edit(client, templates, request, user):
    member = request.getfixturevalue(user)
    client.force_login(member)
    published, draft = templates["published"], templates["draft"]
    assert client.get(reverse("implementation:template_new")).status_code == 404
    assert client.post(reverse("implementation:template_new"), {"name": "X", "description": "Y"}).status_code == 404
    for template in (published, draft):
        assert client.post(reverse("implementation:template_publish", args=[template.pk])).status_code == 404
        assert client.post(reverse("implementation:template_unpublish", args=[template.pk])).status_code == 404
        assert client.get(reverse("implementation:template_edit", args=[template.pk])).status_code == 404
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.template_published and not draft.template_published
    assert ImplementationPlan.objects.templates().count() == 2
    with pytest.raises(PermissionDenied):
        template_create(name="X", description="Y", by=member)
    with pytest.raises(PermissionDenied):
        template_publish_set(template=draft, published=True, by=member)


def test_members_see_published_templates_only(client, templates, learner):
    client.force_login(learner)
    page = client.get(reverse("implementation:template_list")).content.decode()
    assert "Sepsis bundle" in page and "Secret draft" not in page and "New template" not in page
    assert "2 barriers or facilitators, 2 strategies" in page
    # A draft is not there at all for them; a published one can be read and downloaded.
    draft, published = templates["draft"], templates["published"]
    assert client.get(reverse("implementation:plan_export_json", args=[draft.pk])).status_code == 404
    assert client.get(reverse("implementation:plan_export_json", args=[published.pk])).status_code == 200
    # Reading a template is not changing it.
    assert client.get(reverse("implementation:plan_import", args=[published.pk])).status_code == 403
    assert client.get(reverse("implementation:plan_import", args=[draft.pk])).status_code == 404


def test_group_leads_see_drafts_too(client, templates, group_lead):
    client.force_login(group_lead)
    page = client.get(reverse("implementation:template_list")).content.decode()
    assert "Sepsis bundle" in page and "Secret draft" in page and "New template" in page
    assert "Draft" in page and "Published" in page
    assert client.get(reverse("implementation:plan_export_json", args=[templates["draft"].pk])).status_code == 200
    assert client.get(reverse("implementation:plan_import", args=[templates["draft"].pk])).status_code == 200


def test_template_list_needs_a_log_in(client):
    response = client.get(reverse("implementation:template_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_template_list_queries_do_not_grow(client, templates, group_lead, django_assert_max_num_queries):
    client.force_login(group_lead)
    url = reverse("implementation:template_list")
    client.get(url)
    with django_assert_max_num_queries(30) as captured:
        client.get(url)
    small = len(captured)
    for n in range(5):
        template = template_create(name=f"More {n}", description="More", by=templates["author"])
        plan_from_dict(data=_content(), plan=template, by=templates["author"])
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200


# Starting from a template ------------------------------------------------------------------------------


def test_start_from_template_copies_the_content_and_records_the_snapshot(client, templates, proposal_people):
    plan = plan_for(proposal=proposal_people["proposal"])
    published = templates["published"]
    client.force_login(proposal_people["co_applicant"])
    url = reverse("implementation:plan_start_from_template", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "Sepsis bundle" in page and "For bundles of care across PICUs." in page and "Secret draft" not in page
    response = client.post(url, {"template": published.pk})
    assert response["Location"] == reverse("implementation:plan_overview", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.template == published
    assert plan.template_snapshot == _document(published)
    assert _document(plan) == _document(published)
    assert plan.determinants.count() == 2 and plan.updated_by == proposal_people["co_applicant"]
    # The template itself is untouched.
    assert published.determinants.count() == 2


def test_a_draft_template_cannot_be_started_from(client, templates, proposal_people):
    plan = plan_for(proposal=proposal_people["proposal"])
    client.force_login(proposal_people["lead"])
    url = reverse("implementation:plan_start_from_template", args=[plan.pk])
    response = client.post(url, {"template": templates["draft"].pk})
    assert response.status_code == 200 and "That template is no longer published" in response.content.decode()
    with pytest.raises(ValidationError):
        plan_start_from_template(plan=plan, template=templates["draft"], by=proposal_people["lead"])
    assert plan_is_still_empty(plan)


def plan_is_still_empty(plan) -> bool:
    plan.refresh_from_db()
    return plan.template is None and not plan.determinants.exists() and not plan.intervention_name


def test_a_plan_with_content_is_replaced_only_when_asked(client, templates, proposal_people):
    plan = plan_for(proposal=proposal_people["proposal"], intervention_name="My own work")
    client.force_login(proposal_people["lead"])
    url = reverse("implementation:plan_start_from_template", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "Your plan already has content" in page and "Replace everything in the plan with the template" in page
    response = client.post(url, {"template": templates["published"].pk})
    assert "Tick this box to replace what is in the plan" in response.content.decode()
    plan.refresh_from_db()
    assert plan.intervention_name == "My own work" and plan.template is None
    with pytest.raises(ValidationError):
        plan_start_from_template(plan=plan, template=templates["published"], by=proposal_people["lead"])
    client.post(url, {"template": templates["published"].pk, "replace": "on"})
    plan.refresh_from_db()
    assert plan.intervention_name == "Sepsis bundle across PICUs" and plan.template == templates["published"]


def test_no_templates_yet(client, proposal_people):
    plan = plan_for(proposal=proposal_people["proposal"])
    client.force_login(proposal_people["lead"])
    page = client.get(reverse("implementation:plan_start_from_template", args=[plan.pk])).content.decode()
    assert "No templates are published yet" in page


def test_a_template_is_not_started_from_a_template(client, templates):
    client.force_login(templates["author"])
    url = reverse("implementation:plan_start_from_template", args=[templates["draft"].pk])
    assert client.get(url).status_code == 404


# What changed from the template ----------------------------------------------------------------------


def test_changes_show_an_added_determinant_and_an_edited_strategy(client, templates, proposal_people, ref):
    plan = plan_for(proposal=proposal_people["proposal"])
    lead = proposal_people["lead"]
    plan_start_from_template(plan=plan, template=templates["published"], by=lead)
    Determinant.objects.create(plan=plan, kind="barrier", construct=ref["knowledge"], description="Parents not told")
    PlanStrategy.objects.filter(plan=plan, strategy=ref["educate"]).update(dose="Four sessions")
    client.force_login(proposal_people["mentor"])
    response = client.get(reverse("implementation:plan_template_changes", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "What changed from the template" in page and "Sepsis bundle" in page
    assert "Added</strong> to barriers and facilitators" in page and "Parents not told" in page
    assert "Changed</strong> in strategies: Conduct educational meetings (ERIC 1101)" in page
    assert "Two sessions" in page and "Four sessions" in page
    assert "No changes" in page  # e.g. the timeline
    assert "updated the template since" not in page


def test_changes_notice_when_the_template_was_updated_since(client, templates, proposal_people):
    plan = plan_for(proposal=proposal_people["proposal"])
    plan_start_from_template(plan=plan, template=templates["published"], by=proposal_people["lead"])
    content = _content()
    content["intervention"]["name"] = "Sepsis bundle, second edition"
    plan_from_dict(data=content, plan=templates["published"], by=templates["author"])
    client.force_login(proposal_people["lead"])
    page = client.get(reverse("implementation:plan_template_changes", args=[plan.pk])).content.decode()
    assert "updated the template since" in page and "Nothing yet: the plan is just as the template was." in page


def test_changes_of_a_plan_not_started_from_a_template(client, proposal_people):
    plan = plan_for(proposal=proposal_people["proposal"])
    client.force_login(proposal_people["lead"])
    page = client.get(reverse("implementation:plan_template_changes", args=[plan.pk])).content.decode()
    assert "was not started from a template" in page


# Who may do what ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["start", "changes"])
@pytest.mark.parametrize("role", ROLES)
def test_template_pages_follow_the_proposal(client, templates, proposal_people, role, page):
    plan = plan_for(proposal=proposal_people["proposal"])
    plan_start_from_template(plan=plan, template=templates["published"], by=proposal_people["lead"])
    if proposal_people[role] is not None:
        client.force_login(proposal_people[role])
    name = {"start": "plan_start_from_template", "changes": "plan_template_changes"}[page]
    response = client.get(reverse(f"implementation:{name}", args=[plan.pk]))
    allowed = WRITERS if page == "start" else READERS
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in allowed:
        assert response.status_code == 200
    elif role in READERS:
        assert response.status_code == 403 and "You cannot change this plan" in response.content.decode()
    else:
        assert response.status_code == 404
        assert proposal_people["proposal"].title not in response.content.decode()


@pytest.mark.parametrize("role", ["mentor", "group_lead", "other_member", "anonymous"])
def test_only_applicants_start_from_a_template(client, templates, proposal_people, role):
    plan = plan_for(proposal=proposal_people["proposal"])
    if proposal_people[role] is not None:
        client.force_login(proposal_people[role])
    client.post(
        reverse("implementation:plan_start_from_template", args=[plan.pk]), {"template": templates["published"].pk}
    )
    assert plan_is_still_empty(plan)


def test_members_cannot_start_from_a_template_of_a_proposal_they_do_not_lead(templates, proposal_people):
    plan = plan_for(proposal=proposal_people["proposal"])
    with pytest.raises(PermissionDenied):
        plan_start_from_template(plan=plan, template=templates["published"], by=LearnerFactory())
