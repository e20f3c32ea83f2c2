"""A plan as data: download it as JSON and import it back, plan templates, and starting a plan from one.

Plan pages answer 404 to anyone who may not read the plan (a proposal's plan: whoever may not read
the proposal; a draft template: anyone but group leads). Someone who may read a plan but not change
it gets a page saying why (403), as on a proposal's own pages.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from implementation.forms.templates import PlanImportForm, StartFromTemplateForm, TemplateForm
from implementation.models import ImplementationPlan
from implementation.permissions import plan_edit_allowed, templates_manage_allowed
from implementation.selectors.plans import plan_full
from implementation.selectors.templates import (
    plan_is_empty,
    plan_template_changes,
    template_get_for,
    templates_published,
    templates_visible_to,
)
from implementation.serialise import plan_to_dict
from implementation.services.plans import PlanConflict
from implementation.services.templates import (
    plan_start_from_template,
    template_create,
    template_details_update,
    template_publish_set,
)
from implementation.services.transfer import plan_import
from implementation.views.common import plan_not_allowed, plan_or_404


def _managed_template_or_404(request, template_id: int) -> ImplementationPlan:
    """A template, for a group lead; 404 for anyone else (members never manage templates)."""
    if not templates_manage_allowed(user=request.user):
        raise Http404
    template = template_get_for(user=request.user, template_id=template_id)
    if template is None:
        raise Http404
    return template


# JSON export and import ------------------------------------------------------------------------


@login_required
@require_safe
@never_cache
def plan_export_json(request, plan_id: int):
    """The plan as a JSON document (see implementation.serialise), downloaded as a file; readers only."""
    plan = plan_or_404(request, plan_id)
    document = plan_to_dict(plan_full(plan_id=plan.pk))
    name = slugify(str(plan))[:60] or "plan"
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n", content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{name}.json")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def plan_import_view(request, plan_id: int):
    """Replace the plan with a JSON plan file, once the member confirms it replaces everything; editors only."""
    plan = plan_or_404(request, plan_id)
    if not plan_edit_allowed(user=request.user, plan=plan):
        return plan_not_allowed(request, plan)
    if request.method == "POST":
        form = PlanImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                plan_import(plan=plan, data=form.document, by=request.user)
            except PermissionDenied:
                return plan_not_allowed(request, plan)
            except (ValidationError, PlanConflict) as error:
                form.add_error("file", error if isinstance(error, ValidationError) else str(error))
            else:
                messages.success(request, _("The plan now holds the content of the file you imported."))
                return redirect("implementation:plan_overview", plan_id=plan.pk)
    else:
        form = PlanImportForm()
    return render(request, "implementation/plan_import.html", {"plan": plan, "form": form})


# Starting from a template, and what changed since --------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_start_from_template_view(request, plan_id: int):
    """Choose a published template to fill a proposal's plan with; a plan with content is replaced only if asked."""
    plan = plan_or_404(request, plan_id)
    if plan.is_template:
        raise Http404
    if not plan_edit_allowed(user=request.user, plan=plan):
        return plan_not_allowed(request, plan)
    templates = templates_published()
    has_content = not plan_is_empty(plan=plan)
    if request.method == "POST":
        form = StartFromTemplateForm(request.POST, templates=templates, plan_has_content=has_content)
        if form.is_valid():
            template = form.cleaned_data["template"]
            try:
                plan_start_from_template(
                    plan=plan, template=template, by=request.user, replace=form.cleaned_data.get("replace", False)
                )
            except PermissionDenied:
                return plan_not_allowed(request, plan)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your plan now holds everything from “%(name)s”. Change anything to fit your study: "
                        "“What I changed from the template” shows your changes."
                    )
                    % {"name": template},
                )
                return redirect("implementation:plan_overview", plan_id=plan.pk)
    else:
        form = StartFromTemplateForm(templates=templates, plan_has_content=has_content)
    context = {"plan": plan, "form": form, "templates": templates, "has_content": has_content}
    return render(request, "implementation/template_start.html", context)


@login_required
@require_safe
def plan_template_changes_view(request, plan_id: int):
    """What was changed in the plan since it was started from a template, part by part; readers only."""
    plan = plan_or_404(request, plan_id)
    if plan.is_template:
        raise Http404
    context = {
        "plan": plan,
        "changes": plan_template_changes(plan=plan),
        "can_edit": plan_edit_allowed(user=request.user, plan=plan),
    }
    return render(request, "implementation/template_changes.html", context)


# Templates -----------------------------------------------------------------------------------


@login_required
@require_safe
def template_list(request):
    """Plan templates: the published ones for members; every one, drafts too, for group leads."""
    can_manage = templates_manage_allowed(user=request.user)
    context = {"templates": list(templates_visible_to(user=request.user)), "can_manage": can_manage}
    return render(request, "implementation/template_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def template_new(request):
    """A group lead starts a new plan template, then fills it in with the plan's own pages."""
    if not templates_manage_allowed(user=request.user):
        raise Http404
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            template = template_create(
                name=form.cleaned_data["name"], description=form.cleaned_data["description"], by=request.user
            )
            messages.success(
                request,
                _("“%(name)s” is saved as a draft. Fill in its parts, then publish it from Plan templates.")
                % {"name": template},
            )
            return redirect("implementation:plan_overview", plan_id=template.pk)
    else:
        form = TemplateForm()
    return render(request, "implementation/template_form.html", {"form": form, "template": None})


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request, template_id: int):
    """A group lead renames a template or changes what it says it is for."""
    template = _managed_template_or_404(request, template_id)
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            template_details_update(
                template=template,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
            messages.success(request, _("The template’s details are saved."))
            return redirect("implementation:template_list")
    else:
        form = TemplateForm(initial={"name": template.template_name, "description": template.template_description})
    return render(request, "implementation/template_form.html", {"form": form, "template": template})


def _publish(request, template_id: int, published: bool):
    template = _managed_template_or_404(request, template_id)
    try:
        template_publish_set(template=template, published=published, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if published:
            messages.success(request, _("“%(name)s” is published: members can start from it.") % {"name": template})
        else:
            messages.success(
                request,
                _("“%(name)s” is back to draft: members can no longer see it. Plans started from it keep their copy.")
                % {"name": template},
            )
    return redirect("implementation:template_list")


@login_required
@require_POST
def template_publish(request, template_id: int):
    """Publish a template (group leads): members can then see it and start a plan from it."""
    return _publish(request, template_id, True)


@login_required
@require_POST
def template_unpublish(request, template_id: int):
    """Take a template back to draft (group leads)."""
    return _publish(request, template_id, False)


urlpatterns = [
    path("plans/<int:plan_id>/plan.json", plan_export_json, name="plan_export_json"),
    path("plans/<int:plan_id>/import/", plan_import_view, name="plan_import"),
    path("plans/<int:plan_id>/start-from-template/", plan_start_from_template_view, name="plan_start_from_template"),
    path("plans/<int:plan_id>/changes-from-template/", plan_template_changes_view, name="plan_template_changes"),
    path("plan-templates/", template_list, name="template_list"),
    path("plan-templates/new/", template_new, name="template_new"),
    path("plan-templates/<int:template_id>/edit/", template_edit, name="template_edit"),
    path("plan-templates/<int:template_id>/publish/", template_publish, name="template_publish"),
    path("plan-templates/<int:template_id>/unpublish/", template_unpublish, name="template_unpublish"),
]
