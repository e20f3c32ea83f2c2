"""Grant proposals: their sections, budget, attachments, team, versions and activity."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from grants.sections import SECTION_CHOICES


def private_storage():
    """Files served only through a view that checks permission (never under MEDIA_URL).

    A callable, so migrations record this function rather than the storage's folder, which differs
    from one machine to the next (settings.STORAGES["private"]).
    """
    return storages["private"]


class ProposalState(models.TextChoices):
    """Where a proposal is in its life. The allowed moves between states are in grants.workflow."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In mentor review")
    REVISIONS = "revisions", _("Revisions requested")
    READY = "ready", _("Ready to submit")
    SUBMITTED = "submitted", _("Submitted to funder")
    AWARDED = "awarded", _("Awarded")
    NOT_FUNDED = "not_funded", _("Not funded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: States in which the applicants may still change the text.
EDITABLE_STATES = frozenset(
    {ProposalState.DRAFT, ProposalState.IN_REVIEW, ProposalState.REVISIONS, ProposalState.READY}
)
#: States in which mentors are actively involved (their load counts these).
MENTORING_STATES = frozenset({ProposalState.IN_REVIEW, ProposalState.REVISIONS})
#: States a proposal never leaves (but for withdrawal, which is itself final).
FINAL_STATES = frozenset({ProposalState.AWARDED, ProposalState.NOT_FUNDED, ProposalState.WITHDRAWN})


class ProposalTopic(TaggedItemBase):
    """A topic of a proposal, matched against mentors' expertise."""

    content_object = models.ForeignKey("grants.Proposal", on_delete=models.CASCADE, related_name="topic_items")


class ProposalQuerySet(models.QuerySet):
    def with_people(self):
        """The lead applicant and the call, fetched with the proposal."""
        return self.select_related("lead", "call")


class Proposal(models.Model):
    """A grant proposal that a member (the lead applicant) drafts with co-applicants, optionally for a call."""

    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead applicant"),
        on_delete=models.PROTECT,
        related_name="proposals_led",
    )
    call = models.ForeignKey(
        "grants.FundingCallPage",
        verbose_name=_("funding call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    #: Mirrors the "title" section, for lists and search.
    title = models.CharField(_("title"), max_length=300)
    state = models.CharField(_("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT)
    topics = TaggableManager(
        verbose_name=_("topics"),
        through=ProposalTopic,
        blank=True,
        related_name="proposals",
        help_text=_("What the proposal is about, separated by commas: used to suggest mentors."),
    )
    mentoring_requested_at = models.DateTimeField(_("mentoring requested"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    amount_awarded = models.DecimalField(
        _("amount awarded (£)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    #: Bumped on every change to the budget lines, so that two editors of the budget cannot overwrite each other.
    budget_revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["state", "call"])]

    def __str__(self) -> str:
        return self.title or _("Untitled proposal")

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("grants:proposal_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


class ProposalSection(models.Model):
    """The current text of one section of a proposal.

    `revision` goes up by one on every save: a save based on an older revision is refused, so two
    people editing the same section cannot silently overwrite each other.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40, choices=SECTION_CHOICES)
    text = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "key"], name="grants_section_unique_key")]
        verbose_name = _("proposal section")

    def __str__(self) -> str:
        return f"{self.proposal_id}:{self.key}"


class BudgetCategory(models.TextChoices):
    """The usual headings of a UK research budget."""

    STAFF = "staff", _("Staff")
    BACKFILL = "backfill", _("Clinical backfill")
    CONSUMABLES = "consumables", _("Consumables")
    EQUIPMENT = "equipment", _("Equipment")
    TRAVEL = "travel", _("Travel and subsistence")
    PPI = "ppi", _("Patient and public involvement")
    DISSEMINATION = "dissemination", _("Dissemination and open access")
    OTHER = "other", _("Other")


class BudgetLine(models.Model):
    """One costed line of a proposal's budget."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    description = models.CharField(_("item"), max_length=200)
    cost = models.DecimalField(_("cost (£)"), max_digits=12, decimal_places=2)
    justification = models.TextField(_("justification"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("budget line")

    def __str__(self) -> str:
        return f"{self.description} (£{self.cost})"


def _attachment_path(instance: "ProposalAttachment", filename: str) -> str:
    # A random folder: the stored name never reveals another proposal's files, and names never clash.
    return f"proposals/{instance.proposal_id}/{uuid.uuid4().hex}/{filename}"


class ProposalAttachment(models.Model):
    """A file attached to a proposal (PDF, DOCX or XLSX), stored privately."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, storage=private_storage, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.original_name


class CoApplicant(models.Model):
    """A member who writes the proposal with the lead applicant and may edit it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_applicants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_applications")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="grants_coapplicant_unique")]
        ordering = ["added_at", "pk"]
        verbose_name = _("co-applicant")

    def __str__(self) -> str:
        return f"{self.user} on {self.proposal}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """An invitation, by e-mail, to join a proposal as a co-applicant; works for people without an account."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return f"{self.email} to {self.proposal}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class MentorAssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class MentorAssignment(models.Model):
    """A mentor assigned by a group lead to a proposal; ended rather than deleted, to keep the history."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="mentor_assignments")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MentorAssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "mentor"],
                condition=models.Q(ended_at__isnull=True),
                name="grants_assignment_one_active",
            )
        ]
        ordering = ["assigned_at", "pk"]
        verbose_name = _("mentor assignment")

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.proposal}"


class ProposalVersion(models.Model):
    """A frozen copy of a proposal, made each time it is sent for mentor review; never changed after."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    #: {"sections": {key: text}, "budget": [{category, description, cost, justification}], "budget_total": "…",
    #:  "implementation_plan": {...}} — everything a reviewer saw.
    content = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="grants_version_unique_number")]
        ordering = ["number"]
        verbose_name = _("proposal version")

    def __str__(self) -> str:
        return f"Version {self.number}"

    def section_text(self, key: str) -> str:
        return self.content.get("sections", {}).get(key, "")


class ActivityVerb(models.TextChoices):
    """What happened on a proposal, for its activity timeline."""

    CREATED = "created", _("created the proposal")
    STATE_CHANGED = "state_changed", _("changed the state")
    INVITED = "invited", _("invited a co-applicant")
    INVITATION_REVOKED = "invitation_revoked", _("withdrew an invitation")
    JOINED = "joined", _("joined as co-applicant")
    REMOVED = "removed", _("removed a co-applicant")
    MENTORING_REQUESTED = "mentoring_requested", _("asked for mentoring")
    MENTOR_ASSIGNED = "mentor_assigned", _("assigned a mentor")
    MENTOR_UNASSIGNED = "mentor_unassigned", _("removed a mentor")
    VERSION_FROZEN = "version_frozen", _("froze a version")
    COMMENTED = "commented", _("commented")
    REVIEWED = "reviewed", _("submitted a review")
    ATTACHMENT_ADDED = "attachment_added", _("attached a file")
    ATTACHMENT_REMOVED = "attachment_removed", _("removed a file")
    EXPORTED = "exported", _("exported the proposal")


class ProposalActivity(models.Model):
    """One entry in a proposal's activity timeline: who did what, and when."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=30, choices=ActivityVerb.choices)
    from_state = models.CharField(max_length=20, choices=ProposalState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ProposalState.choices, blank=True)
    #: A short human detail: the invitee's address, the file's name, the version number, the transition's note.
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal activity")
        verbose_name_plural = _("proposal activity")

    def __str__(self) -> str:
        return f"{self.actor} {self.get_verb_display()}"


class DeadlineReminder(models.Model):
    """A reminder sent for a draft proposal as its call's closing date nears; one per proposal and lead time."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="deadline_reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "days_before"], name="grants_reminder_once"),
        ]


class ProposalExport(models.Model):
    """A PDF of a whole proposal, built in the background and kept privately."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    pdf = models.FileField(upload_to="proposal-exports/", storage=private_storage, blank=True, max_length=300)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def is_ready(self) -> bool:
        return self.built_at is not None and bool(self.pdf)
