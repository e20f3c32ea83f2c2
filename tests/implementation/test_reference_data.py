"""The reference data shipped with the Hub: what the data migration loads, that loading is idempotent, and who
may see and edit it in the admin."""

from collections import Counter

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

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
from implementation.reference_data import DATA_VERSION, cfir, eric, mapping, reference_data_load
from tests.accounts import factories as account_factories

pytestmark = pytest.mark.django_db

#: Every CFIR 2.0 construct and sub-construct we ship, by code: 8 + 10 + 21 + 15 + 15.
CFIR_CODES = {
    "I": ["I.A", "I.B", "I.C", "I.D", "I.E", "I.F", "I.G", "I.H"],
    "II": ["II.A", "II.B", "II.C", "II.D", "II.E", "II.F", "II.G", "II.G.1", "II.G.2", "II.G.3"],
    "III": [
        "III.A",
        "III.A.1",
        "III.A.2",
        "III.A.3",
        "III.B",
        "III.C",
        "III.D",
        "III.D.1",
        "III.D.2",
        "III.D.3",
        "III.D.4",
        "III.E",
        "III.F",
        "III.G",
        "III.H",
        "III.I",
        "III.J",
        "III.J.1",
        "III.J.2",
        "III.J.3",
        "III.K",
    ],  # fmt: skip
    "IV": [
        "IV.A",
        "IV.A.1",
        "IV.A.2",
        "IV.A.3",
        "IV.A.4",
        "IV.A.5",
        "IV.A.6",
        "IV.A.7",
        "IV.A.8",
        "IV.A.9",
        "IV.B",
        "IV.B.1",
        "IV.B.2",
        "IV.B.3",
        "IV.B.4",
    ],  # fmt: skip
    "V": [
        "V.A",
        "V.B",
        "V.B.1",
        "V.B.2",
        "V.C",
        "V.D",
        "V.E",
        "V.F",
        "V.F.1",
        "V.F.2",
        "V.G",
        "V.H",
        "V.H.1",
        "V.H.2",
        "V.I",
    ],  # fmt: skip
}
CONSTRUCT_COUNT = 69

#: Strategies in each cluster, as published (Waltz et al., 2015).
CLUSTER_SIZES = {1: 10, 2: 4, 3: 4, 4: 17, 5: 11, 6: 5, 7: 5, 8: 9, 9: 8}

REFERENCE_MODELS = [
    ReferenceSource,
    CFIRDomain,
    CFIRConstruct,
    StrategyCluster,
    Strategy,
    ImplementationOutcome,
    EPISPhase,
    BarrierStrategyLink,
]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in REFERENCE_MODELS}


# The data, as the migration loaded it ---------------------------------------------------------------------


def test_five_cfir_domains_in_order():
    assert list(CFIRDomain.objects.values_list("code", "name")) == [
        ("I", "Innovation"),
        ("II", "Outer Setting"),
        ("III", "Inner Setting"),
        ("IV", "Individuals"),
        ("V", "Implementation Process"),
    ]


def test_every_cfir_construct_and_sub_construct_is_loaded_in_reading_order():
    assert sum(len(codes) for codes in CFIR_CODES.values()) == CONSTRUCT_COUNT
    assert CFIRConstruct.objects.count() == CONSTRUCT_COUNT
    for domain, codes in CFIR_CODES.items():
        assert list(CFIRConstruct.objects.filter(domain__code=domain).values_list("code", flat=True)) == codes


def test_sub_constructs_hang_under_their_parent():
    def children(code):
        return list(CFIRConstruct.objects.filter(parent__code=code).values_list("name", flat=True))

    assert children("III.A") == [
        "Physical Infrastructure",
        "Information Technology Infrastructure",
        "Work Infrastructure",
    ]
    assert children("IV.A") == [
        "High-level Leaders",
        "Mid-level Leaders",
        "Opinion Leaders",
        "Implementation Facilitators",
        "Implementation Leads",
        "Implementation Team Members",
        "Other Implementation Support",
        "Innovation Deliverers",
        "Innovation Recipients",
    ]
    assert children("IV.B") == ["Need", "Capability", "Opportunity", "Motivation"]
    assert children("V.B") == children("V.F") == ["Innovation Deliverers", "Innovation Recipients"]
    assert children("V.H") == ["Implementation", "Innovation"]
    assert children("III.D") == [
        "Human Equality-Centeredness",
        "Recipient-Centeredness",
        "Deliverer-Centeredness",
        "Learning-Centeredness",
    ]
    assert children("III.J") == ["Funding", "Space", "Materials & Equipment"]
    assert children("II.G") == ["Societal Pressure", "Market Pressure", "Performance-Measurement Pressure"]
    # A sub-construct is always in its parent's domain, and code says where it hangs.
    for sub in CFIRConstruct.objects.filter(parent__isnull=False).select_related("parent"):
        assert sub.domain_id == sub.parent.domain_id
        assert sub.code.rsplit(".", 1)[0] == sub.parent.code


def test_73_eric_strategies_numbered_1_to_73_with_unique_names():
    strategies = list(Strategy.objects.order_by("number"))
    assert [s.number for s in strategies] == list(range(1, 74))
    assert len({s.name for s in strategies}) == 73
    assert (strategies[0].name, strategies[32].name, strategies[72].name) == (
        "Access new funding",
        "Facilitation",
        "Work with educational institutions",
    )
    # Published in alphabetical order, and numbered in that order.
    assert [s.name.lower() for s in strategies] == sorted(s.name.lower() for s in strategies)


def test_nine_clusters_every_strategy_in_one_and_none_empty():
    assert list(StrategyCluster.objects.values_list("number", "name")) == list(eric.CLUSTERS.items())
    sizes = Counter(Strategy.objects.values_list("cluster__number", flat=True))
    assert dict(sizes) == CLUSTER_SIZES
    assert sum(sizes.values()) == 73
    assert Strategy.objects.get(name="Facilitation").cluster.name == "Provide interactive assistance"
    assert Strategy.objects.get(name="Remind clinicians").cluster.name == "Support clinicians"


def test_eight_proctor_outcomes_and_four_epis_phases():
    assert list(ImplementationOutcome.objects.values_list("key", flat=True)) == [
        "acceptability",
        "adoption",
        "appropriateness",
        "feasibility",
        "fidelity",
        "implementation-cost",
        "penetration",
        "sustainability",
    ]
    assert list(EPISPhase.objects.values_list("key", flat=True)) == [
        "exploration",
        "preparation",
        "implementation",
        "sustainment",
    ]


@pytest.mark.parametrize("model", [CFIRDomain, CFIRConstruct, Strategy, ImplementationOutcome, EPISPhase])
def test_every_definition_is_written_short_and_plain(model):
    for row in model.objects.all():
        assert row.definition.strip(), row
        # Short: a sentence or two for a nurse new to implementation science.
        assert len(row.definition) <= 260, row
        assert row.definition.rstrip().endswith("."), row


def test_every_source_is_cited_with_a_doi_and_versioned():
    sources = {source.key: source for source in ReferenceSource.objects.all()}
    assert set(sources) == {"cfir-2", "eric", "eric-clusters", "proctor-outcomes", "epis", "cfir-eric-mapping"}
    for source in sources.values():
        assert source.doi.startswith("10."), source
        assert f"doi:{source.doi}" in source.citation, source
        assert source.data_version == DATA_VERSION
    assert "Damschroder LJ" in sources["cfir-2"].citation
    assert "Powell BJ" in sources["eric"].citation
    assert "Waltz TJ" in sources["eric-clusters"].citation
    # The mapping says plainly that it is our adaptation, not the published tool's percentages.
    assert "Adapted by the Implementation Hub" in sources["cfir-eric-mapping"].citation
    assert "not the tool's percentages" in sources["cfir-eric-mapping"].citation


def test_each_row_points_at_its_source():
    def source_key(model):
        return set(model.objects.values_list("source__key", flat=True))

    assert source_key(CFIRDomain) == {"cfir-2"}
    assert source_key(Strategy) == {"eric"}
    assert source_key(StrategyCluster) == {"eric-clusters"}
    assert source_key(ImplementationOutcome) == {"proctor-outcomes"}
    assert source_key(EPISPhase) == {"epis"}
    assert source_key(BarrierStrategyLink) == {"cfir-eric-mapping"}


def test_every_construct_that_can_be_a_barrier_has_3_to_7_suggested_strategies():
    assert set(mapping.LINKS) == {code for codes in CFIR_CODES.values() for code in codes}
    for construct in CFIRConstruct.objects.prefetch_related("strategy_links"):
        weights = [link.weight for link in construct.strategy_links.all()]
        assert 3 <= len(weights) <= 7, construct
        assert set(weights) <= {1, 2, 3}, construct
        assert 3 in weights, construct  # every barrier has a first suggestion


def test_the_mapping_names_real_strategies_once_per_construct():
    for code, links in mapping.LINKS.items():
        names = [name for name, _ in links]
        assert len(names) == len(set(names)), code
        assert set(names) <= set(eric.NUMBER_BY_NAME), code
    assert BarrierStrategyLink.objects.count() == sum(len(links) for links in mapping.LINKS.values())


def test_the_data_module_and_the_database_agree():
    assert len(cfir.constructs_flat()) == CONSTRUCT_COUNT
    assert len(eric.STRATEGIES) == 73


# Loading again ---------------------------------------------------------------------------------------------


def test_loading_twice_changes_nothing():
    before = _counts()
    reference_data_load()
    reference_data_load()
    assert _counts() == before


def test_loading_puts_back_shipped_text_and_keeps_rows_added_in_the_admin():
    strategy = Strategy.objects.get(number=35)
    strategy.definition = "Edited."
    strategy.save()
    construct = CFIRConstruct.objects.get(code="I.A")
    extra = BarrierStrategyLink.objects.create(
        source=ReferenceSource.objects.get(key="cfir-eric-mapping"),
        construct=construct,
        strategy=Strategy.objects.get(name="Use mass media"),
        weight=1,
    )
    reference_data_load()
    strategy.refresh_from_db()
    assert strategy.definition == eric.STRATEGIES[34].definition
    assert BarrierStrategyLink.objects.filter(pk=extra.pk).exists()


def test_loading_into_an_empty_database_after_a_flush():
    for model in reversed(REFERENCE_MODELS):
        if model is CFIRConstruct:  # sub-constructs protect their parents
            model.objects.filter(parent__isnull=False).delete()
        model.objects.all().delete()
    assert sum(_counts().values()) == 0
    reference_data_load()
    assert _counts() == {
        "ReferenceSource": 6,
        "CFIRDomain": 5,
        "CFIRConstruct": CONSTRUCT_COUNT,
        "StrategyCluster": 9,
        "Strategy": 73,
        "ImplementationOutcome": 8,
        "EPISPhase": 4,
        "BarrierStrategyLink": sum(len(links) for links in mapping.LINKS.values()),
    }


def test_the_loader_works_with_a_migrations_historical_models():
    state = MigrationExecutor(connection).loader.project_state(("implementation", "0003_reference_data"))
    before = _counts()
    reference_data_load(apps=state.apps)
    assert _counts() == before


# In the admin ----------------------------------------------------------------------------------------------

SNIPPET_MODELS = [
    "referencesource",
    "cfirdomain",
    "cfirconstruct",
    "strategycluster",
    "strategy",
    "implementationoutcome",
    "episphase",
    "barrierstrategylink",
]


def _listing(model_name: str) -> str:
    return f"/admin/snippets/implementation/{model_name}/"


@pytest.mark.parametrize("model_name", SNIPPET_MODELS)
def test_group_leads_open_every_reference_listing(client, site_pages, model_name):
    client.force_login(account_factories.GroupLeadFactory())
    response = client.get(_listing(model_name))
    assert response.status_code == 200


def test_group_leads_see_the_implementation_science_menu(client, site_pages):
    client.force_login(account_factories.GroupLeadFactory())
    html = client.get("/admin/").content.decode()
    assert "Implementation science" in html


def test_group_leads_search_and_filter_strategies(client, site_pages):
    client.force_login(account_factories.GroupLeadFactory())
    html = client.get(_listing("strategy"), {"q": "champions"}).content.decode()
    assert "Identify and prepare champions" in html
    assert "Access new funding" not in html
    cluster = StrategyCluster.objects.get(number=7)
    html = client.get(_listing("strategy"), {"cluster": cluster.pk}).content.decode()
    assert "Use mass media" in html
    assert "Facilitation" not in html


def test_group_leads_edit_a_definition_but_may_not_delete(client, site_pages):
    client.force_login(account_factories.GroupLeadFactory())
    strategy = Strategy.objects.get(number=58)
    edit_url = f"{_listing('strategy')}edit/{strategy.pk}/"
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url,
        {
            "source": strategy.source_id,
            "number": 58,
            "name": strategy.name,
            "definition": "Prompt staff at the right moment to use the innovation.",
            "cluster": strategy.cluster_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    strategy.refresh_from_db()
    assert strategy.definition == "Prompt staff at the right moment to use the innovation."
    delete = client.get(f"{_listing('strategy')}delete/{strategy.pk}/")
    assert delete.status_code == 302 and delete["Location"] == "/admin/"
    assert Strategy.objects.filter(pk=strategy.pk).exists()


def test_group_leads_grade_a_link_from_three_choices(client, site_pages):
    client.force_login(account_factories.GroupLeadFactory())
    link = BarrierStrategyLink.objects.filter(construct__code="I.A").first()
    edit_url = f"{_listing('barrierstrategylink')}edit/{link.pk}/"
    data = {"construct": link.construct_id, "strategy": link.strategy_id, "source": link.source_id, "weight": "5"}
    response = client.post(edit_url, data)
    assert response.status_code == 200  # the form again, with the error next to the field
    link.refresh_from_db()
    assert link.weight != 5
    response = client.post(edit_url, {**data, "weight": "1"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.weight == 1


def test_the_link_listing_costs_the_same_at_any_length(client, site_pages, django_assert_max_num_queries):
    client.force_login(account_factories.GroupLeadFactory())
    client.get(_listing("barrierstrategylink"))  # warm caches (site, menus)
    with django_assert_max_num_queries(20):
        response = client.get(_listing("barrierstrategylink"))
    assert response.status_code == 200


@pytest.mark.parametrize("factory", [account_factories.LearnerFactory, account_factories.MentorFactory])
def test_members_outside_the_cms_get_the_friendly_403(client, site_pages, factory):
    client.force_login(factory())
    response = client.get(_listing("strategy"))
    assert response.status_code == 403
    assert b"You do not have access to this page" in response.content


def test_editors_are_sent_back_to_the_dashboard(client, site_pages):
    client.force_login(account_factories.EditorFactory())
    response = client.get(_listing("strategy"))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_anonymous_visitors_are_sent_to_log_in(client, site_pages):
    response = client.get(_listing("strategy"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
