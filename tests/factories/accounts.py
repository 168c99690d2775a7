"""Two-factor devices, codes computed as an authenticator app would, and a verified sign-in."""

import factory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    name = "Authenticator app"
    confirmed = True

    class Meta:
        model = TOTPDevice


def code_for(device, steps_ahead=0):
    """The code an authenticator app shows now (or ``steps_ahead`` 30-second steps later, which the
    device accepts within its tolerance: the way to get a fresh code without waiting)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{totp.token():0{device.digits}d}"


def sign_in_with_second_factor(client, user):
    """force_login plus what the second step records in the session: a fully signed-in admin user."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDeviceFactory(user=user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
