/* Employer toolkit: save ticks as they happen, and a print button on the action plan.
   Progressive enhancement only: without this script the "Save progress" button posts the form
   and the server redirects back, so everything still works. */
(function () {
  "use strict";

  function enhanceProgressForm(form) {
    var status = form.querySelector("[data-toolkit-status]");
    var stepCount = document.querySelector("[data-toolkit-step-count]");
    var saving = false;
    var again = false;

    function say(text) {
      if (status) status.textContent = text;
    }

    function save() {
      if (saving) {
        // One request at a time, and the last state always wins.
        again = true;
        return;
      }
      saving = true;
      again = false;
      // Not form.action: the checkboxes are named "action", which shadows that property.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          say(data.message);
          if (stepCount) stepCount.textContent = data.done + " of " + data.total + " done";
        })
        .catch(function () {
          say("Your ticks could not be saved just now. Please use the Save progress button.");
        })
        .then(function () {
          saving = false;
          if (again) save();
        });
    }

    form.addEventListener("change", function (event) {
      if (event.target && event.target.type === "checkbox") save();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-toolkit-progress]"), enhanceProgressForm);

  Array.prototype.forEach.call(document.querySelectorAll("[data-toolkit-print]"), function (button) {
    button.hidden = false;
    var hint = button.parentNode.querySelector("[data-toolkit-print-hint]");
    if (hint) hint.hidden = true;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
