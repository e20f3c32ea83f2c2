"""Versions: what a freeze holds, the comments it answers, the word diff, and the versions/compare/activity pages."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from grants.diff import diff_words
from grants.models import ActivityVerb, BudgetCategory, BudgetLine, Comment, ProposalSection, ProposalVersion
from grants.sections import SECTION_KEYS
from grants.selectors.versions import budget_compare
from grants.services.activity import activity_record
from grants.services.versions import proposal_version_freeze
from tests.accounts.factories import LearnerFactory
from tests.grants.factories import mentor_assign, proposal_make

pytestmark = pytest.mark.django_db

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
READERS = {"lead", "co_applicant", "mentor", "group_lead"}


def _write(proposal, key, text):
    ProposalSection.objects.filter(proposal=proposal, key=key).update(text=text)


def _comment(proposal, version, *, section="methods", addressed=False, author=None, body="Say how many children."):
    return Comment.objects.create(
        proposal=proposal,
        version=version,
        section=section,
        author=author,
        body=body,
        addressed_at=timezone.now() if addressed else None,
    )


# Freezing ----------------------------------------------------------------------------------


def test_freeze_holds_everything_a_reviewer_saw(proposal_people):
    proposal, lead = proposal_people["proposal"], proposal_people["lead"]
    proposal.topics.set(["sepsis", "Early warning"])
    BudgetLine.objects.create(
        proposal=proposal,
        category=BudgetCategory.PPI,
        description="Parent panel vouchers",
        cost="450.50",
        justification="Six meetings",
    )
    version = proposal_version_freeze(proposal=proposal, by=lead)
    assert version.number == 1 and version.created_by == lead
    content = version.content
    assert set(content) == {
        "title",
        "call",
        "topics",
        "sections",
        "budget",
        "budget_total",
        "implementation_plan",
    }
    assert content["title"] == proposal.title and content["call"] == ""
    assert content["topics"] == ["Early warning", "sepsis"]
    assert set(content["sections"]) == set(SECTION_KEYS)
    assert content["sections"]["aims"] == "Our aims and objectives in a few clear words."
    assert content["budget"] == [
        {
            "category": "staff",
            "category_label": "Staff",
            "description": "Research nurse, 0.2 WTE",
            "cost": "12000.00",
            "justification": "",
        },
        {
            "category": "ppi",
            "category_label": "Patient and public involvement",
            "description": "Parent panel vouchers",
            "cost": "450.50",
            "justification": "Six meetings",
        },
    ]
    assert content["budget_total"] == "12450.50"
    assert content["implementation_plan"] == {}
    assert proposal.activities.filter(verb=ActivityVerb.VERSION_FROZEN, detail="Version 1").exists()
    # Later changes don't touch it; the next freeze takes the next number.
    _write(proposal, "aims", "Changed")
    second = proposal_version_freeze(proposal=proposal, by=lead)
    version.refresh_from_db()
    assert version.section_text("aims") != "Changed" and second.section_text("aims") == "Changed"
    assert second.number == 2


def test_freeze_records_which_comments_it_answers(proposal_people):
    proposal, lead, mentor = proposal_people["proposal"], proposal_people["lead"], proposal_people["mentor"]
    first = proposal_version_freeze(proposal=proposal, by=lead)
    addressed = _comment(proposal, first, addressed=True, author=mentor)
    open_comment = _comment(proposal, first, author=mentor)
    earlier = _comment(proposal, first, addressed=True, author=mentor)
    earlier.addressed_in = first
    earlier.save()
    second = proposal_version_freeze(proposal=proposal, by=lead)
    addressed.refresh_from_db()
    open_comment.refresh_from_db()
    earlier.refresh_from_db()
    assert addressed.addressed_in == second
    assert open_comment.addressed_in is None
    assert earlier.addressed_in == first


def test_only_applicants_freeze(proposal_people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        proposal_version_freeze(proposal=proposal_people["proposal"], by=proposal_people["mentor"])


# The word diff -----------------------------------------------------------------------------


def test_diff_marks_words_added_and_removed_with_labels():
    diff = diff_words("We will recruit 40 children.", "We will recruit 60 children in two units.")
    assert diff.changed and diff.added == 4 and diff.removed == 1
    assert "<del" in diff.html and "<ins" in diff.html
    assert '<span class="visually-hidden">[removed: </span>40' in diff.html
    assert '<span class="visually-hidden">[added: </span>60' in diff.html
    assert diff.html.startswith("We will recruit ")


def test_diff_escapes_html_and_keeps_line_breaks():
    diff = diff_words("First <b>para</b>.\n\nSecond.", "First <b>para</b>.\n\nSecond & third.")
    assert "&lt;b&gt;para&lt;/b&gt;." in diff.html and "<b>" not in diff.html
    assert "<br>" in diff.html
    assert "&amp;" in diff.html


def test_diff_ignores_spacing_and_notices_nothing_changed():
    diff = diff_words("One  two\nthree", "One two\nthree ")
    assert not diff.changed and diff.html == "One two<br>\nthree"
    assert not diff_words("", "").changed
    assert diff_words("", "New text").added == 2


def test_diff_compares_punctuation_on_its_own():
    diff = diff_words("A survey of nurses.", "A survey of 200 nurses in 12 units.")
    assert diff.removed == 0 and diff.added == 4
    assert diff.html.endswith("</ins>.")
    comma = diff_words("Hello world", "Hello, world")
    assert comma.changed and comma.added == 0


def test_budget_comparison():
    old = {
        "budget": [
            {"category": "staff", "description": "Research nurse", "cost": "12000.00", "justification": ""},
            {"category": "travel", "description": "Conference", "cost": "800.00", "justification": ""},
            {"category": "ppi", "description": "Vouchers", "cost": "300.00", "justification": "Six"},
        ],
        "budget_total": "13100.00",
    }
    new = {
        "budget": [
            {"category": "staff", "description": "Research nurse", "cost": "14000.00", "justification": ""},
            {"category": "ppi", "description": "Vouchers", "cost": "300.00", "justification": "Eight"},
            {"category": "consumables", "description": "Printing", "cost": "100.00", "justification": ""},
        ],
        "budget_total": "14400.00",
    }
    result = budget_compare(old, new)
    kinds = {line.description: line.kind for line in result.lines}
    assert kinds == {"Research nurse": "changed", "Vouchers": "changed", "Printing": "added", "Conference": "removed"}
    nurse = next(line for line in result.lines if line.description == "Research nurse")
    assert nurse.difference == Decimal("2000.00")
    assert result.total_difference == Decimal("1300.00")
    assert result.counts == {"changed": 2, "added": 1, "removed": 1}


# Pages -------------------------------------------------------------------------------------


@pytest.fixture
def versioned(proposal_people):
    """The fixture's proposal with two versions: the methods and budget changed between them, one comment answered."""
    proposal, lead, mentor = proposal_people["proposal"], proposal_people["lead"], proposal_people["mentor"]
    _write(proposal, "methods", "A survey of nurses.")
    first = proposal_version_freeze(proposal=proposal, by=lead)
    comment = _comment(proposal, first, addressed=True, author=mentor, body="What is the sample size?")
    _write(proposal, "methods", "A survey of 200 nurses in 12 units.")
    BudgetLine.objects.create(proposal=proposal, category=BudgetCategory.TRAVEL, description="Train fares", cost="90")
    second = proposal_version_freeze(proposal=proposal, by=lead)
    _write(proposal, "aims", "Aims rewritten after the second review.")
    return {**proposal_people, "first": first, "second": second, "comment": comment}


def _pages(proposal):
    return {
        "versions": reverse("grants:proposal_versions", args=[proposal.pk]),
        "version_detail": reverse("grants:version_detail", args=[proposal.pk, 1]),
        "compare": reverse("grants:proposal_compare", args=[proposal.pk]) + "?from=1&to=2",
        "activity": reverse("grants:proposal_activity", args=[proposal.pk]),
    }


@pytest.mark.parametrize("page", ["versions", "version_detail", "compare", "activity"])
@pytest.mark.parametrize("role", ROLES)
def test_pages_are_for_readers_only(client, versioned, role, page):
    proposal = versioned["proposal"]
    if versioned[role] is not None:
        client.force_login(versioned[role])
    response = client.get(_pages(proposal)[page])
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in READERS:
        assert response.status_code == 200
    else:
        assert response.status_code == 404
        assert proposal.title not in response.content.decode()


def test_versions_page_lists_and_offers_to_compare(client, versioned):
    proposal = versioned["proposal"]
    client.force_login(versioned["lead"])
    content = client.get(reverse("grants:proposal_versions", args=[proposal.pk])).content.decode()
    assert "Version 2" in content and "Version 1" in content and escape(str(versioned["lead"])) in content
    assert "?from=2&amp;to=current" in content  # the draft against the latest version
    # The compare form starts on the last two.
    assert '<option value="1" selected>' in content and '<option value="2" selected>' in content


def test_version_detail_shows_the_frozen_text_and_the_comments_it_answered(client, versioned):
    proposal = versioned["proposal"]
    client.force_login(versioned["co_applicant"])
    second = client.get(reverse("grants:version_detail", args=[proposal.pk, 2])).content.decode()
    assert "A survey of 200 nurses in 12 units." in second and "Aims rewritten" not in second
    assert "Train fares" in second and "£12,090.00" in second
    assert "What is the sample size?" in second and "Design and methods" in second
    first = client.get(reverse("grants:version_detail", args=[proposal.pk, 1])).content.decode()
    assert "A survey of nurses." in first and "What is the sample size?" not in first


def test_compare_two_versions(client, versioned):
    proposal = versioned["proposal"]
    client.force_login(versioned["mentor"])
    url = reverse("grants:proposal_compare", args=[proposal.pk])
    response = client.get(url + "?from=2&to=1")  # given the wrong way round: still older first
    content = response.content.decode()
    assert response.status_code == 200
    assert "What changed from version 1 to version 2" in content
    assert "[added: </span>200" in content and "[removed: " not in content
    assert "No changes" in content  # e.g. the lay summary
    assert "1 of 10 sections changed" in content
    assert "Train fares" in content and "Added" in content
    assert "£12,000.00" in content and "£12,090.00" in content
    assert "What is the sample size?" in content


def test_compare_with_the_current_draft(client, versioned):
    proposal = versioned["proposal"]
    client.force_login(versioned["lead"])
    content = client.get(reverse("grants:proposal_compare", args=[proposal.pk]) + "?from=2&to=current").content.decode()
    assert "to the current draft" in content and "Aims rewritten" in content


@pytest.mark.parametrize("query", ["?from=3&to=1", "?from=1&to=9", "?from=x&to=1", "?from=1&to=latest", "?to=1"])
def test_compare_bad_numbers_are_404(client, versioned, query):
    client.force_login(versioned["lead"])
    assert client.get(reverse("grants:proposal_compare", args=[versioned["proposal"].pk]) + query).status_code == 404


def test_compare_the_same_version_asks_again(client, versioned):
    client.force_login(versioned["lead"])
    response = client.get(reverse("grants:proposal_compare", args=[versioned["proposal"].pk]) + "?from=2&to=2")
    assert response.status_code == 200
    assert "Choose two different versions to compare." in response.content.decode()


def test_bad_version_number_is_404(client, versioned):
    client.force_login(versioned["lead"])
    assert client.get(reverse("grants:version_detail", args=[versioned["proposal"].pk, 3])).status_code == 404


def test_no_versions_yet(client, proposal_people):
    proposal = proposal_people["proposal"]
    client.force_login(proposal_people["lead"])
    assert "No versions yet" in client.get(reverse("grants:proposal_versions", args=[proposal.pk])).content.decode()
    response = client.get(reverse("grants:proposal_compare", args=[proposal.pk]))
    assert response.status_code == 302


def test_activity_page_is_paginated(client, proposal_people):
    proposal = proposal_people["proposal"]
    for n in range(60):
        activity_record(proposal=proposal, actor=proposal_people["lead"], verb=ActivityVerb.COMMENTED, detail=f"p{n}")
    client.force_login(proposal_people["mentor"])
    url = reverse("grants:proposal_activity", args=[proposal.pk])
    first = client.get(url).content.decode()
    assert "(p59)" in first and "(p9)" not in first and "Page 1 of 2" in first
    second = client.get(url + "?page=2").content.decode()
    assert "(p9)" in second and "created the proposal" in second
    overview = client.get(proposal.get_absolute_url()).content.decode()
    assert f'href="{url}"' in overview


# Query counts ------------------------------------------------------------------------------


def _queries(client, url, django_assert_max_num_queries, budget=40):
    client.get(url)
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(proposal, lead, mentor, versions=5):
    for n in range(versions):
        _write(proposal, "methods", f"Methods, draft {n}.")
        version = proposal_version_freeze(proposal=proposal, by=lead)
        _comment(proposal, version, addressed=True, author=mentor, section="aims")
        _comment(proposal, version, addressed=False, author=mentor, section="budget")
        activity_record(proposal=proposal, actor=lead, verb=ActivityVerb.COMMENTED)


@pytest.mark.parametrize("page", ["versions", "version_detail", "compare", "compare_current", "activity"])
def test_page_queries_do_not_grow(client, django_assert_max_num_queries, page):
    lead = LearnerFactory()
    proposal = proposal_make(lead=lead, complete=True)
    mentor = mentor_assign(proposal=proposal)
    _grow(proposal, lead, mentor, versions=2)
    urls = {
        "versions": reverse("grants:proposal_versions", args=[proposal.pk]),
        "version_detail": reverse("grants:version_detail", args=[proposal.pk, 2]),
        "compare": reverse("grants:proposal_compare", args=[proposal.pk]) + "?from=1&to=2",
        "compare_current": reverse("grants:proposal_compare", args=[proposal.pk]) + "?from=2&to=current",
        "activity": reverse("grants:proposal_activity", args=[proposal.pk]),
    }
    client.force_login(lead)
    small = _queries(client, urls[page], django_assert_max_num_queries)
    _grow(proposal, lead, mentor, versions=6)
    # Many comments answered by version 2, on several sections.
    first, second = ProposalVersion.objects.filter(proposal=proposal, number__in=[1, 2]).order_by("number")
    for section in ("title", "methods", "budget", "ppi"):
        _comment(proposal, first, author=mentor, section=section)
    Comment.objects.filter(proposal=proposal).update(addressed_at=timezone.now(), addressed_in=second)
    assert _queries(client, urls[page], django_assert_max_num_queries) == small
