"""Discussions: a community's threads, a thread, replies, edits and leads' moderation."""

from django.urls import path

from community.views import discussions as views

urlpatterns = [
    path("discussions/<int:community_id>/", views.discussions_list, name="discussions_list"),
    path("discussions/<int:community_id>/new/", views.discussions_thread_new, name="discussions_thread_new"),
    path("discussions/thread/<int:thread_id>/", views.discussions_thread, name="discussions_thread"),
    path("discussions/thread/<int:thread_id>/reply/", views.discussions_reply, name="discussions_reply"),
    *(
        path(
            f"discussions/thread/<int:thread_id>/{action}/",
            views.discussions_thread_moderate,
            {"action": action},
            name=f"discussions_thread_{action}",
        )
        for action in ("hide", "unhide", "lock", "unlock")
    ),
    path("discussions/post/<int:post_id>/edit/", views.discussions_post_edit, name="discussions_post_edit"),
    *(
        path(
            f"discussions/post/<int:post_id>/{action}/",
            views.discussions_post_moderate,
            {"action": action},
            name=f"discussions_post_{action}",
        )
        for action in ("hide", "unhide")
    ),
]
