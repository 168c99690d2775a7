from .send_referral_notifications import Command as SendReferralNotifications


class Command(SendReferralNotifications):
    """The name the issue uses; same command as send_referral_notifications."""
