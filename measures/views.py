"""Pages of a data campaign: the campaign's sites and months due, dashboards with run charts, the
monthly return form, corrections with their history, and the leads' CSV export.

Members-only: visitors who are not signed in are sent to the log-in page. Signed-in members who take no
part in a campaign, or who ask for a site that is not theirs, get 404: the pages do not exist for them.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from courses.spreadsheets import csv_cell, csv_response
from measures import selectors
from measures.charts import run_chart
from measures.forms import ReturnForm
from measures.models import Campaign, Site
from measures.permissions import user_can_export_campaign, user_can_submit_return, user_leads_campaign
from measures.services import StaleRevision, month_label, return_correct, return_submit

CSV_COLUMNS = [
    "campaign",
    "site",
    "organisation",
    "month",
    "measure code",
    "measure",
    "numerator",
    "denominator",
    "value",
    "revision",
    "submitted by",
]


def _campaign_or_404(request, campaign_slug: str) -> Campaign:
    campaign = selectors.campaign_get_for(user=request.user, slug=campaign_slug)
    if campaign is None:
        raise Http404
    return campaign


def _site_or_404(request, campaign: Campaign, site_id: int) -> Site:
    site = selectors.site_get_for(user=request.user, campaign=campaign, site_id=site_id)
    if site is None:
        raise Http404
    return site


def _return_url(site: Site, month: datetime.date, name: str = "return_detail") -> str:
    return reverse(f"measures:{name}", kwargs={"campaign_slug": site.campaign.slug, "site_id": site.pk, "month": month})


@login_required
@require_safe
def campaign_list(request):
    """The campaigns the member takes part in."""
    return render(request, "measures/campaign_list.html", {"campaigns": selectors.campaign_list_for(user=request.user)})


@login_required
@require_safe
def campaign_detail(request, campaign_slug: str):
    """The campaign's measures, the user's sites, their returns and the months still missing."""
    campaign = _campaign_or_404(request, campaign_slug)
    return render(
        request,
        "measures/campaign_detail.html",
        {
            "campaign": campaign,
            "statuses": selectors.campaign_overview(user=request.user, campaign=campaign),
            "is_lead": user_leads_campaign(request.user, campaign),
            "can_export": user_can_export_campaign(request.user, campaign),
        },
    )


def _charts(*, campaign: Campaign, site_ids: list[int] | None, where: str) -> list:
    series = selectors.measure_series(campaign=campaign, site_ids=site_ids)
    return [
        run_chart(measure=measure, series=series[measure.pk], slug=f"measure-{measure.pk}", where=where)
        for measure in campaign.measures.all()
    ]


@login_required
@require_safe
def network_dashboard(request, campaign_slug: str):
    """Every site pooled, month by month, as run charts; the latest month by site (anonymised for contributors)."""
    campaign = _campaign_or_404(request, campaign_slug)
    return render(
        request,
        "measures/network_dashboard.html",
        {
            "campaign": campaign,
            "charts": _charts(campaign=campaign, site_ids=None, where="all sites"),
            "latest": selectors.latest_by_site(user=request.user, campaign=campaign),
            "is_lead": user_leads_campaign(request.user, campaign),
        },
    )


@login_required
@require_safe
def site_dashboard(request, campaign_slug: str, site_id: int):
    """One site's run charts and its returns."""
    campaign = _campaign_or_404(request, campaign_slug)
    site = _site_or_404(request, campaign, site_id)
    return render(
        request,
        "measures/site_dashboard.html",
        {
            "campaign": campaign,
            "site": site,
            "charts": _charts(campaign=campaign, site_ids=[site.pk], where=site.display_name),
            "returns": selectors.site_returns(site=site),
            "can_submit": user_can_submit_return(request.user, site),
        },
    )


def _apply_errors(form, error: ValidationError) -> None:
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def return_new(request, campaign_slug: str, site_id: int):
    """The monthly return form; on success, the new return's page."""
    campaign = _campaign_or_404(request, campaign_slug)
    site = _site_or_404(request, campaign, site_id)
    if not user_can_submit_return(request.user, site):
        raise PermissionDenied
    measures = list(campaign.measures.all())
    existing = None
    if request.method == "POST":
        form = ReturnForm(request.POST, measures=measures)
        if form.is_valid():
            try:
                monthly_return = return_submit(
                    site=site,
                    month=form.cleaned_data["month"],
                    figures=form.figures(),
                    by=request.user,
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as error:
                month = form.cleaned_data["month"]
                _apply_errors(form, error)
                if any(e.code == "duplicate" for e in error.error_dict.get("month", [])):
                    existing = _return_url(site, month)
            else:
                messages.success(request, f"Return for {month_label(monthly_return.month)} saved.")
                return redirect(_return_url(site, monthly_return.month))
    else:
        last_month = selectors.month_add(timezone.localdate().replace(day=1), -1)
        form = ReturnForm(measures=measures, initial={"month": request.GET.get("month") or last_month})
    return render(
        request,
        "measures/return_form.html",
        {"campaign": campaign, "site": site, "form": form, "existing_url": existing, "correction": False},
        status=400 if request.method == "POST" else 200,
    )


def _month_return_or_404(site: Site, month: datetime.date):
    monthly_return = selectors.return_get(site=site, month=month)
    if monthly_return is None:
        raise Http404
    return monthly_return


@login_required
@require_safe
def return_detail(request, campaign_slug: str, site_id: int, month: datetime.date):
    """A return's figures and its history: every revision, with who changed it, when and why."""
    campaign = _campaign_or_404(request, campaign_slug)
    site = _site_or_404(request, campaign, site_id)
    monthly_return = _month_return_or_404(site, month)
    measures = list(campaign.measures.all())
    figures = selectors.return_figures(monthly_return=monthly_return)
    revisions = list(monthly_return.revisions.all())
    return render(
        request,
        "measures/return_detail.html",
        {
            "campaign": campaign,
            "site": site,
            "monthly_return": monthly_return,
            "rows": [(measure, figures.get(measure.pk, {})) for measure in measures],
            "measures": measures,
            "revisions": [
                (revision, [revision.values.get(measure.code, {}) for measure in measures]) for revision in revisions
            ],
            "can_submit": user_can_submit_return(request.user, site),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def return_edit(request, campaign_slug: str, site_id: int, month: datetime.date):
    """Correct a return: a reason is required and a save based on an old revision is refused."""
    campaign = _campaign_or_404(request, campaign_slug)
    site = _site_or_404(request, campaign, site_id)
    monthly_return = _month_return_or_404(site, month)
    if not user_can_submit_return(request.user, site):
        raise PermissionDenied
    measures = list(campaign.measures.all())
    current = selectors.return_figures(monthly_return=monthly_return)
    initial = {"month": monthly_return.month, "revision": monthly_return.revision}
    initial.update(ReturnForm.initial_from(current, measures))
    stale = None
    if request.method == "POST":
        form = ReturnForm(request.POST, measures=measures, correction=True, initial=initial)
        if form.is_valid():
            try:
                return_correct(
                    monthly_return=monthly_return,
                    figures=form.figures(),
                    reason=form.cleaned_data["reason"],
                    expected_revision=form.cleaned_data["revision"],
                    by=request.user,
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            except StaleRevision as error:
                # Keep every figure typed; the form now carries the latest revision, so saving again
                # (after checking the other person's figures, shown above the form) replaces them.
                stale = error.monthly_return
                data = request.POST.copy()
                data["revision"] = str(stale.revision)
                form = ReturnForm(data, measures=measures, correction=True, initial=initial)
                form.is_valid()
            else:
                messages.success(request, f"Return for {month_label(monthly_return.month)} corrected.")
                return redirect(_return_url(site, monthly_return.month))
    else:
        form = ReturnForm(measures=measures, correction=True, initial=initial)
    stale_rows = None
    if stale is not None:
        latest = selectors.return_get(site=site, month=month)
        figures = selectors.return_figures(monthly_return=latest)
        stale_rows = [(measure, figures.get(measure.pk, {})) for measure in measures]
        last = latest.revisions.all()[0]
        stale = {"revision": latest.revision, "changed_by": last.changed_by, "changed_at": last.changed_at}
    return render(
        request,
        "measures/return_form.html",
        {
            "campaign": campaign,
            "site": site,
            "form": form,
            "correction": True,
            "monthly_return": monthly_return,
            "stale": stale,
            "stale_rows": stale_rows,
        },
        status=409 if stale else (400 if request.method == "POST" else 200),
    )


@login_required
@require_safe
def campaign_csv(request, campaign_slug: str):
    """Every return's every value, one row each, for the campaign's leads (text guarded against formulas)."""
    campaign = _campaign_or_404(request, campaign_slug)
    if not user_can_export_campaign(request.user, campaign):
        raise Http404
    response, writer = csv_response(
        f"{campaign.slug}-returns-{timezone.localdate().isoformat()}.csv", byte_order_mark=True
    )
    writer.writerow(CSV_COLUMNS)
    for value in selectors.export_rows(campaign=campaign):
        monthly_return = value.monthly_return
        measure = value.measure
        if value.numerator is not None and value.denominator:
            figure = f"{value.numerator / value.denominator:.4f}"
        else:
            figure = "" if value.value is None else f"{value.value.normalize():f}"
        writer.writerow(
            [
                csv_cell(campaign.name),
                csv_cell(monthly_return.site.display_name),
                csv_cell(monthly_return.site.organisation.name),
                monthly_return.month.strftime("%Y-%m"),
                csv_cell(measure.code),
                csv_cell(measure.name),
                "" if value.numerator is None else value.numerator,
                "" if value.denominator is None else value.denominator,
                figure,
                monthly_return.revision,
                csv_cell(monthly_return.submitted_by.get_full_name() if monthly_return.submitted_by else ""),
            ]
        )
    return response
