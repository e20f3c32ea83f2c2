"""Feedback: comment threads anchored to sections, marking them addressed, and structured reviews."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Notification, NotificationKind
from grants.models import (
    ActivityVerb,
    Comment,
    ProposalState,
    ProposalVersion,
    Recommendation,
    Review,
    ReviewCriterion,
)
from grants.services.feedback import (
    comment_add,
    comment_address,
    comment_reopen,
    comment_reply,
    review_save,
)
from grants.services.mentoring import mentor_unassign
from tests.grants.factories import mentor_assign

pytestmark = pytest.mark.django_db

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
READERS = {"lead", "co_applicant", "mentor", "group_lead"}
CRITERIA = [c.value for c in ReviewCriterion]


def version_make(proposal, number: int = 1, **sections):
    """A frozen version made directly (the freeze service is tested on its own)."""
    return ProposalVersion.objects.create(
        proposal=proposal,
        number=number,
        content={"sections": {"methods": "A stepped-wedge trial in six PICUs.", **sections}},
    )


@pytest.fixture
def people(proposal_people):
    """The proposal people, the proposal now in mentor review with version 1 frozen."""
    proposal = proposal_people["proposal"]
    proposal.state = ProposalState.IN_REVIEW
    proposal.save(update_fields=["state"])
    version_make(proposal)
    return proposal_people


def _kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def _full_scores(score: int = 4):
    return {criterion: (score, f"About {criterion}.") for criterion in CRITERIA}


# Comments -----------------------------------------------------------------------------------------


def test_comment_goes_on_the_latest_version_and_tells_the_applicants(people):
    proposal, mentor = people["proposal"], people["mentor"]
    latest = version_make(proposal, number=2)
    comment = comment_add(proposal=proposal, by=mentor, section="methods", body=" Say how many. ", quote="six  PICUs")
    assert comment.version == latest and comment.section == "methods"
    assert comment.body == "Say how many." and comment.quote == "six PICUs"
    activity = proposal.activities.get(verb=ActivityVerb.COMMENTED)
    assert activity.actor == mentor and "Design and methods" in activity.detail
    assert _kinds(people["lead"]) == [NotificationKind.FEEDBACK]
    assert _kinds(people["co_applicant"]) == [NotificationKind.FEEDBACK]
    assert _kinds(mentor) == [] and _kinds(people["group_lead"]) == []
    assert f"version=2#comment-{comment.pk}" in Notification.objects.filter(recipient=people["lead"]).get().url


def test_comments_need_a_version_a_known_section_and_words(proposal_people):
    proposal, mentor = proposal_people["proposal"], proposal_people["mentor"]
    with pytest.raises(ValidationError, match="has not been sent yet"):
        comment_add(proposal=proposal, by=mentor, section="methods", body="Hello")
    version_make(proposal)
    with pytest.raises(ValidationError):
        comment_add(proposal=proposal, by=mentor, section="not_a_section", body="Hello")
    with pytest.raises(ValidationError):
        comment_add(proposal=proposal, by=mentor, section="methods", body="   ")
    assert not Comment.objects.exists()


@pytest.mark.parametrize("role", ["lead", "co_applicant", "other_mentor", "group_lead", "other_member"])
def test_only_assigned_mentors_start_threads(people, role):
    with pytest.raises(PermissionDenied):
        comment_add(proposal=people["proposal"], by=people[role], section="aims", body="Hello")


def test_replies_thread_one_level_and_tell_the_others(people):
    proposal, mentor, lead, co = people["proposal"], people["mentor"], people["lead"], people["co_applicant"]
    root = comment_add(proposal=proposal, by=mentor, section="aims", body="Too many objectives.")
    Notification.objects.all().delete()

    # The lead replies: the mentor who wrote the thread hears, the co-applicant (not in the thread) does not.
    first = comment_reply(proposal=proposal, comment=root, by=lead, body="We cut two.")
    assert first.parent == root and first.version == root.version and first.section == "aims"
    assert _kinds(mentor) == [NotificationKind.REPLY]
    assert _kinds(co) == [] and _kinds(lead) == []

    # A reply to the reply joins the first comment's thread.
    Notification.objects.all().delete()
    second = comment_reply(proposal=proposal, comment=first, by=co, body="And merged one.")
    assert second.parent == root
    assert set(Notification.objects.values_list("recipient", flat=True)) == {mentor.pk, lead.pk}

    # A mentor's reply goes to every applicant, and to others in the thread; never to the mentor.
    other = mentor_assign(proposal=proposal)
    comment_reply(proposal=proposal, comment=root, by=other, body="Agree.")
    Notification.objects.all().delete()
    comment_reply(proposal=proposal, comment=root, by=mentor, body="Thank you, much clearer.")
    assert set(Notification.objects.values_list("recipient", flat=True)) == {lead.pk, co.pk, other.pk}
    assert set(Notification.objects.values_list("kind", flat=True)) == {NotificationKind.REPLY}
    assert proposal.activities.filter(verb=ActivityVerb.COMMENTED).count() == 5


def test_a_mentor_who_has_left_hears_no_more(people):
    proposal, mentor, lead = people["proposal"], people["mentor"], people["lead"]
    root = comment_add(proposal=proposal, by=mentor, section="aims", body="Too many objectives.")
    mentor_unassign(proposal=proposal, mentor=mentor, by=people["group_lead"])
    Notification.objects.all().delete()
    comment_reply(proposal=proposal, comment=root, by=lead, body="We cut two.")
    assert not Notification.objects.filter(recipient=mentor).exists()


def test_group_leads_and_strangers_cannot_reply(people):
    root = comment_add(proposal=people["proposal"], by=people["mentor"], section="aims", body="Hello")
    for role in ("group_lead", "other_mentor", "other_member"):
        with pytest.raises(PermissionDenied):
            comment_reply(proposal=people["proposal"], comment=root, by=people[role], body="Hi")


def test_address_and_reopen(people):
    proposal, lead = people["proposal"], people["lead"]
    root = comment_add(proposal=proposal, by=people["mentor"], section="ppi", body="Who did you ask?")
    reply = comment_reply(proposal=proposal, comment=root, by=lead, body="Our parent panel.")
    addressed = comment_address(proposal=proposal, comment=reply, by=lead)  # a reply addresses its thread
    assert addressed == root
    root.refresh_from_db()
    assert root.is_addressed and root.addressed_by == lead
    when = root.addressed_at
    comment_address(proposal=proposal, comment=root, by=people["co_applicant"])  # already: nothing changes
    root.refresh_from_db()
    assert root.addressed_at == when and root.addressed_by == lead

    root.addressed_in = version_make(proposal, number=2)
    root.save(update_fields=["addressed_in"])
    comment_reopen(proposal=proposal, comment=root, by=lead)
    root.refresh_from_db()
    assert root.addressed_at is None and root.addressed_by is None and root.addressed_in is None
    details = list(proposal.activities.filter(verb=ActivityVerb.COMMENTED).values_list("detail", flat=True))
    assert any("addressed" in d for d in details) and any("Reopened" in d for d in details)


@pytest.mark.parametrize("role", ["mentor", "group_lead", "other_member"])
def test_only_applicants_mark_addressed(people, role):
    root = comment_add(proposal=people["proposal"], by=people["mentor"], section="ppi", body="Who?")
    with pytest.raises(PermissionDenied):
        comment_address(proposal=people["proposal"], comment=root, by=people[role])
    with pytest.raises(PermissionDenied):
        comment_reopen(proposal=people["proposal"], comment=root, by=people[role])


# The feedback page --------------------------------------------------------------------------------


def test_feedback_page_explains_when_there_is_no_version(client, proposal_people):
    client.force_login(proposal_people["lead"])
    content = client.get(reverse("grants:proposal_feedback", args=[proposal_people["proposal"].pk])).content.decode()
    assert "has not been sent for review yet" in content


def test_feedback_page_groups_threads_by_section_in_order(client, people):
    proposal, mentor, lead = people["proposal"], people["mentor"], people["lead"]
    comment_add(proposal=proposal, by=mentor, section="budget", body="Backfill is missing.")
    methods = comment_add(proposal=proposal, by=mentor, section="methods", body="Sample size?", quote="six PICUs")
    comment_reply(proposal=proposal, comment=methods, by=lead, body="We will add a calculation.")
    aims = comment_add(proposal=proposal, by=mentor, section="aims", body="Too many objectives.")
    comment_address(proposal=proposal, comment=aims, by=lead)
    aims.refresh_from_db()
    aims.addressed_in = version_make(proposal, number=2)
    aims.save(update_fields=["addressed_in"])

    client.force_login(lead)
    url = reverse("grants:proposal_feedback", args=[proposal.pk])
    content = client.get(url, {"version": 1}).content.decode()
    assert content.index('id="feedback-aims"') < content.index('id="feedback-methods"')
    assert content.index('id="feedback-methods"') < content.index('id="feedback-budget"')
    assert 'href="#feedback-methods"' in content  # the summary jumps to the section
    assert "2 open, 1 addressed." in content
    assert "We will add a calculation." in content and "“six PICUs”" in content
    assert f"Addressed by {lead} on" in content
    assert "Answered in" in content and "version 2</a>" in content
    assert "Mark as addressed" in content and "Reopen" in content
    assert "(lead applicant)" in content and "(mentor)" in content
    assert "A stepped-wedge trial in six PICUs." in content  # the section as sent
    # The latest version (2) has no comments yet; version 1 is still reachable.
    latest = client.get(url).content.decode()
    assert "There are no comments on version 2 yet." in latest
    assert client.get(url, {"version": 9}).status_code == 404
    assert client.get(url, {"version": "x"}).status_code == 404


def test_mentor_comments_from_the_page_and_errors_keep_the_text(client, people):
    proposal, mentor = people["proposal"], people["mentor"]
    client.force_login(mentor)
    url = reverse("grants:comment_add", args=[proposal.pk])
    response = client.post(url, {"section": "", "quote": "stepped-wedge", "body": "Why this design?"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Choose the section your comment is about." in content
    assert "Why this design?" in content and 'value="stepped-wedge"' in content
    response = client.post(url, {"section": "methods", "quote": "stepped-wedge", "body": "Why this design?"})
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"?version=1#comment-{comment.pk}")
    page = client.get(reverse("grants:proposal_feedback", args=[proposal.pk]), {"section": "ppi"}).content.decode()
    assert '<option value="ppi" selected>' in page


def test_an_empty_reply_is_refused_in_its_thread(client, people):
    proposal = people["proposal"]
    root = comment_add(proposal=proposal, by=people["mentor"], section="ppi", body="Who?")
    client.force_login(people["lead"])
    response = client.post(reverse("grants:comment_reply", args=[proposal.pk, root.pk]), {"body": "  "})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Your reply was not posted." in content
    assert f'id="reply-{root.pk}-error"' in content and '<details class="feedback-reply" open>' in content
    assert not root.replies.exists()


def test_feedback_page_lists_submitted_reviews_only(client, people):
    proposal, mentor = people["proposal"], people["mentor"]
    review_save(proposal=proposal, by=mentor, scores=_full_scores(4), recommendation=Recommendation.MINOR, submit=True)
    other = mentor_assign(proposal=proposal)
    review_save(proposal=proposal, by=other, scores={"design": (2, "")}, recommendation=Recommendation.MAJOR)
    client.force_login(people["lead"])
    content = client.get(reverse("grants:proposal_feedback", args=[proposal.pk])).content.decode()
    assert "Minor revisions" in content and "Average score 4.0 out of 5" in content
    assert "Major revisions" not in content and escape(str(other)) not in content


# Reviews ------------------------------------------------------------------------------------------


def test_draft_may_be_partial_and_keeps_comments_without_scores(people):
    proposal, mentor = people["proposal"], people["mentor"]
    review = review_save(
        proposal=proposal, by=mentor, scores={"design": (3, "Fine."), "ppi": (None, "Ask parents sooner.")}
    )
    assert not review.is_submitted and review.recommendation == ""
    stored = {s.criterion: (s.score, s.text) for s in review.scores.all()}
    assert stored == {"design": (3, "Fine."), "ppi": (None, "Ask parents sooner.")}
    assert not proposal.activities.filter(verb=ActivityVerb.REVIEWED).exists()
    assert Notification.objects.count() == 0
    # Saving again replaces the draft's answers.
    review_save(proposal=proposal, by=mentor, scores={"design": (4, "")}, summary="Promising.")
    review.refresh_from_db()
    assert {s.criterion: s.score for s in review.scores.all()} == {"design": 4} and review.summary == "Promising."


def test_submit_needs_every_score_and_the_recommendation(people):
    proposal, mentor = people["proposal"], people["mentor"]
    with pytest.raises(ValidationError) as caught:
        review_save(proposal=proposal, by=mentor, scores={"design": (3, "")}, submit=True)
    assert set(caught.value.message_dict) == {f"score_{c}" for c in CRITERIA if c != "design"} | {"recommendation"}
    with pytest.raises(ValidationError):
        review_save(proposal=proposal, by=mentor, scores={"design": (9, "")})
    assert not Review.objects.exists()


def test_submit_records_tells_the_applicants_and_locks_the_review(people):
    proposal, mentor = people["proposal"], people["mentor"]
    review = review_save(
        proposal=proposal, by=mentor, scores=_full_scores(5), recommendation=Recommendation.READY, submit=True
    )
    assert review.is_submitted and review.version.number == 1
    activity = proposal.activities.get(verb=ActivityVerb.REVIEWED)
    assert activity.actor == mentor and "Ready to submit" in activity.detail
    assert _kinds(people["lead"]) == [NotificationKind.FEEDBACK] == _kinds(people["co_applicant"])
    assert _kinds(mentor) == []
    with pytest.raises(ValidationError, match="already submitted"):
        review_save(proposal=proposal, by=mentor, scores=_full_scores(1), recommendation=Recommendation.MAJOR)
    # A new version can be reviewed afresh.
    version_make(proposal, number=2)
    again = review_save(proposal=proposal, by=mentor, scores={"design": (2, "")})
    assert again.pk != review.pk and again.version.number == 2


@pytest.mark.parametrize("role", ["lead", "co_applicant", "other_mentor", "group_lead", "other_member"])
def test_only_assigned_mentors_review(people, role):
    with pytest.raises(PermissionDenied):
        review_save(proposal=people["proposal"], by=people[role], scores={})


def _form_data(scores: dict | None = None, **extra):
    data = {"recommendation": "", "summary": ""}
    for criterion in CRITERIA:
        score, text = (scores or {}).get(criterion, (None, ""))
        if score:
            data[f"score_{criterion}"] = str(score)
        data[f"text_{criterion}"] = text
    data.update(extra)
    return data


def test_review_form_shows_errors_by_the_questions_and_keeps_everything(client, people):
    proposal, mentor = people["proposal"], people["mentor"]
    client.force_login(mentor)
    url = reverse("grants:review_edit", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert page.count("<fieldset") == len(CRITERIA) + 1 and "<legend" in page
    assert 'type="radio" name="score_design" value="5"' in page
    data = _form_data({"design": (3, "Strong design."), "ppi": (None, "Involve parents.")}, summary="Good start.")
    response = client.post(url, {**data, "submit": "1"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "Choose a score for importance of the question." in content
    assert 'href="#id_score_importance_0"' in content
    assert 'aria-describedby="id_score_importance-error"' in content
    assert "Choose your overall recommendation." in content
    assert "Strong design." in content and "Involve parents." in content and "Good start." in content
    assert 'id="id_score_design_2" checked' in content
    assert not Review.objects.exists()

    # Saving the same as a draft works, and the form comes back filled in.
    response = client.post(url, {**data, "save": "1"})
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "Strong design." in page and "Involve parents." in page

    response = client.post(url, {**_form_data(_full_scores(4), recommendation="minor"), "submit": "1"})
    review = Review.objects.get()
    assert review.is_submitted
    assert response["Location"] == reverse("grants:review_detail", args=[proposal.pk, review.pk])
    # Submitted: read-only from now on.
    assert client.get(url)["Location"] == reverse("grants:review_detail", args=[proposal.pk, review.pk])
    content = client.get(response["Location"]).content.decode()
    assert "Minor revisions" in content and "4 – Good" in content and "About design." in content


def test_review_page_explains_when_there_is_no_version(client, proposal_people):
    client.force_login(proposal_people["mentor"])
    response = client.get(reverse("grants:review_edit", args=[proposal_people["proposal"].pk]))
    assert response.status_code == 200 and "There is nothing to review yet" in response.content.decode()


# Who may do what ----------------------------------------------------------------------------------


def _as(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


def _expect(response, role, allowed: bool, ok_status: int = 302):
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif allowed:
        assert response.status_code == ok_status
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_feedback_page_matrix(client, people, role):
    comment_add(proposal=people["proposal"], by=people["mentor"], section="aims", body="A confidential remark.")
    _as(client, people, role)
    response = client.get(reverse("grants:proposal_feedback", args=[people["proposal"].pk]))
    _expect(response, role, role in READERS, ok_status=200)
    assert ("A confidential remark." in response.content.decode()) == (role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_comment_add_matrix(client, people, role):
    _as(client, people, role)
    response = client.post(
        reverse("grants:comment_add", args=[people["proposal"].pk]), {"section": "aims", "body": "Hello"}
    )
    _expect(response, role, role == "mentor")
    assert Comment.objects.exists() == (role == "mentor")


@pytest.mark.parametrize("role", ROLES)
def test_reply_matrix(client, people, role):
    root = comment_add(proposal=people["proposal"], by=people["mentor"], section="aims", body="Hello")
    _as(client, people, role)
    response = client.post(reverse("grants:comment_reply", args=[people["proposal"].pk, root.pk]), {"body": "Hi"})
    allowed = role in {"lead", "co_applicant", "mentor"}
    _expect(response, role, allowed)
    assert root.replies.exists() == allowed


@pytest.mark.parametrize("role", ROLES)
def test_mark_addressed_matrix(client, people, role):
    root = comment_add(proposal=people["proposal"], by=people["mentor"], section="aims", body="Hello")
    _as(client, people, role)
    response = client.post(reverse("grants:comment_address", args=[people["proposal"].pk, root.pk]))
    allowed = role in {"lead", "co_applicant"}
    _expect(response, role, allowed)
    root.refresh_from_db()
    assert root.is_addressed == allowed
    if allowed:
        response = client.post(reverse("grants:comment_reopen", args=[people["proposal"].pk, root.pk]))
        root.refresh_from_db()
        assert response.status_code == 302 and not root.is_addressed


@pytest.mark.parametrize("role", ROLES)
def test_review_edit_matrix(client, people, role):
    _as(client, people, role)
    url = reverse("grants:review_edit", args=[people["proposal"].pk])
    _expect(client.get(url), role, role == "mentor", ok_status=200)
    response = client.post(url, {**_form_data({"design": (3, "")}), "save": "1"})
    _expect(response, role, role == "mentor")
    assert Review.objects.exists() == (role == "mentor")


@pytest.mark.parametrize("role", ROLES)
def test_review_detail_matrix(client, people, role):
    proposal, mentor = people["proposal"], people["mentor"]
    submitted = review_save(
        proposal=proposal, by=mentor, scores=_full_scores(3), recommendation=Recommendation.MAJOR, submit=True
    )
    other = mentor_assign(proposal=proposal)
    draft = review_save(proposal=proposal, by=other, scores={"design": (2, "Draft words.")})
    people = {**people, "draft_author": other}
    _as(client, people, role)
    response = client.get(reverse("grants:review_detail", args=[proposal.pk, submitted.pk]))
    _expect(response, role, role in READERS, ok_status=200)
    response = client.get(reverse("grants:review_detail", args=[proposal.pk, draft.pk]))
    _expect(response, role, False, ok_status=200)  # the draft's author is not among the fixture's roles
    assert "Draft words." not in response.content.decode()


def test_the_draft_author_sees_their_draft(client, people):
    proposal, mentor = people["proposal"], people["mentor"]
    draft = review_save(proposal=proposal, by=mentor, scores={"design": (2, "Draft words.")})
    client.force_login(mentor)
    content = client.get(reverse("grants:review_detail", args=[proposal.pk, draft.pk])).content.decode()
    assert "Draft words." in content and "Only you can see this review" in content
    assert "Not scored yet" in content


def test_reviews_of_another_proposal_are_not_found(client, people, proposal_people):
    from tests.grants.factories import proposal_make

    elsewhere = proposal_make()
    mentor_assign(proposal=elsewhere, mentor=people["mentor"])
    version_make(elsewhere)
    review = review_save(
        proposal=elsewhere, by=people["mentor"], scores=_full_scores(3), recommendation="major", submit=True
    )
    client.force_login(people["lead"])
    assert client.get(reverse("grants:review_detail", args=[people["proposal"].pk, review.pk])).status_code == 404


def test_comments_on_another_proposal_are_not_found(client, people):
    from tests.grants.factories import proposal_make

    elsewhere = proposal_make()
    mentor_assign(proposal=elsewhere, mentor=people["mentor"])
    version_make(elsewhere)
    foreign = comment_add(proposal=elsewhere, by=people["mentor"], section="aims", body="Elsewhere")
    client.force_login(people["lead"])
    for name in ("comment_reply", "comment_address"):
        response = client.post(reverse(f"grants:{name}", args=[people["proposal"].pk, foreign.pk]), {"body": "x"})
        assert response.status_code == 404
    foreign.refresh_from_db()
    assert not foreign.is_addressed and not foreign.replies.exists()


# Query counts -------------------------------------------------------------------------------------


def _page_queries(client, django_assert_max_num_queries, url, budget=30):
    client.get(url)  # warm the session and site caches
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["lead", "mentor"])
def test_feedback_page_queries_do_not_grow_with_comments(client, people, role, django_assert_max_num_queries):
    proposal, mentor, lead = people["proposal"], people["mentor"], people["lead"]
    comment_add(proposal=proposal, by=mentor, section="aims", body="One")
    review_save(proposal=proposal, by=mentor, scores=_full_scores(3), recommendation="major", submit=True)
    client.force_login(people[role])
    url = reverse("grants:proposal_feedback", args=[proposal.pk])
    small = _page_queries(client, django_assert_max_num_queries, url)
    other = mentor_assign(proposal=proposal)
    review_save(proposal=proposal, by=other, scores=_full_scores(4), recommendation="minor", submit=True)
    for index, section in enumerate(["methods", "ppi", "budget", "timeline", "aims"]):
        root = comment_add(proposal=proposal, by=other if index % 2 else mentor, section=section, body=f"Note {index}")
        comment_reply(proposal=proposal, comment=root, by=lead, body="Thanks")
        comment_reply(proposal=proposal, comment=root, by=people["co_applicant"], body="Will do")
        if index % 2:
            comment_address(proposal=proposal, comment=root, by=lead)
    assert _page_queries(client, django_assert_max_num_queries, url) == small


def test_overview_panel_counts_open_comments_and_shows_the_latest_review(client, people):
    proposal, mentor, lead = people["proposal"], people["mentor"], people["lead"]
    first = comment_add(proposal=proposal, by=mentor, section="aims", body="One")
    comment_add(proposal=proposal, by=mentor, section="ppi", body="Two")
    comment_add(proposal=proposal, by=mentor, section="methods", body="Three")
    comment_reply(proposal=proposal, comment=first, by=lead, body="Reply")  # replies are not counted
    comment_address(proposal=proposal, comment=first, by=lead)
    review_save(proposal=proposal, by=mentor, scores=_full_scores(3), recommendation="minor", submit=True)
    Review.objects.update(submitted_at=timezone.now())
    client.force_login(lead)
    content = client.get(proposal.get_absolute_url()).content.decode()
    assert "2 open comments" in content
    assert "Latest review:" in content and "Minor revisions" in content


def test_a_new_version_review_starts_from_the_last_one(client, people):
    proposal, mentor = people["proposal"], people["mentor"]
    review_save(
        proposal=proposal,
        by=mentor,
        scores=_full_scores(3),
        recommendation="major",
        summary="Tighten aims.",
        submit=True,
    )
    version_make(proposal, number=2)
    client.force_login(mentor)
    content = client.get(reverse("grants:review_edit", args=[proposal.pk])).content.decode()
    assert "Your review of version 2" in content
    assert "We have filled in your review of version 1" in content
    assert "Tighten aims." in content and 'id="id_score_design_2" checked' in content
