import datetime

import factory
import wagtail_factories

from hub.briefings.models import BriefingIndexPage, BriefingKind, BriefingPage


class BriefingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Briefings and reports"
    slug = "briefings"
    summary = "Briefings, reports and guidance on mental health and employment."

    class Meta:
        model = BriefingIndexPage


class BriefingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Briefing {n}")
    slug = factory.Sequence(lambda n: f"briefing-{n}")
    summary = "Why mental health and employment matter to integrated care boards."
    kind = BriefingKind.BRIEFING
    publication_date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    organisation = "Work and Wellbeing Hub"

    class Meta:
        model = BriefingPage
        skip_postgeneration_save = True

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)
            self.save_revision().publish()

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)
            self.save_revision().publish()
