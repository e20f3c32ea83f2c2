"""Who may take part in a community's discussions, and who moderates them. Predicates return bool.

Taking part is for members who joined the community, its leads and group leads (who run every
community). Leads also see hidden threads and posts, and hide, lock and reopen them.
"""

from community.permissions.communities import user_in_community, user_leads_community


def _roles(user, community) -> tuple[bool, bool]:
    # (leads, joined) for this community, cached on the user object for the length of a request:
    # a page asks about every post, and must not ask the database each time.
    cache = getattr(user, "_discussion_roles", None)
    if cache is None:
        cache = user._discussion_roles = {}
    if community.pk not in cache:
        leads = user_leads_community(user, community)
        cache[community.pk] = (leads, leads or user_in_community(user, community))
    return cache[community.pk]


def discussions_take_part_allowed(*, user, community) -> bool:
    """May read and start discussions in the community: a member who joined it, a lead or a group lead."""
    if not user.is_authenticated:
        return False
    return _roles(user, community)[1]


def discussions_moderate_allowed(*, user, community) -> bool:
    """May hide, lock and reopen the community's threads and posts: its leads and group leads."""
    if not user.is_authenticated:
        return False
    return _roles(user, community)[0]


def thread_view_allowed(*, user, thread) -> bool:
    """May read the thread: anyone who takes part, but only leads once a lead has hidden it."""
    if thread.is_hidden:
        return discussions_moderate_allowed(user=user, community=thread.community)
    return discussions_take_part_allowed(user=user, community=thread.community)


def thread_reply_allowed(*, user, thread) -> bool:
    """May reply: can read the thread and it is not locked (a lead unlocks it first to reply)."""
    return not thread.is_locked and thread_view_allowed(user=user, thread=thread)


def post_edit_allowed(*, user, post) -> bool:
    """May edit the post: its author, while they can read the thread, the thread is open and the post not hidden."""
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and not post.is_hidden
        and not post.thread.is_locked
        and thread_view_allowed(user=user, thread=post.thread)
    )
