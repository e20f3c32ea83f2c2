"""The plan editor: the plan at a glance, and one page per part where the applicants fill it in.

Whoever may not read the plan gets 404 (from `plan_or_404`). Whoever may read it but not change it (mentors,
group leads, applicants once the proposal has gone to the funder, members reading a published template) sees
each part read-only, and any attempt to change something gets a 403 page that says why. Every save carries the
plan's revision the form was opened on: if someone changed the plan since, the save is refused with a clear
message and everything typed stays in the form.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from implementation.forms.editing import (
    DeterminantForm,
    FidelityForm,
    InterventionForm,
    MilestoneFormSet,
    PlanOutcomeForm,
    PlanRevisionForm,
    PlanStrategyForm,
    SettingForm,
    SiteFormSet,
    StakeholderFormSet,
    UseSuggestionForm,
)
from implementation.models import ImplementationPlan, Strategy
from implementation.permissions import plan_edit_allowed
from implementation.selectors.editing import (
    barriers_without_strategy,
    construct_choices,
    determinants_by_domain,
    organisation_choices,
    outcome_choices,
    phase_choices,
    plan_barriers,
    plan_determinant_get,
    plan_outcome_get,
    plan_parts,
    plan_strategy_get,
    stakeholder_grid,
    strategy_choices,
    strategy_suggestions,
    suggestion_sources,
    timeline_chart,
)
from implementation.selectors.plans import plan_full
from implementation.services.editing import (
    determinant_add,
    determinant_remove,
    determinant_update,
    plan_fidelity_save,
    plan_intervention_save,
    plan_outcome_add,
    plan_outcome_remove,
    plan_outcome_update,
    plan_setting_save,
    plan_strategy_add,
    plan_strategy_from_suggestion,
    plan_strategy_remove,
    plan_strategy_update,
    plan_timeline_save,
)
from implementation.services.plans import PlanConflict
from implementation.views.common import plan_not_allowed, plan_or_404, plan_read_only_reason

SITES_PREFIX = "sites"
STAKEHOLDERS_PREFIX = "stakeholders"
MILESTONES_PREFIX = "milestones"

#: The part each page edits, for the part navigation and the proposal's comment anchors (grants.sections.PLAN_PARTS).
PART_LABELS = {
    "intervention": "Intervention",
    "setting": "Setting and people",
    "determinants": "Barriers and facilitators",
    "strategies": "Strategies",
    "outcomes": "Outcomes",
    "fidelity": "Fidelity and adaptation",
    "timeline": "Timeline",
}

FORM_OUT_OF_DATE = (
    "The page you saved from was incomplete or out of date, so nothing was saved. Your changes are still in the "
    "form below: check the plan as it is now, then save again."
)


def _plan_page(request, plan_id: int) -> tuple[ImplementationPlan, bool]:
    """The plan with every part loaded (or 404), and whether the member may change it."""
    checked = plan_or_404(request, plan_id)
    plan = plan_full(plan_id=checked.pk)
    if checked.proposal_id:
        plan.proposal = checked.proposal  # keep the object the permission checks cached their roles on
    return plan, plan_edit_allowed(user=request.user, plan=plan)


def _render(request, plan: ImplementationPlan, can_edit: bool, part: str, template: str, context: dict, status=200):
    base = {
        "plan": plan,
        "proposal": plan.proposal if plan.proposal_id else None,
        "can_edit": can_edit,
        "reason": "" if can_edit else plan_read_only_reason(plan),
        "part": part,
        "part_label": PART_LABELS.get(part, ""),
        "parts": plan_parts(plan=plan),
        "comment_anchor": f"plan_{part}" if part in PART_LABELS else "",
    }
    return render(request, template, {**base, **context}, status=status)


class _NotAllowed(Exception):
    """A service refused the change (the member lost the right to edit while the page was open)."""

    def __init__(self, plan: ImplementationPlan):
        self.plan = plan


def _friendly_denials(view):
    """Answer a refusal from a service with the plan's own 403 page rather than the site's generic one."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _NotAllowed as denied:
            return plan_not_allowed(request, denied.plan)

    return wrapper


@dataclass
class Attempt:
    """What came of a POST: the forms to show again, a conflict message, and the service's result once saved."""

    forms: tuple
    conflict: str = ""
    saved: bool = False
    result: object = None

    @property
    def status(self) -> int:
        return 409 if self.conflict else 200


def _rebased(data, revision: int):
    """The posted data with the plan's current revision as its base, so saving again deliberately keeps it."""
    data = data.copy()
    data["base_revision"] = str(revision)
    return data


def _attempt(request, plan: ImplementationPlan, *, bind: Callable, save: Callable) -> Attempt:
    """Validate the forms `bind(data)` makes (the first carries the revision) and, if valid, call `save(*forms)`.

    A PlanConflict, or a missing or altered revision, re-binds the same data on the current revision: nothing is
    lost, and pressing save again keeps these changes on purpose. A ValidationError from the service is shown on
    the first form. A PermissionDenied becomes the plan's 403 page (through `_friendly_denials`).
    """
    forms = bind(request.POST)
    main = forms[0]
    checked = [form.is_valid() for form in forms]  # every form validated, so each shows its errors
    valid = all(checked)
    conflict = ""
    if valid:
        try:
            result = save(*forms, base_revision=main.cleaned_data["base_revision"])
        except PermissionDenied as error:
            raise _NotAllowed(plan) from error
        except PlanConflict as error:
            conflict = str(error)
        except ValidationError as error:
            main.add_error(None, list(error.messages))
        else:
            return Attempt(forms=forms, saved=True, result=result)
    elif main.has_error("base_revision"):
        conflict = FORM_OUT_OF_DATE
    if conflict:
        return Attempt(forms=bind(_rebased(request.POST, plan.revision)), conflict=conflict)
    return Attempt(forms=forms)


# The overview -------------------------------------------------------------------------------------------------


@login_required
@require_safe
def plan_overview(request, plan_id: int):
    """The plan at a glance: each part summarised, with a link to fill it in (or read it)."""
    plan, can_edit = _plan_page(request, plan_id)
    context = {
        "groups": determinants_by_domain(plan=plan),
        "unaddressed": barriers_without_strategy(plan=plan),
    }
    return _render(request, plan, can_edit, "overview", "implementation/plan_overview.html", context)


# The intervention -------------------------------------------------------------------------------------------


def _intervention_initial(plan: ImplementationPlan) -> dict:
    fields = ["intervention_name", "evidence_citation", "evidence_doi", "core_components", "adaptable_components"]
    return {"base_revision": plan.revision, **{name: getattr(plan, name) for name in fields}}


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_intervention(request, plan_id: int):
    """The intervention: its name, the trial and evidence behind it, and its core and adaptable parts."""
    plan, can_edit = _plan_page(request, plan_id)
    form, attempt = None, Attempt(forms=())
    if request.method == "POST":
        if not can_edit:
            return plan_not_allowed(request, plan)
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: (InterventionForm(data),),
            save=lambda form, base_revision: plan_intervention_save(
                plan=plan,
                base_revision=base_revision,
                by=request.user,
                **{k: v for k, v in form.cleaned_data.items() if k != "base_revision"},
            ),
        )
        if attempt.saved:
            messages.success(request, _("The intervention is saved."))
            return redirect("implementation:plan_intervention", plan.pk)
        form = attempt.forms[0]
    elif can_edit:
        form = InterventionForm(initial=_intervention_initial(plan))
    context = {"form": form, "conflict": attempt.conflict}
    return _render(
        request, plan, can_edit, "intervention", "implementation/part_intervention.html", context, attempt.status
    )


# Setting and people -----------------------------------------------------------------------------------------


def _setting_forms(data, *, organisations, initial=None):
    initial = initial or {}
    return (
        SettingForm(data, initial=initial.get("setting")),
        SiteFormSet(
            data, initial=initial.get("sites"), prefix=SITES_PREFIX, row_kwargs={"organisations": organisations}
        ),
        StakeholderFormSet(data, initial=initial.get("stakeholders"), prefix=STAKEHOLDERS_PREFIX),
    )


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_setting(request, plan_id: int):
    """Setting and people: the population, the sites, and the stakeholder map (a table and an influence grid)."""
    plan, can_edit = _plan_page(request, plan_id)
    forms, attempt = None, Attempt(forms=())
    if request.method == "POST":
        if not can_edit:
            return plan_not_allowed(request, plan)
        organisations = organisation_choices()
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: _setting_forms(data, organisations=organisations),
            save=lambda setting, sites, stakeholders, base_revision: plan_setting_save(
                plan=plan,
                population=setting.cleaned_data["population"],
                sites=sites.rows(),
                stakeholders=stakeholders.rows(),
                base_revision=base_revision,
                by=request.user,
            ),
        )
        if attempt.saved:
            messages.success(request, _("Setting and people are saved."))
            return redirect("implementation:plan_setting", plan.pk)
        forms = attempt.forms
    elif can_edit:
        initial = {
            "setting": {"base_revision": plan.revision, "population": plan.population},
            "sites": [
                {"organisation": site.organisation_id, "name": site.name, "notes": site.notes}
                for site in plan.sites.all()
            ],
            "stakeholders": [
                {"role": s.role, "influence": s.influence, "interest": s.interest, "engagement": s.engagement}
                for s in plan.stakeholders.all()
            ],
        }
        forms = _setting_forms(None, organisations=organisation_choices(), initial=initial)
    setting_form, site_formset, stakeholder_formset = forms or (None, None, None)
    context = {
        "form": setting_form,
        "site_formset": site_formset,
        "stakeholder_formset": stakeholder_formset,
        "conflict": attempt.conflict,
        "grid": stakeholder_grid(plan=plan),
    }
    return _render(request, plan, can_edit, "setting", "implementation/part_setting.html", context, attempt.status)


# Barriers and facilitators ----------------------------------------------------------------------------------


def _determinant_initial(plan: ImplementationPlan, determinant=None) -> dict:
    if determinant is None:
        return {"base_revision": plan.revision}
    return {
        "base_revision": plan.revision,
        "kind": determinant.kind,
        "construct": determinant.construct_id,
        "description": determinant.description,
        "strength": determinant.strength,
        "evidence": determinant.evidence,
    }


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_determinants(request, plan_id: int):
    """Barriers and facilitators grouped by CFIR domain; applicants add one with the form below the list."""
    plan, can_edit = _plan_page(request, plan_id)
    form, attempt = None, Attempt(forms=())
    if request.method == "POST":
        if not can_edit:
            return plan_not_allowed(request, plan)
        constructs = construct_choices()
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: (DeterminantForm(data, constructs=constructs),),
            save=lambda form, base_revision: determinant_add(
                plan=plan, data=form.determinant(), base_revision=base_revision, by=request.user
            ),
        )
        if attempt.saved:
            messages.success(
                request,
                _("The %(kind)s is added.") % {"kind": attempt.result.get_kind_display().lower()},
            )
            return redirect(
                f"{reverse('implementation:plan_determinants', args=[plan.pk])}#determinant-{attempt.result.pk}"
            )
        form = attempt.forms[0]
    elif can_edit:
        form = DeterminantForm(initial=_determinant_initial(plan), constructs=construct_choices())
    context = {
        "form": form,
        "conflict": attempt.conflict,
        "groups": determinants_by_domain(plan=plan),
        "unaddressed": barriers_without_strategy(plan=plan),
    }
    return _render(
        request, plan, can_edit, "determinants", "implementation/part_determinants.html", context, attempt.status
    )


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_determinant_edit(request, plan_id: int, determinant_id: int):
    """Change one barrier or facilitator."""
    plan, can_edit = _plan_page(request, plan_id)
    determinant = plan_determinant_get(plan=plan, determinant_id=determinant_id)
    if determinant is None:
        raise Http404
    if not can_edit:
        return plan_not_allowed(request, plan)
    constructs = construct_choices()
    attempt = Attempt(forms=())
    if request.method == "POST":
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: (DeterminantForm(data, constructs=constructs),),
            save=lambda form, base_revision: determinant_update(
                plan=plan,
                determinant=determinant,
                data=form.determinant(),
                base_revision=base_revision,
                by=request.user,
            ),
        )
        if attempt.saved:
            messages.success(request, _("Your changes are saved."))
            return redirect(
                f"{reverse('implementation:plan_determinants', args=[plan.pk])}#determinant-{determinant.pk}"
            )
        form = attempt.forms[0]
    else:
        form = DeterminantForm(initial=_determinant_initial(plan, determinant), constructs=constructs)
    context = {"form": form, "conflict": attempt.conflict, "determinant": determinant}
    return _render(
        request, plan, can_edit, "determinants", "implementation/part_determinant_edit.html", context, attempt.status
    )


def _remove_page(request, plan, can_edit, *, part: str, item, what: str, remove: Callable, back_url: str, notes=()):
    """Ask, then remove an item of the plan (POST with the plan's revision)."""
    if not can_edit:
        return plan_not_allowed(request, plan)
    attempt = Attempt(forms=(PlanRevisionForm(initial={"base_revision": plan.revision}),))
    if request.method == "POST":
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: (PlanRevisionForm(data),),
            save=lambda form, base_revision: remove(base_revision=base_revision),
        )
        if attempt.saved:
            messages.success(request, _("“%(what)s” is removed.") % {"what": what})
            return redirect(back_url)
    context = {
        "form": attempt.forms[0],
        "conflict": attempt.conflict,
        "item": item,
        "what": what,
        "notes": notes,
        "back_url": back_url,
    }
    return _render(request, plan, can_edit, part, "implementation/part_remove.html", context, attempt.status)


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_determinant_remove(request, plan_id: int, determinant_id: int):
    """Ask, then remove a barrier or facilitator."""
    plan, can_edit = _plan_page(request, plan_id)
    determinant = plan_determinant_get(plan=plan, determinant_id=determinant_id)
    if determinant is None:
        raise Http404
    linked = [item.name for item in plan.strategies.all() if determinant in item.determinants.all()]
    notes = []
    if linked:
        notes.append(
            _("These strategies say they address it, and will no longer list it: %(names)s.")
            % {"names": "; ".join(linked)}
        )
    return _remove_page(
        request,
        plan,
        can_edit,
        part="determinants",
        item=determinant,
        what=determinant.description if len(determinant.description) <= 80 else f"{determinant.description[:79]}…",
        remove=lambda base_revision: determinant_remove(
            plan=plan, determinant=determinant, base_revision=base_revision, by=request.user
        ),
        back_url=reverse("implementation:plan_determinants", args=[plan.pk]),
        notes=notes,
    )


# Strategies ---------------------------------------------------------------------------------------------------


def _strategy_form(data, plan: ImplementationPlan, *, initial=None):
    return PlanStrategyForm(
        data,
        initial=initial,
        strategies=strategy_choices(),
        outcomes=outcome_choices(),
        determinants=list(plan.determinants.all()),
    )


def _strategy_initial(plan: ImplementationPlan, item=None) -> dict:
    if item is None:
        return {"base_revision": plan.revision}
    fields = ["custom_name", "actor", "action", "action_target", "temporality", "dose", "justification", "mechanism"]
    return {
        "base_revision": plan.revision,
        "strategy": item.strategy_id,
        "outcome": item.outcome_id,
        "determinants": [determinant.pk for determinant in item.determinants.all()],
        **{name: getattr(item, name) for name in fields},
    }


@login_required
@require_safe
def plan_strategies(request, plan_id: int):
    """The plan's strategies as specified, the barriers no strategy addresses yet, and suggested ERIC strategies."""
    plan, can_edit = _plan_page(request, plan_id)
    suggestions = strategy_suggestions(plan=plan)
    context = {
        "strategies": list(plan.strategies.all()),
        "unaddressed": barriers_without_strategy(plan=plan),
        "suggestions": suggestions,
        "sources": suggestion_sources(suggestions),
        "has_barriers": bool(plan_barriers(plan=plan)),
    }
    return _render(request, plan, can_edit, "strategies", "implementation/part_strategies.html", context)


@login_required
@require_POST
def plan_strategy_use(request, plan_id: int):
    """“Use this strategy”: add a suggested ERIC strategy, linked to its barriers, and open it to be specified."""
    plan, can_edit = _plan_page(request, plan_id)
    if not can_edit:
        return plan_not_allowed(request, plan)
    back = reverse("implementation:plan_strategies", args=[plan.pk])
    form = UseSuggestionForm(request.POST)
    strategy = None
    if form.is_valid():
        strategy = Strategy.objects.filter(pk=form.cleaned_data["strategy"]).first()
    if strategy is None:
        messages.error(request, _("That strategy could not be found. Choose one from the suggestions below."))
        return redirect(back)
    try:
        item = plan_strategy_from_suggestion(
            plan=plan, strategy=strategy, base_revision=form.cleaned_data["base_revision"], by=request.user
        )
    except PermissionDenied:
        return plan_not_allowed(request, plan)
    except PlanConflict as error:
        who = error.plan.updated_by.display_name if error.plan.updated_by else _("Someone")
        messages.warning(
            request,
            _(
                "“%(name)s” was not added: %(who)s changed the plan after you opened this page. The suggestions "
                "below are as the plan is now: choose again."
            )
            % {"name": strategy.name, "who": who},
        )
        return redirect(back)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    linked = item.determinants.count()
    messages.success(
        request,
        _("“%(name)s” is in your plan, linked to %(count)s barrier%(s)s. Now say how it will be done.")
        % {"name": strategy.name, "count": linked, "s": "" if linked == 1 else "s"},
    )
    return redirect("implementation:plan_strategy_edit", plan.pk, item.pk)


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_strategy_add_page(request, plan_id: int):
    """Add a strategy: from ERIC or one of the applicant's own, specified in full."""
    plan, can_edit = _plan_page(request, plan_id)
    if not can_edit:
        return plan_not_allowed(request, plan)
    attempt = Attempt(forms=())
    if request.method == "POST":
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: (_strategy_form(data, plan),),
            save=lambda form, base_revision: plan_strategy_add(
                plan=plan, data=form.strategy_data(), base_revision=base_revision, by=request.user
            ),
        )
        if attempt.saved:
            messages.success(request, _("“%(name)s” is added to your plan.") % {"name": attempt.result.name})
            return redirect(f"{reverse('implementation:plan_strategies', args=[plan.pk])}#strategy-{attempt.result.pk}")
        form = attempt.forms[0]
    else:
        form = _strategy_form(None, plan, initial=_strategy_initial(plan))
    context = {"form": form, "conflict": attempt.conflict, "item": None}
    return _render(
        request, plan, can_edit, "strategies", "implementation/part_strategy_edit.html", context, attempt.status
    )


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_strategy_edit(request, plan_id: int, plan_strategy_id: int):
    """Specify or change one of the plan's strategies."""
    plan, can_edit = _plan_page(request, plan_id)
    item = plan_strategy_get(plan=plan, plan_strategy_id=plan_strategy_id)
    if item is None:
        raise Http404
    if not can_edit:
        return plan_not_allowed(request, plan)
    attempt = Attempt(forms=())
    if request.method == "POST":
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: (_strategy_form(data, plan),),
            save=lambda form, base_revision: plan_strategy_update(
                plan=plan, item=item, data=form.strategy_data(), base_revision=base_revision, by=request.user
            ),
        )
        if attempt.saved:
            messages.success(request, _("“%(name)s” is saved.") % {"name": attempt.result.name})
            return redirect(f"{reverse('implementation:plan_strategies', args=[plan.pk])}#strategy-{item.pk}")
        form = attempt.forms[0]
    else:
        form = _strategy_form(None, plan, initial=_strategy_initial(plan, item))
    context = {"form": form, "conflict": attempt.conflict, "item": item}
    return _render(
        request, plan, can_edit, "strategies", "implementation/part_strategy_edit.html", context, attempt.status
    )


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_strategy_remove_page(request, plan_id: int, plan_strategy_id: int):
    """Ask, then take a strategy out of the plan."""
    plan, can_edit = _plan_page(request, plan_id)
    item = plan_strategy_get(plan=plan, plan_strategy_id=plan_strategy_id)
    if item is None:
        raise Http404
    return _remove_page(
        request,
        plan,
        can_edit,
        part="strategies",
        item=item,
        what=item.name,
        remove=lambda base_revision: plan_strategy_remove(
            plan=plan, item=item, base_revision=base_revision, by=request.user
        ),
        back_url=reverse("implementation:plan_strategies", args=[plan.pk]),
        notes=[_("The barriers it addresses stay in the plan; any that nothing else addresses will be flagged.")],
    )


# Outcomes -------------------------------------------------------------------------------------------------------


def _outcome_initial(plan: ImplementationPlan, outcome=None) -> dict:
    if outcome is None:
        return {"base_revision": plan.revision}
    fields = ["kind", "reaim_dimension", "name", "measure", "timepoint", "target"]
    return {
        "base_revision": plan.revision,
        "implementation_outcome": outcome.implementation_outcome_id,
        **{name: getattr(outcome, name) for name in fields},
    }


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_outcomes(request, plan_id: int):
    """The outcomes the plan will measure; applicants add one with the form below the table."""
    plan, can_edit = _plan_page(request, plan_id)
    form, attempt = None, Attempt(forms=())
    if request.method == "POST":
        if not can_edit:
            return plan_not_allowed(request, plan)
        outcomes = outcome_choices()
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: (PlanOutcomeForm(data, outcomes=outcomes),),
            save=lambda form, base_revision: plan_outcome_add(
                plan=plan, data=form.outcome(), base_revision=base_revision, by=request.user
            ),
        )
        if attempt.saved:
            messages.success(request, _("“%(name)s” is added.") % {"name": attempt.result.name})
            return redirect(f"{reverse('implementation:plan_outcomes', args=[plan.pk])}#outcome-{attempt.result.pk}")
        form = attempt.forms[0]
    elif can_edit:
        form = PlanOutcomeForm(initial=_outcome_initial(plan), outcomes=outcome_choices())
    context = {"form": form, "conflict": attempt.conflict, "outcomes": list(plan.outcomes.all())}
    return _render(request, plan, can_edit, "outcomes", "implementation/part_outcomes.html", context, attempt.status)


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_outcome_edit(request, plan_id: int, outcome_id: int):
    """Change one of the plan's outcomes."""
    plan, can_edit = _plan_page(request, plan_id)
    outcome = plan_outcome_get(plan=plan, outcome_id=outcome_id)
    if outcome is None:
        raise Http404
    if not can_edit:
        return plan_not_allowed(request, plan)
    outcomes = outcome_choices()
    attempt = Attempt(forms=())
    if request.method == "POST":
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: (PlanOutcomeForm(data, outcomes=outcomes),),
            save=lambda form, base_revision: plan_outcome_update(
                plan=plan, outcome=outcome, data=form.outcome(), base_revision=base_revision, by=request.user
            ),
        )
        if attempt.saved:
            messages.success(request, _("“%(name)s” is saved.") % {"name": attempt.result.name})
            return redirect(f"{reverse('implementation:plan_outcomes', args=[plan.pk])}#outcome-{outcome.pk}")
        form = attempt.forms[0]
    else:
        form = PlanOutcomeForm(initial=_outcome_initial(plan, outcome), outcomes=outcomes)
    context = {"form": form, "conflict": attempt.conflict, "outcome": outcome}
    return _render(
        request, plan, can_edit, "outcomes", "implementation/part_outcome_edit.html", context, attempt.status
    )


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_outcome_remove_page(request, plan_id: int, outcome_id: int):
    """Ask, then take an outcome out of the plan."""
    plan, can_edit = _plan_page(request, plan_id)
    outcome = plan_outcome_get(plan=plan, outcome_id=outcome_id)
    if outcome is None:
        raise Http404
    return _remove_page(
        request,
        plan,
        can_edit,
        part="outcomes",
        item=outcome,
        what=outcome.name,
        remove=lambda base_revision: plan_outcome_remove(
            plan=plan, outcome=outcome, base_revision=base_revision, by=request.user
        ),
        back_url=reverse("implementation:plan_outcomes", args=[plan.pk]),
    )


# Fidelity and adaptation ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_fidelity(request, plan_id: int):
    """Fidelity and adaptation: what will be monitored, and how changes will be logged."""
    plan, can_edit = _plan_page(request, plan_id)
    form, attempt = None, Attempt(forms=())
    if request.method == "POST":
        if not can_edit:
            return plan_not_allowed(request, plan)
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: (FidelityForm(data),),
            save=lambda form, base_revision: plan_fidelity_save(
                plan=plan,
                fidelity_monitoring=form.cleaned_data["fidelity_monitoring"],
                adaptation_logging=form.cleaned_data["adaptation_logging"],
                base_revision=base_revision,
                by=request.user,
            ),
        )
        if attempt.saved:
            messages.success(request, _("Fidelity and adaptation are saved."))
            return redirect("implementation:plan_fidelity", plan.pk)
        form = attempt.forms[0]
    elif can_edit:
        form = FidelityForm(
            initial={
                "base_revision": plan.revision,
                "fidelity_monitoring": plan.fidelity_monitoring,
                "adaptation_logging": plan.adaptation_logging,
            }
        )
    context = {"form": form, "conflict": attempt.conflict}
    return _render(request, plan, can_edit, "fidelity", "implementation/part_fidelity.html", context, attempt.status)


# Timeline -------------------------------------------------------------------------------------------------------


def _timeline_forms(data, *, phases, initial=None):
    initial = initial or {}
    return (
        PlanRevisionForm(data, initial=initial.get("revision")),
        MilestoneFormSet(
            data, initial=initial.get("milestones"), prefix=MILESTONES_PREFIX, row_kwargs={"phases": phases}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
@_friendly_denials
def plan_timeline(request, plan_id: int):
    """The timeline: milestones by EPIS phase, drawn as a simple chart and edited as rows."""
    plan, can_edit = _plan_page(request, plan_id)
    forms, attempt = None, Attempt(forms=())
    if request.method == "POST":
        if not can_edit:
            return plan_not_allowed(request, plan)
        phases = phase_choices()
        attempt = _attempt(
            request,
            plan,
            bind=lambda data: _timeline_forms(data, phases=phases),
            save=lambda revision, milestones, base_revision: plan_timeline_save(
                plan=plan, milestones=milestones.rows(), base_revision=base_revision, by=request.user
            ),
        )
        if attempt.saved:
            messages.success(request, _("The timeline is saved."))
            return redirect("implementation:plan_timeline", plan.pk)
        forms = attempt.forms
    elif can_edit:
        initial = {
            "revision": {"base_revision": plan.revision},
            "milestones": [
                {"phase": m.phase_id, "title": m.title, "start_month": m.start_month, "end_month": m.end_month}
                for m in plan.milestones.all()
            ],
        }
        forms = _timeline_forms(None, phases=phase_choices(), initial=initial)
    revision_form, formset = forms or (None, None)
    context = {
        "revision_form": revision_form,
        "formset": formset,
        "conflict": attempt.conflict,
        "outputs": timeline_chart(plan=plan),
    }
    return _render(request, plan, can_edit, "timeline", "implementation/part_timeline.html", context, attempt.status)


urlpatterns = [
    path("plans/<int:plan_id>/", plan_overview, name="plan_overview"),
    path("plans/<int:plan_id>/intervention/", plan_intervention, name="plan_intervention"),
    path("plans/<int:plan_id>/setting/", plan_setting, name="plan_setting"),
    path("plans/<int:plan_id>/determinants/", plan_determinants, name="plan_determinants"),
    path("plans/<int:plan_id>/determinants/<int:determinant_id>/", plan_determinant_edit, name="plan_determinant_edit"),
    path(
        "plans/<int:plan_id>/determinants/<int:determinant_id>/remove/",
        plan_determinant_remove,
        name="plan_determinant_remove",
    ),
    path("plans/<int:plan_id>/strategies/", plan_strategies, name="plan_strategies"),
    path("plans/<int:plan_id>/strategies/add/", plan_strategy_add_page, name="plan_strategy_add"),
    path("plans/<int:plan_id>/strategies/use/", plan_strategy_use, name="plan_strategy_use"),
    path("plans/<int:plan_id>/strategies/<int:plan_strategy_id>/", plan_strategy_edit, name="plan_strategy_edit"),
    path(
        "plans/<int:plan_id>/strategies/<int:plan_strategy_id>/remove/",
        plan_strategy_remove_page,
        name="plan_strategy_remove",
    ),
    path("plans/<int:plan_id>/outcomes/", plan_outcomes, name="plan_outcomes"),
    path("plans/<int:plan_id>/outcomes/<int:outcome_id>/", plan_outcome_edit, name="plan_outcome_edit"),
    path("plans/<int:plan_id>/outcomes/<int:outcome_id>/remove/", plan_outcome_remove_page, name="plan_outcome_remove"),
    path("plans/<int:plan_id>/fidelity/", plan_fidelity, name="plan_fidelity"),
    path("plans/<int:plan_id>/timeline/", plan_timeline, name="plan_timeline"),
]
