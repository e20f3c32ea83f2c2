"""Writes for campaigns' data: monthly returns and their corrections.

Every rule a return must keep is checked here (`return_figures_errors`), so the form, the admin and the
demo all keep the same rules: the month is not in the future nor before the campaign's first month, one
return per site and month, no negative figures, numerators never above denominators, each measure within
its limits, required measures given. A correction needs a reason and the revision the editor started from;
each save is recorded as a numbered `ReturnRevision`, so the history keeps every earlier version.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from measures.models import Campaign, Measure, MonthlyReturn, ReturnRevision, ReturnValue, Site
from measures.permissions import user_can_submit_return

#: {measure id: {"numerator": int | None, "denominator": int | None, "value": Decimal | None}}
Figures = dict[int, dict[str, int | Decimal | None]]


REASON_REQUIRED = "Say why the figures are being corrected: the reason is kept in the history."


class StaleRevision(Exception):
    """The return was changed by someone else since the editor opened it."""

    def __init__(self, monthly_return: MonthlyReturn):
        super().__init__("stale revision")
        self.monthly_return = monthly_return


def field_name(measure: Measure, part: str) -> str:
    """The form field (and error key) for one part ("numerator", "denominator", "value") of a measure."""
    return f"m{measure.pk}_{part}"


def month_label(month: datetime.date) -> str:
    return date_format(month, "F Y")


def month_errors(*, campaign: Campaign, month: datetime.date, today: datetime.date | None = None) -> list[str]:
    """What is wrong with `month` for a return to this campaign (empty if nothing)."""
    today = today or timezone.localdate()
    if not campaign.active:
        return ["The campaign is closed: it takes no more returns."]
    if month > today.replace(day=1):
        return ["The month cannot be in the future."]
    if campaign.starts_on and month < campaign.starts_on:
        return [f"The campaign's first month is {month_label(campaign.starts_on)}: choose that month or a later one."]
    return []


def _measure_errors(measure: Measure, figure: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(part: str, message: str) -> None:
        errors.setdefault(field_name(measure, part), []).append(message)

    low, high = measure.min_value, measure.max_value
    if measure.is_proportion:
        numerator, denominator = figure.get("numerator"), figure.get("denominator")
        for part, number in (("numerator", numerator), ("denominator", denominator)):
            if number is not None and number < 0:
                add(part, "Enter 0 or more.")
        if errors:
            return errors
        if numerator is None and denominator is None:
            if measure.required:
                add("numerator", "Enter this figure: every return needs it.")
                add("denominator", "Enter this figure: every return needs it.")
            return errors
        if numerator is None:
            add("numerator", "Enter this figure as well as the one it is out of.")
        if denominator is None:
            add("denominator", "Enter this figure as well as the one above it.")
        if errors:
            return errors
        if numerator > denominator:
            add(
                "numerator",
                f"This cannot be more than {measure.denominator_label or 'the denominator'} ({denominator}).",
            )
        if low is not None and denominator < low:
            add("denominator", f"Enter at least {low.normalize():f}.")
        if high is not None and denominator > high:
            add("denominator", f"Enter at most {high.normalize():f}.")
        return errors
    value = figure.get("value")
    if value is None:
        if measure.required:
            add("value", "Enter this figure: every return needs it.")
        return errors
    if value < 0:
        add("value", "Enter 0 or more.")
    elif low is not None and value < low:
        add("value", f"Enter at least {low.normalize():f}.")
    elif high is not None and value > high:
        add("value", f"Enter at most {high.normalize():f}.")
    return errors


def return_figures_errors(*, measures: list[Measure], figures: Figures) -> dict[str, list[str]]:
    """Every problem with a return's figures, keyed by form field name (empty if none)."""
    errors: dict[str, list[str]] = {}
    for measure in measures:
        errors.update(_measure_errors(measure, figures.get(measure.pk, {})))
    return errors


def _snapshot(measures: list[Measure], figures: Figures) -> dict:
    snapshot = {}
    for measure in measures:
        figure = figures.get(measure.pk, {})
        value = figure.get("value")
        snapshot[measure.code] = {
            "numerator": figure.get("numerator"),
            "denominator": figure.get("denominator"),
            "value": None if value is None else str(value),
        }
    return snapshot


def _write_values(monthly_return: MonthlyReturn, measures: list[Measure], figures: Figures) -> None:
    ReturnValue.objects.filter(monthly_return=monthly_return).delete()
    rows = []
    for measure in measures:
        figure = figures.get(measure.pk, {})
        if measure.is_proportion:
            if figure.get("numerator") is None:
                continue
            rows.append(
                ReturnValue(
                    monthly_return=monthly_return,
                    measure=measure,
                    numerator=figure["numerator"],
                    denominator=figure["denominator"],
                )
            )
        elif figure.get("value") is not None:
            rows.append(ReturnValue(monthly_return=monthly_return, measure=measure, value=figure["value"]))
    ReturnValue.objects.bulk_create(rows)


def _duplicate_error(site: Site, month: datetime.date) -> ValidationError:
    return ValidationError(
        {
            "month": ValidationError(
                f"{site.display_name} already has a return for {month_label(month)}. "
                "Open that return and correct it instead.",
                code="duplicate",
            )
        }
    )


@transaction.atomic
def return_submit(
    *,
    site: Site,
    month: datetime.date,
    figures: Figures,
    by,
    submission_key: uuid.UUID | None = None,
    check_permission: bool = True,
) -> MonthlyReturn:
    """Record a site's return for a month, as revision 1 of its history.

    Raises PermissionDenied unless `by` may send the site's returns (the demo passes
    check_permission=False to load data with no accounts), and ValidationError (a dict keyed by
    field name) if any rule is broken. A second submission of the same form (same `submission_key`)
    returns the first one's return rather than making another.
    """
    if check_permission and not user_can_submit_return(by, site):
        raise PermissionDenied
    if submission_key is not None:
        earlier = MonthlyReturn.objects.filter(submission_key=submission_key, site=site).first()
        if earlier is not None:
            return earlier
    month = month.replace(day=1)
    campaign = site.campaign
    measures = list(campaign.measures.all())
    errors = return_figures_errors(measures=measures, figures=figures)
    problems = month_errors(campaign=campaign, month=month)
    if problems:
        errors["month"] = problems
    if errors:
        raise ValidationError(errors)
    if MonthlyReturn.objects.filter(site=site, month=month).exists():
        raise _duplicate_error(site, month)
    now = timezone.now()
    submitted_by = by if getattr(by, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            monthly_return = MonthlyReturn.objects.create(
                site=site,
                month=month,
                submitted_by=submitted_by,
                created_at=now,
                updated_at=now,
                revision=1,
                submission_key=submission_key,
            )
    except IntegrityError as error:
        # Another request saved the same month (or the same form) between our check and this insert.
        earlier = MonthlyReturn.objects.filter(submission_key=submission_key).first() if submission_key else None
        if earlier is not None:
            return earlier
        raise _duplicate_error(site, month) from error
    _write_values(monthly_return, measures, figures)
    ReturnRevision.objects.create(
        monthly_return=monthly_return,
        number=1,
        values=_snapshot(measures, figures),
        changed_by=submitted_by,
        changed_at=now,
        submission_key=submission_key,
    )
    return monthly_return


@transaction.atomic
def return_correct(
    *,
    monthly_return: MonthlyReturn,
    figures: Figures,
    reason: str,
    expected_revision: int,
    by,
    submission_key: uuid.UUID | None = None,
) -> MonthlyReturn:
    """Correct a return: new figures as a new revision, the earlier ones kept in its history.

    `expected_revision` is the revision the editor's form was opened at: if the return has changed
    since, StaleRevision is raised and nothing is saved. A reason is required (ValidationError).
    A second submission of the same form (same `submission_key`) changes nothing.
    """
    site = monthly_return.site
    if not user_can_submit_return(by, site):
        raise PermissionDenied
    current = MonthlyReturn.objects.select_for_update().get(pk=monthly_return.pk)
    if submission_key is not None and current.revisions.filter(submission_key=submission_key).exists():
        return current
    measures = list(site.campaign.measures.all())
    errors = return_figures_errors(measures=measures, figures=figures)
    if not reason.strip():
        errors["reason"] = [REASON_REQUIRED]
    if errors:
        raise ValidationError(errors)
    if current.revision != expected_revision:
        raise StaleRevision(current)
    now = timezone.now()
    current.revision += 1
    current.updated_at = now
    current.save(update_fields=["revision", "updated_at"])
    _write_values(current, measures, figures)
    ReturnRevision.objects.create(
        monthly_return=current,
        number=current.revision,
        values=_snapshot(measures, figures),
        changed_by=by,
        changed_at=now,
        reason=reason.strip(),
        submission_key=submission_key,
    )
    return current


@transaction.atomic
def return_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind each active campaign's contributors of their sites' missing return for last month.

    Once per site and month: a contributor who already has the reminder (same link) is not told again.
    Returns the number of notifications created.
    """
    from django.urls import reverse

    from accounts.models import Notification, NotificationKind
    from accounts.notifications import notify

    this_month = (today or timezone.localdate()).replace(day=1)
    index = this_month.year * 12 + this_month.month - 2
    month = datetime.date(index // 12, index % 12 + 1, 1)
    sites = (
        Site.objects.filter(campaign__active=True)
        .exclude(returns__month=month)
        .select_related("campaign")
        .prefetch_related("contributors")
    )
    sent = 0
    for site in sites:
        if site.campaign.starts_on and month < site.campaign.starts_on:
            continue
        url = reverse("measures:return_new", kwargs={"campaign_slug": site.campaign.slug, "site_id": site.pk})
        url = f"{url}?month={month:%Y-%m}"
        told = set(
            Notification.objects.filter(kind=NotificationKind.DATA_RETURN, url=url).values_list(
                "recipient_id", flat=True
            )
        )
        recipients = [user for user in site.contributors.all() if user.pk not in told]
        sent += len(
            notify(
                recipients=recipients,
                kind=NotificationKind.DATA_RETURN,
                message=f"{site.campaign.name}: {site.display_name}'s return for {month_label(month)} is due.",
                url=url,
            )
        )
    return sent
