"""Forms for discussions: a new thread, and a message (a reply or an edit)."""

from django import forms

from community.models import Post, Thread

MARKDOWN_HELP = (
    "You can use Markdown: **bold**, _italic_, [a link](https://example.org), lists, > quotes and `code`. "
    "Images and HTML are not shown."
)


class MessageForm(forms.Form):
    """A message in a discussion: a reply, or an edit of one's own post."""

    body = forms.CharField(
        label="Your message",
        max_length=Post._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": "Write a message."},
    )


class ThreadForm(MessageForm):
    """A new discussion: its title and opening message."""

    title = forms.CharField(
        label="Title",
        max_length=Thread._meta.get_field("title").max_length,
        help_text="A question or topic, in a line.",
        error_messages={"required": "Give the discussion a title."},
    )

    field_order = ["title", "body"]
