from django.conf import settings
from django.db import models


class UserSession(models.Model):
    """One row per signed-in session, so a user's sessions can be ended at once (on deactivation)
    without scanning and decoding every session in the store."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Session of user {self.user_id}"
