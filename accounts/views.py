"""Members' own pages: the first-log-in profile step, the profile page and their notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.forms import NotificationSettingsForm, ProfileForm
from accounts.notifications import (
    notification_open,
    notification_settings_save,
    notifications_for,
    notifications_mark_read,
)
from accounts.selectors import organisation_names_for_picker
from accounts.services import organisation_get_or_suggest, profile_update


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _profile_form_view(request, *, template: str, welcome: bool):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, user=user)
        if form.is_valid():
            data = form.cleaned_data
            profile_update(
                user=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                professional_group=data["professional_group"],
                job_title=data["job_title"],
                organisation=organisation_get_or_suggest(name=data["organisation"]),
                works_at_bedside=data["works_at_bedside"],
                research_experience=data["research_experience"],
                interests=data["interests"],
                expertise=data.get("expertise") if "expertise" in form.fields else None,
                mentoring_capacity=data.get("mentoring_capacity"),
            )
            if welcome:
                messages.success(request, _("Welcome, %(name)s. Your profile is saved.") % {"name": user.first_name})
            else:
                messages.success(request, _("Your profile is saved."))
            return redirect(_safe_next(request) or ("/" if welcome else "accounts:profile"))
        messages.error(request, _("Please correct the errors marked below."))
    else:
        form = ProfileForm(user=user)
    return render(
        request,
        template,
        {
            "form": form,
            "organisation_names": organisation_names_for_picker(),
            "next": _safe_next(request) or "",
        },
    )


@login_required
def profile_setup(request):
    """The step every new member sees after first logging in."""
    if request.user.has_completed_profile and request.method == "GET":
        return redirect("accounts:profile")
    return _profile_form_view(request, template="accounts/profile_setup.html", welcome=True)


@login_required
def profile(request):
    """A member's own profile, to read and change."""
    return _profile_form_view(request, template="accounts/profile.html", welcome=False)


def admin_login(request):
    """The CMS's log-in page is the site's: one form, one set of brute-force limits."""
    target = _safe_next(request) or reverse("wagtailadmin_home")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


#: Notifications on one page of the list.
NOTIFICATIONS_PER_PAGE = 30


@login_required
@require_safe
def notifications(request):
    """The member's notifications, newest first, the ones not yet opened marked "New"."""
    page = Paginator(notifications_for(user=request.user), NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/notifications.html",
        # Whether any are unread comes from the header's count (accounts.context_processors): no extra query.
        {"page_obj": page, "notifications": page.object_list},
    )


def _local_path(url: str) -> str | None:
    """`url` if it is a path on this site (never another site, so a notification cannot send anyone away)."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=set(), require_https=False):
        return url
    return None


@login_required
@require_http_methods(["GET", "POST"])
def notification_open_view(request, notification_id: int):
    """Open one of the member's notifications: mark it read and go where it leads."""
    notification = notification_open(user=request.user, notification_id=notification_id)
    if notification is None:
        raise Http404
    return redirect(_local_path(notification.url) or "accounts:notifications")


@login_required
@require_POST
def notifications_mark_all_read(request):
    """Mark every one of the member's notifications as read."""
    count = notifications_mark_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext("%(count)s notification marked as read.", "%(count)s notifications marked as read.", count)
            % {"count": count},
        )
    else:
        messages.info(request, _("You have no unread notifications."))
    return redirect("accounts:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """Which notifications the member also gets by e-mail (every notification is listed in the site)."""
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST, user=request.user)
        if form.is_valid():
            notification_settings_save(user=request.user, muted_kinds=form.muted_kinds())
            messages.success(request, _("Your e-mail choices are saved."))
            return redirect("accounts:notification_settings")
        messages.error(request, _("Please correct the errors marked below."))
    else:
        form = NotificationSettingsForm(user=request.user)
    return render(request, "accounts/notification_settings.html", {"form": form})
