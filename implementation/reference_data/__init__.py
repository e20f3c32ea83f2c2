"""The reference data shipped with the Hub: CFIR 2.0, ERIC strategies and clusters, Proctor's outcomes, EPIS
phases and the barrier-to-strategy mapping, kept as data here (one module per source) and loaded into the
database by `reference_data_load`.

The loader is called by the data migration `implementation.0003_reference_data`, so it only reaches models
through the app registry it is given (a migration's historical apps, or the real ones). It updates or creates
every row by its natural key, so it can run again (the demo command, tests after a database flush, a later data
migration that bumps `DATA_VERSION`) without making duplicates. Running it again puts back the shipped names,
definitions and weights; rows a group lead added in the admin are left alone.
"""

from django.apps import apps as global_apps
from django.db import transaction

from implementation.reference_data import cfir, epis, eric, mapping, proctor

#: The version of the shipped data; a data migration that changes the data bumps it.
DATA_VERSION = "2026.1"

SOURCES = (cfir.SOURCE, eric.SOURCE, eric.CLUSTER_SOURCE, proctor.SOURCE, epis.SOURCE, mapping.SOURCE)


def reference_data_load(*, apps=global_apps) -> None:
    """Create or update every reference source, CFIR domain and construct, ERIC cluster and strategy,
    implementation outcome, EPIS phase and barrier-to-strategy link shipped with the Hub."""
    with transaction.atomic():
        ReferenceSource = apps.get_model("implementation", "ReferenceSource")
        sources = {
            data["key"]: ReferenceSource.objects.update_or_create(
                key=data["key"],
                defaults={
                    "title": data["title"],
                    "citation": data["citation"],
                    "doi": data["doi"],
                    "data_version": DATA_VERSION,
                },
            )[0]
            for data in SOURCES
        }
        constructs = _cfir_load(apps, source=sources[cfir.SOURCE["key"]])
        strategies = _eric_load(
            apps, source=sources[eric.SOURCE["key"]], cluster_source=sources[eric.CLUSTER_SOURCE["key"]]
        )
        _keyed_load(apps, "ImplementationOutcome", proctor.OUTCOMES, source=sources[proctor.SOURCE["key"]])
        _keyed_load(apps, "EPISPhase", epis.PHASES, source=sources[epis.SOURCE["key"]])
        _links_load(apps, source=sources[mapping.SOURCE["key"]], constructs=constructs, strategies=strategies)


def _cfir_load(apps, *, source) -> dict:
    """Domains, then constructs in reading order (parents before their sub-constructs); returns them by code."""
    CFIRDomain = apps.get_model("implementation", "CFIRDomain")
    CFIRConstruct = apps.get_model("implementation", "CFIRConstruct")
    domains = {}
    for order, domain in enumerate(cfir.DOMAINS, start=1):
        domains[domain.code] = CFIRDomain.objects.update_or_create(
            code=domain.code,
            defaults={"source": source, "name": domain.name, "definition": domain.definition, "sort_order": order},
        )[0]
    constructs = {}
    # One running order per domain, so listing by (domain, sort_order) reads as the published tree.
    orders: dict[str, int] = {}
    for domain, construct, parent in cfir.constructs_flat():
        orders[domain.code] = orders.get(domain.code, 0) + 1
        constructs[construct.code] = CFIRConstruct.objects.update_or_create(
            code=construct.code,
            defaults={
                "domain": domains[domain.code],
                "parent": constructs[parent.code] if parent else None,
                "name": construct.name,
                "definition": construct.definition,
                "sort_order": orders[domain.code],
            },
        )[0]
    return constructs


def _eric_load(apps, *, source, cluster_source) -> dict:
    """The nine clusters and the 73 strategies; returns the strategies by number."""
    StrategyCluster = apps.get_model("implementation", "StrategyCluster")
    Strategy = apps.get_model("implementation", "Strategy")
    clusters = {
        number: StrategyCluster.objects.update_or_create(
            number=number, defaults={"source": cluster_source, "name": name}
        )[0]
        for number, name in eric.CLUSTERS.items()
    }
    return {
        strategy.number: Strategy.objects.update_or_create(
            number=strategy.number,
            defaults={
                "source": source,
                "name": strategy.name,
                "definition": strategy.definition,
                "cluster": clusters[strategy.cluster],
            },
        )[0]
        for strategy in eric.STRATEGIES
    }


def _keyed_load(apps, model_name: str, rows, *, source) -> None:
    """Rows of (key, name, definition) for a model with a unique key and a sort order (outcomes, phases)."""
    Model = apps.get_model("implementation", model_name)
    for order, (key, name, definition) in enumerate(rows, start=1):
        Model.objects.update_or_create(
            key=key, defaults={"source": source, "name": name, "definition": definition, "sort_order": order}
        )


def _links_load(apps, *, source, constructs: dict, strategies: dict) -> None:
    """The barrier-to-strategy mapping, naming strategies by their published name."""
    BarrierStrategyLink = apps.get_model("implementation", "BarrierStrategyLink")
    for code, links in mapping.LINKS.items():
        for name, weight in links:
            BarrierStrategyLink.objects.update_or_create(
                construct=constructs[code],
                strategy=strategies[eric.NUMBER_BY_NAME[name]],
                defaults={"source": source, "weight": weight},
            )
