"""Learners' and editors' journeys through the learning app, in a real browser, with axe-core on every page.

The demo courses come from `courses.demo_content` (loaded by the `site` fixture): the introduction
has five lessons and a five-question knowledge check (pass mark 80%), and "Planning your first
implementation project" needs the introduction first.
"""

import io
import re
from pathlib import Path

import pytest
from django.utils.dateformat import format as date_format
from playwright.sync_api import expect
from pypdf import PdfReader

from courses.models import Certificate, CourseIndexPage, CoursePage, Enrolment
from courses.services import enrolment_create
from tests.accounts.factories import PASSWORD, EditorFactory, LearnerFactory, ModeratorFactory
from tests.browser.support import (
    field,
    link_in,
    sign_in,
    sign_out,
    signed_in_as,
    submit,
    visit,
    wait_for_mail,
)

pytestmark = pytest.mark.browser

INTRO = "Introduction to implementation science"
INTRO_PATH = "/learning/introduction-to-implementation-science/"
INTRO_LESSONS = [
    "What implementation science is",
    "Naming barriers with CFIR 2.0",
    "Choosing strategies from the ERIC compilation",
    "Implementation outcomes (Proctor)",
    "Evaluating with RE-AIM",
]
PLANNING = "Planning your first implementation project"
PLANNING_PATH = "/learning/planning-your-first-implementation-project/"

#: The introduction's knowledge check, by question number: the options to tick.
RIGHT_ANSWERS = {
    1: ["Methods that promote the uptake of research findings into routine practice"],
    2: ["Inner setting"],
    3: ["Fidelity", "Penetration", "Sustainability"],
    4: ["True"],
    5: ["Whether the practice is still in use over time"],
}
WRONG_ANSWERS = {
    1: ["Whether a treatment works better than placebo"],
    2: ["Innovation"],
    3: ["Length of stay"],
    4: ["False"],
    5: ["Whether equipment was serviced"],
}

#: Wagtail's admin is heavy: bounded, but longer than the site's pages need.
ADMIN_TIMEOUT_MS = 15_000


def button(page, name: str):
    """A button in the page's main content (not the header's "Sign out")."""
    return page.locator("main").get_by_role("button", name=name)


def header(page):
    return page.locator("header.site-header")


def h1(page):
    return page.get_by_role("heading", level=1)


def path_of(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def cms_field(page, label: str, role: str = "textbox"):
    """A field of a Wagtail admin form by its label (panels and anchors share the label, so by role too)."""
    return page.get_by_role(role, name=re.compile(rf"^{re.escape(label)}\s*\*?$"))


def question(page, number: int):
    """A knowledge-check question: its fieldset, named by its legend."""
    return page.get_by_role("group", name=re.compile(rf"^Question {number}:"))


def answer(page, answers: dict[int, list[str]]) -> None:
    for number, options in answers.items():
        for option in options:
            question(page, number).get_by_label(option, exact=True).check()


def enrolled_learner(*, course_slug: str = "introduction-to-implementation-science"):
    learner = LearnerFactory()
    enrolment_create(user=learner, course=CoursePage.objects.get(slug=course_slug))
    return learner


# Taking a course from joining to the certificate -------------------------------------------


def test_new_member_joins_takes_the_introduction_and_gets_a_certificate(page):
    # Join: sign up, confirm the address, fill in the profile step.
    visit(page, "/accounts/signup/")
    field(page, "Email").fill("grace.nurse@example.org")
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    submit(page, button(page, "Sign Up"))
    [message] = wait_for_mail(1)
    visit(page, link_in(message, "/accounts/confirm-email/"))
    submit(page, button(page, "Confirm"))

    assert path_of(page) == "/accounts/profile/welcome/"
    field(page, "First name").fill("Grace")
    field(page, "Last name").fill("Okafor")
    field(page, "Professional group").select_option(label="Nurse")
    field(page, "Job title").fill("Staff nurse")
    field(page, "Organisation").fill("Riverside Children's Hospital")
    field(page, "Do you care for patients at the bedside?").select_option(label="Yes")
    field(page, "Research experience").select_option(label="None yet")
    submit(page, button(page, "Save and continue"))
    assert path_of(page) == "/"

    # Find the course and enrol in one click: straight into the first lesson.
    submit(page, header(page).get_by_role("link", name="Learning", exact=True))
    assert path_of(page) == "/learning/"
    submit(page, page.locator("main").get_by_role("link", name=INTRO))
    assert path_of(page) == INTRO_PATH
    submit(page, button(page, f"Enrol in {INTRO}"))
    expect(page.get_by_role("status")).to_contain_text(f"You are enrolled in {INTRO}.")
    assert path_of(page) == INTRO_PATH + "what-is-implementation-science/"

    # Every lesson, in order, marked as done; the last one leads to the knowledge check.
    progress = page.get_by_role("progressbar", name=f"Your progress in {INTRO}")
    for number, title in enumerate(INTRO_LESSONS, start=1):
        expect(h1(page)).to_have_text(title)
        expect(page.locator("main")).to_contain_text(f"Lesson {number} of 5")
        expect(progress).to_have_attribute("aria-valuenow", str(number - 1))
        expect(progress).to_have_attribute("aria-valuetext", f"{number - 1} of 6 steps done")
        submit(page, button(page, "Mark as done and continue"))
    assert path_of(page) == INTRO_PATH + "knowledge-check/"
    expect(h1(page)).to_have_text("Knowledge check")

    # A first try with every answer wrong: not passed, with the feedback and the explanations.
    answer(page, WRONG_ANSWERS)
    submit(page, button(page, "Submit answers"))
    main = page.locator("main")
    expect(page.get_by_role("heading", name="Your score: 0%")).to_be_visible()
    expect(main).to_contain_text("Not passed this time.")
    expect(main).to_contain_text("The pass mark is 80%.")
    expect(page.get_by_role("heading", name="Question 1: Incorrect")).to_be_visible()
    expect(main).to_contain_text("That is clinical research.")  # the chosen option's feedback
    expect(main).to_contain_text(
        "Why: Implementation science studies the methods and strategies that get evidence used in routine care."
    )
    expect(main).not_to_contain_text("You passed")

    # Try again and pass: the course is complete.
    submit(page, page.locator("main").get_by_role("link", name="Try again"))
    assert path_of(page) == INTRO_PATH + "knowledge-check/"
    answer(page, RIGHT_ANSWERS)
    submit(page, button(page, "Submit answers"))
    expect(page.get_by_role("heading", name="Your score: 100%")).to_be_visible()
    expect(main).to_contain_text("You passed.")
    expect(main).to_contain_text(f"You have completed {INTRO}.")
    expect(main.get_by_role("link", name="Download your certificate")).to_be_visible()

    certificate = Certificate.objects.get(enrolment__user__email="grace.nurse@example.org")
    assert certificate.learner_name == "Grace Okafor"

    # The dashboard lists the completed course and its certificate, which downloads as a PDF.
    submit(page, header(page).get_by_role("link", name="Your learning"))
    assert path_of(page) == "/dashboard/"
    completed = page.get_by_role("region", name="Completed courses")
    expect(completed.get_by_role("link", name=INTRO, exact=True)).to_be_visible()
    download_link = completed.get_by_role("link", name=f"Download certificate for {INTRO} (PDF)")
    expect(download_link).to_have_attribute("href", f"/certificates/{certificate.code}/download/")
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert INTRO in text
    assert "Grace Okafor" in text
    assert certificate.code in text

    # Signed out, anyone can check the certificate is genuine.
    sign_out(page)
    visit(page, f"/certificates/verify/{certificate.code}/")
    expect(h1(page)).to_have_text("Valid certificate")
    expect(page.get_by_role("status")).to_contain_text("This certificate is valid.")
    details = page.locator("main dl")
    expect(details).to_contain_text("Grace Okafor")
    expect(details).to_contain_text(INTRO)
    expect(details).to_contain_text(date_format(certificate.completed_on, "j F Y"))
    expect(details).to_contain_text(certificate.code)


# Before signing in ---------------------------------------------------------------------


def test_visitor_reads_a_course_and_is_asked_to_sign_in_to_enrol(page):
    learner = LearnerFactory()

    # A lesson's address, opened directly, asks the visitor to sign in first.
    lesson_path = INTRO_PATH + "what-is-implementation-science/"
    visit(page, lesson_path)
    assert path_of(page) == f"/accounts/login/?next={lesson_path}"
    expect(page.locator("main")).not_to_contain_text("The gap between knowing and doing")

    visit(page, "/learning/")
    expect(h1(page)).to_have_text("Learning")
    expect(page.get_by_role("status")).to_have_text("3 courses.")
    submit(page, page.locator("main").get_by_role("link", name=INTRO))

    # The course's details are public; its lessons are listed, not linked.
    assert path_of(page) == INTRO_PATH
    main = page.locator("main")
    expect(h1(page)).to_have_text(INTRO)
    expect(main).to_contain_text("Why proven care takes so long to reach children in intensive care")
    about = page.get_by_role("complementary", name="About this course")
    expect(about).to_contain_text("CPD hours")
    expect(about.locator("dt", has_text="CPD hours").locator("xpath=following-sibling::dd[1]")).to_have_text("1")
    expect(about).to_contain_text("About 40 minutes")
    governance = page.get_by_role("region", name="Clinical governance")
    expect(governance).to_contain_text("Reviewed by")
    expect(governance).to_contain_text("Dr Priya Raman, Professor of implementation science")
    expect(governance).to_contain_text("Reviewed on")
    expect(governance).to_contain_text("2 March 2026")
    expect(governance).to_contain_text("Next review due")
    expect(governance).to_contain_text("2 March 2028")
    expect(main).to_contain_text(INTRO_LESSONS[0])
    expect(main.get_by_role("link", name=INTRO_LESSONS[0])).to_have_count(0)
    expect(main.get_by_role("button", name=re.compile("^Enrol"))).to_have_count(0)

    # "Sign in to enrol" goes to the log-in page and back to the course, where enrolling is one click.
    submit(page, main.get_by_role("link", name="Sign in to enrol"))
    assert path_of(page) == f"/accounts/login/?next={INTRO_PATH}"
    sign_in(page, learner.email, PASSWORD, path="")
    assert path_of(page) == INTRO_PATH
    expect(button(page, f"Enrol in {INTRO}")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="Sign in to enrol")).to_have_count(0)


# Prerequisites and the knowledge check's errors -----------------------------------------


def test_a_course_with_a_prerequisite_points_to_it(page, live_server):
    learner = LearnerFactory()
    signed_in_as(page.context, live_server.url, learner)

    visit(page, PLANNING_PATH)
    main = page.locator("main")
    expect(h1(page)).to_have_text(PLANNING)
    expect(main).to_contain_text("Before you enrol, complete this course:")
    expect(main.get_by_role("button", name=re.compile("^Enrol"))).to_have_count(0)

    # A lesson of the course cannot be opened before enrolling either.
    visit(page, PLANNING_PATH + "from-barrier-to-plan/")
    assert path_of(page) == PLANNING_PATH
    expect(page.get_by_role("status")).to_contain_text("Enrol to start this course.")

    needed = main.get_by_text("Before you enrol, complete this course:").locator("xpath=following-sibling::ul[1]")
    submit(page, needed.get_by_role("link", name=INTRO))
    assert path_of(page) == INTRO_PATH
    expect(button(page, f"Enrol in {INTRO}")).to_be_visible()
    assert not Enrolment.objects.filter(user=learner).exists()


def test_knowledge_check_names_the_unanswered_questions_and_keeps_the_answers(page, live_server):
    signed_in_as(page.context, live_server.url, enrolled_learner())

    visit(page, INTRO_PATH + "knowledge-check/")
    answer(page, {1: RIGHT_ANSWERS[1]})
    submit(page, button(page, "Submit answers"))

    assert path_of(page) == INTRO_PATH + "knowledge-check/"
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Answer questions 2, 3, 4 and 5 before you submit.")
    for number in (2, 3, 4, 5):
        link = summary.get_by_role("link", name=f"Answer question {number}")
        first_option = question(page, number).locator("input").first
        expect(link).to_have_attribute("href", f"#{first_option.get_attribute('id')}")
        expect(question(page, number)).to_contain_text("Answer this question.")
        expect(question(page, number)).to_have_accessible_description(re.compile("Answer this question."))
    expect(summary.get_by_role("link", name="Answer question 1")).to_have_count(0)
    expect(question(page, 1)).not_to_contain_text("Answer this question.")

    # The answer given is still chosen; nothing was scored.
    expect(question(page, 1).get_by_label(RIGHT_ANSWERS[1][0], exact=True)).to_be_checked()
    expect(page.get_by_role("heading", name=re.compile("^Your score"))).to_have_count(0)


# Reflow ----------------------------------------------------------------------------------


def test_course_and_lesson_pages_do_not_scroll_sideways_at_320px(narrow_page, live_server):
    signed_in_as(narrow_page.context, live_server.url, enrolled_learner())
    for path in (INTRO_PATH, INTRO_PATH + "choosing-strategies-eric/", INTRO_PATH + "knowledge-check/"):
        visit(narrow_page, path)
        scroll_width = narrow_page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 320, f"{path} is {scroll_width}px wide at a 320px viewport: it scrolls sideways"


# Building a course in the CMS ------------------------------------------------------------------


def test_editor_builds_a_course_and_a_moderator_publishes_it(page):
    index = CourseIndexPage.objects.get()
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    footer = page.get_by_role("navigation", name="Actions (footer)")

    # The editor signs in through the CMS and adds a course under Learning (its page listing).
    visit(page, "/admin/")
    sign_in(page, EditorFactory().email, PASSWORD, path="")
    assert path_of(page) == "/admin/"
    page.goto(f"/admin/pages/{index.pk}/")
    # Courses are the only pages allowed under Learning, so Wagtail skips the choice of page type.
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_url(f"**/admin/pages/add/courses/coursepage/{index.pk}/")

    cms_field(page, "Title").fill("Hand hygiene audits on the PICU")
    cms_field(page, "Summary").fill("How to run a hand hygiene audit that the whole team learns from.")
    outcomes = page.get_by_role("region", name=re.compile("^Learning outcomes")).get_by_role("textbox")
    outcomes.click()
    expect(outcomes).to_be_focused()
    page.keyboard.type("- Plan a hand hygiene audit")  # Draftail turns "- " into a bulleted list
    page.keyboard.press("Enter")
    page.keyboard.type("Share the results with the team")
    expect(outcomes.locator("li")).to_have_text(["Plan a hand hygiene audit", "Share the results with the team"])
    # Draftail copies its content into the form's hidden input a moment after the last key press.
    expect(page.locator("input[name=learning_outcomes]")).to_have_value(re.compile("Share the results with the team"))
    cms_field(page, "Audience").fill("Nurses and doctors on the PICU.")
    cms_field(page, "Estimated minutes", "spinbutton").fill("25")
    cms_field(page, "CPD hours", "spinbutton").fill("0.5")
    cms_field(page, "Course by").fill("Infection prevention team")

    # Editors may submit for moderation, never publish.
    footer.get_by_role("button", name="More actions").click()
    expect(footer.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    with page.expect_navigation():
        footer.get_by_role("button", name="Submit to Course review").click()
    course = CoursePage.objects.get(slug="hand-hygiene-audits-on-the-picu")
    assert not course.live
    assert course.current_workflow_state is not None
    assert course.current_workflow_state.status == "in_progress"

    # Not public yet.
    visit(page, "/learning/hand-hygiene-audits-on-the-picu/", status=404)

    # A moderator, in a fresh session, approves and publishes it from the page's edit view.
    page.context.clear_cookies()
    visit(page, "/admin/")
    sign_in(page, ModeratorFactory().email, PASSWORD, path="")
    page.goto(f"/admin/pages/{course.pk}/edit/")
    footer.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        footer.get_by_role("button", name="Approve and Publish", exact=True).click()
    course.refresh_from_db()
    assert course.live
    assert course.current_workflow_state is None

    # The course is live on the site, with what the editor wrote (and, for the moderator, Wagtail's
    # userbar: the page must pass axe with it too).
    visit(page, "/learning/hand-hygiene-audits-on-the-picu/")
    expect(page.locator("wagtail-userbar")).to_be_attached()
    expect(h1(page)).to_have_text("Hand hygiene audits on the PICU")
    main = page.locator("main")
    expect(main).to_contain_text("How to run a hand hygiene audit that the whole team learns from.")
    outcomes = main.get_by_role("list").filter(has_text="Plan a hand hygiene audit").get_by_role("listitem")
    expect(outcomes).to_have_text(["Plan a hand hygiene audit", "Share the results with the team"])
    about = page.get_by_role("complementary", name="About this course")
    expect(about).to_contain_text("Nurses and doctors on the PICU.")
    expect(about).to_contain_text("About 25 minutes")
    expect(about.locator("dt", has_text="CPD hours").locator("xpath=following-sibling::dd[1]")).to_have_text("0.50")
    expect(about).to_contain_text("Infection prevention team")
    expect(page.get_by_role("region", name="Clinical governance")).to_contain_text("Not yet reviewed")
