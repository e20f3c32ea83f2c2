"""Taking a course through the browser: course page, enrolling, lessons and the knowledge check."""

import datetime
import re
from urllib.parse import quote

import pytest
import wagtail_factories
from django.urls import reverse

from courses.models import Attempt, Enrolment, LessonProgress
from courses.services import enrolment_create, lesson_complete
from tests.courses.factories import course_with_lessons

RIGHT = {"q_q1": "q1-o0", "q_q2": ["q2-o0", "q2-o2"], "q_q3": "q3-o0"}
WRONG = {"q_q1": "q1-o1", "q_q2": ["q2-o0"], "q_q3": "q3-o1"}


def login_url(next_url: str) -> str:
    return f"{reverse('account_login')}?next={quote(next_url)}"


@pytest.fixture
def enrolled(client, learner, course):
    """The learner, signed in and enrolled in the course."""
    client.force_login(learner)
    return enrolment_create(user=learner, course=course)


def all_lessons_done(enrolment):
    for lesson in enrolment.course.lessons:
        lesson_complete(enrolment=enrolment, lesson=lesson)


# The course page ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitor_sees_the_course_and_a_sign_in_prompt(client, course):
    response = client.get(course.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert "Sign in to enrol" in content
    assert f'href="{login_url(course.url)}"' in content
    assert reverse("courses:enrol", args=[course.pk]) not in content  # no enrol form for visitors
    for lesson in course.lessons:
        assert lesson.title in content
        assert f'href="{lesson.url}"' not in content  # lessons are for enrolled members
    assert "Dr A Reviewer, PICU consultant" in content
    assert "10 January 2028" in content  # next review due
    assert "Review overdue" not in content
    assert "About 45 minutes" in content


@pytest.mark.django_db
def test_course_past_its_review_date_warns(client, course):
    course.reviewed_on = datetime.date(2020, 1, 1)
    course.next_review_due = datetime.date(2021, 1, 1)
    course.save_revision().publish()
    content = client.get(course.url).content.decode()
    assert "Review overdue" in content
    assert "1 January 2021" in content


@pytest.mark.django_db
def test_signed_in_member_sees_an_enrol_button(client, learner, course):
    client.force_login(learner)
    content = client.get(course.url).content.decode()
    assert f'action="{reverse("courses:enrol", args=[course.pk])}"' in content
    assert 'method="post"' in content
    assert "Sign in to enrol" not in content


@pytest.mark.django_db
def test_enrolled_member_sees_progress_ticks_and_where_to_continue(client, enrolled, course):
    lessons = course.lessons
    lesson_complete(enrolment=enrolled, lesson=lessons[0])
    content = client.get(course.url).content.decode()
    assert 'role="progressbar"' in content
    assert 'aria-valuenow="1"' in content and 'aria-valuemax="4"' in content
    assert "1 of 4 steps done" in content
    assert content.count("✓</span> Done") == 1
    assert "Continue where you left off" in content
    # The last lesson visited is done, so it continues with the next one.
    continue_link = re.search(r'href="([^"]+)">Continue where you left off', content).group(1)
    assert continue_link == lessons[1].url
    assert reverse("courses:reflection_edit", args=[course.pk]) in content


# Enrolling ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_enrol_is_post_only(client, learner, course):
    client.force_login(learner)
    assert client.get(reverse("courses:enrol", args=[course.pk])).status_code == 405
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_anonymous_enrol_goes_to_sign_in_and_back_to_the_course(client, course):
    response = client.post(reverse("courses:enrol", args=[course.pk]))
    assert response.status_code == 302
    assert response.url == login_url(course.url)
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_enrol_starts_the_first_lesson_and_is_idempotent(client, learner, course):
    client.force_login(learner)
    url = reverse("courses:enrol", args=[course.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == course.lessons[0].url
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
    # Enrolling again continues where they left off.
    enrolment = Enrolment.objects.get()
    lesson_complete(enrolment=enrolment, lesson=course.lessons[0])
    assert client.post(url).url == course.lessons[1].url
    assert Enrolment.objects.count() == 1


@pytest.mark.django_db
def test_enrol_in_an_unpublished_course_is_404(client, learner, course):
    course.unpublish()
    client.force_login(learner)
    assert client.post(reverse("courses:enrol", args=[course.pk])).status_code == 404


@pytest.mark.django_db
def test_missing_prerequisites_are_named_and_linked(client, learner, course, course_index):
    advanced = course_with_lessons(parent=course_index, lessons=1, check=False, title="Advanced implementation")
    advanced.prerequisites.add(course)
    advanced.save_revision().publish()
    client.force_login(learner)

    page = client.get(advanced.url).content.decode()
    assert "Before you enrol, complete this course" in page
    assert f'<a href="{course.url}">{course.title}</a>' in page

    response = client.post(reverse("courses:enrol", args=[advanced.pk]), follow=True)
    assert response.redirect_chain == [(advanced.url, 302)]
    content = response.content.decode()
    assert f"Before you enrol in {advanced.title}, complete this course first: " in content
    assert f'<a href="{course.url}">{course.title}</a>.' in content
    assert not Enrolment.objects.filter(course=advanced).exists()


# Lessons -----------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_lesson_goes_to_sign_in(client, course):
    lesson = course.lessons[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response.url == login_url(lesson.url)


@pytest.mark.django_db
def test_lesson_without_enrolment_goes_to_the_course(client, learner, course):
    client.force_login(learner)
    response = client.get(course.lessons[0].url, follow=True)
    assert response.redirect_chain == [(course.url, 302)]
    assert "Enrol to start this course" in response.content.decode()


@pytest.mark.django_db
def test_lesson_page_for_an_enrolled_member(client, enrolled, course):
    lessons = course.lessons
    response = client.get(lessons[1].url)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert "Evidence takes time to reach the bedside." in content
    assert "Lesson 2 of 3" in content
    assert f'href="{lessons[0].url}"><span aria-hidden="true">←</span> Previous: {lessons[0].title}' in content
    assert f'href="{lessons[2].url}">Next: {lessons[2].title}' in content
    assert f'action="{reverse("courses:lesson_complete", args=[lessons[1].pk])}"' in content
    assert "Mark as done and continue" in content
    assert 'role="progressbar"' in content and "0 of 4 steps done" in content
    assert reverse("courses:reflection_edit", args=[course.pk]) in content
    enrolled.refresh_from_db()
    assert enrolled.last_lesson_id == lessons[1].pk  # where they left off


@pytest.mark.django_db
def test_last_lesson_leads_to_the_knowledge_check(client, enrolled, course):
    content = client.get(course.lessons[2].url).content.decode()
    assert f'href="{course.knowledge_check.url}">Next: Knowledge check' in content


@pytest.mark.django_db
def test_marking_lessons_done_walks_through_the_course(client, enrolled, course):
    lessons = course.lessons
    check = course.knowledge_check
    targets = [client.post(reverse("courses:lesson_complete", args=[lesson.pk])).url for lesson in lessons]
    assert targets == [lessons[1].url, lessons[2].url, check.url]
    assert LessonProgress.objects.filter(enrolment=enrolled).count() == 3
    # Twice is fine.
    assert client.post(reverse("courses:lesson_complete", args=[lessons[0].pk])).url == lessons[1].url
    assert LessonProgress.objects.filter(enrolment=enrolled).count() == 3


@pytest.mark.django_db
def test_lesson_complete_is_post_only_and_needs_sign_in(client, course):
    url = reverse("courses:lesson_complete", args=[course.lessons[0].pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == login_url(course.lessons[0].url)


@pytest.mark.django_db
def test_lesson_complete_needs_enrolment_in_that_course(client, learner, course, course_index):
    other = course_with_lessons(parent=course_index, lessons=1)
    enrolment_create(user=learner, course=other)
    client.force_login(learner)
    assert client.post(reverse("courses:lesson_complete", args=[course.lessons[0].pk])).status_code == 404
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_completing_the_last_step_congratulates_with_the_certificate(client, enrolled, course):
    lessons = course.lessons
    for lesson in lessons[:2]:
        lesson_complete(enrolment=enrolled, lesson=lesson)
    assert client.post(course.knowledge_check.url, RIGHT).status_code == 200  # passed with a lesson left
    enrolled.refresh_from_db()
    assert not enrolled.is_complete

    response = client.post(reverse("courses:lesson_complete", args=[lessons[2].pk]), follow=True)
    assert response.redirect_chain == [(course.url, 302)]
    enrolled.refresh_from_db()
    assert enrolled.is_complete
    download = reverse("courses:certificate_download", args=[enrolled.certificate.code])
    content = response.content.decode()
    assert f'<a href="{download}">Download your certificate</a>' in content  # in the message and on the page
    assert "You have completed this course" in content
    assert "Continue where you left off" not in content


@pytest.mark.django_db
def test_unpublished_course_hides_its_page_lessons_and_check(client, enrolled, course):
    lesson = course.lessons[0]
    check = course.knowledge_check
    course_url, lesson_url, check_url = course.url, lesson.url, check.url
    course.unpublish()  # unpublishes the course only; its lessons stay live in the tree
    assert client.get(course_url).status_code == 404
    assert client.get(lesson_url).status_code == 404
    assert client.get(check_url).status_code == 404
    assert client.post(check_url, RIGHT).status_code == 404
    assert client.post(reverse("courses:lesson_complete", args=[lesson.pk])).status_code == 404
    assert not Attempt.objects.exists() and not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_unpublished_lesson_is_404(client, enrolled, course):
    lesson = course.lessons[0]
    url = lesson.url
    lesson.unpublish()
    assert client.get(url).status_code == 404
    assert client.post(reverse("courses:lesson_complete", args=[lesson.pk])).status_code == 404
    assert url not in client.get(course.url).content.decode()


# The knowledge check -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_knowledge_check_asks_the_questions_without_the_answers(client, enrolled, course):
    response = client.get(course.knowledge_check.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    for qid in ("q1", "q2", "q3"):
        assert f"Question {qid}?" in content
        assert f"Because of {qid}." not in content
    for i in range(3):
        assert f"Feedback {i}" not in content
    assert "is_correct" not in content and "Right answer" not in content
    assert content.count("<fieldset") == 3 and content.count("<legend") == 3
    assert 'type="radio" name="q_q1" id="q-q1-1" value="q1-o0"' in content
    assert 'type="checkbox" name="q_q2"' in content
    assert 'type="radio" name="q_q3"' in content
    assert 'type="checkbox" name="q_q1"' not in content


@pytest.mark.django_db
def test_knowledge_check_needs_sign_in_and_enrolment(client, learner, course):
    check = course.knowledge_check
    assert client.get(check.url).url == login_url(check.url)
    client.force_login(learner)
    assert client.get(check.url).url == course.url
    assert client.post(check.url, RIGHT).url == course.url
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_shuffled_paper_keeps_its_order_on_reload(client, enrolled, course):
    check = course.knowledge_check
    check.shuffle_questions = check.shuffle_options = True
    check.save_revision().publish()

    def order():
        return re.findall(r'value="(q\d-o\d)"', client.get(check.url).content.decode())

    first = order()
    assert sorted(first) == sorted(["q1-o0", "q1-o1", "q1-o2", "q2-o0", "q2-o1", "q2-o2", "q3-o0", "q3-o1"])
    assert order() == first == order()


@pytest.mark.django_db
def test_unanswered_questions_are_named_and_choices_kept(client, enrolled, course):
    response = client.post(course.knowledge_check.url, {"q_q1": "q1-o1"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "Answer questions 2 and 3 before you submit." in content
    assert '<a href="#q-q2-1">Answer question 2</a>' in content
    assert '<a href="#q-q3-1">Answer question 3</a>' in content
    assert 'id="question-q2-error"' in content and 'id="question-q3-error"' in content
    assert 'id="question-q1-error"' not in content
    assert 'value="q1-o1" checked' in content  # what they chose is kept
    assert 'value="q1-o0" checked' not in content
    assert "<title>Error: " in content
    assert "Because of q1." not in content and "Feedback 0" not in content
    assert not Attempt.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "answers",
    [
        {**RIGHT, "q_q1": "q2-o0"},  # an option of another question
        {**RIGHT, "q_q1": ["q1-o0", "q1-o1"]},  # two answers to a single-choice question
        {**RIGHT, "q_q1": "made-up"},
        {**RIGHT, "q_nope": "q1-o0"},  # a question that does not exist
    ],
)
def test_tampered_answers_get_a_clear_error_not_a_crash(client, enrolled, course, answers):
    response = client.post(course.knowledge_check.url, answers)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Some of your answers were not recognised" in content
    assert "<form" in content
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_fail_then_pass_completes_the_course(client, enrolled, course):
    all_lessons_done(enrolled)
    check = course.knowledge_check

    response = client.post(check.url, WRONG)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Your score: 0%" in content
    assert "Not passed this time" in content and "The pass mark is 80%" in content
    assert "Because of q1." in content and "Feedback 1" in content  # feedback and explanations after submitting
    assert content.count(">Incorrect<") == 3
    assert f'href="{check.url}">Try again' in content
    assert "Download your certificate" not in content
    enrolled.refresh_from_db()
    assert enrolled.best_score == 0 and not enrolled.is_complete

    response = client.post(check.url, RIGHT)
    content = response.content.decode()
    assert "Your score: 100%" in content and "You passed" in content
    assert content.count(">Correct<") == 3
    enrolled.refresh_from_db()
    assert enrolled.is_complete and enrolled.best_score == 100
    assert reverse("courses:certificate_download", args=[enrolled.certificate.code]) in content
    # Previous attempts, newest first, with the best score.
    attempts = content.split('id="attempts-heading"')[1]
    assert "Best score: <strong>100%</strong>" in attempts
    assert attempts.index("100%</td>") < attempts.index("0%</td>")

    # A retry after passing does not lower the best score.
    client.post(check.url, WRONG)
    enrolled.refresh_from_db()
    assert enrolled.best_score == 100 and Attempt.objects.count() == 3


@pytest.mark.django_db
def test_draft_knowledge_check_is_not_reachable(client, enrolled, course):
    check = course.knowledge_check
    url = check.url
    check.unpublish()
    assert client.get(url).status_code == 404
    assert client.post(url, RIGHT).status_code == 404
    content = client.get(course.url).content.decode()
    assert url not in content
    assert "3 steps" in content  # progress counts only the live lessons


# The course index --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_course_index_cards_filters_and_progress(client, learner, course, course_index):
    course.cover_image = wagtail_factories.ImageFactory()
    course.topics.add("Sepsis")
    course.save()
    plain = course_with_lessons(parent=course_index, lessons=1, check=False, title="No picture", estimated_minutes=20)
    enrolment = enrolment_create(user=learner, course=course)
    lesson_complete(enrolment=enrolment, lesson=course.lessons[0])
    client.force_login(learner)

    content = client.get(course_index.url).content.decode()
    assert content.count("<h1") == 1
    assert '<label class="form-label" for="filter-topic">Topic</label>' in content
    assert '<label class="form-label" for="filter-length">Length</label>' in content
    assert '<option value="sepsis">Sepsis</option>' in content
    assert "2 courses." in content
    assert content.count('class="card-img-top"') == 1  # only the course with a cover image has one
    assert 'alt=""' in content
    assert '<span class="badge text-bg-light border">Sepsis</span>' in content
    assert content.count('role="progressbar"') == 1  # enrolled in one course
    assert "1 of 4 steps done" in content
    assert f'href="{plain.url}">No picture</a>' in content

    content = client.get(course_index.url, {"length": "short"}).content.decode()
    assert "1 course matches your filters." in content
    assert course.title not in content and "No picture" in content
    assert '<option value="short" selected>' in content
    assert "Clear filters" in content

    content = client.get(course_index.url, {"topic": "no-such-topic"}).content.decode()
    assert "No courses match your filters." in content
