"""Reads for proposals: feedback. Comment threads by section, structured reviews, and what the overview shows."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from grants import permissions
from grants.models import (
    Comment,
    Proposal,
    ProposalVersion,
    Review,
    ReviewCriterion,
    ReviewScore,
)
from grants.models.feedback import SCORE_CHOICES
from grants.sections import COMMENTABLE_CHOICES, SECTIONS_BY_KEY


def version_latest(*, proposal: Proposal) -> ProposalVersion | None:
    """The latest frozen version of `proposal`: the one mentors comment on and review now."""
    return proposal.versions.order_by("-number").first()


@dataclass
class Thread:
    """A top-level comment and its replies, oldest first."""

    comment: Comment
    replies: list[Comment] = field(default_factory=list)

    @property
    def is_addressed(self) -> bool:
        return self.comment.is_addressed


@dataclass
class SectionFeedback:
    """The comment threads on one section of a version."""

    key: str
    label: str
    threads: list[Thread] = field(default_factory=list)
    #: The section's text as sent in the version ("" for the structured parts: budget, implementation plan).
    text: str = ""

    @property
    def open_count(self) -> int:
        return sum(1 for thread in self.threads if not thread.is_addressed)

    @property
    def addressed_count(self) -> int:
        return sum(1 for thread in self.threads if thread.is_addressed)


def comment_threads(*, version: ProposalVersion) -> list[SectionFeedback]:
    """The comments on `version` as threads grouped by section, in the proposal's section order.

    Sections without comments are left out. One query however many comments and replies there are.
    """
    comments = (
        Comment.objects.filter(version=version)
        .select_related("author", "addressed_by", "addressed_in")
        .order_by("created_at", "pk")
    )
    threads: dict[int, Thread] = {}
    replies: list[Comment] = []
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment=comment)
        else:
            replies.append(comment)
    for reply in replies:
        if reply.parent_id in threads:
            threads[reply.parent_id].replies.append(reply)
    by_section: dict[str, SectionFeedback] = {
        key: SectionFeedback(
            key=key, label=str(label), text=version.section_text(key) if key in SECTIONS_BY_KEY else ""
        )
        for key, label in COMMENTABLE_CHOICES
    }
    for thread in threads.values():
        if thread.comment.section in by_section:
            by_section[thread.comment.section].threads.append(thread)
    return [section for section in by_section.values() if section.threads]


@dataclass(frozen=True)
class ReviewSummary:
    """A submitted review as the feedback page lists it."""

    review: Review

    @property
    def average(self) -> float | None:
        scores = [s.score for s in self.review.scores.all() if s.score]
        return round(sum(scores) / len(scores), 1) if scores else None


def reviews_submitted(*, version: ProposalVersion) -> list[ReviewSummary]:
    """The submitted reviews of `version`, oldest first, with their mentors and scores (two queries)."""
    reviews = (
        Review.objects.filter(version=version, submitted_at__isnull=False)
        .select_related("mentor")
        .prefetch_related("scores")
        .order_by("submitted_at", "pk")
    )
    return [ReviewSummary(review=review) for review in reviews]


def _label_authors(proposal: Proposal, sections: list[SectionFeedback]) -> None:
    """Set `author_role` on every comment: lead applicant, co-applicant or mentor (two queries)."""
    labels: dict[int, str] = {}
    for mentor_id in proposal.mentor_assignments.values_list("mentor_id", flat=True):
        labels[mentor_id] = _("mentor")
    for user_id in proposal.co_applicants.values_list("user_id", flat=True):
        labels[user_id] = _("co-applicant")
    labels[proposal.lead_id] = _("lead applicant")
    for section in sections:
        for thread in section.threads:
            for comment in (thread.comment, *thread.replies):
                comment.author_role = labels.get(comment.author_id, "")


def feedback_page(*, user, proposal: Proposal, version_number: int | None = None) -> dict:
    """The feedback page for `user` (who may read `proposal`): one version's comment threads and reviews.

    `version_number` picks an older version; None shows the latest. Returns None for `version` when
    the proposal has no frozen version yet. Raises ProposalVersion.DoesNotExist for an unknown number.
    A fixed number of queries however many comments, replies and reviews there are.
    """
    # Versions hold the whole proposal: only the one shown needs its content (loaded when first read).
    versions = list(proposal.versions.defer("content").select_related("created_by").order_by("number"))
    latest = versions[-1] if versions else None
    if version_number is None:
        version = latest
    else:
        version = next((v for v in versions if v.number == version_number), None)
        if version is None:
            raise ProposalVersion.DoesNotExist
    sections = comment_threads(version=version) if version else []
    if sections:
        _label_authors(proposal, sections)
    can_review = permissions.review_write_allowed(user=user, proposal=proposal)
    my_review = None
    if can_review and latest is not None:
        my_review = Review.objects.filter(version=latest, mentor=user).only("pk", "submitted_at").first()
    return {
        "proposal": proposal,
        "versions": versions,
        "version": version,
        "latest_version": latest,
        "is_latest": version is not None and version == latest,
        "sections": sections,
        "open_total": sum(section.open_count for section in sections),
        "addressed_total": sum(section.addressed_count for section in sections),
        "reviews": reviews_submitted(version=version) if version else [],
        "can_comment": permissions.comment_add_allowed(user=user, proposal=proposal),
        "can_reply": permissions.comment_reply_allowed(user=user, proposal=proposal),
        "can_address": permissions.comment_address_allowed(user=user, proposal=proposal),
        "can_review": can_review,
        "my_review": my_review,
    }


def review_for_mentor(*, proposal: Proposal, mentor, version: ProposalVersion) -> Review | None:
    """`mentor`'s review of `version` (draft or submitted), with its scores, or None."""
    return Review.objects.filter(proposal=proposal, version=version, mentor=mentor).prefetch_related("scores").first()


def review_previous(*, proposal: Proposal, mentor, version: ProposalVersion) -> Review | None:
    """`mentor`'s latest review of an earlier version than `version`, with its scores: a start for the next one."""
    return (
        Review.objects.filter(proposal=proposal, mentor=mentor, version__number__lt=version.number)
        .select_related("version")
        .prefetch_related("scores")
        .order_by("-version__number")
        .first()
    )


def review_get_for(*, user, proposal: Proposal, review_id: int) -> Review | None:
    """A review of `proposal` that `user` (who may read the proposal) may see: any submitted one, or their draft."""
    review = (
        Review.objects.filter(proposal=proposal, pk=review_id)
        .select_related("mentor", "version")
        .prefetch_related(Prefetch("scores", queryset=ReviewScore.objects.order_by("pk")))
        .first()
    )
    if review is None or (not review.is_submitted and review.mentor_id != user.pk):
        return None
    return review


@dataclass(frozen=True)
class CriterionScore:
    """One criterion of a review, for reading."""

    label: str
    score: int | None
    score_label: str
    text: str


def review_criteria(*, review: Review) -> list[CriterionScore]:
    """The review's score and comment on each criterion, in the criteria's order (uses the prefetched scores)."""
    labels = dict(SCORE_CHOICES)
    by_criterion = {score.criterion: score for score in review.scores.all()}
    rows = []
    for criterion in ReviewCriterion:
        score = by_criterion.get(criterion.value)
        value = score.score if score and score.score else None
        rows.append(
            CriterionScore(
                label=str(criterion.label),
                score=value,
                score_label=str(labels.get(value, "")),
                text=score.text if score else "",
            )
        )
    return rows


def overview_context(*, user, proposal) -> dict:
    """What the proposal's overview page needs from this concern (merged into proposal_overview).

    `open_comment_count` (threads not yet addressed, on any version) and `latest_review` (the most
    recently submitted, with its mentor and version): two queries.
    """
    return {
        "open_comment_count": Comment.objects.filter(
            proposal=proposal, parent__isnull=True, addressed_at__isnull=True
        ).count(),
        "latest_review": Review.objects.filter(proposal=proposal, submitted_at__isnull=False)
        .select_related("mentor", "version")
        .order_by("-submitted_at", "-pk")
        .first(),
    }
