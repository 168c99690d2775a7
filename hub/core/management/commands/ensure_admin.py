"""Make sure someone can log in to the admin, without ever shipping a well-known password.

The first run creates a superuser with a random password printed once; later runs say how to
log in and how to reset the password, because we do not know it any more. The first sign-in then
leads to setting up two-factor authentication (hub/accounts), which needs an authenticator app.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

TWO_FACTOR_HINT = (
    "  After the password you will be asked for a code from an authenticator app (Microsoft or Google\n"
    "  Authenticator, or any TOTP app): the first time, scan the QR code shown to set it up.\n"
    "  Lost the app? Run: .venv/bin/python manage.py reset_two_factor <username>"
)


class Command(BaseCommand):
    help = "Create an admin user with a one-time random password if no superuser exists."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.com")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username, email, url, **options):
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing:
            self.stdout.write(
                f"Admin: log in at {url} as '{existing.get_username()}'. Forgotten the password? "
                f"Run: .venv/bin/python manage.py changepassword {existing.get_username()}"
            )
            self.stdout.write(TWO_FACTOR_HINT)
            return
        password = secrets.token_urlsafe(15)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Admin created: log in at {url}"))
        self.stdout.write(f"  username: {username}\n  password: {password}")
        self.stdout.write("  This password is shown only once: change it after logging in.")
        self.stdout.write(TWO_FACTOR_HINT)
