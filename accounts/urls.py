from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/welcome/", views.profile_setup, name="profile_setup"),
    path("notifications/", views.notifications, name="notifications"),
    # Linked from the foot of every notification e-mail: keep this address.
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    path("notifications/mark-all-read/", views.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("notifications/<int:notification_id>/open/", views.notification_open_view, name="notification_open"),
]
