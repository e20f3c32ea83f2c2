"""Importing a plan from a JSON document (the one "Download as JSON" gives), replacing what the plan holds."""

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from implementation.models import ImplementationPlan
from implementation.serialise import plan_from_dict

#: The largest plan file accepted (a rich plan is a few tens of kilobytes).
IMPORT_MAX_BYTES = 1024 * 1024


def plan_file_read(upload) -> dict:
    """The JSON object in an uploaded plan file, or ValidationError saying plainly what is wrong with it."""
    if upload.size > IMPORT_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; a plan file can be at most %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(IMPORT_MAX_BYTES)}
        )
    raw = upload.read(IMPORT_MAX_BYTES + 1)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(_("This file is not a text file: choose the .json file you downloaded.")) from None
    except ValueError as error:
        raise ValidationError(
            _("This file is not valid JSON (%(problem)s). Choose the .json file you downloaded, unchanged.")
            % {"problem": str(error)}
        ) from None
    if not isinstance(data, dict):
        raise ValidationError(_("This file does not hold a plan: it should be one JSON object ({…})."))
    return data


@transaction.atomic
def plan_import(*, plan: ImplementationPlan, data: dict, by) -> ImplementationPlan:
    """Replace everything in `plan` with the plan document `data`, as `by`.

    Raises PermissionDenied, PlanConflict, or ValidationError listing each problem in the document
    (nothing changes then). The plan keeps its link to the template it was started from.
    """
    return plan_from_dict(data=data, plan=plan, by=by)
