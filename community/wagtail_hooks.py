"""The community's additions to the Wagtail admin: Wagtail loads only this module, so it imports each
concern's hooks (registering them is a side effect of the import)."""

from community.admin import communities, discussions, events, membership, resources, surveys  # noqa: F401
