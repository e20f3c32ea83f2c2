"""The group lead's dashboard: the proposal pipeline, mentors' load and outcomes; the list of every proposal
and its CSV file.

Only group leads may see any of it: to everyone else signed in these pages do not exist (404), as
proposals are confidential.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.permissions import user_is_group_lead
from courses.spreadsheets import csv_cell, csv_response
from grants.forms.dashboard import OutcomesFilterForm, ProposalFilterForm
from grants.models import ProposalState
from grants.selectors.dashboard import dashboard_calls, dashboard_context, dashboard_proposals

PROPOSALS_PER_PAGE = 50
CSV_COLUMNS = [
    "title",
    "lead name",
    "lead e-mail",
    "organisation",
    "call",
    "funder",
    "state",
    "created",
    "state changed",
    "mentoring requested",
    "mentors",
    "budget total",
    "amount awarded",
]


def group_lead_required(view):
    """Signed in (else the log-in page) and a group lead (else 404)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_is_group_lead(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@group_lead_required
@require_safe
def dashboard(request):
    """The pipeline by call and state, proposals waiting for a mentor, mentors' load, and outcomes."""
    calls = dashboard_calls()
    outcomes_form = OutcomesFilterForm(request.GET, calls=calls)
    context = dashboard_context(calls=calls, outcome_filters=outcomes_form.filters())
    context["outcomes_form"] = outcomes_form
    return render(request, "grants/dashboard.html", context)


@group_lead_required
@require_safe
def dashboard_proposal_list(request):
    """Every proposal, filtered by state and call, 50 to a page."""
    form = ProposalFilterForm(request.GET, calls=dashboard_calls())
    filters = form.filters()
    page = None
    if filters is not None:
        page = Paginator(dashboard_proposals(**filters), PROPOSALS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/dashboard_proposals.html",
        {"form": form, "page_obj": page, "filter_query": form.query_string()},
    )


def _local_date(moment) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


@group_lead_required
@require_safe
def dashboard_proposals_csv(request):
    """The filtered proposals as a CSV file, one row each, for a spreadsheet.

    Columns: title, lead name, lead e-mail, organisation, call, funder, state, created, state changed,
    mentoring requested (UK dates, YYYY-MM-DD), mentors (separated by semicolons), budget total and
    amount awarded (pounds). Text cells are guarded against spreadsheet formulas; the file starts
    with a UTF-8 byte order mark so that spreadsheet programs read accents correctly.
    """
    form = ProposalFilterForm(request.GET, calls=dashboard_calls())
    filters = form.filters()
    if filters is None:  # a wrong filter: show the list, with the errors by the fields
        return redirect(f"{reverse('grants:dashboard_proposals')}?{request.GET.urlencode()}")
    states = dict(ProposalState.choices)
    response, writer = csv_response(f"grant-proposals-{timezone.localdate().isoformat()}.csv", byte_order_mark=True)
    response["Cache-Control"] = "private, no-store"
    writer.writerow(CSV_COLUMNS)
    for proposal in dashboard_proposals(**filters):
        lead, call = proposal.lead, proposal.call
        writer.writerow(
            [
                csv_cell(proposal.title),
                csv_cell(lead.get_full_name()),
                csv_cell(lead.email),
                csv_cell(lead.organisation.name if lead.organisation else ""),
                csv_cell(call.title if call else ""),
                csv_cell(call.funder if call else ""),
                str(states.get(proposal.state, proposal.state)),
                _local_date(proposal.created_at),
                _local_date(proposal.state_changed_at),
                _local_date(proposal.mentoring_requested_at),
                csv_cell("; ".join(str(a.mentor) for a in proposal.active_assignments)),
                f"{proposal.budget_total:.2f}" if proposal.budget_total is not None else "0.00",
                f"{proposal.amount_awarded:.2f}" if proposal.amount_awarded is not None else "",
            ]
        )
    return response


urlpatterns = [
    path("dashboard/", dashboard, name="dashboard"),
    path("dashboard/proposals/", dashboard_proposal_list, name="dashboard_proposals"),
    path("dashboard/proposals.csv", dashboard_proposals_csv, name="dashboard_csv"),
]
