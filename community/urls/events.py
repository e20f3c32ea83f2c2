"""Meetings: registering, cancelling, calendar files, the feed and the organisers' list."""

from django.urls import path

from community.views import events as views

urlpatterns = [
    path("events/feed.ics", views.events_feed, name="events_feed"),
    path("events/<int:event_id>/register/", views.event_register, name="event_register"),
    path("events/<int:event_id>/cancel/", views.event_cancel, name="event_cancel"),
    path("events/<int:event_id>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("events/<int:event_id>/registrations/", views.event_registrations_list, name="event_registrations"),
    path("events/<int:event_id>/registrations.csv", views.event_registrations_csv, name="event_registrations_csv"),
]
