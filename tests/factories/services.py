import factory
import wagtail_factories

from hub.services.models import (
    ReferralFormField,
    ReferralFormPage,
    ReferralStatisticsPage,
    ReferrerType,
    ServiceIndexPage,
    ServicePage,
)


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Services"
    slug = "services"
    summary = "Employment support services for people with common mental health problems."

    class Meta:
        model = ServiceIndexPage


class ServicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Service {n}")
    summary = "Help to stay in work or get back to it."
    eligibility = "<p>Adults with a common mental health problem.</p>"
    areas_covered = "Nottingham and Nottinghamshire"
    contact_phone = "0115 000 0000"
    contact_email = "hello@example.org"
    opening_hours = "Monday to Friday, 9am to 5pm"
    organisation_name = "Example Trust"
    organisation_url = "https://example.org/"

    class Meta:
        model = ServicePage


class ReferralFormPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda o: f"{dict(ReferrerType.choices)[o.referrer_type]} referral")
    slug = factory.LazyAttribute(lambda o: "gp-referral" if o.referrer_type == "gp" else "jobcentre-plus-referral")
    referrer_type = ReferrerType.GP
    to_address = "referrals@example.org"
    what_happens_next = "<p>We will phone the person within 5 working days.</p>"

    class Meta:
        model = ReferralFormPage


class ReferralFormFieldFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Extra question {n}")
    field_type = "singleline"
    required = False

    class Meta:
        model = ReferralFormField


class ReferralStatisticsPageFactory(wagtail_factories.PageFactory):
    title = "Referral statistics"
    slug = "referral-statistics"
    summary = "How many people are referred to each service, and what happens next."

    class Meta:
        model = ReferralStatisticsPage
