"""Feedback: mentors' comments on sections, threaded replies, marking comments addressed, and structured reviews."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import NotificationKind, User
from accounts.notifications import notify
from grants import permissions, workflow
from grants.models import (
    ActivityVerb,
    Comment,
    Proposal,
    ProposalVersion,
    Recommendation,
    Review,
    ReviewCriterion,
    ReviewScore,
)
from grants.models.feedback import SCORE_CHOICES
from grants.sections import COMMENTABLE_CHOICES
from grants.selectors.feedback import version_latest
from grants.services.activity import activity_record, proposal_people

SECTION_LABELS = {key: str(label) for key, label in COMMENTABLE_CHOICES}
VALID_SCORES = {value for value, _label in SCORE_CHOICES}


def feedback_url(*, proposal: Proposal, version: ProposalVersion | None = None, comment: Comment | None = None) -> str:
    """The feedback page, on `version` and at `comment`'s thread when given."""
    url = reverse("grants:proposal_feedback", args=[proposal.pk])
    if version is not None:
        url = f"{url}?version={version.number}"
    if comment is not None:
        url = f"{url}#comment-{comment.parent_id or comment.pk}"
    return url


def _excerpt(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(120)


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write your comment before you send it.")})
    return body


@transaction.atomic
def comment_add(*, proposal: Proposal, by: User, section: str, body: str, quote: str = "") -> Comment:
    """An assigned mentor comments on one section of the latest version; the applicants are told."""
    if not permissions.comment_add_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    version = version_latest(proposal=proposal)
    if version is None:
        raise ValidationError(
            _("Comments are given on a version sent for mentor review, and this proposal has not been sent yet.")
        )
    if section not in SECTION_LABELS:
        raise ValidationError({"section": _("Choose the section your comment is about.")})
    comment = Comment.objects.create(
        proposal=proposal,
        version=version,
        section=section,
        quote=" ".join(quote.split())[:500],
        author=by,
        body=_clean_body(body),
    )
    label = SECTION_LABELS[section]
    activity_record(
        proposal=proposal,
        actor=by,
        verb=ActivityVerb.COMMENTED,
        detail=_("On %(section)s (version %(number)s)") % {"section": label, "number": version.number},
    )
    notify(
        recipients=proposal_people(proposal=proposal),
        kind=NotificationKind.FEEDBACK,
        message=_("%(name)s commented on %(section)s of “%(proposal)s”: %(excerpt)s")
        % {"name": by, "section": label, "proposal": proposal, "excerpt": _excerpt(comment.body)},
        url=feedback_url(proposal=proposal, version=version, comment=comment),
        actor=by,
    )
    return comment


def _thread_root(*, proposal: Proposal, comment: Comment) -> Comment:
    if comment.proposal_id != proposal.pk:
        raise PermissionDenied
    # One level of threading: a reply to a reply joins the thread of its first comment.
    return comment.parent if comment.parent_id else comment


@transaction.atomic
def comment_reply(*, proposal: Proposal, comment: Comment, by: User, body: str) -> Comment:
    """An applicant or mentor replies in `comment`'s thread.

    Everyone else who wrote in the thread is told and, when a mentor replies, every applicant; only
    people still on the proposal are told (a mentor who has left no longer hears of it).
    """
    if not permissions.comment_reply_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    root = _thread_root(proposal=proposal, comment=comment)
    reply = Comment.objects.create(
        proposal=proposal,
        version_id=root.version_id,
        section=root.section,
        parent=root,
        author=by,
        body=_clean_body(body),
    )
    label = SECTION_LABELS.get(root.section, root.section)
    activity_record(
        proposal=proposal,
        actor=by,
        verb=ActivityVerb.COMMENTED,
        detail=_("Replied on %(section)s") % {"section": label},
    )
    applicants = proposal_people(proposal=proposal)
    on_proposal = {
        person.pk: person
        for person in [*applicants, *proposal_people(proposal=proposal, applicants=False, mentors=True)]
    }
    in_thread = {root.author_id, *root.replies.values_list("author_id", flat=True)}
    recipients = [on_proposal[pk] for pk in in_thread if pk in on_proposal]
    if workflow.MENTOR in permissions.proposal_roles(user=by, proposal=proposal):
        recipients.extend(applicants)
    notify(
        recipients=recipients,
        kind=NotificationKind.REPLY,
        message=_("%(name)s replied about %(section)s of “%(proposal)s”: %(excerpt)s")
        % {"name": by, "section": label, "proposal": proposal, "excerpt": _excerpt(reply.body)},
        url=feedback_url(proposal=proposal, version=root.version, comment=root),
        actor=by,
    )
    return reply


@transaction.atomic
def comment_address(*, proposal: Proposal, comment: Comment, by: User) -> Comment:
    """An applicant marks a comment's thread as addressed. Marking it again changes nothing."""
    if not permissions.comment_address_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    root = _thread_root(proposal=proposal, comment=comment)
    if root.addressed_at is None:
        root.addressed_at = timezone.now()
        root.addressed_by = by
        root.addressed_in = None
        root.save(update_fields=["addressed_at", "addressed_by", "addressed_in"])
        activity_record(
            proposal=proposal,
            actor=by,
            verb=ActivityVerb.COMMENTED,
            detail=_("Marked a comment on %(section)s as addressed")
            % {"section": SECTION_LABELS.get(root.section, root.section)},
        )
    return root


@transaction.atomic
def comment_reopen(*, proposal: Proposal, comment: Comment, by: User) -> Comment:
    """An applicant opens an addressed thread again (it no longer counts as answered by any version)."""
    if not permissions.comment_address_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    root = _thread_root(proposal=proposal, comment=comment)
    if root.addressed_at is not None:
        root.addressed_at = None
        root.addressed_by = None
        root.addressed_in = None
        root.save(update_fields=["addressed_at", "addressed_by", "addressed_in"])
        activity_record(
            proposal=proposal,
            actor=by,
            verb=ActivityVerb.COMMENTED,
            detail=_("Reopened a comment on %(section)s") % {"section": SECTION_LABELS.get(root.section, root.section)},
        )
    return root


def review_missing(*, scores: dict[str, tuple[int | None, str]], recommendation: str) -> dict[str, str]:
    """What a review still needs before it can be submitted, as {field name: message} (empty when complete).

    Field names are those of grants.forms.feedback.ReviewForm: score_<criterion> and recommendation.
    """
    errors = {}
    for criterion in ReviewCriterion:
        score, _text = scores.get(criterion.value, (None, ""))
        if not score:
            errors[f"score_{criterion.value}"] = _("Choose a score for %(criterion)s.") % {
                "criterion": str(criterion.label).lower()
            }
    if not recommendation:
        errors["recommendation"] = _("Choose your overall recommendation.")
    return errors


@transaction.atomic
def review_save(
    *,
    proposal: Proposal,
    by: User,
    scores: dict[str, tuple[int | None, str]],
    recommendation: str = "",
    summary: str = "",
    submit: bool = False,
) -> Review:
    """An assigned mentor saves their review of the latest version: as a draft, or submitted.

    `scores` maps each criterion (ReviewCriterion value) to (score 1–5 or None, comment). A draft may
    be partial; submitting needs every score and the recommendation, tells the applicants and records
    the activity. A submitted review cannot be changed.
    """
    if not permissions.review_write_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    version = version_latest(proposal=proposal)
    if version is None:
        raise ValidationError(_("There is no version to review yet: the applicants have not sent it for review."))
    unknown = set(scores) - set(ReviewCriterion.values)
    bad_scores = [key for key, (score, _text) in scores.items() if score is not None and score not in VALID_SCORES]
    if unknown or bad_scores:
        raise ValidationError(_("Some scores were not recognised. Choose a score from 1 to 5."))
    if recommendation and recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Choose one of the recommendations listed.")})
    if submit and (missing := review_missing(scores=scores, recommendation=recommendation)):
        raise ValidationError(missing)
    review = Review.objects.select_for_update().filter(version=version, mentor=by).first()
    if review is not None and review.is_submitted:
        raise ValidationError(
            _("You have already submitted your review of version %(number)s, so it can no longer be changed.")
            % {"number": version.number}
        )
    if review is None:
        review = Review(proposal=proposal, version=version, mentor=by)
    review.recommendation = recommendation
    review.summary = summary.strip()
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    review.scores.all().delete()
    ReviewScore.objects.bulk_create(
        ReviewScore(review=review, criterion=criterion, score=score or None, text=text.strip())
        for criterion, (score, text) in scores.items()
        if score or text.strip()
    )
    if submit:
        recommendation_label = Recommendation(recommendation).label
        activity_record(
            proposal=proposal,
            actor=by,
            verb=ActivityVerb.REVIEWED,
            detail=_("Version %(number)s: %(recommendation)s")
            % {"number": version.number, "recommendation": recommendation_label},
        )
        notify(
            recipients=proposal_people(proposal=proposal),
            kind=NotificationKind.FEEDBACK,
            message=_("%(name)s has reviewed version %(number)s of “%(proposal)s”: %(recommendation)s.")
            % {"name": by, "number": version.number, "proposal": proposal, "recommendation": recommendation_label},
            url=reverse("grants:review_detail", args=[proposal.pk, review.pk]),
            actor=by,
        )
    return review
