"""What every proposal view shares: finding the proposal the member may see, or 404."""

from django.http import Http404

from grants.models import Proposal
from grants.selectors.proposals import proposal_get_for


def proposal_or_404(request, proposal_id: int) -> Proposal:
    """The proposal if the signed-in member may read it; 404 otherwise, so its existence is not revealed."""
    proposal = proposal_get_for(user=request.user, proposal_id=proposal_id)
    if proposal is None:
        raise Http404
    return proposal
