"""Moving a proposal through its workflow, its versions (read and compared) and its activity timeline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from grants import permissions, workflow
from grants.forms.workflow import CURRENT, TransitionForm, VersionCompareForm
from grants.models import ProposalState
from grants.selectors.proposals import activity_for_viewer
from grants.selectors.versions import (
    Side,
    proposal_compare,
    proposal_content,
    proposal_versions,
    version_detail,
    version_get,
)
from grants.services.workflow import (
    CHECKLIST_REFUSAL,
    TransitionNotAllowed,
    proposal_checklist_now,
    proposal_transition,
    role_refusal_message,
    wrong_state_message,
)
from grants.views.common import proposal_or_404

#: Entries per page of the activity timeline.
ACTIVITY_PER_PAGE = 50

#: What the member is told once a transition is done.
DONE_MESSAGES = {
    "send_for_review": gettext_lazy(
        "Sent for mentor review. Version %(version)s is frozen for your mentors to read; you can keep editing."
    ),
    "request_revisions": gettext_lazy("Revisions requested. The applicants have been told."),
    "mark_ready": gettext_lazy("Marked ready to submit. The applicants have been told."),
    "submit_to_funder": gettext_lazy("Recorded as submitted to the funder. Good luck!"),
    "record_awarded": gettext_lazy("Recorded as awarded. Congratulations to the team!"),
    "record_not_funded": gettext_lazy("Recorded as not funded. The team has been told."),
    "withdraw": gettext_lazy("The proposal is withdrawn. It stays here to read, but can no longer change."),
}


def _transition_or_404(name: str) -> workflow.Transition:
    transition = workflow.TRANSITIONS_BY_NAME.get(name)
    if transition is None:
        raise Http404
    return transition


@login_required
@require_http_methods(["GET", "POST"])
def proposal_transition_view(request, proposal_id: int, name: str):
    """Take a workflow step (POST), or confirm it first (GET): with an optional note, and the amount for an award.

    A step the member can't take now is explained on the page, with what they typed kept:
    status 403 when their role doesn't allow it, 409 when the proposal is not in a state it leaves
    from (or, for review, the checklist is not done).
    """
    proposal = proposal_or_404(request, proposal_id)
    transition = _transition_or_404(name)
    form = TransitionForm(request.POST if request.method == "POST" else None, transition=transition)
    refusal, missing, status = "", [], 200
    roles = permissions.proposal_roles(user=request.user, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            moved = proposal_transition(
                proposal=proposal,
                name=transition.name,
                by=request.user,
                note=form.cleaned_data["note"],
                amount=form.cleaned_data.get("amount"),
            )
        except PermissionDenied:
            refusal, status = role_refusal_message(transition=transition), 403
        except TransitionNotAllowed as error:
            refusal, missing, status = error.message, error.missing, 409
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = DONE_MESSAGES[transition.name]
            if transition.freezes_version:
                done = done % {"version": moved.versions.order_by("-number").values_list("number", flat=True).first()}
            messages.success(request, done)
            return redirect(moved)
    elif request.method == "GET":
        # Say up front when the step can't be taken, rather than after the member has filled in the form.
        if not transition.roles & roles:
            refusal, status = role_refusal_message(transition=transition), 403
        elif proposal.state not in transition.sources:
            refusal, status = wrong_state_message(transition=transition, state=proposal.state), 409
        elif transition.freezes_version:
            missing = [item.label for item in proposal_checklist_now(proposal=proposal) if not item.done]
            if missing:
                refusal, status = CHECKLIST_REFUSAL, 409
    context = {
        "proposal": proposal,
        "transition": transition,
        "form": form,
        "refusal": refusal,
        "missing": missing,
        "can_take": bool(transition.roles & roles) and proposal.state in transition.sources,
        "target_label": ProposalState(transition.target).label,
    }
    return render(request, "grants/proposal/transition.html", context, status=status)


@login_required
@require_safe
def proposal_versions_view(request, proposal_id: int):
    """Every frozen version: when and by whom, and a form to compare two (the last two to start with)."""
    proposal = proposal_or_404(request, proposal_id)
    versions = list(proposal_versions(proposal=proposal))
    return render(request, "grants/proposal/versions.html", _versions_context(proposal, versions))


def _versions_context(proposal, versions, form=None) -> dict:
    numbers = [v.number for v in versions]
    if form is None:
        initial = {}
        if len(numbers) >= 2:
            initial = {"from_": numbers[1], "to": str(numbers[0])}
        elif numbers:
            initial = {"from_": numbers[0], "to": CURRENT}
        form = VersionCompareForm(numbers=numbers, initial=initial)
    return {"proposal": proposal, "versions": versions, "form": form, "latest": versions[0] if versions else None}


@login_required
@require_safe
def version_detail_view(request, proposal_id: int, number: int):
    """One frozen version, read-only: its sections and budget, and the comments it answered, by section."""
    proposal = proposal_or_404(request, proposal_id)
    version = version_get(proposal=proposal, number=number)
    if version is None:
        raise Http404
    context = {
        "proposal": proposal,
        "has_next": proposal.versions.filter(number__gt=number).exists(),
        **version_detail(proposal=proposal, version=version),
    }
    return render(request, "grants/proposal/version_detail.html", context)


def _number_or_404(value: str, numbers: set[int]) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if number not in numbers:
        raise Http404
    return number


@login_required
@require_safe
def proposal_compare_view(request, proposal_id: int):
    """Two versions, or a version and the current draft, compared section by section and in the budget.

    ?from=<number>&to=<number|current>; the older is always shown first. Unknown numbers: 404.
    """
    proposal = proposal_or_404(request, proposal_id)
    versions = list(proposal_versions(proposal=proposal))
    numbers = {v.number for v in versions}
    if "from" not in request.GET and "to" not in request.GET:
        if not versions:
            messages.info(request, _("There are no versions to compare yet: one is frozen when it goes for review."))
            return redirect("grants:proposal_versions", proposal_id=proposal.pk)
        context = _versions_context(proposal, versions)
        return redirect(f"{request.path}?from={context['form'].initial['from_']}&to={context['form'].initial['to']}")
    old_number = _number_or_404(request.GET.get("from"), numbers)
    raw_to = request.GET.get("to", CURRENT)
    new_number = None if raw_to == CURRENT else _number_or_404(raw_to, numbers)
    if new_number == old_number:
        form = VersionCompareForm({"from": old_number, "to": raw_to}, numbers=sorted(numbers, reverse=True))
        form.is_valid()
        return render(request, "grants/proposal/versions.html", _versions_context(proposal, versions, form))
    if new_number is not None and new_number < old_number:
        old_number, new_number = new_number, old_number
    wanted = [n for n in (old_number, new_number) if n is not None]
    by_number = {v.number: v for v in proposal.versions.select_related("created_by").filter(number__in=wanted)}
    old = Side(version=by_number[old_number], content=by_number[old_number].content or {})
    if new_number is None:
        new = Side(version=None, content=proposal_content(proposal=proposal))
    else:
        new = Side(version=by_number[new_number], content=by_number[new_number].content or {})
    context = {
        "proposal": proposal,
        "form": VersionCompareForm(
            initial={"from_": old_number, "to": str(new_number) if new_number else CURRENT},
            numbers=sorted(numbers, reverse=True),
        ),
        **proposal_compare(proposal=proposal, old=old, new=new),
    }
    return render(request, "grants/proposal/compare.html", context)


@login_required
@require_safe
def proposal_activity_view(request, proposal_id: int):
    """The proposal's whole timeline, newest first, fifty entries a page."""
    proposal = proposal_or_404(request, proposal_id)
    entries = proposal.activities.select_related("actor").order_by("-created_at", "-pk")
    page = Paginator(entries, ACTIVITY_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = activity_for_viewer(page.object_list, user=request.user, proposal=proposal)
    return render(request, "grants/proposal/activity.html", {"proposal": proposal, "page_obj": page})


urlpatterns = [
    path(
        "proposals/<int:proposal_id>/transition/<str:name>/",
        proposal_transition_view,
        name="proposal_transition",
    ),
    path("proposals/<int:proposal_id>/versions/", proposal_versions_view, name="proposal_versions"),
    path("proposals/<int:proposal_id>/versions/<int:number>/", version_detail_view, name="version_detail"),
    path("proposals/<int:proposal_id>/compare/", proposal_compare_view, name="proposal_compare"),
    path("proposals/<int:proposal_id>/activity/", proposal_activity_view, name="proposal_activity"),
]
