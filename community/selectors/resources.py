"""Reads for the resource library: search and filters over published resources, a resource's page,
and members' submissions (their own, and those a lead may check)."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from taggit.models import Tag

from accounts.models import Organisation
from accounts.permissions import user_is_group_lead, user_is_member
from community.models import (
    CommunityLead,
    CommunityPage,
    ResourceIndexPage,
    ResourcePage,
    ResourceSubmission,
    ResourceType,
    SubmissionStatus,
)
from community.permissions.resources import resource_submission_view_allowed

#: Resources shown on one page of the library.
PER_PAGE = 20
#: Longer searches are cut: nobody types more, and the search backend need not chew on it.
QUERY_MAX_LENGTH = 200


@dataclass(frozen=True)
class LibraryFilters:
    """What the visitor asked the library for, cleaned: unknown values are dropped, never an error."""

    query: str = ""
    resource_type: str = ""
    community: int | None = None
    organisation: int | None = None
    tag: str = ""

    @property
    def active(self) -> bool:
        return bool(self.query or self.resource_type or self.community or self.organisation or self.tag)

    def as_params(self) -> dict[str, str]:
        """The filters as GET parameters (without the page number), for links that keep them."""
        params = {
            "q": self.query,
            "type": self.resource_type,
            "community": self.community or "",
            "organisation": self.organisation or "",
            "tag": self.tag,
        }
        return {key: str(value) for key, value in params.items() if value}


def _int_or_none(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def library_filters_parse(params) -> LibraryFilters:
    """The library's filters from GET parameters (`q`, `type`, `community`, `organisation`, `tag`)."""
    resource_type = params.get("type", "")
    return LibraryFilters(
        query=" ".join((params.get("q") or "").split())[:QUERY_MAX_LENGTH],
        resource_type=resource_type if resource_type in ResourceType.values else "",
        community=_int_or_none(params.get("community")),
        organisation=_int_or_none(params.get("organisation")),
        tag=(params.get("tag") or "").strip()[:100],
    )


def resources_live(*, index: ResourceIndexPage):
    """The library's published, public resources (a queryset of ResourcePage)."""
    return ResourcePage.objects.child_of(index).live().public()


def _annotate(resources: list[ResourcePage], *, today: datetime.date) -> list[ResourcePage]:
    for resource in resources:
        resource.is_review_due = resource.review_date is not None and resource.review_date < today
    return resources


def resources_search(*, index: ResourceIndexPage, params, today: datetime.date | None = None) -> dict:
    """Context for the library: the resources matching the search (`q`, Wagtail search) and filters
    (`type`, `community`, `organisation`, `tag`), all combinable, 20 to a page.

    Returns `filters` (LibraryFilters), `page_obj` (the page of results, each with community,
    organisation, document and tags loaded and `is_review_due` set), `filter_params` (the filters as
    a query string, for the page links), and the options of each filter: `type_options`,
    `community_options`, `organisation_options`, `tag_options` (only values some resource has).
    The same number of queries however many resources there are.
    """
    today = today or timezone.localdate()
    filters = library_filters_parse(params)
    live = resources_live(index=index)
    resources = live
    if filters.resource_type:
        resources = resources.filter(resource_type=filters.resource_type)
    if filters.community:
        resources = resources.filter(community_id=filters.community)
    if filters.organisation:
        resources = resources.filter(organisation_id=filters.organisation)
    if filters.tag:
        resources = resources.filter(tags__slug=filters.tag)
    resources = resources.select_related("community", "organisation", "document").prefetch_related("tags")
    if filters.query:
        results = resources.search(filters.query)
    else:
        results = resources.order_by("title", "path")
    page_obj: PaginatorPage = Paginator(results, PER_PAGE).get_page(params.get("page"))
    page_obj.object_list = _annotate(list(page_obj.object_list), today=today)

    live_ids = live.values("pk")
    return {
        "filters": filters,
        "page_obj": page_obj,
        "filter_params": urlencode(filters.as_params()),
        "type_options": ResourceType.choices,
        "community_options": list(
            CommunityPage.objects.live()
            .filter(pk__in=live.filter(community__isnull=False).values("community_id"))
            .order_by("title")
            .only("pk", "title")
        ),
        "organisation_options": list(
            Organisation.objects.filter(pk__in=live.filter(organisation__isnull=False).values("organisation_id"))
            .order_by("name")
            .only("pk", "name")
        ),
        "tag_options": list(
            Tag.objects.filter(community_resourcepagetag_items__content_object__in=live_ids).distinct().order_by("name")
        ),
    }


def resource_detail(*, resource: ResourcePage) -> dict:
    """Context for a resource's page: `library` (the index, for tag links back to the filtered library)
    and `tags` in name order. Works for previews, where the page is not saved yet."""
    parent = resource.get_parent() if resource.pk else None
    library = parent.specific if parent is not None else ResourceIndexPage.objects.first()
    return {"library": library, "tags": sorted(resource.tags.all(), key=lambda tag: tag.name.lower())}


# Submissions -----------------------------------------------------------------------------------


def resource_submissions_of(*, user):
    """The member's own submissions, newest first."""
    return ResourceSubmission.objects.filter(submitted_by=user).select_related("community", "organisation", "page")


def resource_submissions_for_moderation(*, user):
    """The submissions `user` may check: all of them for group leads, those filed under a community
    they lead otherwise (none for anyone else). Pending first (oldest first, as a queue), then the
    decided ones, most recently decided first."""
    if not user_is_member(user):
        return ResourceSubmission.objects.none()
    submissions = ResourceSubmission.objects.all()
    if not user_is_group_lead(user):
        led = CommunityLead.objects.filter(user=user).values("page_id")
        submissions = submissions.filter(community_id__in=led)
    return (
        submissions.select_related("submitted_by", "community", "organisation", "decided_by", "page")
        .annotate(
            decided=Case(
                When(status=SubmissionStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("decided", Case(When(status=SubmissionStatus.PENDING, then="created_at")), "-decided_at", "-pk")
    )


def resource_submission_get_for(*, user, submission_id: int) -> ResourceSubmission | None:
    """The submission if `user` may see it (the member who sent it or someone who may check it), else None."""
    submission = (
        ResourceSubmission.objects.select_related("submitted_by", "community", "organisation", "decided_by", "page")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or not resource_submission_view_allowed(user, submission):
        return None
    return submission


def resource_submission_leads(*, submission: ResourceSubmission) -> list:
    """Who is told about a new submission: the group leads, and the leads of its community."""
    from accounts import roles
    from accounts.models import User

    condition = Q(groups__name=roles.GROUP_LEAD)
    if submission.community_id:
        condition |= Q(pk__in=CommunityLead.objects.filter(page_id=submission.community_id).values("user_id"))
    return list(User.objects.filter(condition, is_active=True).distinct())
