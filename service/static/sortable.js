// Result tables sort by any column: a button in each header, numbers as numbers, aria-sort on the sorted one.
(function () {
  "use strict";

  function key(cell) {
    var text = cell ? cell.textContent.trim() : "";
    var number = Number(text.replace(/,/g, ""));
    return text !== "" && !isNaN(number) ? { number: number, text: text } : { number: null, text: text.toLowerCase() };
  }

  function compare(a, b) {
    if (a.number !== null && b.number !== null) { return a.number - b.number; }
    if (a.number !== null) { return -1; }
    if (b.number !== null) { return 1; }
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  }

  function setup(table) {
    var headers = table.querySelectorAll("thead th");
    var body = table.tBodies[0];
    headers.forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(key(a.cells[column]), key(b.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }

  document.querySelectorAll("table.sortable").forEach(setup);
})();
