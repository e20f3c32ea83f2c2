"""Plan templates: group leads write and publish them; a member starts a proposal's plan from one.

A template is an ImplementationPlan with is_template=True, edited with the same pages as any plan.
Starting from a template copies its content through the plan document (`implementation.serialise`)
and keeps that document as the plan's `template_snapshot`, so the member can see later what they changed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from implementation.models import ImplementationPlan
from implementation.permissions import templates_manage_allowed
from implementation.selectors.plans import plan_full
from implementation.selectors.templates import plan_is_empty
from implementation.serialise import plan_from_dict, plan_to_dict
from implementation.services.plans import plan_changed, plan_lock_for_change


@transaction.atomic
def template_create(*, name: str, description: str, by) -> ImplementationPlan:
    """A new, unpublished, empty plan template named `name`, written by the group lead `by`."""
    if not templates_manage_allowed(user=by):
        raise PermissionDenied
    return ImplementationPlan.objects.create(
        is_template=True, template_name=name, template_description=description, updated_by=by
    )


@transaction.atomic
def template_details_update(*, template: ImplementationPlan, name: str, description: str, by) -> ImplementationPlan:
    """Rename a template or change what it says it is for (group leads)."""
    if not template.is_template:
        raise ValidationError(_("This plan is not a template."))
    template = plan_lock_for_change(plan=template, base_revision=None, by=by)
    template.template_name = name
    template.template_description = description
    template.save(update_fields=["template_name", "template_description"])
    return plan_changed(plan=template, by=by)


@transaction.atomic
def template_publish_set(*, template: ImplementationPlan, published: bool, by) -> ImplementationPlan:
    """Publish a template (members may then see it and start from it) or take it back to draft.

    An empty template can't be published: there would be nothing to start from.
    """
    if not template.is_template:
        raise ValidationError(_("This plan is not a template."))
    template = plan_lock_for_change(plan=template, base_revision=None, by=by)
    if published and plan_is_empty(plan=template):
        raise ValidationError(_("Add something to “%(name)s” before publishing it.") % {"name": template})
    template.template_published = published
    template.save(update_fields=["template_published"])
    return template


@transaction.atomic
def plan_start_from_template(
    *, plan: ImplementationPlan, template: ImplementationPlan, by, replace: bool = False
) -> ImplementationPlan:
    """Fill a proposal's plan with a published template's content, and remember the template as it was.

    Only an empty plan is filled unless `replace` says to replace everything in it. Raises
    PermissionDenied (the plan may not be changed by `by`) or ValidationError.
    """
    if plan.is_template:
        raise ValidationError(_("A template can’t be started from another template."))
    if not (template.is_template and template.template_published):
        raise ValidationError(_("That template is no longer published: choose another."))
    locked = plan_lock_for_change(plan=plan, base_revision=None, by=by)
    if not replace and not plan_is_empty(plan=locked):
        raise ValidationError(
            _("This plan already has content. Tick “Replace everything in the plan” to start again from the template.")
        )
    document = plan_to_dict(plan_full(plan_id=template.pk))
    plan = plan_from_dict(data=document, plan=locked, by=by)
    plan.template = template
    plan.template_snapshot = document
    plan.save(update_fields=["template", "template_snapshot"])
    return plan
