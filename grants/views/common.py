"""What every proposal view shares: finding the proposal the member may see, or 404."""

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control

from grants.models import Proposal
from grants.selectors.proposals import proposal_get_for


def proposal_or_404(request, proposal_id: int) -> Proposal:
    """The proposal if the signed-in member may read it; 404 otherwise, so its existence is not revealed."""
    proposal = proposal_get_for(user=request.user, proposal_id=proposal_id)
    if proposal is None:
        raise Http404
    return proposal


def private_download(file, *, filename: str, content_type: str) -> FileResponse:
    """A confidential stored file as a download: never sniffed as another type, never kept by a shared cache.

    Raises Http404 if the stored file has gone missing.
    """
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
