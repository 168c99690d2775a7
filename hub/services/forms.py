"""The referral form: fixed questions every referral needs, plus the editor's extra questions.

The fixed questions are defined here, not in the page's form builder, so an editor can never remove
the consent question or the person's name. Autocomplete tokens describe the *person filling in the
form*: the referrer's own name, job title, organisation, email and phone get ``name``,
``organization-title``, ``organization``, ``email`` and ``tel``; the person being referred gets
``off``, so a browser never offers the GP's own details as the patient's.
"""

import datetime

from django import forms
from django.utils import timezone
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
MINIMUM_AGE = 16
MAXIMUM_AGE = 120
HONEYPOT_FIELD = "website"


def text_field(label, *, autocomplete, max_length=200, required=True, help_text="", input_type=None):
    attrs = {"autocomplete": autocomplete}
    if input_type == "email":
        return forms.EmailField(
            label=label,
            required=required,
            max_length=max_length,
            help_text=help_text,
            widget=forms.EmailInput(attrs={**attrs, "spellcheck": "false"}),
        )
    widget_attrs = {**attrs, "type": input_type} if input_type else attrs
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs=widget_attrs),
    )


class DateOfBirthField(forms.DateField):
    default_error_messages = {
        "invalid": "Enter the date of birth as day/month/year, for example 27/03/1985.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError("The date of birth must be in the past.", code="future")
        age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
        if age < MINIMUM_AGE:
            raise forms.ValidationError(f"The person must be {MINIMUM_AGE} or older to be referred.", code="too_young")
        if age > MAXIMUM_AGE:
            raise forms.ValidationError("Check the year of birth: it is more than 120 years ago.", code="too_old")


def referrer_fields(referrer_type):
    is_gp = referrer_type == "gp"
    return {
        "referrer_name": text_field(
            "Your full name", autocomplete="name", help_text="So the service knows who to contact about the referral."
        ),
        "referrer_role": text_field(
            "Your role",
            autocomplete="organization-title",
            help_text="For example, GP or practice nurse." if is_gp else "For example, work coach.",
        ),
        "referrer_organisation": text_field(
            "GP practice" if is_gp else "Jobcentre",
            autocomplete="organization",
            help_text="The practice name and town." if is_gp else "The Jobcentre Plus office, for example Nottingham.",
        ),
        "referrer_email": text_field(
            "Your work email address",
            autocomplete="email",
            input_type="email",
            max_length=254,
            help_text="We only use this to contact you about this referral." if is_gp else "A secure work address.",
        ),
        "referrer_phone": text_field(
            "Your work phone number",
            autocomplete="tel",
            input_type="tel",
            max_length=40,
            help_text="Include the area code.",
        ),
    }


def person_fields():
    return {
        "person_name": text_field("Full name", autocomplete="off"),
        "person_date_of_birth": DateOfBirthField(
            label="Date of birth", help_text="Day, month and year, for example 27/03/1985."
        ),
        "person_phone": text_field(
            "Phone number",
            autocomplete="off",
            input_type="tel",
            max_length=40,
            required=False,
            help_text="Give a phone number, an email address or both.",
        ),
        "person_email": text_field(
            "Email address", autocomplete="off", input_type="email", max_length=254, required=False
        ),
        "person_postcode": text_field(
            "Postcode", autocomplete="off", max_length=10, required=False, help_text="So we can check the area."
        ),
    }


def support_fields():
    return {
        "support_needed": forms.CharField(
            label="What support do they need?",
            max_length=5000,
            help_text="Their situation at work or looking for work, and what they would like help with.",
            widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        ),
    }


def consent_fields(service_title):
    return {
        "consent": forms.BooleanField(
            label=f"The person has agreed to be referred to {service_title} and for their details to be shared with it",
            help_text="Only send the referral once they have said yes.",
            error_messages={"required": "Confirm that the person has agreed to the referral."},
        ),
    }


FIELDSETS = [
    ("referrer", "About you"),
    ("person", "About the person you are referring"),
    ("support", "Their support needs"),
    ("consent", "Consent"),
]


class ReferralFormBase(BaseForm):
    """Renders in fieldsets; carries a honeypot that people never see."""

    fieldset_members = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label="Leave this field empty",
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def honeypot_filled(self):
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def clean(self):
        cleaned = super().clean()
        no_contact = not cleaned.get("person_phone") and not cleaned.get("person_email")
        if no_contact and "person_phone" not in self.errors and "person_email" not in self.errors:
            self.add_error("person_phone", "Give a phone number or an email address for the person.")
        return cleaned

    def submitted_data(self):
        """Cleaned answers, ready to encrypt: no honeypot, dates as ISO strings."""
        data = {}
        for name, value in self.cleaned_data.items():
            if name == HONEYPOT_FIELD:
                continue
            if isinstance(value, datetime.date | datetime.datetime):
                value = value.isoformat()
            data[name] = value
        return data

    def field_labels(self):
        return {name: str(field.label) for name, field in self.fields.items() if name != HONEYPOT_FIELD}

    def fieldsets(self):
        """(legend, [bound fields]) in the order they are asked."""
        groups = []
        for key, legend in FIELDSETS:
            names = self.fieldset_members.get(key, [])
            bound = [self[name] for name in names if name in self.fields]
            if bound:
                groups.append((legend, bound))
        return groups

    def describe_fields(self):
        """Point each input at its hint and error (``aria-describedby``) and mark invalid ones."""
        for name, field in self.fields.items():
            bound = self[name]
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.auto_id}-hint")
            if bound.errors:
                described_by.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def error_links(self):
        """(href, message) for the error summary; each link jumps to its field."""
        links = [("#referral-form", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                links.append((f"#{self[name].auto_id}", str(message)))
        return links


def referral_form_class(page):
    """The form class for one referral form page: fixed questions for its referrer type + editor's questions."""
    editor_fields = FormBuilder(page.get_form_fields()).formfields
    fixed = {
        "referrer": referrer_fields(page.referrer_type),
        "person": person_fields(),
        "support": support_fields(),
        "consent": consent_fields(page.service.title if page.service else "the service"),
    }
    fixed_names = {name for group in fixed.values() for name in group}
    # An editor's question can never replace a fixed one (same name): the fixed one wins.
    extra = {name: field for name, field in editor_fields.items() if name not in fixed_names | {HONEYPOT_FIELD}}
    attrs = {**fixed["referrer"], **fixed["person"], **fixed["support"], **extra, **fixed["consent"]}
    members = {key: list(group) for key, group in fixed.items()}
    members["support"] += list(extra)
    attrs["fieldset_members"] = members
    return type("ReferralForm", (ReferralFormBase,), attrs)


class ReferralFormPageAdminForm(WagtailAdminFormPageForm):
    """Refuses a second form for the same kind of referrer under one service (checked before the page
    exists, against the parent it is being created under)."""

    def clean(self):
        cleaned = super().clean()
        parent = getattr(self, "parent_page", None)
        if parent is not None and "referrer_type" in cleaned:
            self.instance.referrer_type = cleaned["referrer_type"]
            error = self.instance.duplicate_referrer_type_error(parent)
            if error:
                self.add_error("referrer_type", error)
        return cleaned
