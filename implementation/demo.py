"""Build the demo implementation plans from `implementation.demo_content`, through the plan document importer.

Idempotent: a plan that already has content (revision above 0) and a template that already exists
are left as they are, so members' changes are kept.
"""

from implementation import demo_content as content
from implementation.models import ImplementationPlan
from implementation.serialise import plan_from_dict
from implementation.services.plans import plan_ensure


def plan_template_ensure(*, group_lead) -> ImplementationPlan:
    """The community's shared plan template, published, written by the demo group lead."""
    template = ImplementationPlan.objects.templates().filter(template_name=content.TEMPLATE["name"]).first()
    if template is None:
        template = ImplementationPlan.objects.create(
            is_template=True,
            template_name=content.TEMPLATE["name"],
            template_description=content.TEMPLATE["description"],
            template_published=True,
        )
        plan_from_dict(data=content.TEMPLATE["document"], plan=template, by=group_lead)
    return template


def proposal_plan_ensure(*, proposal, by) -> ImplementationPlan | None:
    """The demo plan of a demo proposal (if it has one), written by `by` (an applicant) the first time."""
    document = content.PLANS.get(proposal.title)
    if document is None:
        return None
    plan = plan_ensure(proposal=proposal)
    if plan.revision == 0:
        plan_from_dict(data=document, plan=plan, by=by)
    return plan
