"""Wagtail's PostgreSQL search backend, accepting any queryset filter. Imported only on PostgreSQL."""

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from search.backend import DatabaseFilterCheckMixin


class HubPostgresSearchQueryCompiler(DatabaseFilterCheckMixin, PostgresSearchQueryCompiler):
    pass


class HubPostgresAutocompleteQueryCompiler(DatabaseFilterCheckMixin, PostgresAutocompleteQueryCompiler):
    pass


class HubPostgresSearchBackend(PostgresSearchBackend):
    """Wagtail's PostgreSQL backend, accepting any queryset filter (see :class:`DatabaseFilterCheckMixin`)."""

    query_compiler_class = HubPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = HubPostgresAutocompleteQueryCompiler
