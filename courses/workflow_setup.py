"""The moderation set-up: editors write, moderators approve and publish.

`moderation_workflow_ensure` makes the database match this module: the "Course review"
workflow with one "Moderator approval" task (the Moderators group) on the root page, so
every page, courses included, is approved before it goes live; the page permissions of
Editors (add and change, never publish) and Moderators; and the collection permissions
that let editors add and choose images and documents.

It takes an app registry because the data migration `courses.0002_moderation_workflow`
calls it with historical models; the browser tests call it with the real ones after each
database flush. It is idempotent and never removes what editors set up elsewhere in the
tree, except a publish permission given to Editors.
"""

from django.apps import apps as global_apps
from django.db import transaction

from accounts import roles

WORKFLOW_NAME = "Course review"
TASK_NAME = "Moderator approval"
#: The workflow Wagtail's own migrations put on the root page; replaced by ours.
WAGTAIL_DEFAULT_WORKFLOW_NAME = "Moderators approval"

#: Page permissions on the root page (and so on every page), by group.
PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    roles.EDITOR: ("add_page", "change_page"),
    roles.MODERATOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
#: Permissions Editors must never hold on any page: publishing is the moderators' job.
EDITOR_FORBIDDEN_PAGE_PERMISSIONS = ("publish_page",)

#: Collection permissions on the root collection, as (app label, model, codename).
MEDIA_PERMISSIONS = (
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "choose_document"),
)
COLLECTION_PERMISSIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    roles.EDITOR: MEDIA_PERMISSIONS,
    roles.MODERATOR: MEDIA_PERMISSIONS,
}


def _permission(apps, app_label: str, model: str, codename: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def _workflow_ensure(apps, *, moderators, root):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).order_by("pk").first()
    if task is None:
        # Historical models do not set the task's content type themselves.
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([moderators])

    # Exactly one step: the moderators' approval.
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    if root is not None:
        # A page has at most one workflow, so this also takes the root away from Wagtail's default.
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    # Wagtail's default workflow, now assigned nowhere: deactivate it so that editors are not
    # offered it, unless pages are still going through it.
    (
        Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW_NAME, workflow_pages__isnull=True)
        .exclude(pk=workflow.pk)
        .exclude(workflow_states__status="in_progress")
        .update(active=False)
    )
    return workflow


def moderation_workflow_ensure(*, apps=global_apps) -> None:
    """Create or repair the moderation workflow and the Editors' and Moderators' page and media permissions."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    with transaction.atomic():
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in (roles.EDITOR, roles.MODERATOR)}
        root = Page.objects.filter(depth=1).order_by("path").first()
        root_collection = Collection.objects.filter(depth=1).order_by("path").first()

        _workflow_ensure(apps, moderators=groups[roles.MODERATOR], root=root)

        if root is not None:
            for name, codenames in PAGE_PERMISSIONS.items():
                for codename in codenames:
                    GroupPagePermission.objects.get_or_create(
                        group=groups[name], page=root, permission=_permission(apps, "wagtailcore", "page", codename)
                    )
        GroupPagePermission.objects.filter(
            group=groups[roles.EDITOR], permission__codename__in=EDITOR_FORBIDDEN_PAGE_PERMISSIONS
        ).delete()

        if root_collection is not None:
            for name, permissions in COLLECTION_PERMISSIONS.items():
                for app_label, model, codename in permissions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name],
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, codename),
                    )
