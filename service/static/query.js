// The query editor: YASGUI on /sparql, the saved queries as examples, and two extra result views —
// a chart of numeric columns (Chart.js) and CONSTRUCT/DESCRIBE results as a graph (Cytoscape).
(function () {
  "use strict";

  var host = document.getElementById("yasgui");
  var form = document.getElementById("query-form");
  if (!host || typeof Yasgui === "undefined") { return; }
  var examples = JSON.parse(document.getElementById("examples-data").textContent);
  var NUMERIC = /#(integer|decimal|double|float|int|long|short|nonNegativeInteger|positiveInteger)$/;

  function shortLabel(value) {
    var cut = Math.max(value.lastIndexOf("#"), value.lastIndexOf("/"));
    return cut >= 0 && cut < value.length - 1 ? value.slice(cut + 1) : value;
  }

  function ChartPlugin(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Chart"; }
  ChartPlugin.prototype.numericColumns = function () {
    var bindings = this.yasr.results.getBindings() || [];
    var vars = this.yasr.results.getVariables() || [];
    return vars.filter(function (name) {
      return bindings.length && bindings.every(function (row) {
        return !row[name] || (row[name].datatype && NUMERIC.test(row[name].datatype));
      }) && bindings.some(function (row) { return row[name]; });
    });
  };
  ChartPlugin.prototype.canHandleResults = function () {
    var results = this.yasr.results;
    return !!results && results.getType && results.getType() === "json" && !!results.getBindings() &&
      this.numericColumns().length > 0;
  };
  ChartPlugin.prototype.getIcon = function () {
    var icon = document.createElement("span"); icon.textContent = "▮"; return icon;
  };
  ChartPlugin.prototype.draw = function () {
    var bindings = this.yasr.results.getBindings();
    var numeric = this.numericColumns();
    var labelColumn = this.yasr.results.getVariables().filter(function (name) { return numeric.indexOf(name) < 0; })[0];
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", "Chart of " + numeric.join(", "));
    this.yasr.resultsEl.appendChild(canvas);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: bindings.map(function (row, i) {
          return labelColumn && row[labelColumn] ? shortLabel(row[labelColumn].value) : String(i + 1);
        }),
        datasets: numeric.map(function (name) {
          return { label: name, data: bindings.map(function (row) { return row[name] ? Number(row[name].value) : null; }) };
        })
      },
      options: { animation: false }
    });
  };

  function GraphPlugin(yasr) { this.yasr = yasr; this.priority = 20; this.label = "Graph"; }
  GraphPlugin.prototype.canHandleResults = function () {
    var results = this.yasr.results;
    return !!results && results.getType && results.getType() === "ttl";
  };
  GraphPlugin.prototype.getIcon = function () {
    var icon = document.createElement("span"); icon.textContent = "◉"; return icon;
  };
  GraphPlugin.prototype.draw = function () {
    var nodes = {};
    var edges = [];
    function node(term) {
      var id = term.termType === "Literal" ? "literal:" + edges.length + ":" + term.value : term.value;
      if (!nodes[id]) {
        nodes[id] = { data: { id: id, label: term.termType === "Literal" ? term.value : shortLabel(term.value),
          iri: term.termType === "NamedNode" ? term.value : null, literal: term.termType === "Literal" } };
      }
      return id;
    }
    this.yasr.results.getStatements().forEach(function (quad, i) {
      var source = node(quad.subject);
      var target = node(quad.object);
      edges.push({ data: { id: "edge" + i, source: source, target: target, label: shortLabel(quad.predicate.value) } });
    });
    var container = document.createElement("div");
    container.className = "graph result-graph";
    this.yasr.resultsEl.appendChild(container);
    var graph = cytoscape({
      container: container,
      elements: Object.keys(nodes).map(function (id) { return nodes[id]; }).concat(edges),
      layout: { name: "cose", animate: false },
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 10, "background-color": "#1f6feb",
          "width": 16, "height": 16, "text-valign": "bottom" } },
        { selector: "node[?literal]", style: { "shape": "round-rectangle", "background-color": "#9a6700" } },
        { selector: "edge", style: { "label": "data(label)", "font-size": 8, "curve-style": "bezier",
          "target-arrow-shape": "triangle", "width": 1, "text-rotation": "autorotate" } }
      ]
    });
    graph.on("tap", "node", function (event) {
      var iri = event.target.data("iri");
      var prefix = "https://w3id.org/evkg/resource/";
      if (iri && iri.indexOf(prefix) === 0) { window.location.href = "/resource/" + iri.slice(prefix.length); }
    });
  };

  Yasgui.Yasr.registerPlugin("chart", ChartPlugin);
  Yasgui.Yasr.registerPlugin("graph", GraphPlugin);

  // Prefix completion offers this graph's own prefixes (evkg:, plant:, model:…) before YASGUI's built-in list.
  var ownPrefixes = JSON.parse(document.getElementById("prefixes-data").textContent);
  var builtIn = Yasgui.Yasqe.Autocompleters.prefixes;
  Yasgui.Yasqe.forkAutocompleter("prefixes", {
    name: "evkgPrefixes",
    persistenceId: null,
    get: function (yasqe, token) {
      return Promise.resolve(builtIn.get(yasqe, token)).then(function (others) {
        return ownPrefixes.concat(others.filter(function (p) { return ownPrefixes.indexOf(p) < 0; }));
      });
    }
  });

  var endpoint = new URL(host.dataset.endpoint, window.location.href).href;
  var yasgui = new Yasgui(host, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { value: document.getElementById("query-text").value, autocompleters: ["evkgPrefixes", "variables"] },
    yasr: { defaultPlugin: "table", pluginOrder: ["table", "chart", "graph", "response"] }
  });
  form.hidden = true;
  window.evkgYasgui = yasgui;

  document.querySelectorAll("[data-example]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var name = link.dataset.example;
      if (!examples[name]) { return; }
      event.preventDefault();
      var tab = yasgui.getTab();
      tab.setQuery(examples[name]);
      tab.getYasqe().focus();
    });
  });
})();
