// Autocomplete for every search box marked data-autocomplete: suggestions from /search.json, a choice opens
// the entity's page. Without scripts the form still submits to /search.
(function () {
  "use strict";

  document.querySelectorAll("input[data-autocomplete]").forEach(function (input, index) {
    window.evkgCombobox(input, "suggestions-" + index, function (text) {
      if (text.length < 2) { return []; }
      return fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; });
    }, function (result) { window.location.href = result.href; }, { links: true, limit: 20 });
  });
})();
