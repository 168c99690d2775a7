"""A visitor's ticked toolkit actions, kept against their anonymous Django session.

Why the session and not a signed cookie: the browser only ever holds Django's opaque, HttpOnly
session id, so nothing readable about the visitor's progress travels with every request or sits
in the browser; the store is not capped by the 4 KB cookie limit however many actions editors add;
"start again" really deletes the data on the server; and it expires with the session
(``SESSION_COOKIE_AGE``). In production the sessions live wherever Django keeps them (the
database, or Redis when configured), so it scales out with the rest of the site.

Only action ids are stored — never names, answers or anything else about the visitor — and the
session is created on the first save, not on a visit: reading pages sets no cookie.
"""

SESSION_KEY = "toolkit_done_actions"


class ProgressStore:
    def __init__(self, request):
        self.session = request.session

    def done_ids(self):
        """Every action id this visitor has ticked, in any step."""
        stored = self.session.get(SESSION_KEY, [])
        # The session is ours, but be strict anyway: a corrupt value means no progress, not a 500.
        if not isinstance(stored, list):
            return set()
        return {value for value in stored if isinstance(value, int) and not isinstance(value, bool)}

    def save_step(self, step_action_ids, posted_values):
        """Replace the ticks for one step with ``posted_values``.

        ``step_action_ids`` are the ids of the actions that exist on that step; posted values that
        are not one of them (tampered, stale, from another step, not numbers) are ignored.
        Returns the set of action ids of this step now marked done.
        """
        allowed = {str(action_id): action_id for action_id in step_action_ids}
        ticked = {allowed[value] for value in posted_values if value in allowed}
        done = (self.done_ids() - set(step_action_ids)) | ticked
        self._write(done)
        return ticked

    def clear(self, action_ids):
        """Forget the ticks for ``action_ids`` (e.g. every action of one toolkit)."""
        done = self.done_ids()
        if not done:
            return
        self._write(done - set(action_ids))

    def _write(self, done):
        if done:
            self.session[SESSION_KEY] = sorted(done)
            return
        self.session.pop(SESSION_KEY, None)
        if not list(self.session.keys()):
            # Nothing else lives in this session (an anonymous visitor): delete it on the server too.
            self.session.flush()
