from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ServicePage


@receiver(post_save, sender=ServicePage)
def create_handler_group(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .access import ensure_handler_group

    ensure_handler_group(instance)
