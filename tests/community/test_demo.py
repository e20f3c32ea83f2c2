"""The demo meetings: for each community, two past ones with notes and the next one, built once."""

from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page

from community.demo.events import events_demo_load
from community.demo.events_content import REGISTRANTS
from community.models import EventPage, Registration, RegistrationStatus
from community.selectors.events import events_for_index
from tests.accounts.factories import LearnerFactory
from tests.community.factories.communities import CommunityPageFactory


def test_demo_builds_past_and_upcoming_meetings_once(site_pages):
    home = site_pages["home"]
    index = events_demo_load(home=home)
    assert (index.title, index.slug, index.show_in_menus, index.live) == ("Meetings", "events", True, True)
    sections = events_for_index(index=index, user=AnonymousUser())
    assert len(sections["upcoming"]) == 2 and len(sections["past"]) == 3
    assert all(event.notes for event in sections["past"])
    # Slides are attached after two of the past meetings, as real (small) PDF documents.
    slides = [material for event in sections["past"] for material in event.materials.all()]
    assert len(slides) == 2
    assert all(material.document.file.read(5) == b"%PDF-" for material in slides)
    assert sections["upcoming"][0].capacity == 40 and sections["upcoming"][1].capacity == 60
    for event in EventPage.objects.all():
        event.full_clean()
    before = list(Page.objects.order_by("path").values_list("path", "title", "live"))

    again = events_demo_load(home=home)

    assert again.pk == index.pk
    assert list(Page.objects.order_by("path").values_list("path", "title", "live")) == before


def test_demo_meetings_belong_to_their_communities_when_they_exist(site_pages, community_index):
    home = site_pages["home"]
    events_demo_load(home=home)  # before the communities: the meetings have none yet
    assert not EventPage.objects.filter(community__isnull=False).exists()
    sepsis = CommunityPageFactory(parent=community_index, title="Paediatric Sepsis", slug="paediatric-sepsis")
    group = CommunityPageFactory(parent=community_index, title="Implementation Group", slug="implementation-group")

    events_demo_load(home=home)

    communities = dict(EventPage.objects.values_list("slug", "community"))
    assert communities == {
        "implementation-group-spring-meeting": group.pk,
        "paediatric-sepsis-network-where-each-unit-starts": sepsis.pk,
        "paediatric-sepsis-network-audit-results": sepsis.pk,
        "implementation-group-summer-meeting": group.pk,
        "paediatric-sepsis-network-bundle-and-data": sepsis.pk,
    }
    # The editor's form shows it too: it was set through a published revision.
    event = EventPage.objects.get(slug="paediatric-sepsis-network-audit-results")
    assert event.get_latest_revision_as_object().community_id == sepsis.pk
    before = list(EventPage.objects.order_by("pk").values_list("pk", "community", "latest_revision"))
    events_demo_load(home=home)
    assert list(EventPage.objects.order_by("pk").values_list("pk", "community", "latest_revision")) == before


def test_demo_members_register_for_the_next_meeting_once(site_pages):
    for email in REGISTRANTS:
        LearnerFactory(email=email)
    index = events_demo_load(home=site_pages["home"], with_activity=True)
    upcoming = events_for_index(index=index, user=AnonymousUser())["upcoming"][0]
    registrations = Registration.objects.filter(event=upcoming).order_by("created_at", "pk")
    assert [r.user.email for r in registrations] == REGISTRANTS
    assert {r.status for r in registrations} == {RegistrationStatus.REGISTERED}
    cancelled = registrations[0]
    cancelled.status = RegistrationStatus.CANCELLED
    cancelled.save()

    events_demo_load(home=site_pages["home"], with_activity=True)

    assert Registration.objects.count() == 3
    cancelled.refresh_from_db()
    assert cancelled.status == RegistrationStatus.CANCELLED


def test_demo_without_activity_registers_no_one(site_pages):
    LearnerFactory(email=REGISTRANTS[0])
    events_demo_load(home=site_pages["home"])
    assert not Registration.objects.exists()
