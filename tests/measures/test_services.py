"""Monthly returns: every rule a return keeps, corrections with their history, double submissions."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from measures.models import MonthlyReturn, ReturnRevision, ReturnValue
from measures.selectors import month_add
from measures.services import StaleRevision, field_name, return_correct, return_submit
from tests.measures.factories import last_month


def figures(measures, *, numerator=20, denominator=40, value=45):
    return {
        measures["scr"].pk: {"numerator": numerator, "denominator": denominator},
        measures["abx"].pk: {"value": value},
    }


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_contributor_submits_a_return(site_a, contributor_a, measures):
    monthly_return = return_submit(site=site_a, month=last_month(), figures=figures(measures), by=contributor_a)
    assert monthly_return.revision == 1
    assert monthly_return.submitted_by == contributor_a
    values = {v.measure_id: v for v in ReturnValue.objects.filter(monthly_return=monthly_return)}
    assert (values[measures["scr"].pk].numerator, values[measures["scr"].pk].denominator) == (20, 40)
    assert values[measures["abx"].pk].value == 45
    revision = ReturnRevision.objects.get(monthly_return=monthly_return)
    assert revision.number == 1
    assert revision.values["SCR"] == {"numerator": 20, "denominator": 40, "value": None}


def test_month_is_stored_as_the_first_day(site_a, contributor_a, measures):
    month = last_month().replace(day=15)
    monthly_return = return_submit(site=site_a, month=month, figures=figures(measures), by=contributor_a)
    assert monthly_return.month.day == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"numerator": 41, "denominator": 40}, "scr_numerator", "cannot be more than"),
        ({"numerator": -1, "denominator": 40}, "scr_numerator", "0 or more"),
        ({"numerator": 1, "denominator": -4}, "scr_denominator", "0 or more"),
        ({"numerator": None, "denominator": None}, "scr_numerator", "every return needs it"),
        ({"numerator": 5, "denominator": None}, "scr_denominator", "as well as"),
        ({"value": -3}, "abx_value", "0 or more"),
        ({"value": 601}, "abx_value", "at most 600"),
    ],
)
def test_bad_figures_are_refused_next_to_the_field(site_a, contributor_a, measures, changes, field, message):
    given = figures(measures)
    if "value" in changes:
        given[measures["abx"].pk] = changes
    else:
        given[measures["scr"].pk] = changes
    with pytest.raises(ValidationError) as excinfo:
        return_submit(site=site_a, month=last_month(), figures=given, by=contributor_a)
    code, part = field.split("_")
    key = field_name(measures[code], part)
    assert any(message in text for text in errors_of(excinfo)[key])
    assert not MonthlyReturn.objects.exists()


def test_optional_measure_may_be_left_out(site_a, contributor_a, measures):
    given = figures(measures)
    given[measures["abx"].pk] = {"value": None}
    monthly_return = return_submit(site=site_a, month=last_month(), figures=given, by=contributor_a)
    assert monthly_return.values.count() == 1


def test_future_month_is_refused(site_a, contributor_a, measures):
    future = month_add(last_month(), 2)
    with pytest.raises(ValidationError) as excinfo:
        return_submit(site=site_a, month=future, figures=figures(measures), by=contributor_a)
    assert errors_of(excinfo)["month"] == ["The month cannot be in the future."]


def test_month_before_the_campaign_started_is_refused(campaign, site_a, contributor_a, measures):
    campaign.starts_on = last_month()
    campaign.save()
    with pytest.raises(ValidationError) as excinfo:
        return_submit(site=site_a, month=month_add(last_month(), -1), figures=figures(measures), by=contributor_a)
    assert "first month" in errors_of(excinfo)["month"][0]


def test_second_return_for_a_month_is_refused(site_a, contributor_a, measures):
    return_submit(site=site_a, month=last_month(), figures=figures(measures), by=contributor_a)
    with pytest.raises(ValidationError) as excinfo:
        return_submit(site=site_a, month=last_month(), figures=figures(measures), by=contributor_a)
    assert "already has a return" in errors_of(excinfo)["month"][0]
    assert excinfo.value.error_dict["month"][0].code == "duplicate"
    assert MonthlyReturn.objects.count() == 1


def test_double_submission_makes_one_return(site_a, contributor_a, measures):
    key = uuid.uuid4()
    first = return_submit(
        site=site_a, month=last_month(), figures=figures(measures), by=contributor_a, submission_key=key
    )
    second = return_submit(
        site=site_a, month=last_month(), figures=figures(measures), by=contributor_a, submission_key=key
    )
    assert first == second
    assert MonthlyReturn.objects.count() == 1
    assert ReturnRevision.objects.count() == 1


@pytest.mark.parametrize("who", ["stranger", "contributor_b", "group_lead"])
def test_only_contributors_and_campaign_leads_submit(request, site_a, measures, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        return_submit(site=site_a, month=last_month(), figures=figures(measures), by=user)


def test_campaign_lead_may_submit_for_a_site(site_a, campaign_lead, measures):
    assert return_submit(site=site_a, month=last_month(), figures=figures(measures), by=campaign_lead).pk


@pytest.fixture
def sent(site_a, contributor_a, measures):
    return return_submit(site=site_a, month=last_month(), figures=figures(measures), by=contributor_a)


def test_correction_keeps_the_earlier_figures(sent, contributor_a, measures):
    corrected = return_correct(
        monthly_return=sent,
        figures=figures(measures, numerator=30),
        reason="Two audits were missed.",
        expected_revision=1,
        by=contributor_a,
    )
    assert corrected.revision == 2
    assert ReturnValue.objects.get(monthly_return=sent, measure=measures["scr"]).numerator == 30
    history = list(ReturnRevision.objects.filter(monthly_return=sent).order_by("number"))
    assert [r.values["SCR"]["numerator"] for r in history] == [20, 30]
    assert history[1].reason == "Two audits were missed."
    assert history[1].changed_by == contributor_a


def test_correction_needs_a_reason(sent, contributor_a, measures):
    with pytest.raises(ValidationError) as excinfo:
        return_correct(
            monthly_return=sent, figures=figures(measures), reason="  ", expected_revision=1, by=contributor_a
        )
    assert "reason" in errors_of(excinfo)
    sent.refresh_from_db()
    assert sent.revision == 1


def test_correction_checks_the_figures(sent, contributor_a, measures):
    with pytest.raises(ValidationError) as excinfo:
        return_correct(
            monthly_return=sent,
            figures=figures(measures, numerator=50),
            reason="Recount",
            expected_revision=1,
            by=contributor_a,
        )
    assert field_name(measures["scr"], "numerator") in errors_of(excinfo)


def test_stale_correction_is_refused(sent, contributor_a, campaign_lead, measures):
    return_correct(
        monthly_return=sent,
        figures=figures(measures, numerator=25),
        reason="Recount",
        expected_revision=1,
        by=campaign_lead,
    )
    with pytest.raises(StaleRevision) as excinfo:
        return_correct(
            monthly_return=sent,
            figures=figures(measures, numerator=30),
            reason="Mine",
            expected_revision=1,
            by=contributor_a,
        )
    assert excinfo.value.monthly_return.revision == 2
    assert ReturnValue.objects.get(monthly_return=sent, measure=measures["scr"]).numerator == 25


def test_double_submitted_correction_saves_once(sent, contributor_a, measures):
    key = uuid.uuid4()
    for _ in range(2):
        return_correct(
            monthly_return=sent,
            figures=figures(measures, numerator=30),
            reason="Recount",
            expected_revision=1,
            by=contributor_a,
            submission_key=key,
        )
    sent.refresh_from_db()
    assert sent.revision == 2


def test_contributor_of_another_site_cannot_correct(sent, contributor_b, measures):
    with pytest.raises(PermissionDenied):
        return_correct(
            monthly_return=sent, figures=figures(measures), reason="x", expected_revision=1, by=contributor_b
        )


def test_first_month_of_campaign_is_normalised(campaign):
    campaign.starts_on = datetime.date(2025, 4, 17)
    campaign.save()
    assert campaign.starts_on == datetime.date(2025, 4, 1)


def test_closed_campaign_takes_no_new_returns(campaign, site_a, contributor_a, measures):
    campaign.active = False
    campaign.save()
    with pytest.raises(ValidationError) as excinfo:
        return_submit(site=site_a, month=last_month(), figures=figures(measures), by=contributor_a)
    assert "closed" in errors_of(excinfo)["month"][0]
