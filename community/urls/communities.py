"""Communities of practice: joining, leaving, following (the pages themselves are Wagtail pages under /communities/)."""

from django.urls import path

from community.views import communities as views

urlpatterns = [
    path("community-actions/<int:community_id>/join/", views.join, name="community_join"),
    path("community-actions/<int:community_id>/leave/", views.leave, name="community_leave"),
    path("community-actions/<int:community_id>/follow/", views.follow, name="community_follow"),
    path("community-actions/<int:community_id>/unfollow/", views.unfollow, name="community_unfollow"),
]
