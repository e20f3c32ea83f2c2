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

#: The implementation science reference data (CFIR, ERIC, Proctor, EPIS, barrier-to-strategy links). Group leads
#: keep it up to date but never delete it: plans point at it, and each row is cited data.
IMPLEMENTATION_REFERENCE_PERMISSIONS = {
    f"implementation.{action}_{model}"
    for action in ("add", "change", "view")
    for model in (
        "referencesource",
        "cfirdomain",
        "cfirconstruct",
        "strategycluster",
        "strategy",
        "implementationoutcome",
        "episphase",
        "barrierstrategylink",
    )
}

#: Multi-site data collection: group leads set up campaigns (with their measures) and sites in the CMS.
MEASURES_PERMISSIONS = {
    f"measures.{action}_{model}" for action in ("add", "change", "delete", "view") for model in ("campaign", "site")
}

#: Model permissions of each role, as "app_label.codename". Page and collection
#: permissions (Wagtail's) are not model permissions and are not listed here.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    # Every member: uses the site, never the CMS.
    LEARNER: set(),
    # Gives feedback on the proposals they are assigned to.
    MENTOR: {"accounts.mentor_proposals"},
    # Runs the community: members and organisations in the CMS, assigns mentors, keeps the reference data.
    GROUP_LEAD: {
        "wagtailadmin.access_admin",
        "accounts.view_user",
        "accounts.manage_community",
        "accounts.assign_mentors",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "accounts.view_organisation",
        *IMPLEMENTATION_REFERENCE_PERMISSIONS,
        *MEASURES_PERMISSIONS,
    },
    # Writes pages and submits them for moderation; arranges courses into pathways. Editors and moderators
    # get nothing of the implementation reference data: they run the site's content, not research planning,
    # and members read the frameworks inside the planner itself.
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
            if not _app_has_models(apps, app_label):
                # An early migration runs before this app's tables exist; the app's own
                # roles migration (which depends on it) syncs the roles again later.
                continue
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        # Wagtail grants its groups access to images and documents through collection
        # permissions; the model-level ones left here are exactly ROLE_PERMISSIONS.
        group.permissions.set(permissions)


def _app_has_models(apps, app_label: str) -> bool:
    """Whether `app_label` has models in this registry (in a migration, whether it is migrated yet)."""
    try:
        return bool(list(apps.get_app_config(app_label).get_models()))
    except LookupError:
        return False
