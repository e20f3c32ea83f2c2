"""The learner's dashboard: courses, certificates, CPD hours, NMC revalidation and pathways."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from courses.forms import PeriodForm
from courses.selectors_dashboard import (
    Goal,
    course_index_get,
    cpd_period_default,
    cpd_period_nmc,
    cpd_target_get,
    cpd_totals,
    learner_courses,
    nmc_goals,
    pathways_progress,
    reflection_course_ids,
)


@login_required
@require_safe
def dashboard(request):
    """The member's own overview; the same number of queries however much they have done."""
    user = request.user
    today = timezone.localdate()
    period_form = PeriodForm(request.GET, today=today)
    period = period_form.period
    periods = {"year": cpd_period_default(today=today), "nmc": cpd_period_nmc(today=today)}
    if period is not None:
        periods["chosen"] = period
    totals = cpd_totals(user=user, periods=periods)
    target = cpd_target_get(user=user)
    courses = learner_courses(user=user)
    target_goal = None
    if target is not None:
        target_goal = Goal(
            label="Your yearly target",
            done=totals["year"].hours,
            required=target.yearly_hours,
            suffix=" in the last 12 months",
        )
    return render(
        request,
        "courses/dashboard/dashboard.html",
        {
            "courses": courses,
            "course_index": course_index_get(),
            "reflected_course_ids": reflection_course_ids(user=user),
            "period_form": period_form,
            "period_totals": totals.get("chosen"),
            "export_query": period_form.query_string(),
            "year_totals": totals["year"],
            "nmc_totals": totals["nmc"],
            "nmc_goals": nmc_goals(totals=totals["nmc"]),
            "target": target,
            "target_goal": target_goal,
            "pathways": pathways_progress(completed_course_ids=courses.completed_course_ids),
        },
    )
