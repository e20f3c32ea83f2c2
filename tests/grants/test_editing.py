"""Writing a proposal: sections saved as you type with conflict detection, the budget, and who may do either."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from grants.models import BudgetCategory, BudgetLine, Proposal, ProposalSection, ProposalState
from grants.selectors.editing import budget_summary
from grants.services.editing import (
    BudgetConflict,
    BudgetLineData,
    SectionConflict,
    budget_save,
    section_save,
)
from tests.accounts.factories import LearnerFactory
from tests.grants.factories import co_applicant_add, proposal_make

pytestmark = pytest.mark.django_db

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
EDITORS = {"lead", "co_applicant"}
READ_ONLY = {"mentor", "group_lead"}
JSON = {"HTTP_ACCEPT": "application/json"}


def _section(proposal, key) -> ProposalSection:
    return ProposalSection.objects.get(proposal=proposal, key=key)


def _edit_url(proposal, key="lay_summary") -> str:
    return reverse("grants:section_edit", args=[proposal.pk, key])


def _budget_url(proposal) -> str:
    return reverse("grants:proposal_budget", args=[proposal.pk])


def _login(client, user):
    if user is not None:
        client.force_login(user)


def _assert_denied(response, role):
    """The shared expectations for members who may not change the proposal."""
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in READ_ONLY:
        assert response.status_code == 403
        assert "You cannot change this proposal" in response.content.decode()
    else:
        assert response.status_code == 404


# Services --------------------------------------------------------------------------------------


def test_section_save_bumps_revision_and_records_who():
    proposal = proposal_make()
    before = _section(proposal, "aims")
    saved = section_save(
        proposal=proposal, key="aims", text="  To test it.\r\nThen to share it.  ", base_revision=0, by=proposal.lead
    )
    assert saved.revision == before.revision + 1
    assert saved.text == "To test it.\nThen to share it."
    assert saved.updated_by == proposal.lead
    assert Proposal.objects.get(pk=proposal.pk).updated_at >= before.updated_at


def test_section_save_with_same_text_changes_nothing():
    proposal = proposal_make(aims="Same words")
    saved = section_save(proposal=proposal, key="aims", text="Same words", base_revision=1, by=proposal.lead)
    assert saved.revision == 1


def test_section_save_on_an_older_revision_is_refused_with_their_text():
    proposal = proposal_make()
    colleague = co_applicant_add(proposal=proposal)
    section_save(proposal=proposal, key="aims", text="Their aims", base_revision=0, by=colleague)
    with pytest.raises(SectionConflict) as caught:
        section_save(proposal=proposal, key="aims", text="My aims", base_revision=0, by=proposal.lead)
    assert caught.value.text == "Their aims"
    assert caught.value.revision == 1
    assert caught.value.updated_by == colleague
    assert caught.value.updated_at is not None
    assert _section(proposal, "aims").text == "Their aims"
    # Saving again against their revision is a deliberate overwrite.
    section_save(proposal=proposal, key="aims", text="My aims", base_revision=1, by=proposal.lead)
    assert _section(proposal, "aims").text == "My aims"


def test_section_save_over_the_word_limit_still_saves():
    proposal = proposal_make()
    text = "word " * 320  # research question: limit 100
    saved = section_save(proposal=proposal, key="research_question", text=text, base_revision=0, by=proposal.lead)
    assert len(saved.text.split()) == 320


def test_title_section_is_mirrored_on_the_proposal():
    proposal = proposal_make(title="Old title")
    section_save(proposal=proposal, key="title", text="  New   title ", base_revision=0, by=proposal.lead)
    assert Proposal.objects.get(pk=proposal.pk).title == "New title"
    assert _section(proposal, "title").text == "New title"


def test_empty_title_is_refused():
    proposal = proposal_make(title="Kept title")
    with pytest.raises(ValidationError):
        section_save(proposal=proposal, key="title", text="   ", base_revision=0, by=proposal.lead)
    assert Proposal.objects.get(pk=proposal.pk).title == "Kept title"


@pytest.mark.parametrize("state", [ProposalState.SUBMITTED, ProposalState.AWARDED, ProposalState.WITHDRAWN])
def test_section_save_refused_once_the_proposal_has_gone_to_the_funder(state):
    proposal = proposal_make()
    Proposal.objects.filter(pk=proposal.pk).update(state=state)  # the object in hand is stale on purpose
    with pytest.raises(PermissionDenied):
        section_save(proposal=proposal, key="aims", text="Late change", base_revision=0, by=proposal.lead)


def test_section_save_refused_for_a_mentor(proposal_people):
    proposal = proposal_people["proposal"]
    with pytest.raises(PermissionDenied):
        section_save(proposal=proposal, key="aims", text="Mentor edit", base_revision=1, by=proposal_people["mentor"])


def _lines(*costs):
    return [
        BudgetLineData(category=BudgetCategory.CONSUMABLES, description=f"Item {i}", cost=Decimal(c), justification="x")
        for i, c in enumerate(costs)
    ]


def test_budget_save_replaces_lines_in_order_and_bumps_revision():
    proposal = proposal_make(complete=True)
    budget_save(proposal=proposal, lines=_lines("10.50", "2000"), base_revision=0, by=proposal.lead)
    proposal.refresh_from_db()
    assert proposal.budget_revision == 1
    assert [line.description for line in proposal.budget_lines.all()] == ["Item 0", "Item 1"]
    assert budget_summary(proposal=proposal).total == Decimal("2010.50")


def test_budget_save_on_an_older_revision_is_refused():
    proposal = proposal_make(complete=True)
    budget_save(proposal=proposal, lines=_lines("1"), base_revision=0, by=proposal.lead)
    with pytest.raises(BudgetConflict) as caught:
        budget_save(proposal=proposal, lines=_lines("2", "3"), base_revision=0, by=proposal.lead)
    assert caught.value.revision == 1
    assert list(proposal.budget_lines.values_list("cost", flat=True)) == [Decimal("1.00")]


def test_budget_summary_totals_by_category():
    proposal = proposal_make(complete=True)  # one staff line of £12,000
    BudgetLine.objects.create(proposal=proposal, category="travel", description="Conference", cost="850.25")
    BudgetLine.objects.create(proposal=proposal, category="staff", description="Analyst", cost="3000")
    summary = budget_summary(proposal=proposal)
    assert [(c.category, c.lines, c.total) for c in summary.categories] == [
        ("staff", 2, Decimal("15000.00")),
        ("travel", 1, Decimal("850.25")),
    ]
    assert summary.total == Decimal("15850.25")


# Section edit page -----------------------------------------------------------------------------


def test_section_edit_page_shows_the_form(client):
    proposal = proposal_make(call=None, lay_summary="Short and sweet")
    client.force_login(proposal.lead)
    response = client.get(_edit_url(proposal))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="base_revision" value="1"' in html
    assert "Short and sweet" in html
    assert "3 words of 300" in html
    assert 'aria-describedby="text-help text-count text-limit text-error"' in html
    assert "Save section" in html
    assert "Previous: Title" in html and "Next: Research question" in html
    assert "js/proposal-editor.js" in html


def test_title_is_a_one_line_input(client):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    html = client.get(_edit_url(proposal, "title")).content.decode()
    assert '<input type="text" name="text"' in html
    assert '<textarea name="text"' not in html


def test_unknown_section_is_404(client):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    assert client.get(_edit_url(proposal, "not_a_section")).status_code == 404
    assert client.post(_edit_url(proposal, "budget"), {"text": "x", "base_revision": 0}).status_code == 404


def test_autosave_answers_json_and_moves_the_revision_on(client):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    response = client.post(_edit_url(proposal, "aims"), {"text": "One two three", "base_revision": 0}, **JSON)
    assert response.status_code == 200
    data = response.json()
    assert data["revision"] == 1 and data["words"] == 3 and data["limit"] == 250
    assert data["over_limit"] is False and data["message"] == ""
    assert len(data["saved_at"]) == 5  # "14:02"
    second = client.post(_edit_url(proposal, "aims"), {"text": "One two three four", "base_revision": 1}, **JSON)
    assert second.json()["revision"] == 2
    assert _section(proposal, "aims").text == "One two three four"
    assert not proposal.activities.exclude(verb="created").exists()  # no activity per save


def test_autosave_over_the_limit_is_saved_and_says_so(client):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    text = "word " * 312
    response = client.post(_edit_url(proposal, "lay_summary"), {"text": text, "base_revision": 0}, **JSON)
    data = response.json()
    assert response.status_code == 200 and data["over_limit"] is True
    assert data["message"] == "312 words: 12 over the limit of 300. Cut it before sending for review."
    assert len(_section(proposal, "lay_summary").text.split()) == 312


def test_over_limit_message_is_next_to_the_field(client):
    proposal = proposal_make(lay_summary="word " * 312)
    client.force_login(proposal.lead)
    html = client.get(_edit_url(proposal)).content.decode()
    assert "312 words: 12 over the limit of 300. Cut it before sending for review." in html
    assert 'id="text-limit"' in html


def test_call_word_limit_applies(client, site_pages):
    from tests.grants.factories import FundingCallIndexPageFactory, FundingCallPageFactory

    index = FundingCallIndexPageFactory(parent=site_pages["home"])
    call = FundingCallPageFactory(parent=index, default_word_limit=50)
    proposal = proposal_make(call=call)
    client.force_login(proposal.lead)
    data = client.post(_edit_url(proposal, "aims"), {"text": "w " * 60, "base_revision": 0}, **JSON).json()
    assert data["limit"] == 50 and data["over_limit"] is True


def test_autosave_conflict_answers_409_with_their_text(client):
    proposal = proposal_make()
    colleague = co_applicant_add(proposal=proposal, user=LearnerFactory(first_name="Sam", last_name="Jones"))
    section_save(proposal=proposal, key="aims", text="Their aims", base_revision=0, by=colleague)
    client.force_login(proposal.lead)
    response = client.post(_edit_url(proposal, "aims"), {"text": "My aims", "base_revision": 0}, **JSON)
    assert response.status_code == 409
    data = response.json()
    assert data["conflict"] is True
    assert data["text"] == "Their aims" and data["revision"] == 1
    assert data["author"] == "Sam Jones"
    assert data["saved_at"]
    assert "Sam Jones saved a different version" in data["message"]
    assert _section(proposal, "aims").text == "Their aims"


def test_conflict_with_yourself_in_another_window_says_so(client):
    proposal = proposal_make()
    section_save(proposal=proposal, key="aims", text="From the laptop", base_revision=0, by=proposal.lead)
    client.force_login(proposal.lead)
    data = client.post(_edit_url(proposal, "aims"), {"text": "From the phone", "base_revision": 0}, **JSON).json()
    assert data["author"] == "you (in another window or device)"


def test_conflict_without_javascript_keeps_my_text_and_offers_theirs(client):
    proposal = proposal_make()
    colleague = co_applicant_add(proposal=proposal)
    section_save(proposal=proposal, key="aims", text="Their aims", base_revision=0, by=colleague)
    client.force_login(proposal.lead)
    response = client.post(_edit_url(proposal, "aims"), {"text": "My own aims", "base_revision": 0})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: this section was changed by someone else" in html
    assert "Their aims</textarea>" in html  # theirs, read-only
    assert "My own aims</textarea>" in html  # mine, still in the box
    assert 'name="base_revision" value="1"' in html
    assert "Keep my text" in html and "Use their text" in html
    # Saving again deliberately keeps mine.
    again = client.post(_edit_url(proposal, "aims"), {"text": "My own aims", "base_revision": 1, "resolve": "keep"})
    assert again.status_code == 302
    assert _section(proposal, "aims").text == "My own aims"


def test_use_their_text_without_javascript_keeps_theirs(client):
    proposal = proposal_make()
    section_save(
        proposal=proposal, key="aims", text="Their aims", base_revision=0, by=co_applicant_add(proposal=proposal)
    )
    client.force_login(proposal.lead)
    response = client.post(_edit_url(proposal, "aims"), {"text": "Mine", "base_revision": 1, "resolve": "theirs"})
    assert response.status_code == 302
    assert _section(proposal, "aims").text == "Their aims"


def test_plain_save_redirects_with_a_message(client):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    response = client.post(_edit_url(proposal, "aims"), {"text": "Aims here", "base_revision": 0}, follow=True)
    assert response.redirect_chain[-1][0] == _edit_url(proposal, "aims")
    assert "Aims and objectives saved." in response.content.decode()
    assert "Last saved at" in response.content.decode()


def test_empty_title_is_refused_next_to_the_field(client):
    proposal = proposal_make(title="Kept title")
    client.force_login(proposal.lead)
    response = client.post(_edit_url(proposal, "title"), {"text": "   ", "base_revision": 0})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give your proposal a title" in html and 'aria-invalid="true"' in html
    json_response = client.post(_edit_url(proposal, "title"), {"text": "", "base_revision": 0}, **JSON)
    assert json_response.status_code == 400
    assert "Give your proposal a title" in json_response.json()["errors"]["text"][0]
    assert Proposal.objects.get(pk=proposal.pk).title == "Kept title"


def test_title_save_updates_the_proposal_title(client):
    proposal = proposal_make(title="Old")
    client.force_login(proposal.lead)
    client.post(_edit_url(proposal, "title"), {"text": "Better title", "base_revision": 0}, **JSON)
    assert Proposal.objects.get(pk=proposal.pk).title == "Better title"


def test_last_section_links_to_the_budget(client):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    html = client.get(_edit_url(proposal, "references")).content.decode()
    assert "Next: Budget" in html and _budget_url(proposal) in html


def test_applicant_cannot_edit_a_submitted_proposal(client):
    proposal = proposal_make()
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.SUBMITTED)
    client.force_login(proposal.lead)
    response = client.get(_edit_url(proposal))
    assert response.status_code == 403
    assert "can no longer be changed" in response.content.decode()
    json_response = client.post(_edit_url(proposal), {"text": "Late", "base_revision": 0}, **JSON)
    assert json_response.status_code == 403 and "can no longer be changed" in json_response.json()["error"]


def test_overview_links_to_section_edit_pages_for_editors_only(client, proposal_people):
    proposal = proposal_people["proposal"]
    client.force_login(proposal_people["lead"])
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert _edit_url(proposal, "methods") in html and _budget_url(proposal) in html
    client.force_login(proposal_people["mentor"])
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert _edit_url(proposal, "methods") not in html and _budget_url(proposal) in html


@pytest.mark.parametrize("role", ROLES)
def test_section_edit_get_matrix(client, proposal_people, role):
    _login(client, proposal_people[role])
    response = client.get(_edit_url(proposal_people["proposal"]))
    if role in EDITORS:
        assert response.status_code == 200
    else:
        _assert_denied(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_section_edit_post_matrix(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    before = _section(proposal, "aims")
    _login(client, proposal_people[role])
    response = client.post(_edit_url(proposal, "aims"), {"text": "Changed", "base_revision": before.revision})
    if role in EDITORS:
        assert response.status_code == 302
        assert _section(proposal, "aims").text == "Changed"
    else:
        _assert_denied(response, role)
        assert _section(proposal, "aims").text == before.text


# Budget page ----------------------------------------------------------------------------------


def _budget_post(rows, *, revision, initial=0):
    data = {
        "base_revision": revision,
        "lines-TOTAL_FORMS": len(rows),
        "lines-INITIAL_FORMS": initial,
        "lines-MIN_NUM_FORMS": 0,
        "lines-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"lines-{index}-{name}"] = value
    return data


ROW = {"category": "travel", "description": "Conference travel", "cost": "£1,200.50", "justification": "To present"}
BLANK = {"category": "", "description": "", "cost": "", "justification": ""}


def test_budget_page_shows_lines_and_totals(client):
    proposal = proposal_make(complete=True)
    BudgetLine.objects.create(proposal=proposal, category="travel", description="Flights", cost="1234567.5")
    client.force_login(proposal.lead)
    html = client.get(_budget_url(proposal)).content.decode()
    assert "£1,234,567.50" in html  # a line
    assert "£1,246,567.50" in html  # the grand total
    assert "Totals by category" in html and "Travel and subsistence" in html
    assert "Save budget" in html
    assert 'name="lines-0-description" value="Research nurse, 0.2 WTE"' in html
    assert 'name="lines-3-description"' in html  # blank rows to add more
    assert "lines-2-DELETE" not in html  # no "remove" on new rows


def test_budget_page_is_read_only_for_mentors(client, proposal_people):
    client.force_login(proposal_people["mentor"])
    html = client.get(_budget_url(proposal_people["proposal"])).content.decode()
    assert "£12,000.00" in html
    assert "Save budget" not in html and "lines-TOTAL_FORMS" not in html


def test_budget_save_adds_changes_and_removes_lines(client):
    proposal = proposal_make(complete=True)
    client.force_login(proposal.lead)
    existing = {"category": "staff", "description": "Nurse", "cost": "100", "justification": "Time", "DELETE": "on"}
    rows = [existing, ROW, BLANK, BLANK]
    response = client.post(_budget_url(proposal), _budget_post(rows, revision=0, initial=1))
    assert response.status_code == 302
    lines = list(proposal.budget_lines.all())
    assert [(line.category, line.description, line.cost) for line in lines] == [
        ("travel", "Conference travel", Decimal("1200.50"))
    ]
    proposal.refresh_from_db()
    assert proposal.budget_revision == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("category", "", "Choose the category this cost falls under."),
        ("description", "", "Say what this cost is for."),
        ("cost", "0", "The cost must be more than £0."),
        ("cost", "-5", "The cost must be more than £0."),
        ("cost", "10000000.01", "The cost must be at most £10,000,000."),
        ("cost", "12.345", "Use at most 2 decimal places (pence)."),
        ("cost", "twelve", "Enter the cost in pounds as a number"),
        ("justification", "", "Explain why this cost is needed."),
    ],
)
def test_budget_errors_are_shown_and_input_kept(client, field, value, message):
    proposal = proposal_make(complete=True)
    client.force_login(proposal.lead)
    row = {**ROW, field: value}
    response = client.post(_budget_url(proposal), _budget_post([row, BLANK], revision=0))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "The budget is not saved yet" in html and f'href="#id_lines-0-{field}"' in html
    if field != "description":
        assert 'value="Conference travel"' in html
    assert proposal.budget_lines.count() == 1  # unchanged


def test_budget_conflict_keeps_my_rows_and_shows_the_saved_budget(client):
    proposal = proposal_make(complete=True)
    budget_save(
        proposal=proposal,
        lines=[
            BudgetLineData(category="equipment", description="Their laptop", cost=Decimal("900"), justification="x")
        ],
        base_revision=0,
        by=proposal.lead,
    )
    client.force_login(proposal.lead)
    response = client.post(_budget_url(proposal), _budget_post([ROW], revision=0))
    html = response.content.decode()
    assert response.status_code == 409
    assert "someone changed the budget after you opened this page" in html
    assert "Their laptop" in html  # the saved budget
    assert 'value="Conference travel"' in html  # my rows, kept
    assert 'name="base_revision" value="1"' in html
    assert list(proposal.budget_lines.values_list("description", flat=True)) == ["Their laptop"]
    # Saving again deliberately replaces theirs.
    assert client.post(_budget_url(proposal), _budget_post([ROW], revision=1)).status_code == 302
    assert list(proposal.budget_lines.values_list("description", flat=True)) == ["Conference travel"]


def test_budget_post_without_revision_overwrites_nothing(client):
    proposal = proposal_make(complete=True)
    client.force_login(proposal.lead)
    data = _budget_post([ROW], revision=0)
    del data["base_revision"]
    response = client.post(_budget_url(proposal), data)
    assert response.status_code == 200
    assert list(proposal.budget_lines.values_list("description", flat=True)) == ["Research nurse, 0.2 WTE"]


@pytest.mark.parametrize("role", ROLES)
def test_budget_get_matrix(client, proposal_people, role):
    _login(client, proposal_people[role])
    response = client.get(_budget_url(proposal_people["proposal"]))
    if role in EDITORS | READ_ONLY:
        assert response.status_code == 200
        assert ("Save budget" in response.content.decode()) == (role in EDITORS)
    else:
        _assert_denied(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_budget_post_matrix(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    _login(client, proposal_people[role])
    response = client.post(_budget_url(proposal), _budget_post([ROW], revision=proposal.budget_revision))
    descriptions = list(proposal.budget_lines.values_list("description", flat=True))
    if role in EDITORS:
        assert response.status_code == 302
        assert descriptions == ["Conference travel"]
    else:
        _assert_denied(response, role)
        assert descriptions == ["Research nurse, 0.2 WTE"]


def _budget_queries(client, django_assert_max_num_queries, proposal):
    url = _budget_url(proposal)
    client.get(url)  # warm the session and site caches
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_budget_page_queries_do_not_grow_with_lines(client, django_assert_max_num_queries, django_assert_num_queries):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    for index in range(2):
        BudgetLine.objects.create(proposal=proposal, category="staff", description=f"Line {index}", cost="10")
    small = _budget_queries(client, django_assert_max_num_queries, proposal)
    for index in range(18):
        BudgetLine.objects.create(proposal=proposal, category="travel", description=f"More {index}", cost="10")
    with django_assert_num_queries(small):
        assert client.get(_budget_url(proposal)).status_code == 200


def test_section_edit_page_last_saved_on_another_day(client):
    proposal = proposal_make()
    ProposalSection.objects.filter(proposal=proposal, key="aims").update(
        revision=3, updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    client.force_login(proposal.lead)
    html = client.get(_edit_url(proposal, "aims")).content.decode()
    assert "Last saved on" in html and "by you" in html


def test_autosave_json_is_valid_for_the_script(client):
    """The script relies on these keys: keep them stable."""
    proposal = proposal_make()
    client.force_login(proposal.lead)
    data = json.loads(client.post(_edit_url(proposal, "aims"), {"text": "a", "base_revision": 0}, **JSON).content)
    assert set(data) >= {"revision", "words", "limit", "saved_at", "over_limit", "message"}
