"""Members-only discussions in a community of practice: threads, replies, and leads' moderation."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.communities import CommunityPage


class Thread(models.Model):
    """A discussion started by a member of a community; its first post holds the opening message."""

    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="discussion_threads"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_posted_at = models.DateTimeField(default=timezone.now)
    is_locked = models.BooleanField(_("locked"), default=False, help_text=_("No more replies."))
    is_hidden = models.BooleanField(_("hidden"), default=False, help_text=_("Hidden by a lead from members."))
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_posted_at", "-pk"]
        verbose_name = _("discussion")
        indexes = [models.Index(fields=["community", "is_hidden", "last_posted_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The thread's page (a path)."""
        return reverse("community:discussions_thread", args=[self.pk])


class Post(models.Model):
    """A message in a discussion, written in Markdown and shown sanitised."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="discussion_posts"
    )
    body = models.TextField(_("message"), max_length=10_000)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author} in {self.thread}"

    def get_absolute_url(self) -> str:
        """The thread's page, scrolled to the post."""
        return f"{reverse('community:discussions_thread', args=[self.thread_id])}#post-{self.pk}"
