"""Proposal PDF exports: who may ask for, see and download one, and what the PDF says."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from grants.models import (
    ActivityVerb,
    BudgetCategory,
    BudgetLine,
    CoApplicant,
    ProposalAttachment,
    ProposalExport,
    ProposalSection,
)
from grants.pdf import budget_groups, proposal_export_pdf_store, proposal_html, proposal_pdf_render
from grants.sections import TEXT_SECTIONS
from grants.services.exports import proposal_export_request
from tests.grants.factories import FundingCallIndexPageFactory, FundingCallPageFactory, proposal_make

pytestmark = pytest.mark.django_db

READERS = {"lead", "co_applicant", "mentor", "group_lead"}
ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]


def login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


def detail_url(export) -> str:
    return reverse("grants:export_detail", args=[export.proposal_id, export.pk])


def download_url(export) -> str:
    return reverse("grants:export_download", args=[export.proposal_id, export.pk])


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def expect_denied(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 404


@pytest.fixture
def built_export(proposal_people, django_capture_on_commit_callbacks):
    """A finished PDF of the fixture's proposal, asked for by the lead applicant."""
    with django_capture_on_commit_callbacks(execute=True):
        export = proposal_export_request(proposal=proposal_people["proposal"], by=proposal_people["lead"])
    export.refresh_from_db()
    assert export.is_ready
    return export


# Who may do what -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_asking_for_a_pdf(client, proposal_people, role, django_capture_on_commit_callbacks):
    proposal = proposal_people["proposal"]
    login(client, proposal_people, role)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("grants:proposal_export", args=[proposal.pk]))
    if role in READERS:
        export = ProposalExport.objects.get(proposal=proposal)
        assert export.requested_by == proposal_people[role]
        assert response.status_code == 302 and response["Location"] == detail_url(export)
        assert len(callbacks) == 1  # the build is queued after commit, never done in the request
        assert not export.is_ready
        activity = proposal.activities.get(verb=ActivityVerb.EXPORTED)
        assert activity.actor == proposal_people[role]
    else:
        expect_denied(response, role)
        assert not ProposalExport.objects.exists()
        assert not proposal.activities.filter(verb=ActivityVerb.EXPORTED).exists()


def test_asking_needs_post(client, proposal_people):
    client.force_login(proposal_people["lead"])
    response = client.get(reverse("grants:proposal_export", args=[proposal_people["proposal"].pk]))
    assert response.status_code == 405
    assert not ProposalExport.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_status_page_of_an_export_someone_else_asked_for(client, proposal_people, built_export, role):
    login(client, proposal_people, role)
    response = client.get(detail_url(built_export))
    if role in READERS:
        content = response.content.decode()
        assert response.status_code == 200
        assert content.count("<h1") == 1
        assert "Your PDF is ready" in content and download_url(built_export) in content
    else:
        expect_denied(response, role)
        assert proposal_people["proposal"].title.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_downloading(client, proposal_people, built_export, role):
    login(client, proposal_people, role)
    response = client.get(download_url(built_export))
    if role in READERS:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert re.match(
            r'attachment; filename="nurse-led-early-warning-for-sepsis-in-picu-\d{4}-\d\d-\d\d\.pdf"',
            response["Content-Disposition"],
        )
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    else:
        expect_denied(response, role)


def test_removed_co_applicant_loses_access_to_exports(client, proposal_people, built_export):
    CoApplicant.objects.filter(user=proposal_people["co_applicant"]).delete()
    client.force_login(proposal_people["co_applicant"])
    assert client.get(detail_url(built_export)).status_code == 404
    assert client.get(download_url(built_export)).status_code == 404


def test_an_export_is_only_found_under_its_own_proposal(client, proposal_people, built_export):
    other = proposal_make(lead=proposal_people["lead"])
    client.force_login(proposal_people["lead"])
    assert client.get(reverse("grants:export_detail", args=[other.pk, built_export.pk])).status_code == 404
    assert client.get(reverse("grants:export_download", args=[other.pk, built_export.pk])).status_code == 404


def test_while_being_prepared_the_page_says_so_and_download_waits(
    client, proposal_people, django_capture_on_commit_callbacks
):
    client.force_login(proposal_people["mentor"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("grants:proposal_export", args=[proposal_people["proposal"].pk]))
    export = ProposalExport.objects.get()
    waiting = client.get(response["Location"]).content.decode()
    assert "being prepared" in waiting and 'role="status"' in waiting
    assert f'href="{detail_url(export)}"' in waiting  # the same page, to check again
    assert download_url(export) not in waiting
    assert client.get(download_url(export))["Location"] == detail_url(export)
    for callback in callbacks:
        callback()
    ready = client.get(detail_url(export)).content.decode()
    assert "Your PDF is ready" in ready and download_url(export) in ready


def test_a_double_click_reuses_the_export_being_prepared(client, proposal_people, django_capture_on_commit_callbacks):
    client.force_login(proposal_people["lead"])
    url = reverse("grants:proposal_export", args=[proposal_people["proposal"].pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = client.post(url)
        second = client.post(url)
    assert first["Location"] == second["Location"]
    assert ProposalExport.objects.count() == 1 and len(callbacks) == 1
    assert proposal_people["proposal"].activities.filter(verb=ActivityVerb.EXPORTED).count() == 1


def test_storing_twice_keeps_the_built_pdf(built_export):
    name = built_export.pdf.name
    assert proposal_export_pdf_store(export_id=built_export.pk) == name


# The overview panel --------------------------------------------------------------------------


def test_overview_offers_the_export_and_the_latest_pdf(client, proposal_people, built_export):
    client.force_login(proposal_people["group_lead"])
    content = client.get(reverse("grants:proposal_detail", args=[proposal_people["proposal"].pk])).content.decode()
    assert f'action="{reverse("grants:proposal_export", args=[proposal_people["proposal"].pk])}"' in content
    assert "Export as PDF" in content
    assert download_url(built_export) in content


def test_overview_mentions_the_members_pdf_being_prepared(client, proposal_people, django_capture_on_commit_callbacks):
    client.force_login(proposal_people["lead"])
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("grants:proposal_export", args=[proposal_people["proposal"].pk]))
    export = ProposalExport.objects.get()
    content = client.get(reverse("grants:proposal_detail", args=[export.proposal_id])).content.decode()
    assert "A PDF is being prepared" in content and detail_url(export) in content
    client.force_login(proposal_people["mentor"])  # someone else's pending PDF is not theirs to wait for
    content = client.get(reverse("grants:proposal_detail", args=[export.proposal_id])).content.decode()
    assert "A PDF is being prepared" not in content


# What the PDF says ---------------------------------------------------------------------------


@pytest.fixture
def full_proposal(site_pages, proposal_people):
    index = FundingCallIndexPageFactory(parent=site_pages["home"])
    call = FundingCallPageFactory(parent=index, title="RfPB spring competition", default_word_limit=400)
    proposal = proposal_people["proposal"]
    proposal.call = call
    proposal.save()
    ProposalSection.objects.filter(proposal=proposal, key="background").update(
        text="Sepsis is a leading cause of death in children.\n\nEarly recognition saves lives."
    )
    ProposalSection.objects.filter(proposal=proposal, key="references").update(text="Smith J. Sepsis in PICU. 2024.")
    BudgetLine.objects.create(
        proposal=proposal, category=BudgetCategory.STAFF, description="Data manager", cost="3000.50"
    )
    BudgetLine.objects.create(
        proposal=proposal, category=BudgetCategory.PPI, description="Parent advisory group", cost="750.00"
    )
    ProposalAttachment.objects.create(
        proposal=proposal,
        file=ContentFile(b"%PDF-1.4 letter", name="letter.pdf"),
        original_name="Letter of support.pdf",
        content_type="application/pdf",
        size=15,
        description="From the PICU matron",
    )
    return proposal


def test_budget_is_grouped_by_category_with_subtotals(full_proposal):
    groups, total = budget_groups(proposal=full_proposal)
    assert [(str(g.label), str(g.subtotal)) for g in groups] == [
        ("Staff", "15000.50"),
        ("Patient and public involvement", "750.00"),
    ]
    assert str(total) == "15750.50"


def squashed(text: str) -> str:
    # Without any spaces: text extraction may split a kerned pair ("T est") or join words across lines.
    return "".join(str(text).split())


def test_pdf_text_has_everything_to_copy_into_the_funders_form(full_proposal, proposal_people):
    text = squashed(pdf_text(proposal_pdf_render(proposal=full_proposal)))
    expected = [
        full_proposal.title,
        proposal_people["lead"].get_full_name(),
        proposal_people["co_applicant"].get_full_name(),
        "RfPB spring competition",
        "Research for Patient Benefit",
        "National Institute for Health and Care Research",
        "State Draft",
        "Page 1 of",
        *(section.label for section in TEXT_SECTIONS),
        "Our design and methods in a few clear words.",
        "Sepsis is a leading cause of death in children.",
        "Early recognition saves lives.",
        "of 400 words",  # the call's limit
        "(no limit)",  # references
        "Research nurse, 0.2 WTE",
        "Parent advisory group",
        "Subtotal, staff £15,000.50",
        "Total £15,750.50",
        "Trial implementation plan",
        "Not started yet",  # no plan yet: tests/implementation/test_outputs.py checks a plan in the PDF
        "Letter of support.pdf",
    ]
    for snippet in expected:
        assert squashed(snippet) in text, snippet


def test_pdf_flags_a_section_over_its_limit(full_proposal):
    ProposalSection.objects.filter(proposal=full_proposal, key="aims").update(text="word " * 405)
    html = proposal_html(proposal=full_proposal)
    assert "405 of 400 words: 5 over the limit" in " ".join(html.split())


def test_pdf_of_a_proposal_without_call_or_budget(proposal_people):
    proposal = proposal_make(lead=proposal_people["lead"], title="A first idea", complete=False)
    text = squashed(pdf_text(proposal_pdf_render(proposal=proposal)))
    for snippet in ("A first idea", "Not chosen yet", "No costs entered yet.", "No files attached."):
        assert squashed(snippet) in text, snippet
