"""Error reports that never carry referral data.

``@sensitive_post_parameters`` hides POST values, but Django's report also lists every frame's local
variables (form.cleaned_data, the dict being encrypted…). For requests marked sensitive by the referral
views, this filter hides all frame variables too. Set as ``DEFAULT_EXCEPTION_REPORTER_FILTER``.
"""

from django.views.debug import SafeExceptionReporterFilter

HIDDEN = "(hidden: this request carried referral data)"


class ReferralSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    def is_sensitive_request(self, request):
        return bool(request is not None and getattr(request, "hub_sensitive_request", False))

    def get_traceback_frame_variables(self, request, tb_frame):
        if self.is_sensitive_request(request):
            return [("variables", HIDDEN)]
        return super().get_traceback_frame_variables(request, tb_frame)

    def get_post_parameters(self, request):
        if self.is_sensitive_request(request):
            return {key: self.cleansed_substitute for key in request.POST}
        return super().get_post_parameters(request)
