"""Benchmark scenarios for the home page and standard pages."""

from hub.core.demo import ensure_child, home_page
from hub.core.registry import benchmarks

from .models import StandardPage


@benchmarks.register(order=0)
def build(scale, stdout):
    """A standard page with ``scale`` standard-page children, so listing cost shows up if it grows."""
    home = home_page()
    parent = ensure_child(home, StandardPage, "bench-standard", title="Benchmark standard page", show_in_menus=True)
    for number in range(scale):
        ensure_child(parent, StandardPage, f"child-{number}", title=f"Benchmark child {number}")
    return [("HomePage", "/"), ("StandardPage", "/bench-standard/"), ("StandardPage (leaf)", "/about/")]
