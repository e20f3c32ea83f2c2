"""Courses and lessons are found by the site search; knowledge-check answers never are."""

import pytest
from django.core.management import call_command

from tests.courses.factories import LessonPageFactory


@pytest.mark.django_db
def test_courses_and_lessons_are_searchable_but_answers_are_not(client, course):
    course.summary = "Bronchiolitis high-flow weaning explained for bedside nurses."
    course.save_revision().publish()
    LessonPageFactory(
        parent=course,
        title="Weaning high-flow oxygen",
        body=[("paragraph", "<p>Stepwise bronchiolitis weaning protocols.</p>")],
    )
    call_command("update_index", verbosity=0)

    titles = {result.title for result in client.get("/search/", {"q": "bronchiolitis"}).context["results"]}
    assert titles == {course.title, "Weaning high-flow oxygen"}
    # The knowledge check's questions, options, feedback and explanations are not indexed.
    for words in ("Option", "Because", "Question"):
        results = client.get("/search/", {"q": words}).context["results"]
        assert "knowledgecheckpage" not in {r.specific_class._meta.model_name for r in results}, words
        assert all("Knowledge check" != r.title for r in results), words
