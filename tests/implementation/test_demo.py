"""The demo plans: a complete plan, a half-done plan and the community's template, built once."""

from implementation.models import ImplementationPlan
from implementation.selectors.outputs import plan_completeness
from implementation.selectors.plans import plan_full
from implementation.stari import stari_check


def test_demo_plans_are_built_once_and_the_sepsis_plan_is_complete(site_pages):
    from grants.demo import grants_demo_load
    from home.demo import accounts_ensure
    from implementation import demo_content

    accounts_ensure(password="demo password for tests")
    grants_demo_load(home=site_pages["home"], with_proposals=True)
    template = ImplementationPlan.objects.published_templates().get()
    assert template.template_name == demo_content.TEMPLATE["name"]
    plans = {plan.proposal.title: plan for plan in ImplementationPlan.objects.filter(is_template=False)}
    assert set(plans) == set(demo_content.PLANS)

    sepsis = plan_full(plan_id=plans[next(iter(demo_content.PLANS))].pk)
    missing = [item for item in plan_completeness(plan=sepsis) if not item.done]
    assert missing == [], missing
    stari = stari_check(plan=sepsis)
    assert stari.covered_count == stari.plan_related_count
    # The proposal went to review after its plan was written: the frozen version holds the plan.
    version = sepsis.proposal.versions.get()
    assert len(version.content["implementation_plan"]["strategies"]) == 3

    half_done = plan_full(plan_id=plans[list(demo_content.PLANS)[1]].pk)
    assert any(not item.done for item in plan_completeness(plan=half_done))

    grants_demo_load(home=site_pages["home"], with_proposals=True)
    assert ImplementationPlan.objects.count() == 3
    assert ImplementationPlan.objects.get(pk=template.pk).revision == 1
