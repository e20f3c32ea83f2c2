"""Members and organisations in the CMS, for group leads."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.models import Organisation


class OrganisationViewSet(ModelViewSet):
    """Group leads check organisations that members add and keep the list tidy."""

    model = Organisation
    icon = "site"
    menu_label = "Organisations"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "kind", "region", "is_verified"]
    list_filter = ["kind", "region", "is_verified"]
    search_fields = ["name"]
    ordering = ["-is_verified", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("region"),
        FieldPanel("website"),
        FieldPanel("is_verified"),
    ]


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("organisations")
