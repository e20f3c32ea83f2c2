"""A plan as data: one structured JSON document, to download, re-import, start from, freeze and compare.

The document (format "implementation-hub/plan", version 1)::

    {
      "format": "implementation-hub/plan",
      "version": 1,
      "intervention": {"name", "evidence_citation", "evidence_doi", "core_components", "adaptable_components"},
      "setting": {
        "population": "...",
        "sites": [{"name", "organisation": "<organisation name>" or null, "notes"}],
        "stakeholders": [{"role", "influence": "low|medium|high", "interest": "low|medium|high", "engagement"}]
      },
      "determinants": [{"ref": "d1", "kind": "barrier|facilitator", "construct": "<CFIR code, e.g. II.A>",
                        "description", "strength": 1-3 (weak, moderate, strong), "evidence"}],
      "strategies": [{"eric": <ERIC number 1-73> or null, "custom_name", "actor", "action", "action_target",
                      "temporality", "dose", "outcome": "<Proctor outcome key>" or null, "justification",
                      "mechanism", "determinants": ["d1", ...]}],
      "outcomes": [{"kind": "implementation|reaim|service|patient", "implementation_outcome": "<key>" or null,
                    "reaim_dimension": "<reach|effectiveness|adoption|implementation|maintenance>" or "",
                    "name", "measure", "timepoint", "target"}],
      "fidelity": {"monitoring", "adaptation_logging"},
      "milestones": [{"phase": "<EPIS phase key>", "title", "start_month", "end_month"}]
    }

Reference data is named by its natural keys (CFIR construct code, ERIC number, outcome and phase key),
never by database ids, so a document means the same on any copy of the site. A strategy names the
determinants it addresses by their "ref", which is local to the document. Lists keep the plan's order.
Unknown keys are ignored, and a missing part is read as empty, so a hand-written document can be short.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import Organisation
from implementation.models import (
    CFIRConstruct,
    Determinant,
    DeterminantKind,
    EPISPhase,
    ImplementationOutcome,
    ImplementationPlan,
    Level,
    Milestone,
    OutcomeKind,
    PlanOutcome,
    PlanSite,
    PlanStrategy,
    REAIMDimension,
    Stakeholder,
    Strategy,
    Strength,
)
from implementation.services.plans import plan_changed, plan_lock_for_change

FORMAT = "implementation-hub/plan"
VERSION = 1
#: More items than this in one list is not a plan but a mistake (or an attack): refused.
MAX_ITEMS = 500
#: At most this many problems are listed; the rest are counted.
MAX_ERRORS = 12

#: The plan's own text fields, by the part of the document they live in: (part, key in the document, model field).
PLAN_TEXT_FIELDS = (
    ("intervention", "name", "intervention_name"),
    ("intervention", "evidence_citation", "evidence_citation"),
    ("intervention", "evidence_doi", "evidence_doi"),
    ("intervention", "core_components", "core_components"),
    ("intervention", "adaptable_components", "adaptable_components"),
    ("setting", "population", "population"),
    ("fidelity", "monitoring", "fidelity_monitoring"),
    ("fidelity", "adaptation_logging", "adaptation_logging"),
)
LIST_PARTS = ("sites", "stakeholders", "determinants", "strategies", "outcomes", "milestones")


# Export --------------------------------------------------------------------------------------


def plan_to_dict(plan: ImplementationPlan) -> dict:
    """`plan` as the document described above.

    Pass a plan from `implementation.selectors.plans.plan_full` (or `plan_full_queryset`): everything it
    reads is prefetched, so this costs no queries of its own whatever the plan's size.
    """
    determinants = list(plan.determinants.all())
    refs = {determinant.pk: f"d{index}" for index, determinant in enumerate(determinants, start=1)}
    order = {determinant.pk: index for index, determinant in enumerate(determinants)}
    return {
        "format": FORMAT,
        "version": VERSION,
        "intervention": {
            "name": plan.intervention_name,
            "evidence_citation": plan.evidence_citation,
            "evidence_doi": plan.evidence_doi,
            "core_components": plan.core_components,
            "adaptable_components": plan.adaptable_components,
        },
        "setting": {
            "population": plan.population,
            "sites": [
                {
                    "name": site.name,
                    "organisation": site.organisation.name if site.organisation_id else None,
                    "notes": site.notes,
                }
                for site in plan.sites.all()
            ],
            "stakeholders": [
                {
                    "role": stakeholder.role,
                    "influence": stakeholder.influence,
                    "interest": stakeholder.interest,
                    "engagement": stakeholder.engagement,
                }
                for stakeholder in plan.stakeholders.all()
            ],
        },
        "determinants": [
            {
                "ref": refs[determinant.pk],
                "kind": determinant.kind,
                "construct": determinant.construct.code,
                "description": determinant.description,
                "strength": determinant.strength,
                "evidence": determinant.evidence,
            }
            for determinant in determinants
        ],
        "strategies": [
            {
                "eric": strategy.strategy.number if strategy.strategy_id else None,
                "custom_name": strategy.custom_name,
                "actor": strategy.actor,
                "action": strategy.action,
                "action_target": strategy.action_target,
                "temporality": strategy.temporality,
                "dose": strategy.dose,
                "outcome": strategy.outcome.key if strategy.outcome_id else None,
                "justification": strategy.justification,
                "mechanism": strategy.mechanism,
                "determinants": [
                    refs[d.pk] for d in sorted(strategy.determinants.all(), key=lambda d: order.get(d.pk, 0))
                ],
            }
            for strategy in plan.strategies.all()
        ],
        "outcomes": [
            {
                "kind": outcome.kind,
                "implementation_outcome": outcome.implementation_outcome.key
                if outcome.implementation_outcome_id
                else None,
                "reaim_dimension": outcome.reaim_dimension,
                "name": outcome.name,
                "measure": outcome.measure,
                "timepoint": outcome.timepoint,
                "target": outcome.target,
            }
            for outcome in plan.outcomes.all()
        ],
        "fidelity": {"monitoring": plan.fidelity_monitoring, "adaptation_logging": plan.adaptation_logging},
        "milestones": [
            {
                "phase": milestone.phase.key,
                "title": milestone.title,
                "start_month": milestone.start_month,
                "end_month": milestone.end_month,
            }
            for milestone in plan.milestones.all()
        ],
    }


def empty_document() -> dict:
    """The document of an empty plan (what a proposal without a plan is compared as)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "intervention": {key: "" for part, key, _f in PLAN_TEXT_FIELDS if part == "intervention"},
        "setting": {"population": "", "sites": [], "stakeholders": []},
        "determinants": [],
        "strategies": [],
        "outcomes": [],
        "fidelity": {"monitoring": "", "adaptation_logging": ""},
        "milestones": [],
    }


def document_is_empty(document: dict | None) -> bool:
    """Whether a document holds nothing at all (no text, no items)."""
    if not document:
        return True
    for part, key, _f in PLAN_TEXT_FIELDS:
        value = (document.get(part) or {}).get(key)
        if isinstance(value, str) and value.strip():
            return False
    setting = document.get("setting") or {}
    return not any(
        setting.get(name) if name in ("sites", "stakeholders") else document.get(name) for name in LIST_PARTS
    )


# Reading a document ----------------------------------------------------------------------------


@dataclass
class ParsedPlan:
    """A checked document, ready to write: model field values and unsaved parts, with references resolved."""

    fields: dict = field(default_factory=dict)
    sites: list = field(default_factory=list)
    stakeholders: list = field(default_factory=list)
    determinants: list = field(default_factory=list)
    #: (unsaved PlanStrategy, [indexes into `determinants`])
    strategies: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    milestones: list = field(default_factory=list)


def _max_length(model, name: str) -> int | None:
    return model._meta.get_field(name).max_length


class _Reader:
    """Walks a document, collecting every problem with the item it is in, so all can be shown at once."""

    def __init__(self):
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}" if where else message)

    def mapping(self, value, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(where, _("should be an object ({…})."))
            return {}
        return value

    def items(self, value, where: str) -> list[dict]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(where, _("should be a list ([…])."))
            return []
        if len(value) > MAX_ITEMS:
            self.error(
                where,
                _("has %(count)s items; a plan can hold at most %(max)s.") % {"count": len(value), "max": MAX_ITEMS},
            )
            return []
        good = []
        for index, item in enumerate(value, start=1):
            if isinstance(item, dict):
                good.append(item)
            else:
                self.error(f"{where} {index}", _("should be an object ({…})."))
        return good

    def text(self, data: dict, key: str, where: str, *, model=None, name: str = "", required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(where, _("“%(key)s” should be text.") % {"key": key})
            return ""
        if required and not value.strip():
            self.error(where, _("“%(key)s” is missing.") % {"key": key})
        limit = _max_length(model, name or key) if model is not None else None
        if limit and len(value) > limit:
            self.error(where, _("“%(key)s” is longer than %(limit)s characters.") % {"key": key, "limit": limit})
        return value

    def choice(self, data: dict, key: str, where: str, choices, *, blank: bool = False) -> str:
        value = data.get(key)
        if blank and value in (None, ""):
            return ""
        allowed = [str(v) for v in choices.values]
        if value not in allowed:
            self.error(
                where,
                _("“%(key)s” should be one of %(allowed)s, not %(value)s.")
                % {"key": key, "allowed": ", ".join(f"“{a}”" for a in allowed), "value": _shown(value)},
            )
            return ""
        return value

    def number(self, data: dict, key: str, where: str, *, low: int, high: int, default: int | None = None) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(
                where,
                _("“%(key)s” should be a whole number from %(low)s to %(high)s, not %(value)s.")
                % {"key": key, "low": low, "high": high, "value": _shown(value)},
            )
            return low
        return value


def _shown(value) -> str:
    if value is None:
        return _("nothing")
    return f"“{Truncator(str(value)).chars(40)}”"


def _named(label: str, index: int, text) -> str:
    """'Determinant 3 (“Nurses are unsure…”)': how a problem names the item it is in."""
    if isinstance(text, str) and text.strip():
        return f"{label} {index} (“{Truncator(text.strip()).chars(50)}”)"
    return f"{label} {index}"


def _lookup(model, field_name: str, values: set) -> dict:
    values = {v for v in values if v is not None and not isinstance(v, dict | list)}
    if not values:
        return {}
    return {getattr(obj, field_name): obj for obj in model.objects.filter(**{f"{field_name}__in": values})}


def plan_document_parse(data) -> ParsedPlan:
    """Check a document and turn it into unsaved parts, or raise ValidationError listing every problem.

    Each problem names the item it is in (e.g. "Determinant 2 (“Staff turnover…”): there is no CFIR
    construct with the code “IX.Z”."). Reference data is looked up in a fixed number of queries.
    """
    if not isinstance(data, dict):
        raise ValidationError(_("This file does not hold a plan: it should be one JSON object ({…})."))
    if data.get("format") != FORMAT:
        raise ValidationError(
            _("This is not an implementation plan file from this site: its “format” should be “%(format)s”.")
            % {"format": FORMAT}
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValidationError(
            _("The file’s “version” should be a whole number, e.g. %(version)s.") % {"version": VERSION}
        )
    if version > VERSION:
        raise ValidationError(
            _("This plan file is version %(version)s, newer than this site can read (version %(ours)s).")
            % {"version": version, "ours": VERSION}
        )

    reader = _Reader()
    parsed = ParsedPlan()
    labels = {"intervention": _("The intervention"), "setting": _("Setting and people"), "fidelity": _("Fidelity")}
    parts = {name: reader.mapping(data.get(name), label) for name, label in labels.items()}
    for part, key, model_field in PLAN_TEXT_FIELDS:
        parsed.fields[model_field] = reader.text(
            parts[part], key, labels[part], model=ImplementationPlan, name=model_field
        )

    sites = reader.items(parts["setting"].get("sites"), _("Sites"))
    stakeholders = reader.items(parts["setting"].get("stakeholders"), _("Stakeholders"))
    determinants = reader.items(data.get("determinants"), _("Determinants"))
    strategies = reader.items(data.get("strategies"), _("Strategies"))
    outcomes = reader.items(data.get("outcomes"), _("Outcomes"))
    milestones = reader.items(data.get("milestones"), _("Milestones"))

    # Every piece of reference data named anywhere, fetched once per kind.
    organisations = _lookup(Organisation, "name", {s.get("organisation") for s in sites})
    constructs = _lookup(CFIRConstruct, "code", {d.get("construct") for d in determinants})
    erics = _lookup(Strategy, "number", {s.get("eric") for s in strategies if isinstance(s.get("eric"), int)})
    outcome_keys = {s.get("outcome") for s in strategies} | {o.get("implementation_outcome") for o in outcomes}
    proctor = _lookup(ImplementationOutcome, "key", outcome_keys)
    phases = _lookup(EPISPhase, "key", {m.get("phase") for m in milestones})

    for index, item in enumerate(sites, start=1):
        where = _named(_("Site"), index, item.get("name"))
        organisation = item.get("organisation")
        parsed.sites.append(
            PlanSite(
                name=reader.text(item, "name", where, model=PlanSite, required=True),
                # An organisation this site doesn't know is left unlinked: the site keeps its name.
                organisation=organisations.get(organisation) if isinstance(organisation, str) else None,
                notes=reader.text(item, "notes", where, model=PlanSite),
                sort_order=index,
            )
        )

    for index, item in enumerate(stakeholders, start=1):
        where = _named(_("Stakeholder"), index, item.get("role"))
        parsed.stakeholders.append(
            Stakeholder(
                role=reader.text(item, "role", where, model=Stakeholder, required=True),
                influence=reader.choice(item, "influence", where, Level),
                interest=reader.choice(item, "interest", where, Level),
                engagement=reader.text(item, "engagement", where, model=Stakeholder),
                sort_order=index,
            )
        )

    refs: dict[str, int] = {}
    for index, item in enumerate(determinants, start=1):
        where = _named(_("Determinant"), index, item.get("description"))
        ref = item.get("ref")
        if ref is not None:
            if not isinstance(ref, str | int) or isinstance(ref, bool) or str(ref) in refs:
                reader.error(where, _("its “ref” %(ref)s is used twice or is not text.") % {"ref": _shown(ref)})
            else:
                refs[str(ref)] = index - 1
        code = item.get("construct")
        construct = constructs.get(code) if isinstance(code, str) else None
        if construct is None:
            reader.error(where, _("there is no CFIR construct with the code %(code)s.") % {"code": _shown(code)})
        parsed.determinants.append(
            Determinant(
                kind=reader.choice(item, "kind", where, DeterminantKind),
                construct=construct,
                description=reader.text(item, "description", where, model=Determinant, required=True),
                strength=reader.number(
                    item,
                    "strength",
                    where,
                    low=min(Strength.values),
                    high=max(Strength.values),
                    default=Strength.MODERATE,
                ),
                evidence=reader.text(item, "evidence", where, model=Determinant),
                sort_order=index,
            )
        )

    for index, item in enumerate(strategies, start=1):
        where = _named(_("Strategy"), index, item.get("custom_name") or item.get("actor"))
        number = item.get("eric")
        eric = None
        if number is not None:
            eric = erics.get(number) if isinstance(number, int) and not isinstance(number, bool) else None
            if eric is None:
                reader.error(where, _("there is no ERIC strategy number %(number)s.") % {"number": _shown(number)})
        custom_name = reader.text(item, "custom_name", where, model=PlanStrategy)
        if number is None and not custom_name:
            reader.error(where, _("give an ERIC strategy number (“eric”) or a name of your own (“custom_name”)."))
        outcome_key = item.get("outcome")
        outcome = None
        if outcome_key is not None:
            outcome = proctor.get(outcome_key) if isinstance(outcome_key, str) else None
            if outcome is None:
                reader.error(where, _("there is no implementation outcome %(key)s.") % {"key": _shown(outcome_key)})
        linked = item.get("determinants") or []
        indexes = []
        if not isinstance(linked, list):
            reader.error(where, _("“determinants” should be a list of determinant refs."))
            linked = []
        for ref in linked:
            if isinstance(ref, str | int) and not isinstance(ref, bool) and str(ref) in refs:
                if refs[str(ref)] not in indexes:
                    indexes.append(refs[str(ref)])
            else:
                reader.error(
                    where, _("it addresses determinant %(ref)s, which is not in the file.") % {"ref": _shown(ref)}
                )
        strategy = PlanStrategy(
            strategy=eric,
            custom_name=custom_name,
            **{
                name: reader.text(item, name, where, model=PlanStrategy)
                for name in ("actor", "action", "action_target", "temporality", "dose", "justification", "mechanism")
            },
            outcome=outcome,
            sort_order=index,
        )
        parsed.strategies.append((strategy, indexes))

    for index, item in enumerate(outcomes, start=1):
        where = _named(_("Outcome"), index, item.get("name"))
        key = item.get("implementation_outcome")
        proctor_outcome = None
        if key is not None:
            proctor_outcome = proctor.get(key) if isinstance(key, str) else None
            if proctor_outcome is None:
                reader.error(where, _("there is no implementation outcome %(key)s.") % {"key": _shown(key)})
        parsed.outcomes.append(
            PlanOutcome(
                kind=reader.choice(item, "kind", where, OutcomeKind),
                implementation_outcome=proctor_outcome,
                reaim_dimension=reader.choice(item, "reaim_dimension", where, REAIMDimension, blank=True),
                name=reader.text(item, "name", where, model=PlanOutcome, required=True),
                measure=reader.text(item, "measure", where, model=PlanOutcome),
                timepoint=reader.text(item, "timepoint", where, model=PlanOutcome),
                target=reader.text(item, "target", where, model=PlanOutcome),
                sort_order=index,
            )
        )

    for index, item in enumerate(milestones, start=1):
        where = _named(_("Milestone"), index, item.get("title"))
        key = item.get("phase")
        phase = phases.get(key) if isinstance(key, str) else None
        if phase is None:
            reader.error(where, _("there is no EPIS phase %(key)s.") % {"key": _shown(key)})
        start = reader.number(item, "start_month", where, low=1, high=600, default=1)
        end = reader.number(item, "end_month", where, low=1, high=600, default=start)
        if end < start:
            reader.error(
                where, _("it ends (month %(end)s) before it starts (month %(start)s).") % {"end": end, "start": start}
            )
        parsed.milestones.append(
            Milestone(
                phase=phase,
                title=reader.text(item, "title", where, model=Milestone, required=True),
                start_month=start,
                end_month=end,
            )
        )

    if reader.errors:
        shown = reader.errors[:MAX_ERRORS]
        if len(reader.errors) > MAX_ERRORS:
            shown.append(_("…and %(count)s more problems.") % {"count": len(reader.errors) - MAX_ERRORS})
        raise ValidationError(shown)
    return parsed


# Import --------------------------------------------------------------------------------------


@transaction.atomic
def plan_from_dict(*, data: dict, plan: ImplementationPlan, by, base_revision: int | None = None) -> ImplementationPlan:
    """Replace everything in `plan` with the document `data`, as `by`; returns the plan.

    The plan is locked (PermissionDenied, PlanConflict) and the document checked (ValidationError naming
    each problem; nothing changes); then the plan is emptied, filled and its revision bumped.
    The plan's template link and template name are left as they are.
    """
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    parsed = plan_document_parse(data)
    for model_field, value in parsed.fields.items():
        setattr(plan, model_field, value)
    plan.save(update_fields=list(parsed.fields))
    # Strategies first: their links to determinants go with them.
    plan.strategies.all().delete()
    for related in ("sites", "stakeholders", "determinants", "outcomes", "milestones"):
        getattr(plan, related).all().delete()
    strategies = [strategy for strategy, _indexes in parsed.strategies]
    for model, objects in (
        (PlanSite, parsed.sites),
        (Stakeholder, parsed.stakeholders),
        (Determinant, parsed.determinants),
        (PlanOutcome, parsed.outcomes),
        (Milestone, parsed.milestones),
        (PlanStrategy, strategies),
    ):
        for obj in objects:
            obj.plan = plan
        model.objects.bulk_create(objects)
    through = PlanStrategy.determinants.through
    through.objects.bulk_create(
        [
            through(planstrategy_id=strategy.pk, determinant_id=parsed.determinants[index].pk)
            for strategy, indexes in parsed.strategies
            for index in indexes
        ]
    )
    return plan_changed(plan=plan, by=by)
