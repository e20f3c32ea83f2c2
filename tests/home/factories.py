"""Page factories for the site's own pages."""

import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Implementation Hub"
    hero_heading = "Proven care for every critically ill child, sooner"
    hero_text = "A community of paediatric critical-care professionals."
    intro = "Membership is open to everyone who works in paediatric critical care."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Guide to implementation {n}")
    introduction = "How to put evidence into practice on a busy unit."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Use the CFIR to name the barriers on your unit before choosing strategies.</p>")]
    )
