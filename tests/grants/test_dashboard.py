"""The group lead's dashboard: pipeline, waiting for a mentor, mentor workload, outcomes, the list and its CSV."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from grants.forms.dashboard import OutcomesFilterForm
from grants.models import MentorAssignment, Proposal, ProposalState
from grants.selectors.dashboard import (
    NO_CALL,
    dashboard_calls,
    dashboard_outcomes,
    dashboard_pipeline,
    mentor_workload,
    proposals_waiting_for_mentor,
)
from tests.accounts.factories import EditorFactory, GroupLeadFactory, LearnerFactory, MentorFactory
from tests.grants.factories import (
    FundingCallIndexPageFactory,
    FundingCallPageFactory,
    mentor_assign,
    proposal_make,
)

pytestmark = pytest.mark.django_db

DASHBOARD_URLS = ["grants:dashboard", "grants:dashboard_proposals", "grants:dashboard_csv"]


def closes_in(days: int) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=days), datetime.time(13, 0))
    )


def ago(days: int, hours: int = 0) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days, hours=hours)


def set_fields(proposal: Proposal, **fields) -> Proposal:
    """Set a proposal's state or dates directly (the workflow service is tested on its own)."""
    Proposal.objects.filter(pk=proposal.pk).update(**fields)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def call_index(site_pages):
    return FundingCallIndexPageFactory(parent=site_pages["home"])


@pytest.fixture
def calls(call_index):
    """Two calls: "Early call" closes in 20 days, "Late call" in 40 (so it comes first: latest closing first)."""
    return {
        "early": FundingCallPageFactory(parent=call_index, title="Early call", closes_at=closes_in(20)),
        "late": FundingCallPageFactory(parent=call_index, title="Late call", closes_at=closes_in(40)),
    }


# Pipeline -----------------------------------------------------------------------------------


def test_pipeline_counts_by_call_and_state_with_totals(calls, django_assert_num_queries):
    early, late = calls["early"], calls["late"]
    proposal_make(call=early)
    proposal_make(call=early)
    set_fields(proposal_make(call=early), state=ProposalState.SUBMITTED)
    set_fields(proposal_make(call=late), state=ProposalState.AWARDED)
    proposal_make(call=None)
    FundingCallPageFactory(parent=early.get_parent(), title="Call with no proposals")

    with django_assert_num_queries(2):
        pipeline = dashboard_pipeline()

    assert [value for value, _label in pipeline.states] == list(ProposalState.values)
    assert [row.label for row in pipeline.rows] == ["Late call", "Early call", "No call chosen"]
    late_row, early_row, no_call_row = pipeline.rows
    cells = {cell.state: cell for cell in early_row.cells}
    assert cells[ProposalState.DRAFT].count == 2
    assert cells[ProposalState.SUBMITTED].count == 1
    assert cells[ProposalState.AWARDED].count == 0
    assert cells[ProposalState.DRAFT].query == f"call={early.pk}&state=draft"
    assert early_row.total == 3 and early_row.query == f"call={early.pk}"
    assert late_row.total == 1 and {c.state: c.count for c in late_row.cells}[ProposalState.AWARDED] == 1
    assert no_call_row.call is None and no_call_row.total == 1 and no_call_row.query == f"call={NO_CALL}"
    totals = {cell.state: cell.count for cell in pipeline.column_totals}
    assert totals[ProposalState.DRAFT] == 3 and totals[ProposalState.SUBMITTED] == 1
    assert totals[ProposalState.AWARDED] == 1 and totals[ProposalState.WITHDRAWN] == 0
    assert pipeline.total == 5
    # Given every call (as the dashboard has them for its filter), the pipeline needs one query.
    every_call = dashboard_calls()
    with django_assert_num_queries(1):
        assert dashboard_pipeline(calls=every_call) == pipeline


def test_pipeline_is_empty_without_proposals(db):
    pipeline = dashboard_pipeline()
    assert pipeline.rows == [] and pipeline.total == 0


# Waiting for a mentor -----------------------------------------------------------------------


def test_waiting_lists_requests_older_than_seven_days_without_an_active_mentor(db):
    eight = set_fields(proposal_make(title="Eight days"), mentoring_requested_at=ago(8))
    set_fields(proposal_make(title="Six days"), mentoring_requested_at=ago(6))
    set_fields(proposal_make(title="Never asked"), mentoring_requested_at=None)
    ended = set_fields(proposal_make(title="Mentor left"), mentoring_requested_at=ago(9), state=ProposalState.IN_REVIEW)
    mentor_assign(proposal=ended)
    MentorAssignment.objects.filter(proposal=ended).update(ended_at=ago(1))
    mentored = set_fields(proposal_make(title="Has a mentor"), mentoring_requested_at=ago(10))
    mentor_assign(proposal=mentored)
    set_fields(proposal_make(title="Withdrawn"), mentoring_requested_at=ago(12), state=ProposalState.WITHDRAWN)

    waiting = proposals_waiting_for_mentor()

    assert [p.title for p in waiting] == ["Mentor left", "Eight days"]
    assert [p.days_waiting for p in waiting] == [9, 8]
    assert waiting[1].pk == eight.pk


def test_waiting_boundary_is_seven_whole_days(db):
    now = timezone.now()
    set_fields(proposal_make(title="Just over"), mentoring_requested_at=now - datetime.timedelta(days=7, minutes=1))
    set_fields(proposal_make(title="Just under"), mentoring_requested_at=now - datetime.timedelta(days=6, hours=23))
    assert [p.title for p in proposals_waiting_for_mentor(now=now)] == ["Just over"]


# Mentor workload ----------------------------------------------------------------------------


def test_workload_counts_active_assignments_and_flags_capacity(db, django_assert_num_queries):
    busy = MentorFactory(first_name="Ada", last_name="Busy", mentoring_capacity=2)
    busy.expertise.set(["sepsis", "qualitative methods"])
    free = MentorFactory(first_name="Ben", last_name="Free", mentoring_capacity=3)
    over = MentorFactory(first_name="Cat", last_name="Over", mentoring_capacity=1)
    MentorFactory(first_name="Dan", last_name="Gone", is_active=False)
    LearnerFactory(first_name="Eve", last_name="Learner")

    for state in (ProposalState.IN_REVIEW, ProposalState.REVISIONS, ProposalState.DRAFT):
        mentor_assign(proposal=set_fields(proposal_make(), state=state), mentor=busy)
    ended = set_fields(proposal_make(), state=ProposalState.IN_REVIEW)
    mentor_assign(proposal=ended, mentor=free)
    MentorAssignment.objects.filter(proposal=ended).update(ended_at=timezone.now())
    mentor_assign(proposal=set_fields(proposal_make(), state=ProposalState.REVISIONS), mentor=free)
    for _ in range(2):
        mentor_assign(proposal=set_fields(proposal_make(), state=ProposalState.IN_REVIEW), mentor=over)

    with django_assert_num_queries(2):
        mentors = mentor_workload()
        expertise = {m.last_name: sorted(tag.name for tag in m.expertise.all()) for m in mentors}

    by_name = {m.last_name: m for m in mentors}
    assert list(by_name) == ["Busy", "Free", "Over"]
    assert (by_name["Busy"].active_count, by_name["Busy"].mentoring_count) == (3, 2)
    assert by_name["Busy"].at_capacity and not by_name["Busy"].over_capacity and by_name["Busy"].room == 0
    assert (by_name["Free"].active_count, by_name["Free"].mentoring_count) == (1, 1)
    assert not by_name["Free"].at_capacity and by_name["Free"].room == 2
    assert by_name["Over"].at_capacity and by_name["Over"].over_capacity
    assert expertise["Busy"] == ["qualitative methods", "sepsis"]


# Outcomes -----------------------------------------------------------------------------------


@pytest.fixture
def decided(calls):
    """Early call: two awarded (£10,000 and £5,000.50), one not funded; late call: one not funded;
    no call: one submitted, one draft. States changed 10, 20, 30, 40 and 5 days ago."""
    early, late = calls["early"], calls["late"]
    return {
        "a1": set_fields(
            proposal_make(call=early),
            state=ProposalState.AWARDED,
            amount_awarded=Decimal("10000"),
            state_changed_at=ago(10),
        ),
        "a2": set_fields(
            proposal_make(call=early),
            state=ProposalState.AWARDED,
            amount_awarded=Decimal("5000.50"),
            state_changed_at=ago(20),
        ),
        "n1": set_fields(proposal_make(call=early), state=ProposalState.NOT_FUNDED, state_changed_at=ago(30)),
        "n2": set_fields(proposal_make(call=late), state=ProposalState.NOT_FUNDED, state_changed_at=ago(40)),
        "s1": set_fields(proposal_make(call=None), state=ProposalState.SUBMITTED, state_changed_at=ago(5)),
        "d1": set_fields(proposal_make(call=early), state=ProposalState.DRAFT, state_changed_at=ago(1)),
    }


def test_outcomes_overall_and_per_call(decided, calls, django_assert_num_queries):
    with django_assert_num_queries(3):
        outcomes = dashboard_outcomes()

    overall = outcomes.overall
    assert (overall.awarded, overall.not_funded, overall.waiting) == (2, 2, 1)
    assert overall.decided == 4 and overall.success_rate == 50
    assert overall.amount_awarded == Decimal("15000.50")
    rows = {row.label: row.outcome for row in outcomes.per_call}
    assert list(rows) == ["Late call", "Early call", "No call chosen"]
    assert (rows["Early call"].awarded, rows["Early call"].not_funded) == (2, 1)
    assert round(rows["Early call"].success_rate, 1) == 66.7
    assert rows["Early call"].amount_awarded == Decimal("15000.50")
    assert rows["Late call"].success_rate == 0 and rows["Late call"].amount_awarded == 0
    assert rows["No call chosen"].success_rate is None and rows["No call chosen"].waiting == 1
    every_call = dashboard_calls()
    with django_assert_num_queries(2):
        assert dashboard_outcomes(calls=every_call) == outcomes


def test_outcomes_by_call_and_by_date(decided, calls):
    early = dashboard_outcomes(call=str(calls["early"].pk)).overall
    assert (early.awarded, early.not_funded, early.waiting) == (2, 1, 0)
    assert dashboard_outcomes(call=NO_CALL).overall.waiting == 1

    # State changed 25 to 8 days ago (both days included): a1 (10 days) and a2 (20 days) only.
    period = dashboard_outcomes(changed_from=ago(25).date(), changed_to=ago(8).date()).overall
    assert (period.awarded, period.not_funded, period.waiting) == (2, 0, 0)
    assert period.success_rate == 100
    # Open at one end.
    assert dashboard_outcomes(changed_from=ago(7).date()).overall.waiting == 1
    assert dashboard_outcomes(changed_to=ago(35).date()).overall.not_funded == 1


def test_outcomes_date_range_includes_whole_uk_days(db):
    end_of_day = timezone.make_aware(datetime.datetime(2025, 6, 30, 23, 30))  # 22:30 UTC, still 30 June in the UK
    set_fields(proposal_make(), state=ProposalState.AWARDED, amount_awarded=1, state_changed_at=end_of_day)
    day = datetime.date(2025, 6, 30)
    assert dashboard_outcomes(changed_from=day, changed_to=day).overall.awarded == 1
    assert dashboard_outcomes(changed_from=day + datetime.timedelta(days=1)).overall.awarded == 0
    assert dashboard_outcomes(changed_to=day - datetime.timedelta(days=1)).overall.awarded == 0


def test_outcomes_form_rejects_an_end_before_the_start(db):
    form = OutcomesFilterForm({"changed_from": "2025-05-10", "changed_to": "2025-05-01"}, calls=[])
    assert form.filters() is None
    assert form.errors["changed_to"] == ["The end date must be on or after the start date."]
    form = OutcomesFilterForm({"changed_from": "10/05/2025", "changed_to": ""}, calls=[])
    assert form.filters() == {"changed_from": datetime.date(2025, 5, 10), "changed_to": None, "call": ""}


# Views: who may see them --------------------------------------------------------------------

ROLE_FACTORIES = {
    "group_lead": GroupLeadFactory,
    "learner": LearnerFactory,
    "mentor": MentorFactory,
    "editor": EditorFactory,
}


@pytest.mark.parametrize("url_name", DASHBOARD_URLS)
@pytest.mark.parametrize("role", ["group_lead", "superuser", "learner", "mentor", "editor", "applicant", "anonymous"])
def test_only_group_leads_see_the_dashboard(client, url_name, role, superuser):
    proposal = proposal_make(title="A confidential proposal", complete=True)
    mentor_assign(proposal=proposal)
    user = {"superuser": superuser, "applicant": proposal.lead, "anonymous": None}.get(role)
    if role in ROLE_FACTORIES:
        user = ROLE_FACTORIES[role]()
    if user is not None:
        client.force_login(user)

    response = client.get(reverse(url_name))

    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in ("group_lead", "superuser"):
        assert response.status_code == 200
    else:
        assert response.status_code == 404
        assert b"A confidential proposal" not in response.content


# Views: what they show ----------------------------------------------------------------------


def test_dashboard_page_shows_every_part(client, calls, decided):
    waiting = set_fields(proposal_make(title="Lonely proposal", call=calls["late"]), mentoring_requested_at=ago(9))
    mentor = MentorFactory(first_name="Mo", last_name="Mentor", mentoring_capacity=1)
    mentor.expertise.set(["sepsis"])
    mentor_assign(proposal=set_fields(proposal_make(), state=ProposalState.IN_REVIEW), mentor=mentor)
    client.force_login(GroupLeadFactory())

    response = client.get(reverse("grants:dashboard"))

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    list_url = reverse("grants:dashboard_proposals")
    # Pipeline: a number links to its proposals, with a name that says what it counts.
    early = calls["early"]
    assert (
        f'href="{list_url}?call={early.pk}&amp;state=awarded">2<span class="visually-hidden"> awarded, Early call'
        in content
    )
    assert '<th scope="col" class="text-end">In mentor review</th>' in content
    assert '<caption id="pipeline-caption" class="caption-top">Proposals by funding call and state (' in content
    assert 'role="region" aria-labelledby="pipeline-caption"' in content  # the scrolling table takes focus
    assert "table-responsive" in content
    # Waiting: links to where a mentor is chosen.
    mentors_url = reverse("grants:proposal_mentors", args=[waiting.pk])
    assert f'href="{mentors_url}">Lonely proposal' in content
    assert "9 days" in content
    # Workload, in words, not colour alone.
    assert "Mo Mentor" in content and "At capacity" in content and "sepsis" in content
    # Outcomes.
    assert "50%" in content and "£15,000.50" in content


def test_dashboard_outcome_filter_errors_sit_by_the_field(client, calls, decided):
    client.force_login(GroupLeadFactory())
    response = client.get(
        reverse("grants:dashboard"), {"changed_from": "2025-05-10", "changed_to": "2025-05-01", "call": ""}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in content
    # The message belongs to the end date's box, and is read out with it.
    assert 'aria-describedby="id_changed_to_helptext id_changed_to_error"' in content
    assert 'id="error_1_id_changed_to"><strong>The end date must be on or after the start date.' in content
    assert 'value="2025-05-10"' in content  # what was typed is kept
    assert "Correct the filter above to see the outcomes." in content


def test_dashboard_outcomes_follow_the_filters(client, calls, decided):
    client.force_login(GroupLeadFactory())
    response = client.get(reverse("grants:dashboard"), {"call": str(calls["late"].pk)})
    content = response.content.decode().split('id="outcomes"')[1].split("</form>")[1]
    assert "0%" in content and "£0.00" in content and "Early call" not in content


def test_list_filters_by_state_and_call(client, calls, decided):
    mentor = MentorFactory(first_name="Mira", last_name="Shah")
    mentor_assign(proposal=decided["a1"], mentor=mentor)
    client.force_login(GroupLeadFactory())
    url = reverse("grants:dashboard_proposals")

    content = client.get(url, {"call": calls["early"].pk, "state": "awarded"}).content.decode()
    assert "2 proposals match this filter." in content
    assert decided["a1"].get_absolute_url() in content and decided["a2"].get_absolute_url() in content
    assert decided["n1"].get_absolute_url() not in content
    assert "Mira Shah" in content
    assert f"{reverse('grants:dashboard_csv')}?state=awarded&amp;call={calls['early'].pk}" in content

    content = client.get(url, {"call": NO_CALL}).content.decode()
    assert "1 proposal match this filter." in content and decided["s1"].get_absolute_url() in content

    content = client.get(url).content.decode()
    assert "6 proposals." in content


def test_list_shows_errors_for_a_bad_filter(client, db):
    client.force_login(GroupLeadFactory())
    response = client.get(reverse("grants:dashboard_proposals"), {"state": "lost", "call": "999999"})
    content = response.content.decode()
    assert "Choose a state from the list." in content and "Choose a call from the list." in content
    assert "Correct the filter above to see the proposals." in content


def test_list_is_paginated_by_fifty(client, db):
    lead = LearnerFactory()
    for n in range(51):
        proposal_make(lead=lead, title=f"Proposal {n}")
    client.force_login(GroupLeadFactory())
    url = reverse("grants:dashboard_proposals")
    first = client.get(url, {"state": "draft"}).content.decode()
    assert first.count('<th scope="row"') == 50 and "Page 1 of 2" in first
    assert "?state=draft&amp;page=2" in first
    second = client.get(url, {"state": "draft", "page": 2}).content.decode()
    assert second.count('<th scope="row"') == 1


# The CSV file -------------------------------------------------------------------------------


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_lists_the_filtered_proposals_safely(client, calls):
    lead = LearnerFactory(first_name="=cmd|'/c calc'!A0", last_name="Nurse", email="lead@example.org")
    proposal = proposal_make(lead=lead, call=calls["early"], title='=HYPERLINK("http://evil")', complete=True)
    set_fields(
        proposal,
        state=ProposalState.AWARDED,
        amount_awarded=Decimal("12345.6"),
        state_changed_at=timezone.make_aware(datetime.datetime(2025, 3, 2, 10, 0)),
        mentoring_requested_at=timezone.make_aware(datetime.datetime(2025, 1, 15, 9, 0)),
        created_at=timezone.make_aware(datetime.datetime(2024, 12, 1, 9, 0)),
    )
    mentor_assign(proposal=proposal, mentor=MentorFactory(first_name="Ana", last_name="Ng"))
    mentor_assign(proposal=proposal, mentor=MentorFactory(first_name="Bo", last_name="Ray"))
    left = MentorFactory(first_name="Left", last_name="Early")
    mentor_assign(proposal=proposal, mentor=left)
    MentorAssignment.objects.filter(mentor=left).update(ended_at=timezone.now())
    proposal_make(title="Other call", call=calls["late"])
    client.force_login(GroupLeadFactory())

    response = client.get(reverse("grants:dashboard_csv"), {"call": calls["early"].pk})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    header, *rows = _rows(response)
    assert header == [
        "title", "lead name", "lead e-mail", "organisation", "call", "funder", "state", "created",
        "state changed", "mentoring requested", "mentors", "budget total", "amount awarded",
    ]  # fmt: skip
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["title"] == '\'=HYPERLINK("http://evil")'
    assert row["lead name"] == "'=cmd|'/c calc'!A0 Nurse"
    assert row["lead e-mail"] == "lead@example.org"
    assert row["organisation"] == lead.organisation.name
    assert row["call"] == "Early call" and row["funder"] == calls["early"].funder
    assert row["state"] == "Awarded"
    assert (row["created"], row["state changed"], row["mentoring requested"]) == (
        "2024-12-01",
        "2025-03-02",
        "2025-01-15",
    )
    assert row["mentors"] == "Ana Ng; Bo Ray"
    assert row["budget total"] == "12000.00" and row["amount awarded"] == "12345.60"


def test_csv_without_a_call_or_budget_leaves_cells_blank(client, db):
    set_fields(proposal_make(title="Café culture in PICU"), mentoring_requested_at=None)
    client.force_login(GroupLeadFactory())
    header, row = _rows(client.get(reverse("grants:dashboard_csv")))
    row = dict(zip(header, row, strict=True))
    assert row["title"] == "Café culture in PICU"
    assert (row["call"], row["funder"], row["mentoring requested"], row["mentors"]) == ("", "", "", "")
    assert (row["budget total"], row["amount awarded"]) == ("0.00", "")


def test_csv_with_a_bad_filter_goes_back_to_the_list(client, db):
    client.force_login(GroupLeadFactory())
    response = client.get(reverse("grants:dashboard_csv"), {"state": "lost"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('grants:dashboard_proposals')}?state=lost"


# Query counts -------------------------------------------------------------------------------


def _build(call_index, *, proposals: int, calls: int, mentors: int) -> None:
    """`proposals` proposals spread over `calls` calls and no call, in every state, each mentored by
    one of `mentors` mentors (with expertise), half of them waiting for a mentor."""
    call_pages = [FundingCallPageFactory(parent=call_index, closes_at=closes_in(10 * (n + 1))) for n in range(calls)]
    mentor_list = [MentorFactory() for _ in range(mentors)]
    for mentor in mentor_list:
        mentor.expertise.set(["sepsis", "family"])
    states = list(ProposalState.values)
    for n in range(proposals):
        call = (call_pages + [None])[n % (calls + 1)]
        proposal = set_fields(
            proposal_make(call=call, complete=True),
            state=states[n % len(states)],
            mentoring_requested_at=ago(10 + n),
            amount_awarded=Decimal("1000") if states[n % len(states)] == ProposalState.AWARDED else None,
        )
        if n % 2:
            mentor_assign(proposal=proposal, mentor=mentor_list[n % mentors])


def _count(client, django_assert_max_num_queries, url: str, params: dict | None = None) -> int:
    client.get(url, params)  # warm the session and site caches
    with django_assert_max_num_queries(30) as captured:
        response = client.get(url, params)
        assert response.status_code == 200
        if response.streaming:  # pragma: no cover - the CSV is built in memory
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("grants:dashboard", None),
        ("grants:dashboard", {"changed_from": "2020-01-01", "call": NO_CALL}),
        ("grants:dashboard_proposals", None),
        ("grants:dashboard_proposals", {"state": "draft"}),
        ("grants:dashboard_csv", None),
    ],
)
def test_queries_do_not_grow_with_proposals_calls_or_mentors(
    client, call_index, django_assert_max_num_queries, url_name, params
):
    client.force_login(GroupLeadFactory())
    url = reverse(url_name)
    _build(call_index, proposals=2, calls=1, mentors=1)
    small = _count(client, django_assert_max_num_queries, url, params)
    _build(call_index, proposals=12, calls=3, mentors=4)
    large = _count(client, django_assert_max_num_queries, url, params)
    assert large == small
