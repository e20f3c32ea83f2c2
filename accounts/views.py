"""Members' own pages: the first-log-in profile step and the profile page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from accounts.forms import ProfileForm
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
