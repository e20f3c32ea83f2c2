"""The community's URLs, one module per concern; every name is in the "community" namespace."""

from community.urls import communities, discussions, events, membership, news, resources, surveys

app_name = "community"

urlpatterns = [
    *events.urlpatterns,
    *membership.urlpatterns,
    *communities.urlpatterns,
    *discussions.urlpatterns,
    *news.urlpatterns,
    *resources.urlpatterns,
    *surveys.urlpatterns,
]
