"""Build the community's demo content, one module per concern, each with its words kept as data in a
`*_content` module beside it. Idempotent: what exists is kept (editors' changes survive a rerun).

Order matters: members first (the others use them), then the communities they join, then what
happens in those communities.
"""

from community.demo.events import events_demo_load


def community_demo_load(*, home, with_activity: bool = True) -> None:
    """The community's pages and, with `with_activity`, the members' applications, posts, responses."""
    events_demo_load(home=home)
