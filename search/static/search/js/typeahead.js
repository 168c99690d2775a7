/*
 * Search box typeahead (progressive enhancement). Without JavaScript the plain GET form submits as
 * usual; with it, the box becomes an ARIA 1.2 combobox with a list of title suggestions from
 * /search/suggest/. Keyboard: Down/Up move through suggestions, Enter opens the chosen one, Escape
 * closes the list (a second Escape clears the box). The number of suggestions is announced politely.
 */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_CHARS = 2;

  function enhance(container, index) {
    var input = container.querySelector("input[type=search]");
    var endpoint = container.getAttribute("data-search-suggest");
    if (!input || !endpoint || !window.fetch) return;

    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    container.appendChild(list);
    container.appendChild(status);
    container.classList.add("search-box--enhanced");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var timer = null;
    var active = -1;
    var items = [];
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(next) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = (next + options.length) % options.length;
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
    }

    function render(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "search-suggestions__option";
        var title = document.createElement("span");
        title.textContent = result.title;
        var type = document.createElement("span");
        type.className = "search-suggestions__type";
        type.textContent = result.type;
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(type);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the box
          go(i);
        });
        list.appendChild(option);
      });
      active = -1;
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      status.textContent = results.length
        ? results.length + (results.length === 1 ? " suggestion" : " suggestions") + ", use the arrow keys to choose"
        : "";
    }

    function go(i) {
      var item = items[i];
      if (item && item.url) window.location.assign(item.url);
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < MIN_CHARS) {
        render([]);
        return;
      }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) render(data.results || []);
        })
        .catch(function () {
          /* network errors or aborts: the plain form still works */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (list.hidden && items.length) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        highlight(active + 1);
        event.preventDefault();
      } else if (event.key === "ArrowUp") {
        highlight(active - 1);
        event.preventDefault();
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        go(active);
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          close();
        } else {
          input.value = "";
          lastQuery = "";
        }
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
  }

  var boxes = document.querySelectorAll("[data-search-suggest]");
  for (var i = 0; i < boxes.length; i++) enhance(boxes[i], i);
})();
