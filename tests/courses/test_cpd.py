"""The CPD log: entries, the yearly target, exports and private reflections."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import CPDEntry, CPDMethod, CPDTarget, Reflection
from courses.pdf import cpd_log_html
from courses.selectors_dashboard import Period
from tests.accounts.factories import LearnerFactory
from tests.courses.factories import course_complete as complete

LOG = "/dashboard/cpd/"


def entry(user, *, days_ago: int = 5, hours: str = "2", title: str = "Regional study day", **kwargs) -> CPDEntry:
    return CPDEntry.objects.create(
        user=user,
        date=timezone.localdate() - timedelta(days=days_ago),
        title=title,
        method=kwargs.pop("method", CPDMethod.STUDY_DAY),
        hours=Decimal(hours),
        **kwargs,
    )


def valid_post(**overrides) -> dict:
    data = {
        "date": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "title": "Journal club: early mobilisation",
        "method": CPDMethod.JOURNAL_CLUB,
        "hours": "1.5",
        "participatory": "on",
        "topic": "Rehabilitation",
        "notes": "Slides in my portfolio.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def course_entry(learner, course, django_capture_on_commit_callbacks):
    """The entry made when the learner completed the course."""
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete(user=learner, course=course)
    return CPDEntry.objects.get(enrolment=enrolment)


# Pages need a log-in ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [LOG, "/dashboard/cpd/add/", "/dashboard/cpd/target/", "/dashboard/cpd/export.csv", "/dashboard/cpd/export.pdf"],
)
def test_cpd_pages_need_a_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# The log ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_log_lists_only_the_members_entries(client, learner, course_entry):
    entry(learner, title="Sepsis simulation", method=CPDMethod.SIMULATION, participatory=True, topic="Sepsis")
    entry(LearnerFactory(), title="Someone else's conference")
    client.force_login(learner)
    response = client.get(LOG)
    content = response.content.decode()
    assert "Sepsis simulation" in content and "Simulation" in content and "Sepsis" in content
    assert course_entry.title in content and "Course completed here" in content
    assert "Someone else" not in content
    assert response.context["totals"].hours == Decimal("3")  # 2 + the course's 1
    # The course's entry has no edit or delete links; the member's own has both.
    assert reverse("courses:cpd_delete", args=[course_entry.pk]) not in content
    own = CPDEntry.objects.get(title="Sepsis simulation")
    assert reverse("courses:cpd_delete", args=[own.pk]) in content


@pytest.mark.django_db
def test_log_costs_the_same_queries_with_more_entries(client, learner, course):
    def queries() -> int:
        client.force_login(learner)
        client.get(LOG)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LOG).status_code == 200
        return len(captured)

    entry(learner)
    Reflection.objects.create(user=learner, course=course, learnt="x")
    small = queries()
    for i in range(15):
        entry(learner, days_ago=i, title=f"Entry {i}")
    CPDTarget.objects.create(user=learner, yearly_hours=10)
    assert queries() == small


# Adding, changing and deleting --------------------------------------------------------------------


@pytest.mark.django_db
def test_add_an_entry(client, learner):
    client.force_login(learner)
    assert client.get("/dashboard/cpd/add/").status_code == 200
    response = client.post("/dashboard/cpd/add/", valid_post(), follow=True)
    assert response.redirect_chain[-1][0] == LOG
    assert "Your CPD entry is added." in response.content.decode()
    saved = CPDEntry.objects.get(user=learner)
    assert saved.hours == Decimal("1.5") and saved.participatory and saved.method == CPDMethod.JOURNAL_CLUB
    assert saved.enrolment is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"hours": "0"}, "hours", "greater than 0"),
        ({"hours": "-2"}, "hours", "greater than 0"),
        ({"hours": "0.1"}, "hours", "0.25 hours"),
        ({"hours": "lots"}, "hours", "Enter a number"),
        ({"date": (timezone.localdate() + timedelta(days=1)).isoformat()}, "date", "cannot be in the future"),
        ({"date": "2025-02-30"}, "date", "Enter a real date"),
        ({"title": "   "}, "title", "Enter a title"),
        ({"method": "dancing"}, "method", "Select a valid choice"),
    ],
)
def test_wrong_input_is_explained_by_the_field_and_kept(client, learner, overrides, field, message):
    client.force_login(learner)
    data = valid_post(**overrides)
    response = client.post("/dashboard/cpd/add/", data)
    assert response.status_code == 200
    assert not CPDEntry.objects.exists()
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    content = response.content.decode()
    assert f'id="id_{field}_error"' in content
    assert 'value="Journal club: early mobilisation"' in content or field == "title"
    assert "Slides in my portfolio." in content  # nothing typed is lost
    if field in ("hours", "date"):
        assert f'value="{data[field]}"' in content


@pytest.mark.django_db
def test_edit_an_entry(client, learner):
    own = entry(learner)
    client.force_login(learner)
    url = reverse("courses:cpd_edit", args=[own.pk])
    assert 'value="Regional study day"' in client.get(url).content.decode()
    response = client.post(url, valid_post(title="Renamed", hours="3.25", participatory=""))
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.title, own.hours, own.participatory) == ("Renamed", Decimal("3.25"), False)


@pytest.mark.django_db
def test_delete_asks_then_deletes(client, learner):
    own = entry(learner)
    client.force_login(learner)
    url = reverse("courses:cpd_delete", args=[own.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"Yes, delete it" in response.content
    assert CPDEntry.objects.filter(pk=own.pk).exists()
    response = client.post(url, follow=True)
    assert "is deleted from your CPD log" in response.content.decode()
    assert not CPDEntry.objects.filter(pk=own.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["cpd_edit", "cpd_delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_members_entry_is_404(client, learner, action, method):
    theirs = entry(LearnerFactory(), title="Their private study day")
    client.force_login(learner)
    url = reverse(f"courses:{action}", args=[theirs.pk])
    response = getattr(client, method)(url, valid_post() if method == "post" else None)
    assert response.status_code == 404
    assert b"Their private study day" not in response.content
    theirs.refresh_from_db()
    assert theirs.title == "Their private study day"


@pytest.mark.django_db
def test_course_completion_entries_are_read_only(client, learner, course_entry):
    client.force_login(learner)
    for action in ("cpd_edit", "cpd_delete"):
        url = reverse(f"courses:{action}", args=[course_entry.pk])
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        assert "cannot be changed or deleted" in content
        assert "<form method" not in content.split("</header>")[1]
    response = client.post(reverse("courses:cpd_delete", args=[course_entry.pk]))
    assert response.status_code == 403
    response = client.post(reverse("courses:cpd_edit", args=[course_entry.pk]), valid_post(hours="99"))
    assert response.status_code == 403
    course_entry.refresh_from_db()
    assert course_entry.hours == Decimal("1.00")
    assert CPDEntry.objects.filter(pk=course_entry.pk).exists()


# The yearly target --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_set_change_and_clear_the_target(client, learner):
    client.force_login(learner)
    url = "/dashboard/cpd/target/"
    response = client.post(url, {"yearly_hours": "0"})
    assert response.status_code == 200
    assert 'id="id_yearly_hours_error"' in response.content.decode()
    assert not CPDTarget.objects.exists()
    response = client.post(url, {"yearly_hours": "12.5"}, follow=True)
    assert "Your yearly target is saved." in response.content.decode()
    assert CPDTarget.objects.get(user=learner).yearly_hours == Decimal("12.5")
    assert 'value="12.5"' in client.get(url).content.decode()
    client.post(url, {"yearly_hours": "20"})
    assert CPDTarget.objects.get(user=learner).yearly_hours == Decimal("20")
    response = client.post(url, {"clear": "1"}, follow=True)
    assert "Your yearly target is cleared." in response.content.decode()
    assert not CPDTarget.objects.exists()


# Exports --------------------------------------------------------------------------------------------


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_csv_export_has_the_entries_then_the_reflections(client, learner, course, course_entry):
    entry(learner, days_ago=2, hours="2.5", title="=HYPERLINK(evil)", participatory=True, topic="Sepsis", notes="Kept")
    entry(learner, days_ago=800, title="Too old for the default period")
    entry(LearnerFactory(), title="Someone else's entry")
    Reflection.objects.create(user=learner, course=course, activity="Did it", learnt="Learnt, with a comma")
    client.force_login(learner)
    response = client.get("/dashboard/cpd/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="cpd-log-')
    rows = _csv_rows(response)
    assert rows[0] == ["date", "title", "method", "hours", "participatory", "topic", "notes"]
    blank = rows.index([])
    entries = rows[1:blank]
    assert len(entries) == 2
    day = (timezone.localdate() - timedelta(days=2)).isoformat()
    # Newest first: the course completed today, then the member's own entry.
    assert entries[0][1:5] == [course.title, "E-learning", "1.00", "no"]
    assert entries[1] == [day, "'=HYPERLINK(evil)", "Study day or course", "2.50", "yes", "Sepsis", "Kept"]
    assert rows[blank + 1] == ["Reflections"]
    assert rows[blank + 2][:3] == ["course", "last saved", "What was the nature of the CPD activity?"]
    assert rows[blank + 3][0] == course.title
    assert rows[blank + 3][2:4] == ["Did it", "Learnt, with a comma"]


@pytest.mark.django_db
def test_csv_export_uses_the_chosen_period(client, learner):
    entry(learner, days_ago=800, title="Long ago")
    entry(learner, days_ago=2, title="Recent")
    client.force_login(learner)
    start = (timezone.localdate() - timedelta(days=900)).isoformat()
    end = (timezone.localdate() - timedelta(days=700)).isoformat()
    rows = _csv_rows(client.get("/dashboard/cpd/export.csv", {"date_from": start, "date_to": end}))
    titles = [row[1] for row in rows[1 : rows.index([])]]
    assert titles == ["Long ago"]


@pytest.mark.django_db
@pytest.mark.parametrize("export", ["export.csv", "export.pdf"])
def test_exports_with_wrong_dates_go_back_to_the_log_with_the_errors(client, learner, export):
    client.force_login(learner)
    response = client.get(f"/dashboard/cpd/{export}", {"date_from": "2025-06-01", "date_to": "2025-01-01"}, follow=True)
    assert response.redirect_chain[0][0].startswith(LOG + "?")
    assert "on or after the start date" in response.content.decode()


@pytest.mark.django_db
def test_pdf_export_is_built_in_the_background_and_only_for_its_owner(
    client, learner, course, course_entry, django_capture_on_commit_callbacks
):
    from courses.models import CPDExport

    Reflection.objects.create(user=learner, course=course, practice_change="I now huddle daily")
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get("/dashboard/cpd/export.pdf")
    export = CPDExport.objects.get(user=learner)
    assert response["Location"] == f"/dashboard/cpd/exports/{export.pk}/"
    # Not built in the request: until the worker has run, a page says so.
    waiting = client.get(response["Location"])
    assert waiting.status_code == 200
    assert b"being prepared" in waiting.content
    for callback in callbacks:
        callback()
    response = client.get(f"/dashboard/cpd/exports/{export.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="cpd-log-')
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Another member, or nobody, never gets it.
    client.force_login(LearnerFactory())
    assert client.get(f"/dashboard/cpd/exports/{export.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/dashboard/cpd/exports/{export.pk}/").status_code == 302


@pytest.mark.django_db
def test_pdf_export_html_has_the_nmc_headings_the_entries_and_the_reflections(learner, course, course_entry):
    learner.first_name, learner.last_name = "Mary", "Seacole"
    reflection = Reflection.objects.create(user=learner, course=course, practice_change="I now huddle daily")
    own = entry(learner, title="Teaching session", participatory=True, hours="2")
    today = timezone.localdate()
    html = cpd_log_html(
        user=learner,
        entries=[own, course_entry],
        reflections=[reflection],
        period=Period(start=today - timedelta(days=30), end=today),
    )
    for text in [
        "Mary Seacole",
        "Number of hours",
        "Number of participatory hours",
        "Teaching session",
        course.title,
        "How did you change or improve your practice as a result?",
        "How is this relevant to the Code?",
        "I now huddle daily",
    ]:
        assert text in html
    assert ">3<" in html  # total hours: 2 + 1


# Reflections ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reflection_needs_a_log_in(client, course):
    response = client.get(reverse("courses:reflection_edit", args=[course.pk]))
    assert response.status_code == 302


@pytest.mark.django_db
def test_reflection_on_a_missing_or_unpublished_course_is_404(client, learner, course):
    client.force_login(learner)
    assert client.get(reverse("courses:reflection_edit", args=[999999])).status_code == 404
    lesson = course.lessons[0]
    assert client.get(reverse("courses:reflection_edit", args=[lesson.pk])).status_code == 404  # not a course
    course.unpublish()
    assert client.get(reverse("courses:reflection_edit", args=[course.pk])).status_code == 404


@pytest.mark.django_db
def test_save_a_reflection_under_the_nmc_headings(client, learner, course):
    client.force_login(learner)
    url = reverse("courses:reflection_edit", args=[course.pk])
    content = client.get(url).content.decode()
    assert "What was the nature of the CPD activity?" in content
    assert "How is this relevant to the Code?" in content
    response = client.post(
        url,
        {"activity": "E-learning", "learnt": "CFIR domains", "practice_change": "", "code_relation": "Practise"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url
    assert "Your reflection is saved" in response.content.decode()
    assert "CFIR domains" in response.content.decode()
    reflection = Reflection.objects.get(user=learner, course=course)
    assert (reflection.learnt, reflection.code_relation) == ("CFIR domains", "Practise")
    assert course.title in client.get(LOG).content.decode()  # listed on the CPD log


@pytest.mark.django_db
def test_a_reflection_that_is_too_long_is_explained_and_kept(client, learner, course):
    client.force_login(learner)
    long_text = "x" * 4001
    response = client.post(
        reverse("courses:reflection_edit", args=[course.pk]), {"activity": "Kept text", "learnt": long_text}
    )
    assert response.status_code == 200
    assert 'id="id_learnt_error"' in response.content.decode()
    assert "Kept text" in response.content.decode()
    assert not Reflection.objects.exists()


@pytest.mark.django_db
def test_reflections_are_private(client, learner, course):
    Reflection.objects.create(user=learner, course=course, learnt="My private thoughts about the ward")
    other = LearnerFactory()
    client.force_login(other)
    url = reverse("courses:reflection_edit", args=[course.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "My private thoughts" not in response.content.decode()
    assert response.context["reflection"] is None
    assert "My private thoughts" not in client.get(LOG).content.decode()
    rows = _csv_rows(client.get("/dashboard/cpd/export.csv"))
    assert rows[-1] == ["course", "last saved"] + rows[-1][2:]  # no reflection rows
    # Saving their own does not touch the author's.
    client.post(url, {"learnt": "Mine"})
    assert Reflection.objects.get(user=learner).learnt == "My private thoughts about the ward"
    assert Reflection.objects.get(user=other).learnt == "Mine"
