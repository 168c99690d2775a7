"""Registries that let each app contribute demo content and benchmark scenarios.

``hub.core`` imports no other app: the ``load_demo_content`` and ``benchmark`` commands discover
``<app>/demo_content.py`` and ``<app>/bench.py`` modules (as Django discovers ``admin.py``) and run
what they register, in order.
"""

from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules


@dataclass(order=True)
class Step:
    order: int
    name: str = field(compare=False)
    func: object = field(compare=False)


class Registry:
    def __init__(self, module_name):
        self.module_name = module_name
        self._steps = []

    def register(self, order):
        """Decorator: run ``func`` at position ``order`` (lower first; the home page is 0)."""

        def decorator(func):
            self._steps.append(Step(order, f"{func.__module__}.{func.__name__}", func))
            return func

        return decorator

    def steps(self):
        autodiscover_modules(self.module_name)
        unique = {step.name: step for step in self._steps}
        return sorted(unique.values())


demo_content = Registry("demo_content")
benchmarks = Registry("bench")
