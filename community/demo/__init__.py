"""Build the community's demo content, one module per concern, each with its words kept as data in a
`*_content` module beside it. Idempotent: what exists is kept (editors' changes survive a rerun).

Order matters: members first (the others use them), then the communities they join, then what
happens in those communities.
"""

from community.demo.communities import communities_demo_load
from community.demo.discussions import discussions_demo_load
from community.demo.events import events_demo_load
from community.demo.membership import membership_demo_load
from community.demo.resources import resources_demo_load
from community.demo.surveys import surveys_demo_load


def community_demo_load(*, home, with_activity: bool = True) -> None:
    """The community's pages and, with `with_activity`, its members, applications, posts and responses."""
    membership_demo_load(home=home, with_activity=with_activity)
    communities_demo_load(home=home, with_activity=with_activity)
    events_demo_load(home=home, with_activity=with_activity)
    resources_demo_load(home=home, with_activity=with_activity)
    discussions_demo_load(home=home, with_activity=with_activity)
    surveys_demo_load(home=home, with_activity=with_activity)
