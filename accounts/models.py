"""Members, their profiles and the organisations they work for."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


class ProfessionalGroup(models.TextChoices):
    NURSE = "nurse", _("Nurse")
    DOCTOR = "doctor", _("Doctor")
    AHP = "ahp", _("Allied health professional")
    PHARMACIST = "pharmacist", _("Pharmacist")
    RESEARCHER = "researcher", _("Researcher")
    MANAGER = "manager", _("Manager")
    NON_CLINICAL = "non_clinical", _("Non-clinical")
    OTHER = "other", _("Other")


class ResearchExperience(models.TextChoices):
    NONE = "none", _("None yet")
    SOME = "some", _("Some")
    EXPERIENCED = "experienced", _("Experienced")


class OrganisationKind(models.TextChoices):
    NHS_TRUST = "nhs_trust", _("NHS trust or health board")
    PICU = "picu", _("Paediatric intensive care unit")
    TRANSPORT = "transport", _("Paediatric critical care transport service")
    UNIVERSITY = "university", _("University")
    NETWORK = "network", _("Network (ODN or clinical network)")
    CHARITY = "charity", _("Charity or patient group")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    NORTH_EAST_YORKSHIRE = "ne_yorks", _("North East and Yorkshire")
    NORTH_WEST = "north_west", _("North West")
    MIDLANDS = "midlands", _("Midlands")
    EAST = "east", _("East of England")
    LONDON = "london", _("London")
    SOUTH_EAST = "south_east", _("South East")
    SOUTH_WEST = "south_west", _("South West")
    SCOTLAND = "scotland", _("Scotland")
    WALES = "wales", _("Wales")
    NORTHERN_IRELAND = "ni", _("Northern Ireland")
    OUTSIDE_UK = "outside_uk", _("Outside the UK")


class OrganisationQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(is_verified=True)


class Organisation(models.Model):
    """A hospital, unit, university or network that members work for."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Checked by a group lead. Organisations members add themselves start unverified."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    """Manager for a user model whose log-in name is the e-mail address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser needs is_staff and is_superuser.")
        return self._create_user(email, password, **extra_fields)


class InterestTag(TaggedItemBase):
    """A topic a member is interested in (free tags)."""

    content_object = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="interest_items")


class ExpertiseTag(TaggedItemBase):
    """An area a mentor can advise on (free tags)."""

    content_object = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="expertise_items")


class User(AbstractUser):
    """A member of the platform: logs in with an e-mail address and carries a profile."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    professional_group = models.CharField(
        _("professional group"), max_length=20, choices=ProfessionalGroup.choices, blank=True
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    works_at_bedside = models.BooleanField(
        _("works at the bedside"),
        null=True,
        blank=True,
        help_text=_("Whether the member cares for patients directly."),
    )
    research_experience = models.CharField(
        _("research experience"), max_length=20, choices=ResearchExperience.choices, blank=True
    )
    interests = TaggableManager(
        verbose_name=_("interests"),
        through=InterestTag,
        blank=True,
        related_name="interested_members",
        help_text=_("Topics you care about, separated by commas."),
    )
    expertise = TaggableManager(
        verbose_name=_("expertise"),
        through=ExpertiseTag,
        blank=True,
        related_name="expert_members",
        help_text=_("For mentors: what you can advise on, separated by commas."),
    )
    profile_completed_at = models.DateTimeField(_("profile completed"), null=True, blank=True)
    mentoring_capacity = models.PositiveSmallIntegerField(
        _("mentoring capacity"),
        default=3,
        help_text=_("For mentors: how many proposals you can mentor at the same time."),
    )
    #: Notification kinds (NotificationKind values) the member does not want e-mailed.
    email_muted_kinds = models.JSONField(_("e-mails switched off"), default=list, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        permissions = [
            ("mentor_proposals", _("Can be assigned to mentor grant proposals")),
            ("assign_mentors", _("Can assign mentors to grant proposals")),
            ("manage_community", _("Can run the community (approve members, organisations)")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@")[0]

    @property
    def has_completed_profile(self) -> bool:
        return self.profile_completed_at is not None


class NotificationKind(models.TextChoices):
    """What a notification is about. Members may switch off e-mail for all but the essential kinds."""

    INVITATION = "invitation", _("Invitations to join a proposal")
    MENTORING_REQUESTED = "mentoring_requested", _("Proposals asking for a mentor (group leads)")
    MENTOR_ASSIGNED = "mentor_assigned", _("Mentors assigned to your proposals, or you to a proposal")
    FEEDBACK = "feedback", _("Comments and reviews on your proposals")
    REPLY = "reply", _("Replies to your comments")
    STATE_CHANGED = "state_changed", _("Changes in a proposal's state")
    DEADLINE = "deadline", _("Reminders before a funding call closes")
    MEMBERSHIP = "membership", _("Applications to join the community, and their decisions")
    NEW_MEETING = "new_meeting", _("New meetings of communities you follow")
    DISCUSSION = "discussion", _("Replies in discussions you take part in")
    RESOURCE = "resource", _("Resources submitted to the library, and their decisions")
    DATA_RETURN = "data_return", _("Monthly data returns for your sites")


#: Always e-mailed: an invitation may go to someone with no account, who has nowhere else to see it.
ESSENTIAL_NOTIFICATION_KINDS = frozenset({NotificationKind.INVITATION})


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something a member should know about, listed in the site and (unless switched off) e-mailed."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    message = models.CharField(max_length=300)
    #: Where the notification leads, as a path on the site.
    url = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")

    def __str__(self) -> str:
        return self.message
