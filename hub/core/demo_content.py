"""The shared audience list every app tags content with."""

from hub.core.registry import demo_content

from .models import Audience

AUDIENCES = [
    ("Commissioners", "commissioners", "Integrated care boards (formerly clinical commissioning groups)"),
    ("Health and wellbeing boards", "health-and-wellbeing-boards", ""),
    ("Employers", "employers", "Organisations of any size, including small firms"),
    ("Line managers", "line-managers", ""),
    ("HR professionals", "hr-professionals", ""),
    ("GPs", "gps", "General practice and primary care"),
    ("Health professionals", "health-professionals", "Clinicians, occupational health and talking therapies staff"),
    ("Jobcentre Plus work coaches", "work-coaches", ""),
    ("People seeking work", "people-seeking-work", ""),
    ("The public", "public", ""),
]


@demo_content.register(order=-10)
def load_audiences(stdout):
    for position, (name, slug, description) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": position}
        )
    stdout.write(f"{len(AUDIENCES)} audiences ready.")
