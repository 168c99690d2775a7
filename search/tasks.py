"""Background work for search: recording analytics off the request path when a task worker runs.

With the default in-process task backend the task runs straight away; with a worker backend the
search page no longer waits for the analytics writes.
"""

from django_tasks import task


@task()
def record_search(query_text, result_count):
    from search import analytics

    analytics.record_text(query_text, result_count)
