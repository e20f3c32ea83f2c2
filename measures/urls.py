import datetime

from django.urls import path, register_converter

from measures import views


class MonthConverter:
    """A month in a URL as YYYY-MM, the first day of that month in the view."""

    regex = r"[0-9]{4}-(?:0[1-9]|1[0-2])"

    def to_python(self, value: str) -> datetime.date:
        year, month = value.split("-")
        return datetime.date(int(year), int(month), 1)

    def to_url(self, value) -> str:
        return value.strftime("%Y-%m") if isinstance(value, datetime.date) else str(value)


register_converter(MonthConverter, "month")

app_name = "measures"

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("<slug:campaign_slug>/", views.campaign_detail, name="campaign_detail"),
    path("<slug:campaign_slug>/dashboard/", views.network_dashboard, name="network_dashboard"),
    path("<slug:campaign_slug>/returns.csv", views.campaign_csv, name="campaign_csv"),
    path("<slug:campaign_slug>/sites/<int:site_id>/", views.site_dashboard, name="site_dashboard"),
    path("<slug:campaign_slug>/sites/<int:site_id>/returns/new/", views.return_new, name="return_new"),
    path("<slug:campaign_slug>/sites/<int:site_id>/returns/<month:month>/", views.return_detail, name="return_detail"),
    path("<slug:campaign_slug>/sites/<int:site_id>/returns/<month:month>/edit/", views.return_edit, name="return_edit"),
]
