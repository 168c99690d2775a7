// Move focus to the error summary so keyboard and screen-reader users start from the list of problems.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
