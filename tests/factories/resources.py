import factory
import wagtail_factories

from resources.models import Organisation, Resource, ResourceDirectoryPage, ResourceType, Topic


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)


class ResourceFactory(factory.django.DjangoModelFactory):
    """A live resource. Pass ``audiences=[...]`` and ``topics=[...]`` (Topic objects or names)."""

    title = factory.Sequence(lambda n: f"Resource {n}")
    url = factory.Sequence(lambda n: f"https://example.org/resource-{n}/")
    summary = "A useful external resource."
    organisation = factory.SubFactory(OrganisationFactory)
    resource_type = ResourceType.GUIDE
    live = True

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)
            self.save()

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()


class ResourceDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    slug = "resources"
    summary = "Trusted external resources on work and mental health."

    class Meta:
        model = ResourceDirectoryPage
