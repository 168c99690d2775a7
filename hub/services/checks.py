from django.conf import settings
from django.core.checks import Error, Tags, register

from .crypto import configured_keys


@register(Tags.security, deploy=True)
def referral_encryption_key_check(app_configs, **kwargs):
    """A configured key must be usable; with REFERRAL_ENCRYPTION_KEY_REQUIRED (meant for production) it
    must also be set, so referral data is never encrypted with a key derived from SECRET_KEY."""
    if configured_keys():
        try:
            from .crypto import fernet

            fernet()
        except Exception as exc:
            return [Error(str(exc), id="services.E002")]
        return []
    if getattr(settings, "REFERRAL_ENCRYPTION_KEY_REQUIRED", False):
        return [
            Error(
                "REFERRAL_ENCRYPTION_KEY is not set: referral data would be encrypted with a key derived "
                "from SECRET_KEY.",
                hint="Generate one with `manage.py rotate_referral_key --generate` and set it in the environment.",
                id="services.E001",
            )
        ]
    return []
