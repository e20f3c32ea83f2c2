from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views
from home import views as home_views
from lms.health import health

urlpatterns = [
    path("health/", health, name="health"),
    # Before the CMS's own URLs, so that its log-in page is never served.
    path("admin/login/", account_views.admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("search/", home_views.search, name="search"),
    path("", include("courses.urls")),
    path("", include("community.urls")),
    path("grants/", include("grants.urls")),
    path("grants/", include("implementation.urls")),
    path("data/", include("measures.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
