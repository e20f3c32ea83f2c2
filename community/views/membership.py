"""Joining the community (the member's page and the group leads' queue) and the two directories."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from wagtail.models import Site

from accounts.selectors import organisation_names_for_picker
from accounts.services import organisation_get_or_suggest
from community.forms.membership import (
    ApplicationForm,
    DecisionForm,
    ListingForm,
    MemberFilterForm,
    OrganisationFilterForm,
)
from community.models import ApplicationStatus, MembershipApplication
from community.permissions.membership import application_decide_allowed, members_directory_visible
from community.selectors.membership import (
    applications_pending,
    applications_recently_decided,
    directory_interests,
    directory_organisations,
    members_directory,
    membership_explanation,
    membership_state,
    organisations_directory,
)
from community.services.membership import (
    AlreadyMember,
    ApplicationClosed,
    application_approve,
    application_decline,
    application_submit,
    application_withdraw,
    membership_listing_set,
)

MEMBERS_PER_PAGE = 25
ORGANISATIONS_PER_PAGE = 50


def _group_lead_required(view):
    """Signed in (else the log-in page) and a group lead (else 404: the queue is not there for anyone else)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("community:membership_applications"))
        if not application_decide_allowed(user=request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


# The member's own page ---------------------------------------------------------------------------


def _membership_page(request, *, form: ApplicationForm | None = None, status: int = 200):
    context = {
        "explanation": membership_explanation(site=Site.find_for_request(request)),
        "membership": None,
        "pending": None,
        "declined": None,
        "listing_form": None,
        "form": None,
        "decides": application_decide_allowed(user=request.user),
    }
    if request.user.is_authenticated:
        context.update(membership_state(user=request.user))
        if context["membership"] is not None:
            context["listing_form"] = ListingForm(initial={"listed": context["membership"].listed_in_directory})
        elif context["pending"] is None:
            context["form"] = form or ApplicationForm(user=request.user)
            context["organisation_names"] = organisation_names_for_picker()
    return render(request, "community/membership/membership.html", context, status=status)


@require_http_methods(["GET", "POST"])
def membership(request):
    """What membership is (the editors' page about it, public), where the member stands, and the
    application form for signed-in members (POST applies)."""
    if request.method == "GET":
        return _membership_page(request)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("community:membership"))
    form = ApplicationForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "Please correct the errors marked below.")
        return _membership_page(request, form=form, status=400)
    data = form.cleaned_data
    try:
        application_submit(
            user=request.user,
            professional_group=data["professional_group"],
            organisation=organisation_get_or_suggest(name=data["organisation"]),
            job_title=data["job_title"],
            reason=data["reason"],
            consent_to_be_listed=data["consent_to_be_listed"],
        )
    except AlreadyMember as error:
        messages.info(request, str(error))
        return redirect("community:membership")
    messages.success(request, "Thank you: your application has been sent to the group leads.")
    return redirect("community:membership")


@login_required
@require_POST
def membership_withdraw(request):
    """Withdraw the member's pending application."""
    application = get_object_or_404(MembershipApplication, user=request.user, status=ApplicationStatus.PENDING)
    try:
        application_withdraw(application=application, by=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ApplicationClosed as error:
        messages.error(request, str(error))
        return redirect("community:membership")
    messages.success(request, "Your application has been withdrawn. You can apply again at any time.")
    return redirect("community:membership")


@login_required
@require_POST
def membership_listing(request):
    """A member opts in to or out of the members' directory."""
    state = membership_state(user=request.user)
    if state["membership"] is None:
        raise Http404
    form = ListingForm(request.POST)
    form.is_valid()  # a checkbox: anything but "on" is "not listed"
    listed = bool(form.cleaned_data.get("listed"))
    membership_listing_set(user=request.user, listed=listed)
    if listed:
        messages.success(request, "You are listed in the members' directory.")
    else:
        messages.success(request, "You are no longer listed in the members' directory.")
    return redirect("community:membership")


# The group leads' queue --------------------------------------------------------------------------


def _queue_page(request, *, invalid: tuple[int, DecisionForm] | None = None, status: int = 200):
    pending = list(applications_pending())
    for application in pending:
        bound = invalid is not None and invalid[0] == application.pk
        application.decision_form = invalid[1] if bound else DecisionForm(prefix=f"application-{application.pk}")
    return render(
        request,
        "community/membership/applications.html",
        {"pending": pending, "decided": applications_recently_decided()},
        status=status,
    )


@_group_lead_required
@require_safe
def membership_applications(request):
    """Applications waiting for a decision, oldest first, and the latest decisions."""
    return _queue_page(request)


def _decide(request, application_id: int, *, approve: bool):
    application = get_object_or_404(MembershipApplication.objects.select_related("user"), pk=application_id)
    form = DecisionForm(request.POST, prefix=f"application-{application.pk}")
    if not form.is_valid():
        messages.error(request, "Please correct the note marked below.")
        return _queue_page(request, invalid=(application.pk, form), status=400)
    note = form.cleaned_data["note"]
    try:
        if approve:
            application_approve(application=application, by=request.user, note=note)
        else:
            application_decline(application=application, by=request.user, note=note)
    except PermissionDenied as error:
        raise Http404 from error
    except ApplicationClosed as error:
        messages.error(request, str(error))
        return redirect("community:membership_applications")
    name = application.user
    if approve:
        messages.success(request, f"{name} is now a member of the community. We have told them by e-mail.")
    else:
        messages.success(request, f"{name}’s application was declined. We have told them by e-mail.")
    return redirect("community:membership_applications")


@_group_lead_required
@require_POST
def membership_application_approve(request, application_id: int):
    return _decide(request, application_id, approve=True)


@_group_lead_required
@require_POST
def membership_application_decline(request, application_id: int):
    return _decide(request, application_id, approve=False)


# The directories ---------------------------------------------------------------------------------


@require_safe
def organisations(request):
    """Public: the organisations whose staff take part, with how many community members each has."""
    form = OrganisationFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(organisations_directory(**filters), ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/membership/organisations.html",
        {"form": form, "page_obj": page, "filter_query": form.query_string()},
    )


@require_safe
def members(request):
    """The members' directory, for members only: those who chose to be listed, never their e-mail addresses."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not members_directory_visible(user=request.user):
        return render(request, "community/membership/members_only.html", status=403)
    form = MemberFilterForm(request.GET, organisations=directory_organisations(), interests=directory_interests())
    filters = form.filters()
    page = Paginator(members_directory(**filters), MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/membership/members.html",
        {"form": form, "page_obj": page, "filter_query": form.query_string()},
    )
