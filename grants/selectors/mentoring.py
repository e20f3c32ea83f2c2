"""Reads for proposals: mentoring."""


def overview_context(*, user, proposal) -> dict:
    """What the proposal's overview page needs from this concern (merged into proposal_overview)."""
    return {}
