from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Referral, ServicePage


@receiver(post_save, sender=ServicePage)
def create_handler_group(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .access import ensure_handler_group

    ensure_handler_group(instance)


@receiver(post_save, sender=Referral)
def count_received_referral(sender, instance, created=False, raw=False, **kwargs):
    """Count every new referral in the monthly figures, in the transaction that saves it."""
    if created and not raw:
        from .statistics import record_received

        record_received(instance)
