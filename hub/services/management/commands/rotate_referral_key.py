from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand
from django.db import transaction

from hub.services.models import Referral, ReferralStatusChange


class Command(BaseCommand):
    help = (
        "Re-encrypt every referral with the first key in REFERRAL_ENCRYPTION_KEY (see hub/services/crypto.py "
        "for the rotation steps), or print a new key with --generate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--generate", action="store_true", help="Print a new random key and exit.")

    def handle(self, *args, generate=False, **options):
        if generate:
            self.stdout.write(Fernet.generate_key().decode())
            return
        rotated = 0
        for pk in Referral.objects.values_list("pk", flat=True).iterator():
            with transaction.atomic():
                # Reading decrypts with whichever configured key fits; writing encrypts with the first.
                referral = Referral.objects.select_for_update().get(pk=pk)
                Referral.objects.filter(pk=pk).update(form_data=referral.form_data)
            rotated += 1
        notes = 0
        for pk in ReferralStatusChange.objects.values_list("pk", flat=True).iterator():
            with transaction.atomic():
                change = ReferralStatusChange.objects.select_for_update().get(pk=pk)
                ReferralStatusChange.objects.filter(pk=pk).update(note=change.note)
            notes += 1
        self.stdout.write(f"Re-encrypted {rotated} referrals and {notes} status notes with the current key.")
