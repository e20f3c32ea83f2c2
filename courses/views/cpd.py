"""The member's CPD log, yearly target, exports and private reflections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from courses.forms import CPDEntryForm, CPDTargetForm, PeriodForm, ReflectionForm
from courses.models import CPDExport, CPDMethod
from courses.pdf import reflection_headings
from courses.selectors_dashboard import (
    Period,
    course_live_get,
    cpd_entries_in_period,
    cpd_entry_for_owner,
    cpd_target_get,
    cpd_totals,
    reflection_for_owner,
    reflections_for_owner,
)
from courses.services import cpd_entry_delete as cpd_entry_delete_service
from courses.services import cpd_entry_save, cpd_export_request, cpd_target_set, reflection_save
from courses.spreadsheets import csv_cell, csv_response

ENTRIES_PER_PAGE = 50
CSV_COLUMNS = ["date", "title", "method", "hours", "participatory", "topic", "notes"]


def _own_entry_or_404(request, entry_id: int):
    entry = cpd_entry_for_owner(user=request.user, entry_id=entry_id)
    if entry is None:
        raise Http404
    return entry


def _read_only(request, entry, *, status: int = 200):
    """Entries from completed courses are the record of that course: shown, never changed."""
    return render(request, "courses/dashboard/cpd_entry_readonly.html", {"entry": entry}, status=status)


@login_required
@require_safe
def cpd_log(request):
    """The member's CPD entries in a period, their reflections and their yearly target."""
    user = request.user
    period_form = PeriodForm(request.GET)
    period = period_form.period
    page = totals = None
    if period is not None:
        paginator = Paginator(cpd_entries_in_period(user=user, period=period), ENTRIES_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        totals = cpd_totals(user=user, periods={"chosen": period})["chosen"]
    return render(
        request,
        "courses/dashboard/cpd_log.html",
        {
            "period_form": period_form,
            "export_query": period_form.query_string(),
            "page_obj": page,
            "totals": totals,
            "methods": dict(CPDMethod.choices),
            "reflections": reflections_for_owner(user=user),
            "target": cpd_target_get(user=user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cpd_entry_edit(request, entry_id: int | None = None):
    """Add an entry, or change one of the member's own (not one from a completed course)."""
    entry = _own_entry_or_404(request, entry_id) if entry_id is not None else None
    if entry is not None and entry.enrolment_id:
        return _read_only(request, entry, status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        form = CPDEntryForm(request.POST, instance=entry)
        if form.is_valid():
            cpd_entry_save(user=request.user, entry=entry, **form.cleaned_data)
            messages.success(request, _("Your CPD entry is saved.") if entry else _("Your CPD entry is added."))
            return redirect("courses:cpd_log")
        messages.error(request, _("Please correct the errors marked below."))
    else:
        form = CPDEntryForm(instance=entry)
    return render(request, "courses/dashboard/cpd_entry_form.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def cpd_entry_delete(request, entry_id: int):
    """Ask, then delete one of the member's own entries."""
    entry = _own_entry_or_404(request, entry_id)
    if entry.enrolment_id:
        return _read_only(request, entry, status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        cpd_entry_delete_service(user=request.user, entry=entry)
        messages.success(request, _("“%(title)s” is deleted from your CPD log.") % {"title": entry.title})
        return redirect("courses:cpd_log")
    return render(request, "courses/dashboard/cpd_entry_delete.html", {"entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def cpd_target(request):
    """Set or clear the member's yearly target."""
    target = cpd_target_get(user=request.user)
    if request.method == "POST":
        if "clear" in request.POST:
            cpd_target_set(user=request.user, yearly_hours=None)
            messages.success(request, _("Your yearly target is cleared."))
            return redirect("courses:cpd_log")
        form = CPDTargetForm(request.POST, instance=target)
        if form.is_valid():
            cpd_target_set(user=request.user, yearly_hours=form.cleaned_data["yearly_hours"])
            messages.success(request, _("Your yearly target is saved."))
            return redirect("courses:cpd_log")
        messages.error(request, _("Please correct the error marked below."))
    else:
        form = CPDTargetForm(instance=target)
    return render(request, "courses/dashboard/cpd_target.html", {"form": form, "target": target})


def _export_period(request) -> Period | None:
    return PeriodForm(request.GET).period


def _export_filename(period: Period, extension: str) -> str:
    return f"cpd-log-{period.start.isoformat()}-to-{period.end.isoformat()}.{extension}"


@login_required
@require_safe
def cpd_export_csv(request):
    """The CPD log for a period as one CSV file in two sections.

    First the entries under the columns date, title, method, hours, participatory, topic, notes;
    then an empty row, a row reading "Reflections" and the reflections saved in the period under
    the columns course, last saved and the four NMC headings. The file starts with a UTF-8 byte
    order mark so that spreadsheet programs read accents correctly.
    """
    period = _export_period(request)
    if period is None:  # wrong dates: show the log with the errors by the fields
        return redirect(f"{reverse('courses:cpd_log')}?{request.GET.urlencode()}")
    methods = dict(CPDMethod.choices)
    response, writer = csv_response(_export_filename(period, "csv"), byte_order_mark=True)
    writer.writerow(CSV_COLUMNS)
    for entry in cpd_entries_in_period(user=request.user, period=period):
        writer.writerow(
            [
                entry.date.isoformat(),
                csv_cell(entry.title),
                str(methods.get(entry.method, entry.method)),
                f"{entry.hours:.2f}",
                "yes" if entry.participatory else "no",
                csv_cell(entry.topic),
                csv_cell(entry.notes),
            ]
        )
    headings = reflection_headings()
    writer.writerow([])
    writer.writerow(["Reflections"])
    writer.writerow(["course", "last saved"] + [label for _, label in headings])
    for reflection in reflections_for_owner(user=request.user, period=period):
        writer.writerow(
            [csv_cell(reflection.course.title), timezone.localdate(reflection.updated_at).isoformat()]
            + [csv_cell(getattr(reflection, name)) for name, _ in headings]
        )
    return response


@login_required
@require_safe
def cpd_export_pdf(request):
    """Ask for the CPD log and reflections of a period as a PDF; the worker builds it."""
    period = _export_period(request)
    if period is None:
        return redirect(f"{reverse('courses:cpd_log')}?{request.GET.urlencode()}")
    export = cpd_export_request(user=request.user, date_from=period.start, date_to=period.end)
    return redirect("courses:cpd_export", export_id=export.pk)


@login_required
@require_GET
def cpd_export(request, export_id: int):
    """The member's own PDF export: the file once built, else a page to come back to."""
    export = get_object_or_404(CPDExport, pk=export_id, user=request.user)
    if not export.is_ready:
        return render(request, "courses/dashboard/cpd_export_preparing.html", {"export": export})
    response = FileResponse(export.pdf.open("rb"), content_type="application/pdf", as_attachment=True)
    response["Content-Disposition"] = (
        f'attachment; filename="{_export_filename(Period(start=export.date_from, end=export.date_to), "pdf")}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def reflection_edit(request, course_id: int):
    """The member's own private reflection on a live course, under the NMC headings."""
    course = course_live_get(course_id=course_id)
    if course is None:
        raise Http404
    reflection = reflection_for_owner(user=request.user, course=course)
    if request.method == "POST":
        form = ReflectionForm(request.POST, instance=reflection)
        if form.is_valid():
            reflection_save(user=request.user, course=course, **form.cleaned_data)
            messages.success(request, _("Your reflection is saved"))
            return redirect("courses:reflection_edit", course_id=course.pk)
        messages.error(request, _("Please correct the errors marked below."))
    else:
        form = ReflectionForm(instance=reflection)
    return render(
        request, "courses/dashboard/reflection_form.html", {"form": form, "course": course, "reflection": reflection}
    )
