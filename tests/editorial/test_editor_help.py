"""Editors get help everywhere: every field explains itself, every block has a description and a
preview, and the add-page menu only offers page types that fit where the editor is."""

import pytest
from django.apps import apps
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

OUR_APPS = {"core", "home", "services", "briefings", "events", "editorial", "toolkit", "resources", "search"}
PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}


def our_models():
    models = [model for model in get_page_models() if model._meta.app_label in OUR_APPS]
    models += [model for model in get_snippet_models() if model._meta.app_label in OUR_APPS]
    return sorted(set(models), key=lambda model: model._meta.label)


def editor_fields(model):
    for field in model._meta.get_fields():
        if getattr(field, "auto_created", False) or not getattr(field, "editable", False):
            continue
        if field.name in PAGE_FIELDS or field.model._meta.app_label not in OUR_APPS:
            continue
        if field.is_relation and field.related_model and field.related_model._meta.app_label == "wagtailcore":
            continue
        yield field


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_every_editable_field_has_help_text(model):
    missing = [field.name for field in editor_fields(model) if not str(getattr(field, "help_text", "")).strip()]
    assert not missing, f"{model._meta.label} fields without help text: {missing}"


def stream_fields():
    for model in our_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                yield pytest.param(field, id=f"{model._meta.label}.{field.name}")


def needs_a_chosen_object(block):
    """Blocks built on an image or document chooser cannot have a fixed preview value."""
    if isinstance(block, blocks.ChooserBlock):
        return True
    children = list(getattr(block, "child_blocks", {}).values())
    if hasattr(block, "child_block"):
        children.append(block.child_block)
    return any(needs_a_chosen_object(child) for child in children)


@pytest.mark.parametrize("field", list(stream_fields()))
def test_every_stream_block_has_a_description_and_a_preview(field):
    problems = []
    for name, block in field.stream_block.child_blocks.items():
        if not block.get_description():
            problems.append(f"{name}: no description")
        has_preview = getattr(block.meta, "preview_value", None) or getattr(block.meta, "preview_template", None)
        if not has_preview and not needs_a_chosen_object(block) and not isinstance(block, blocks.StaticBlock):
            problems.append(f"{name}: no preview value")
    assert not problems, problems


@pytest.mark.parametrize(
    "model",
    [model for model in get_page_models() if model._meta.app_label in OUR_APPS],
    ids=lambda model: model._meta.label,
)
def test_every_page_type_says_where_it_belongs(model):
    if model._meta.label == "home.HomePage":
        assert model.max_count == 1
        return
    parents = model.clean_parent_page_models()
    assert parents and Page not in parents, f"{model._meta.label} can be added anywhere"


def test_apps_under_test_exist():
    assert {config.label for config in apps.get_app_configs()} >= OUR_APPS
