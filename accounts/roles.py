"""The platform's roles, kept as Django groups.

Each role is a group whose permissions are listed here and nowhere else; `roles_sync`
makes the database match (called by data migrations, so it takes an app registry).
Editors and Moderators are Wagtail's own groups: Wagtail's migrations give them their
page and collection permissions, and this module adds only the model permissions.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

LEARNER = "Learners"
MENTOR = "Mentors"
GROUP_LEAD = "Group leads"
EDITOR = "Editors"
MODERATOR = "Moderators"

LEARNING_PATHWAY_PERMISSIONS = {f"courses.{action}_learningpathway" for action in ("add", "change", "delete", "view")}

#: Model permissions of each role, as "app_label.codename". Page and collection
#: permissions (Wagtail's) are not model permissions and are not listed here.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    # Every member: uses the site, never the CMS.
    LEARNER: set(),
    # Gives feedback on the proposals they are assigned to.
    MENTOR: {"accounts.mentor_proposals"},
    # Runs the community: members and organisations in the CMS, assigns mentors.
    GROUP_LEAD: {
        "wagtailadmin.access_admin",
        "accounts.view_user",
        "accounts.manage_community",
        "accounts.assign_mentors",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "accounts.view_organisation",
    },
    # Writes pages and submits them for moderation; arranges courses into pathways.
    EDITOR: {"wagtailadmin.access_admin", *LEARNING_PATHWAY_PERMISSIONS},
    # Approves and publishes what editors write.
    MODERATOR: {"wagtailadmin.access_admin", *LEARNING_PATHWAY_PERMISSIONS},
}


def roles_sync(*, apps=global_apps) -> None:
    """Create every role's group and set its model permissions to exactly those listed.

    Permissions are created first: in a fresh database they do not exist until the
    post-migrate signal, which runs after this.
    """
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for dotted in sorted(wanted):
            app_label, codename = dotted.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        # Wagtail grants its groups access to images and documents through collection
        # permissions; the model-level ones left here are exactly ROLE_PERMISSIONS.
        group.permissions.set(permissions)
