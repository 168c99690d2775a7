from django.db import migrations

SEED = [
    ("IAPT, NHS Talking Therapies", "IAPT was renamed NHS Talking Therapies in 2023."),
    ("CCG, ICB, commissioning group", "Clinical Commissioning Groups were replaced by Integrated Care Boards in 2022."),
    ("JCP, Jobcentre Plus", "Common abbreviation."),
    ("GP, general practice", "Common abbreviation."),
    ("sick note, fit note", "The fit note replaced the sick note in 2010; people still say sick note."),
    ("stress, work-related stress", "People search for the short form."),
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms, note in SEED:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"note": note})


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[terms for terms, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
