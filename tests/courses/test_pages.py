"""Learning page types: where they may go, editors' previews, and how lesson blocks render."""

import pytest
import wagtail_factories
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.blocks import (
    CheckUnderstandingBlock,
    DocumentBlock,
    EvidenceReferenceBlock,
    LessonImageBlock,
    QuestionBlock,
    ReflectionPromptBlock,
    VideoBlock,
)
from courses.models import CourseIndexPage, CoursePage, KnowledgeCheckPage, LessonPage
from home.models import HomePage, StandardPage
from tests.courses.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    KnowledgeCheckPageFactory,
    LessonPageFactory,
    question,
)
from tests.home.factories import HomePageFactory


class PageTypeRulesTests(WagtailPageTestCase):
    def test_course_index_sits_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertCanNotCreateAt(StandardPage, CourseIndexPage)
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})

    def test_courses_sit_under_the_course_index(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage, KnowledgeCheckPage})

    def test_lessons_and_checks_sit_under_a_course_and_have_no_children(self):
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedParentPageTypes(KnowledgeCheckPage, {CoursePage})
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)
        self.assertCanNotCreateAt(LessonPage, KnowledgeCheckPage)
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedSubpageTypes(KnowledgeCheckPage, set())

    def test_one_knowledge_check_per_course(self):
        home = HomePageFactory(parent=Page.get_first_root_node())
        index = CourseIndexPageFactory(parent=home)
        course = CoursePageFactory(parent=index)
        other = CoursePageFactory(parent=index)
        self.assertTrue(KnowledgeCheckPage.can_create_at(course))
        KnowledgeCheckPageFactory(parent=course)
        self.assertFalse(KnowledgeCheckPage.can_create_at(course))
        self.assertTrue(KnowledgeCheckPage.can_create_at(other))
        self.assertTrue(LessonPage.can_create_at(course))  # any number of lessons

    def test_only_one_course_index(self):
        home = HomePageFactory(parent=Page.get_first_root_node())
        CourseIndexPageFactory(parent=home)
        self.assertFalse(CourseIndexPage.can_create_at(home))


# Editors' previews (Wagtail calls serve_preview, which skips the enrolment rule) -----------------------------------


def preview(page, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    response = page.serve_preview(request, page.default_preview_mode)
    return response.render().content.decode()


@pytest.mark.django_db
def test_editors_can_preview_a_lesson_and_a_draft_knowledge_check(course, editor):
    lesson = course.lessons[0]
    content = preview(lesson, editor)
    assert "Evidence takes time to reach the bedside." in content
    assert content.count("<h1") == 1
    assert "Mark as done" not in content  # no enrolment in a preview

    check = course.knowledge_check
    check.unpublish()
    content = preview(check, editor)
    assert "Question q1?" in content and "Option 0 of q2" in content
    assert "Because of q1." not in content and "Feedback 0" not in content
    assert "Submit answers" not in content


@pytest.mark.django_db
def test_editors_can_preview_a_course(course, editor):
    content = preview(course, editor)
    assert course.title in content and "Clinical governance" in content


@pytest.mark.django_db
def test_editors_can_preview_a_new_course(client, editor, course_index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["courses", "coursepage", course_index.pk])
    data = nested_form_data(
        {
            "title": "Audit and feedback",
            "slug": "audit-and-feedback",
            "summary": "Using audit and feedback to change practice.",
            "learning_outcomes": rich_text("<ul><li>Plan an audit cycle</li></ul>"),
            "audience": "Nurses and doctors on the PICU",
            "estimated_minutes": "30",
            "cpd_hours": "0.5",
            "topics": "audit",
            "course_by": "Implementation Hub education group",
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.json()["is_valid"] is True, response.json()
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Audit and feedback</h1>" in content
    assert "Lessons are on their way." in content  # nothing saved under it yet


@pytest.mark.django_db
def test_course_pages_render_for_visitors(course, course_index):
    request = RequestFactory().get(course.url)
    request.user = AnonymousUser()
    for page in (course_index, course):
        response = page.serve(request)
        assert response.render().status_code == 200


# Lesson blocks -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_image_block_uses_the_required_alternative_text():
    block = LessonImageBlock()
    image = wagtail_factories.ImageFactory()
    html = block.render(block.to_python({"image": image.pk, "alt_text": "A nurse at a cot", "caption": "On the ward"}))
    assert 'alt="A nurse at a cot"' in html
    assert "<figcaption" in html and "On the ward" in html


@pytest.mark.django_db
def test_video_block_embeds_the_video_with_a_transcript_in_details():
    url = "https://www.youtube.com/watch?v=abc123"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url, None, None),
        html='<iframe title="Hand hygiene video" src="https://www.youtube.com/embed/abc123"></iframe>',
        type="video",
    )
    block = VideoBlock()
    html = block.render(
        block.to_python({"video": url, "title": "Hand hygiene", "transcript": "<p>Wash your hands first.</p>"})
    )
    assert '<iframe title="Hand hygiene video"' in html
    assert "<details" in html and "<summary>Transcript" in html
    details = html.split("<details")[1]
    assert "Wash your hands first." in details


def test_evidence_block_links_the_doi():
    block = EvidenceReferenceBlock()
    value = block.to_python(
        {
            "authors": "Damschroder LJ, Reardon CM",
            "title": "The updated CFIR",
            "journal": "Implementation Science",
            "year": 2022,
            "doi": "10.1186/s13012-022-01245-0",
        }
    )
    html = block.render(value)
    assert '<a href="https://doi.org/10.1186/s13012-022-01245-0">' in html
    assert "Damschroder LJ, Reardon CM (2022). The updated CFIR." in html
    assert "<cite>Implementation Science</cite>" in html
    assert "doi.org" not in block.render(block.to_python({**value, "doi": ""}))


@pytest.mark.django_db
def test_document_block_links_the_file():
    document = wagtail_factories.DocumentFactory(title="Sepsis bundle checklist")
    block = DocumentBlock()
    html = block.render(block.to_python({"document": document.pk, "title": ""}))
    assert f'href="{document.url}"' in html
    assert "Sepsis bundle checklist" in html


@pytest.mark.django_db
def test_reflection_prompt_links_to_the_private_reflection(course):
    block = ReflectionPromptBlock()
    value = block.to_python({"prompt": "What would you change?"})
    html = block.render(value, context={"course": course})
    assert "What would you change?" in html
    assert f'href="/dashboard/reflections/{course.pk}/"' in html
    assert "reflections" not in block.render(value)  # no course (a block preview): no link


def test_check_understanding_hides_the_answer_in_details():
    data = question("cu1", kind="multiple", correct=(0, 2))
    block = CheckUnderstandingBlock()
    html = block.render(block.to_python(data["value"]), context={"block": type("B", (), {"id": "cu1"})()})
    before, details = html.split("<details", 1)
    assert "Question cu1?" in before and 'type="checkbox"' in before
    assert 'id="cu-cu1-1"' in before and 'for="cu-cu1-1"' in before
    assert "Right answer" not in before and "Because of cu1." not in before and "Feedback" not in before
    assert "<summary>Show answer</summary>" in details
    assert details.count("Right answer") == 2 and "Because of cu1." in details and "Feedback 1" in details


def test_question_block_never_shows_the_answers():
    data = question("q9")
    block = QuestionBlock()
    html = block.render(block.to_python(data["value"]))
    assert "Question q9?" in html and "Option 1 of q9" in html
    assert "Feedback" not in html and "Because of q9." not in html and "correct" not in html.lower()


@pytest.mark.django_db
def test_a_lesson_renders_every_block_type(client, learner, course):
    from courses.services import enrolment_create

    url = "https://www.youtube.com/watch?v=xyz"
    Embed.objects.create(url=url, hash=get_embed_hash(url, None, None), html="<iframe title='v'></iframe>")
    image = wagtail_factories.ImageFactory()
    document = wagtail_factories.DocumentFactory()
    blocks = [
        ("heading", {"text": "Why it matters", "level": "h2"}),
        ("paragraph", "<p>Text.</p>"),
        ("image", {"image": image.pk, "alt_text": "Alt words", "caption": ""}),
        ("video", {"video": url, "title": "Video", "transcript": "<p>Said.</p>"}),
        ("key_point", {"title": "Key point", "text": "<p>Remember this.</p>"}),
        ("evidence", {"authors": "A", "title": "T", "journal": "J", "year": 2020, "doi": "10.1/x"}),
        ("document", {"document": document.pk, "title": "Checklist"}),
        ("reflection_prompt", {"prompt": "Think."}),
        ("check_understanding", question("cu")["value"]),
    ]
    # Raw StreamField data, as the editor saves it (the options keep their own ids).
    lesson = LessonPageFactory(
        parent=course, body=[{"type": name, "value": value, "id": f"b{i}"} for i, (name, value) in enumerate(blocks)]
    )
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    response = client.get(lesson.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    for text in ("Why it matters", 'alt="Alt words"', "<iframe", "Remember this.", "https://doi.org/10.1/x"):
        assert text in content
    assert "Checklist" in content and "Show answer" in content
    assert 'id="cu-b8-1"' in content  # inputs named after the block, so two questions never share ids
    assert f'href="/dashboard/reflections/{course.pk}/">Write your thoughts' in content
