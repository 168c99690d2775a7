"""Reset a user's two-factor authentication from the command line: for whoever runs the server
when the only administrator has lost their authenticator app and backup codes."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hub.accounts import audit, sessions, twofactor


class Command(BaseCommand):
    help = "Remove a user's two-factor devices and end their sessions; their next sign-in leads to enrolment."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user called '{username}'.")
        twofactor.reset(user)
        ended = sessions.end_all(user)
        audit.record(audit.RESET, user, None, by_command="reset_two_factor", sessions=ended)
        self.stdout.write(f"Two-factor authentication reset for '{username}': they set it up again at next sign-in.")
