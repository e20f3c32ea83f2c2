"""Forms for a proposal's team: inviting a co-applicant."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.models import Proposal
from grants.selectors.team import email_normalise, invitation_problem


class InvitationForm(forms.Form):
    """Invite someone by e-mail, with an optional personal message.

    Refuses, next to the address, the member's own address, the lead's, a co-applicant's, and one
    invited already (`existing_invitation` then holds it, so the page can offer to send it again).
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("They don't need an account yet: they can create one from the invitation."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Added to the invitation e-mail, e.g. why you'd like them on the team."),
    )

    def __init__(self, *args, proposal: Proposal, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.user = user
        self.existing_invitation = None

    def clean_email(self) -> str:
        email = email_normalise(self.cleaned_data["email"])
        problem = invitation_problem(proposal=self.proposal, email=email, by=self.user)
        if problem is not None:
            self.existing_invitation = problem.invitation
            raise forms.ValidationError(problem.message, code=problem.code)
        return email
