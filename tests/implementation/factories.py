"""Factories for implementation planning: small reference data of our own, and plans.

Tests that need the real shipped reference data call `implementation.reference_data.reference_data_load()`
(or rely on the data migration); these factories make just enough for a test to read clearly.
"""

import factory

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


class ReferenceSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferenceSource
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"test-source-{n}")
    title = factory.Sequence(lambda n: f"Test source {n}")
    citation = "Author A, et al. A test framework. Implement Sci 2020."


class CFIRDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CFIRDomain

    source = factory.SubFactory(ReferenceSourceFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Test domain {n}")
    definition = "A domain for tests."


class CFIRConstructFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CFIRConstruct

    domain = factory.SubFactory(CFIRDomainFactory)
    code = factory.Sequence(lambda n: f"T.{n}")
    name = factory.Sequence(lambda n: f"Test construct {n}")
    definition = "A construct for tests."


class StrategyClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyCluster

    source = factory.SubFactory(ReferenceSourceFactory)
    number = factory.Sequence(lambda n: 100 + n)
    name = factory.Sequence(lambda n: f"Test cluster {n}")


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    source = factory.SubFactory(ReferenceSourceFactory)
    number = factory.Sequence(lambda n: 1000 + n)
    name = factory.Sequence(lambda n: f"Test strategy {n}")
    definition = "A strategy for tests."
    cluster = factory.SubFactory(StrategyClusterFactory)


class ImplementationOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImplementationOutcome

    source = factory.SubFactory(ReferenceSourceFactory)
    key = factory.Sequence(lambda n: f"test-outcome-{n}")
    name = factory.Sequence(lambda n: f"Test outcome {n}")
    definition = "An outcome for tests."


class EPISPhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EPISPhase

    source = factory.SubFactory(ReferenceSourceFactory)
    key = factory.Sequence(lambda n: f"test-phase-{n}")
    name = factory.Sequence(lambda n: f"Test phase {n}")
    definition = "A phase for tests."


class BarrierStrategyLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierStrategyLink

    source = factory.SubFactory(ReferenceSourceFactory)
    construct = factory.SubFactory(CFIRConstructFactory)
    strategy = factory.SubFactory(StrategyFactory)
    weight = 2


def plan_for(*, proposal=None, **fields):
    """A proposal's plan (a complete draft proposal by default), made through the service, with `fields` set."""
    from implementation.services.plans import plan_ensure
    from tests.grants.factories import proposal_make

    plan = plan_ensure(proposal=proposal or proposal_make(complete=True))
    for name, value in fields.items():
        setattr(plan, name, value)
    if fields:
        plan.save()
    return plan
