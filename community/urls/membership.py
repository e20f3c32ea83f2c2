"""Joining the community, the group leads' queue, and the members' and organisations' directories."""

from django.urls import path

from community.views import membership as views

urlpatterns = [
    path("membership/", views.membership, name="membership"),
    path("membership/withdraw/", views.membership_withdraw, name="membership_withdraw"),
    path("membership/listing/", views.membership_listing, name="membership_listing"),
    path("membership/applications/", views.membership_applications, name="membership_applications"),
    path(
        "membership/applications/<int:application_id>/approve/",
        views.membership_application_approve,
        name="membership_application_approve",
    ),
    path(
        "membership/applications/<int:application_id>/decline/",
        views.membership_application_decline,
        name="membership_application_decline",
    ),
    path("members/", views.members, name="members"),
    path("organisations/", views.organisations, name="organisations"),
]
