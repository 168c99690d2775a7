"""Field-level encryption for referral data (special-category health data).

Keys come from ``REFERRAL_ENCRYPTION_KEY``: one or more Fernet keys separated by commas. The first key
encrypts; every key decrypts, so a key can be rotated without downtime:

1. generate a key: ``python manage.py rotate_referral_key --generate``;
2. put it FIRST in ``REFERRAL_ENCRYPTION_KEY`` (``new,old``) and restart;
3. run ``python manage.py rotate_referral_key`` to re-encrypt every stored referral with the new key;
4. remove the old key from the variable and restart.

Without the variable (development and tests only) a key is derived from ``SECRET_KEY`` with HKDF, so a
laptop works out of the box; ``check --deploy`` reports an error when production runs that way.
"""

import base64
import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class ReferralDecryptionError(Exception):
    """Stored referral data cannot be decrypted with any configured key."""


def configured_keys():
    raw = getattr(settings, "REFERRAL_ENCRYPTION_KEY", "") or ""
    return [key.strip() for key in raw.split(",") if key.strip()]


def derived_development_key(secret_key):
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"hub.services.referrals", info=b"referral-data")
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode()))


@lru_cache(maxsize=8)
def _fernet_for(keys, secret_key):
    if not keys:
        return MultiFernet([Fernet(derived_development_key(secret_key))])
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "REFERRAL_ENCRYPTION_KEY must hold Fernet keys (32 url-safe base64-encoded bytes), separated by commas."
        ) from exc


def fernet():
    return _fernet_for(tuple(configured_keys()), settings.SECRET_KEY)


def encrypt_json(value):
    payload = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    return fernet().encrypt(payload).decode("ascii")


def decrypt_json(token):
    try:
        payload = fernet().decrypt(token.encode("ascii"))
    except InvalidToken as exc:
        raise ReferralDecryptionError(
            "Referral data cannot be decrypted: check REFERRAL_ENCRYPTION_KEY includes the key it was stored with."
        ) from exc
    return json.loads(payload)


def rotate_token(token):
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedJSONField(models.TextField):
    """A JSON value stored as a Fernet token: the database (and its backups) only ever see ciphertext;
    Python code reads and writes plain dicts."""

    description = "JSON encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return decrypt_json(value)

    def to_python(self, value):
        if value is None or isinstance(value, dict | list):
            return value
        return decrypt_json(value)

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt_json(value)

    def value_to_string(self, obj):
        # Serialised dumps (dumpdata) keep the ciphertext, never the plain values.
        return self.get_prep_value(self.value_from_object(obj))
