// Saved-query forms: an IRI parameter is picked by typing part of a name. The server renders a plain <select>
// of the class's instances (or, for a large class, an IRI box); this puts a combobox in front of it that filters
// the options (or asks /search.json within the class) and puts the chosen IRI in the submitted field.
(function () {
  "use strict";

  function nameBox(field, label) {
    var input = document.createElement("input");
    input.type = "text";
    input.id = field.id + "-name";
    input.autocomplete = "off";
    input.placeholder = "Type part of a name…";
    input.required = field.required;
    if (field.getAttribute("aria-describedby")) {
      input.setAttribute("aria-describedby", field.getAttribute("aria-describedby"));
    }
    field.required = false;
    field.hidden = true;
    field.insertAdjacentElement("afterend", input);
    label.htmlFor = input.id;
    return input;
  }

  function fromSelect(select, label) {
    var options = Array.prototype.filter.call(select.options, function (option) { return option.value; })
      .map(function (option) { return { label: option.textContent.trim(), iri: option.value }; });
    var chosen = select.selectedOptions[0];
    var input = nameBox(select, label);
    function matching(text) {
      var wanted = text.toLowerCase();
      return options.filter(function (option) { return option.label.toLowerCase().indexOf(wanted) >= 0; });
    }
    window.evkgCombobox(input, select.id + "-options", matching, function (item) {
      input.value = item.label;
      select.value = item.iri;
    }, { listLabel: "Matching names", onFocus: true, typed: function () { select.value = ""; } });
    if (chosen && chosen.value) { input.value = chosen.textContent.trim(); }
    select.form.addEventListener("submit", function () {  // typed but not chosen: the first name that matches
      var first = !select.value && input.value.trim() && matching(input.value.trim())[0];
      if (first) { select.value = first.iri; }
    });
  }

  function fromSearch(field, label) {
    var cls = field.dataset.class;
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = field.name;
    hidden.value = field.value;
    field.removeAttribute("name");
    var input = nameBox(field, label);
    input.value = field.value;
    input.insertAdjacentElement("afterend", hidden);
    window.evkgCombobox(input, field.id + "-options", function (text) {
      if (text.length < 2) { return []; }
      var url = field.dataset.pickerSearch + "?q=" + encodeURIComponent(text) + (cls ? "&class=" + encodeURIComponent(cls) : "");
      return fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; });
    }, function (item) {
      input.value = item.label;
      hidden.value = item.iri;
    }, { listLabel: "Matching names", typed: function () { hidden.value = input.value.trim(); } });
  }

  document.querySelectorAll("select[data-picker], input[data-picker-search]").forEach(function (field) {
    var label = document.querySelector("label[for='" + field.id + "']");
    if (!label) { return; }
    if (field.tagName === "SELECT") { fromSelect(field, label); } else { fromSearch(field, label); }
  });
})();
