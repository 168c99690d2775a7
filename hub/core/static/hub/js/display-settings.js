/* Display settings: apply a choice at once and save it in the background.
   Progressive enhancement only: without this script the form posts and redirects as usual. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-display-settings]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var root = document.documentElement;
  var status = document.getElementById("display-settings-status");
  var names = ["text", "scheme", "spacing"];

  function applyClasses(values) {
    names.forEach(function (name) {
      Array.prototype.slice.call(root.classList).forEach(function (cls) {
        if (cls.indexOf(name + "-") === 0) { root.classList.remove(cls); }
      });
      root.classList.add(name + "-" + values[name]);
    });
  }

  function current() {
    var values = {};
    names.forEach(function (name) {
      var checked = form.querySelector("input[name='" + name + "']:checked");
      values[name] = checked ? checked.value : "standard";
    });
    return values;
  }

  function save(data, done) {
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      status.textContent = done;
    }).catch(function () {
      status.textContent = "Your choice is shown but could not be saved. Use the Save settings button to try again.";
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.type !== "radio") { return; }
    applyClasses(current());
    save(new FormData(form), "Saved. Your display settings apply to every page.");
  });

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!submitter || submitter.name !== "reset") { return; }
    event.preventDefault();
    names.forEach(function (name) {
      var standard = form.querySelector("input[name='" + name + "'][value='standard']");
      if (standard) { standard.checked = true; }
    });
    applyClasses(current());
    var data = new FormData(form);
    data.append("reset", "1");
    save(data, "Your display settings are back to the standard ones.");
  });
}());
