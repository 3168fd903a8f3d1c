// The one ARIA combobox of the viewer (site search, saved-query pickers): a list of suggestions under a text
// input, from `source(text)` (an array or a promise of {label, type, matched, href}); arrows move, Enter or a
// click chooses. Text is inserted with textContent only.
window.evkgCombobox = function (input, listId, source, choose, options) {
  "use strict";
  var settings = options || {};
  var list = document.createElement("ul");
  var active = -1;
  var shown = [];
  var timer = null;
  var lastQuery = null;
  var asked = 0;  // lookups asked so far: an answer to an older one than the last is stale
  var picked = null;  // the label just chosen: focus coming back to it opens no list over the form
  list.id = listId;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", settings.listLabel || "Suggestions");
  list.hidden = true;
  input.parentNode.classList.add("has-suggestions");
  input.insertAdjacentElement("afterend", list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function pick(result) {
    clearTimeout(timer);  // a lookup still waiting for the typed text, or its answer, must not reopen the list
    asked += 1;
    close();
    choose(result);
    picked = input.value;
  }

  function highlight(position) {
    var items = list.querySelectorAll("[role=option]");
    if (!items.length) { return; }
    active = (position + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function render(results) {
    shown = results.slice(0, settings.limit || 50);
    list.textContent = "";
    shown.forEach(function (result, i) {
      var item = document.createElement("li");
      var body = document.createElement(settings.links ? "a" : "span");
      var type = document.createElement("span");
      item.id = listId + "-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      if (settings.links) { body.href = result.href; body.tabIndex = -1; }
      body.textContent = result.label;
      type.className = "type";
      type.textContent = result.type || "";
      body.appendChild(type);
      if (result.matched && result.matched !== result.label) {
        var matched = document.createElement("span");
        matched.className = "matched";
        matched.textContent = "“" + result.matched + "”";
        body.appendChild(matched);
      }
      item.appendChild(body);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function (event) { event.preventDefault(); pick(result); });
      list.appendChild(item);
    });
    list.hidden = shown.length === 0;
    input.setAttribute("aria-expanded", shown.length ? "true" : "false");
    active = -1;
  }

  function lookup() {
    var text = input.value.trim();
    if (text === lastQuery) { return; }
    lastQuery = text;
    var ask = ++asked;
    Promise.resolve(source(text)).then(function (results) {
      if (ask === asked && input.value.trim() === text) { render(results); }
    });
  }

  input.addEventListener("input", function () {
    picked = null;
    if (settings.typed) { settings.typed(); }
    clearTimeout(timer);
    timer = setTimeout(lookup, 150);
  });
  input.addEventListener("focus", function () {
    lastQuery = null;
    if (settings.onFocus && input.value !== picked) { lookup(); }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); pick(shown[active]); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 200); });
};
