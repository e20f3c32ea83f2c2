"""Reads for joining the community: a member's state, the group leads' queue, and the two directories."""

from django.db.models import Count, Q, QuerySet
from taggit.models import Tag

from accounts.models import Organisation, User
from community.models import ApplicationStatus, Membership, MembershipApplication
from home.models import StandardPage

#: The editors' public page about membership lives at this slug under the home page; the membership
#: view is served at the same address and shows the page's words above the member's own state.
EXPLANATION_SLUG = "membership"

#: Decisions shown under the group leads' queue.
RECENT_DECISIONS = 20


def membership_explanation(*, site) -> StandardPage | None:
    """The editors' live, public page about membership on `site` (None if there is none). One query."""
    if site is None:
        return None
    return StandardPage.objects.live().public().filter(url_path=f"{site.root_page.url_path}{EXPLANATION_SLUG}/").first()


def membership_state(*, user: User) -> dict:
    """Where the member stands: `membership` (or None), their `pending` application (or None), and
    `declined`: their latest application if it was declined and nothing newer is waiting. Two queries."""
    membership = Membership.objects.filter(user=user).select_related("application").first()
    latest = list(
        MembershipApplication.objects.filter(user=user)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("organisation")
        .order_by("-created_at", "-pk")[:1]
    )
    latest = latest[0] if latest else None
    pending = latest if latest is not None and latest.status == ApplicationStatus.PENDING else None
    declined = latest if latest is not None and latest.status == ApplicationStatus.DECLINED else None
    return {"membership": membership, "pending": pending, "declined": declined if membership is None else None}


def applications_pending() -> QuerySet:
    """Applications waiting for a decision, oldest first, with the applicant and organisations."""
    return (
        MembershipApplication.objects.filter(status=ApplicationStatus.PENDING)
        .select_related("user", "user__organisation", "organisation")
        .order_by("created_at", "pk")
    )


def applications_recently_decided(*, limit: int = RECENT_DECISIONS) -> list[MembershipApplication]:
    """The latest approvals and declines, newest first, with who decided."""
    return list(
        MembershipApplication.objects.filter(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.DECLINED])
        .select_related("user", "organisation", "decided_by")
        .order_by("-decided_at", "-pk")[:limit]
    )


def _member_count() -> Count:
    # User.organisation's reverse name is "members"; only approved, active community members count.
    return Count("members", filter=Q(members__membership__isnull=False, members__is_active=True), distinct=True)


def organisations_directory(*, q: str = "", region: str = "", kind: str = "") -> QuerySet:
    """Verified organisations and any with community members, by name, each with `member_count`.

    One query however many organisations there are.
    """
    organisations = Organisation.objects.annotate(member_count=_member_count()).filter(
        Q(is_verified=True) | Q(member_count__gt=0)
    )
    if q:
        for word in q.split():
            organisations = organisations.filter(name__icontains=word)
    if region:
        organisations = organisations.filter(region=region)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.order_by("name")


def community_figures() -> dict:
    """For the home page: {"members": approved community members, "organisations": organisations with one or more}."""
    members = Membership.objects.filter(user__is_active=True)
    return {
        "members": members.count(),
        "organisations": Organisation.objects.filter(members__in=members.values("user")).distinct().count(),
    }


def _listed_members() -> QuerySet:
    return User.objects.filter(is_active=True, membership__listed_in_directory=True)


def members_directory(
    *, q: str = "", organisation: Organisation | None = None, professional_group: str = "", interest: str = ""
) -> QuerySet:
    """Members who chose to be listed, by surname, with organisation and interests (constant queries).

    `q` matches every word against first or last name; `interest` is a tag slug.
    """
    members = _listed_members()
    for word in q.split():
        members = members.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if organisation is not None:
        members = members.filter(organisation=organisation)
    if professional_group:
        members = members.filter(professional_group=professional_group)
    if interest:
        members = members.filter(interests__slug=interest)
    return (
        members.select_related("organisation")
        .prefetch_related("interests")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def directory_organisations() -> QuerySet:
    """Organisations with at least one listed member (the directory's organisation filter)."""
    return Organisation.objects.filter(members__in=_listed_members().values("pk")).distinct().order_by("name")


def directory_interests() -> list[tuple[str, str]]:
    """(slug, name) of interests that listed members have (the directory's interest filter)."""
    tags = (
        Tag.objects.filter(accounts_interesttag_items__content_object__in=_listed_members().values("pk"))
        .distinct()
        .order_by("name")
    )
    return list(tags.values_list("slug", "name"))
