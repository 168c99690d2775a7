import factory
import wagtail_factories

from hub.home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Work and Wellbeing Hub"
    intro = "Help to stay in work or return to it."
    summary = "The hub's home page."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    summary = "A plain content page."

    class Meta:
        model = StandardPage
