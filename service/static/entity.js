// Entity pages: the output chart (Chart.js) and the neighbourhood graph (Cytoscape), both fed by JSON islands.
(function () {
  "use strict";

  function island(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  var COLOURS = {
    company: "#1f6feb", alliance: "#8250df", board: "#8250df", brand: "#bf3989", plant: "#d1242f",
    facility: "#bc4c00", platform: "#9a6700", model: "#1a7f37", city: "#0969da", country: "#0550ae",
    region: "#0550ae", production: "#6e7781", investment: "#6e7781", event: "#6e7781", document: "#57606a"
  };

  // A chart of units per year from a JSON island: `build(data)` gives Chart.js its type, labels, datasets and legend.
  function unitsChart(islandId, canvasId, build) {
    var data = island(islandId);
    var canvas = document.getElementById(canvasId);
    if (!data || !canvas || typeof Chart === "undefined") { return; }
    var chart = build(data);
    canvas.chart = new Chart(canvas, {
      type: chart.type,
      data: { labels: chart.labels, datasets: chart.datasets },
      options: {
        animation: false,
        plugins: { legend: { display: chart.legend }, tooltip: { callbacks: { label: chart.tooltip } } },
        scales: { y: { beginAtZero: true } }
      }
    });
  }

  var SERIES = ["#1f6feb", "#d1242f", "#1a7f37", "#8250df", "#bc4c00", "#bf3989", "#0550ae", "#9a6700", "#57606a"];

  function drawOutput() {
    unitsChart("output-data", "output-chart", function (rows) {
      return {
        type: "bar",
        legend: rows.some(function (row) { return row.others.length > 0; }),
        labels: rows.map(function (row) { return String(row.year); }),
        datasets: [{
          label: "Units produced",
          data: rows.map(function (row) { return row.units; }),
          backgroundColor: rows.map(function (row) { return row.approximate ? "#8c959f" : "#1f6feb"; })
        }].concat(otherFigures(rows)),
        tooltip: function (item) {
          if (item.datasetIndex > 0) { return "another source: " + item.raw.toLocaleString("en") + " units"; }
          var row = rows[item.dataIndex];
          return (row.approximate ? "≈ " : "") + row.units.toLocaleString("en") + " units";
        }
      };
    });
  }

  // Where sources disagree on a year, each other figure as a cross beside the preferred bar (one dataset per rank).
  function otherFigures(rows) {
    var most = Math.max.apply(null, rows.map(function (row) { return row.others.length; }).concat([0]));
    var datasets = [];
    for (var k = 0; k < most; k++) {
      datasets.push({
        type: "line", label: "Another source", showLine: false, pointStyle: "crossRot", pointRadius: 9,
        pointBorderWidth: 3, borderColor: "#d1242f", backgroundColor: "#d1242f",
        data: rows.map(function (row) { return k < row.others.length ? row.others[k] : null; })
      });
    }
    return datasets;
  }

  function drawGroupOutput() {
    unitsChart("group-output-data", "group-output-chart", function (data) {
      return {
        type: "line",
        legend: true,
        labels: data.years.map(String),
        datasets: data.series.map(function (series, i) {
          var colour = SERIES[i % SERIES.length];
          return { label: series.label, data: series.units, borderColor: colour, backgroundColor: colour,
                   spanGaps: true, tension: 0.1 };
        }),
        tooltip: function (item) { return item.dataset.label + ": " + item.raw.toLocaleString("en") + " units"; }
      };
    });
  }

  function drawGraph() {
    var data = island("graph-data");
    var container = document.getElementById("graph");
    if (!data || !container || typeof cytoscape === "undefined" || data.nodes.length < 2) { return; }
    var elements = data.nodes.map(function (node) {
      return { data: { id: node.id, label: node.label, href: node.href, kind: node.kind, center: node.center } };
    }).concat(data.edges.map(function (edge, i) {
      return { data: { id: "e" + i, source: edge.source, target: edge.target, label: edge.label } };
    }));
    var graph = cytoscape({
      container: container,
      elements: elements,
      layout: { name: "concentric", concentric: function (node) { return node.data("center") ? 2 : 1; },
                levelWidth: function () { return 1; }, minNodeSpacing: 30, animate: false },
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
          "background-color": function (node) { return COLOURS[node.data("kind")] || "#57606a"; },
          "width": 18, "height": 18, "color": "#1f2328", "text-wrap": "wrap", "text-max-width": 120 } },
        { selector: "node[?center]", style: { "width": 30, "height": 30, "font-weight": "bold" } },
        { selector: "edge", style: {
          "label": "data(label)", "font-size": 9, "color": "#57606a", "curve-style": "bezier",
          "target-arrow-shape": "triangle", "width": 1.5, "line-color": "#afb8c1", "target-arrow-color": "#afb8c1",
          "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8 } }
      ]
    });
    graph.on("tap", "node", function (event) {
      var href = event.target.data("href");
      if (href && !event.target.data("center")) { window.location.href = href; }
    });
    container.graph = graph;
  }

  drawOutput();
  drawGroupOutput();
  drawGraph();
})();
