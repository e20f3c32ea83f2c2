"""django-allauth adapter: new members become learners and are sent to the profile step."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.services import member_joined


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed attempts to sign in. For your security, signing in is paused for a "
            "few minutes. If you have forgotten your password, you can reset it."
        ),
    }

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            member_joined(user=user)
        return user

    def get_signup_redirect_url(self, request):
        # Where the member lands once their address is confirmed: the profile step.
        return reverse("accounts:profile_setup")

    def get_email_verification_redirect_url(self, email_address):
        if not email_address.user.has_completed_profile:
            return reverse("accounts:profile_setup")
        return super().get_email_verification_redirect_url(email_address)

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and not user.has_completed_profile:
            return reverse("accounts:profile_setup")
        return super().get_login_redirect_url(request)
