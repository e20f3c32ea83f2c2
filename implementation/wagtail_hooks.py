"""The implementation science reference data in the Wagtail admin: an "Implementation science" menu.

Group leads view and edit CFIR 2.0, the ERIC strategies and clusters, Proctor's outcomes, the EPIS phases and
the barrier-to-strategy mapping here (add/change/view, never delete: plans point at these rows). Each is a
snippet so it gets Wagtail's listing, search, filters and change history.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from implementation.models import (
    BarrierStrategyLink,
    CFIRConstruct,
    CFIRDomain,
    EPISPhase,
    ImplementationOutcome,
    ReferenceSource,
    Strategy,
    StrategyCluster,
)


class ReferenceViewSet(SnippetViewSet):
    """Shared settings: reference rows are edited in place, never copied."""

    copy_view_enabled = False
    inspect_view_enabled = True


class ReferenceSourceViewSet(ReferenceViewSet):
    """The publications the data comes from, each cited in full with its DOI."""

    model = ReferenceSource
    icon = "openquote"
    menu_label = _("Sources")
    list_display = ["title", "key", "doi", "data_version"]
    search_fields = ["title", "citation", "doi"]
    ordering = ["title"]


class CFIRDomainViewSet(ReferenceViewSet):
    """The five CFIR 2.0 domains."""

    model = CFIRDomain
    icon = "folder-open-inverse"
    menu_label = _("CFIR domains")
    list_display = ["code", "name"]
    search_fields = ["code", "name", "definition"]
    ordering = ["sort_order", "code"]


class CFIRConstructViewSet(ReferenceViewSet):
    """CFIR 2.0 constructs and sub-constructs, filterable by domain."""

    model = CFIRConstruct
    icon = "list-ul"
    menu_label = _("CFIR constructs")
    list_display = ["code", "name", "domain", "parent"]
    list_filter = ["domain"]
    search_fields = ["code", "name", "definition"]
    ordering = ["domain__sort_order", "sort_order", "code"]
    list_per_page = 100

    def get_queryset(self, request):
        return CFIRConstruct.objects.select_related("domain", "parent")


class StrategyClusterViewSet(ReferenceViewSet):
    """The nine clusters of ERIC strategies."""

    model = StrategyCluster
    icon = "grid"
    menu_label = _("Strategy clusters")
    list_display = ["number", "name"]
    search_fields = ["name"]
    ordering = ["number"]


class StrategyViewSet(ReferenceViewSet):
    """The 73 ERIC strategies, filterable by cluster."""

    model = Strategy
    icon = "tasks"
    menu_label = _("ERIC strategies")
    list_display = ["number", "name", "cluster"]
    list_filter = ["cluster"]
    search_fields = ["name", "definition"]
    ordering = ["number"]
    list_per_page = 100

    def get_queryset(self, request):
        return Strategy.objects.select_related("cluster")


class ImplementationOutcomeViewSet(ReferenceViewSet):
    """Proctor et al.'s eight implementation outcomes."""

    model = ImplementationOutcome
    icon = "success"
    menu_label = _("Implementation outcomes")
    list_display = ["name", "key"]
    search_fields = ["name", "definition"]
    ordering = ["sort_order"]


class EPISPhaseViewSet(ReferenceViewSet):
    """The four EPIS phases."""

    model = EPISPhase
    icon = "calendar-alt"
    menu_label = _("EPIS phases")
    list_display = ["name", "key"]
    search_fields = ["name", "definition"]
    ordering = ["sort_order"]


class BarrierStrategyLinkForm(WagtailAdminModelForm):
    """The strength of endorsement is one of three grades, shown as a choice rather than a bare number."""

    weight = forms.TypedChoiceField(
        label=_("Strength of endorsement"),
        choices=[(3, _("3 – most endorsed")), (2, _("2 – often endorsed")), (1, _("1 – worth considering"))],
        coerce=int,
        help_text=_("How strongly this strategy is recommended for a barrier coded to this construct."),
    )


class BarrierStrategyLinkViewSet(ReferenceViewSet):
    """Which ERIC strategies the planner suggests for a barrier coded to each CFIR construct."""

    model = BarrierStrategyLink
    icon = "link"
    menu_label = _("Barrier-to-strategy links")
    list_display = ["construct", "strategy", "weight"]
    list_filter = ["construct__domain", "weight", "strategy__cluster"]
    search_fields = ["construct__code", "construct__name", "strategy__name"]
    ordering = ["construct__domain__sort_order", "construct__sort_order", "-weight", "strategy__name"]
    list_per_page = 100
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("construct"), FieldPanel("strategy")]),
            FieldPanel("weight"),
            FieldPanel("source"),
        ],
        base_form_class=BarrierStrategyLinkForm,
    )

    def get_queryset(self, request):
        return BarrierStrategyLink.objects.select_related("construct", "strategy")


class ImplementationScienceViewSetGroup(SnippetViewSetGroup):
    """The "Implementation science" menu."""

    items = (
        CFIRDomainViewSet,
        CFIRConstructViewSet,
        StrategyViewSet,
        StrategyClusterViewSet,
        BarrierStrategyLinkViewSet,
        ImplementationOutcomeViewSet,
        EPISPhaseViewSet,
        ReferenceSourceViewSet,
    )
    menu_label = _("Implementation science")
    menu_name = "implementation-science"
    menu_icon = "clipboard-list"
    menu_order = 260


register_snippet(ImplementationScienceViewSetGroup)
