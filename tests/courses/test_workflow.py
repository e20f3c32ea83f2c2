"""Moderation: editors write and submit, moderators approve and publish (courses.workflow_setup)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accounts import roles
from courses.models import CoursePage
from courses.workflow_setup import TASK_NAME, WORKFLOW_NAME, moderation_workflow_ensure

pytestmark = pytest.mark.django_db


def _page_codenames(group_name: str) -> set[str]:
    root = Page.objects.get(depth=1)
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=root).values_list(
            "permission__codename", flat=True
        )
    )


def _collection_codenames(group_name: str) -> set[str]:
    root = Collection.get_first_root_node()
    return set(
        GroupCollectionPermission.objects.filter(group__name=group_name, collection=root).values_list(
            "permission__codename", flat=True
        )
    )


def _state() -> dict:
    return {
        "workflows": Workflow.objects.count(),
        "tasks": GroupApprovalTask.objects.count(),
        "workflow_pages": WorkflowPage.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
    }


# The set-up left by the migration ----------------------------------------------------------


def test_the_root_page_goes_through_course_review_only():
    root = Page.objects.get(depth=1)
    assert WorkflowPage.objects.get(page=root).workflow.name == WORKFLOW_NAME
    assert list(WorkflowPage.objects.values_list("workflow__name", flat=True)) == [WORKFLOW_NAME]
    # Wagtail's own default workflow is no longer offered.
    assert not Workflow.objects.filter(active=True).exclude(name=WORKFLOW_NAME).exists()


def test_course_review_has_one_task_for_moderators():
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == [TASK_NAME]
    assert isinstance(tasks[0], GroupApprovalTask)
    assert list(tasks[0].groups.values_list("name", flat=True)) == [roles.MODERATOR]


def test_a_course_page_gets_the_course_review_workflow(course):
    assert course.get_workflow().name == WORKFLOW_NAME


def test_editors_add_and_change_pages_but_never_publish():
    assert _page_codenames(roles.EDITOR) == {"add_page", "change_page"}
    assert not GroupPagePermission.objects.filter(
        group__name=roles.EDITOR, permission__codename="publish_page"
    ).exists()


def test_moderators_publish_lock_and_unlock():
    assert {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"} <= _page_codenames(roles.MODERATOR)


@pytest.mark.parametrize("group_name", [roles.EDITOR, roles.MODERATOR])
def test_editors_and_moderators_add_and_choose_images_and_documents(group_name):
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= _collection_codenames(group_name)


# The runtime helper ------------------------------------------------------------------------


def test_ensure_is_idempotent():
    before = _state()
    moderation_workflow_ensure()
    moderation_workflow_ensure()
    assert _state() == before


def test_ensure_rebuilds_after_a_flush_and_takes_publishing_away_from_editors():
    Workflow.objects.all().delete()
    GroupApprovalTask.objects.all().delete()
    GroupPagePermission.objects.all().delete()
    GroupCollectionPermission.objects.all().delete()
    root = Page.objects.get(depth=1)
    editors = Group.objects.get(name=roles.EDITOR)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=editors, page=root, permission=publish)

    moderation_workflow_ensure()

    assert WorkflowPage.objects.get(page=root).workflow.name == WORKFLOW_NAME
    assert _page_codenames(roles.EDITOR) == {"add_page", "change_page"}
    assert _page_codenames(roles.MODERATOR) == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    assert _collection_codenames(roles.EDITOR) == {"add_image", "choose_image", "add_document", "choose_document"}


def test_ensure_replaces_another_workflow_on_the_root():
    root = Page.objects.get(depth=1)
    other = Workflow.objects.create(name="Moderators approval", active=True)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": other})

    moderation_workflow_ensure()

    assert WorkflowPage.objects.get(page=root).workflow.name == WORKFLOW_NAME
    other.refresh_from_db()
    assert not other.active


# Editors and moderators in the admin --------------------------------------------------------


def _course_form(**overrides) -> dict:
    data = {
        "title": "Audit and feedback",
        "slug": "audit-and-feedback",
        "summary": "Using audit and feedback to change practice.",
        "learning_outcomes": rich_text("<ul><li>Plan an audit cycle</li></ul>"),
        "audience": "Nurses and doctors on the PICU",
        "estimated_minutes": "30",
        "cpd_hours": "0.5",
        "topics": "audit",
        "course_by": "Implementation Hub education group",
        "clinically_reviewed_by": "Dr A Reviewer",
        "reviewed_on": "2026-01-10",
        "next_review_due": "2027-01-10",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def _add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["courses", "coursepage", parent.pk])


def test_the_add_form_offers_submit_and_scheduling_but_not_publish_to_an_editor(client, editor, course_index):
    client.force_login(editor)
    response = client.get(_add_url(course_index))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    assert 'name="go_live_at"' in html
    assert 'name="expire_at"' in html


def test_the_add_form_offers_publish_to_a_moderator(client, moderator, course_index):
    client.force_login(moderator)
    response = client.get(_add_url(course_index))
    assert 'name="action-publish"' in response.content.decode()


def _editor_draft(client, editor, course_index) -> CoursePage:
    client.force_login(editor)
    response = client.post(_add_url(course_index), _course_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    return CoursePage.objects.get(slug="audit-and-feedback")


def test_an_editor_creates_a_course_draft(client, editor, course_index):
    course = _editor_draft(client, editor, course_index)
    assert not course.live
    assert course.has_unpublished_changes
    assert course.get_latest_revision().user == editor
    assert course.get_parent().pk == course_index.pk


def test_an_editor_cannot_publish(client, editor, course_index):
    course = _editor_draft(client, editor, course_index)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]), _course_form(**{"action-publish": "action-publish"})
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert not course.live
    assert not course.permissions_for_user(editor).can_publish()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert 'name="action-publish"' not in edit


def test_an_editor_submits_and_a_moderator_approves(client, editor, moderator, course_index):
    course = _editor_draft(client, editor, course_index)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        _course_form(summary="Revised summary.", **{"action-submit": "Submit to Moderator approval"}),
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(course.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == WORKFLOW_NAME
    assert state.requested_by == editor
    task_state = state.current_task_state
    assert task_state.task.name == TASK_NAME
    course.refresh_from_db()
    assert not course.live

    # The editor cannot approve their own submission.
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[course.pk, "approve", task_state.pk]), {"comment": ""}
    )
    course.refresh_from_db()
    assert not course.live

    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[course.pk, "approve", task_state.pk]), {"comment": "Good"}
    )
    assert response.status_code in (200, 302)
    course.refresh_from_db()
    assert course.live
    assert course.summary == "Revised summary."
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_the_workflow_api_approves_too(editor, moderator, course_index):
    """The same path without the admin: a revision, the workflow started, the task approved."""
    from tests.courses.factories import CoursePageFactory

    course = CoursePageFactory(parent=course_index, live=False)
    course.save_revision(user=editor)
    workflow = course.get_workflow()
    state = workflow.start(course, editor)
    state.current_task_state.approve(user=moderator)
    course.refresh_from_db()
    assert course.live


def test_an_editor_can_preview_a_draft(client, editor, course_index):
    course = _editor_draft(client, editor, course_index)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[course.pk])
    response = client.post(url, _course_form(title="Audit and feedback (preview)"))
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "Audit and feedback (preview)" in response.content.decode()
