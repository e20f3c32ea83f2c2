"""Signal receivers of the community of practice (connected in CommunityConfig.ready).

They only hand over to services, which hold the rules.
"""

from django.dispatch import receiver
from wagtail.signals import page_published

from community.models import EventPage


@receiver(page_published, sender=EventPage, dispatch_uid="community_event_followers_notify")
def event_published(sender, instance: EventPage, **kwargs) -> None:
    """A meeting of a community is published for the first time: tell the community's followers, once.

    First publication is when Wagtail sets first_published_at and last_published_at to the same moment.
    Checking it (as well as followers_notified_at, which the service claims) means that publishing an
    older revision, whose copy of followers_notified_at may predate the announcement, never repeats it.
    """
    from community.services.communities import event_followers_notify

    first_publication = instance.first_published_at is not None and (
        instance.first_published_at == instance.last_published_at
    )
    if first_publication and instance.community_id is not None and instance.followers_notified_at is None:
        event_followers_notify(event=instance)
