import factory

from search.models import SynonymGroup


class SynonymGroupFactory(factory.django.DjangoModelFactory):
    terms = factory.Sequence(lambda n: f"word{n}, other{n}")

    class Meta:
        model = SynonymGroup
