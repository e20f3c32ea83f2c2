"""Site search across every published page."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render

from home.selectors import page_search

RESULTS_PER_PAGE = 10


def search(request):
    """Search the pages a visitor may see; an empty query shows the form only."""
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        paginator = Paginator(page_search(query=query, user=request.user), RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    return render(request, "home/search.html", {"query": query, "results": results})
