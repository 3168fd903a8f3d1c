// The plant map: world-atlas countries drawn with d3-geo, one linked circle per plant from the page's JSON island.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 960, HEIGHT = 500, MIN_RADIUS = 4, MAX_RADIUS = 18;
  var script = document.currentScript;

  function element(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  // Area, not radius, grows with output; plants without a figure get the smallest circle.
  function radius(units, largest) {
    if (!units || !largest) { return MIN_RADIUS; }
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(units / largest);
  }

  function markerLabel(plant) {
    var text = plant.label + (plant.city ? ", " + plant.city : "");
    return plant.units ? text + ": " + plant.units.toLocaleString("en") + " units in " + plant.year : text;
  }

  function draw(container, topology, plants) {
    var svg = element("svg", { viewBox: "0 0 " + WIDTH + " " + HEIGHT, class: "map-svg",
      "aria-label": "World map with " + plants.length + " plants" });
    var projection = d3.geoNaturalEarth1().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
    var path = d3.geoPath(projection);
    element("path", { d: path({ type: "Sphere" }), class: "map-sea" }, svg);
    var land = element("g", { class: "map-land", "aria-hidden": "true" }, svg);
    topojson.feature(topology, topology.objects.countries).features.forEach(function (country) {
      element("path", { d: path(country) }, land);
    });
    var largest = Math.max.apply(null, plants.map(function (plant) { return plant.units || 0; }).concat([0]));
    var markers = element("g", { class: "map-markers" }, svg);
    plants.slice().sort(function (a, b) { return (b.units || 0) - (a.units || 0); }).forEach(function (plant) {
      var point = projection([plant.long, plant.lat]);
      var link = element("a", { href: plant.href, "aria-label": markerLabel(plant), class: "map-marker" }, markers);
      element("title", {}, link).textContent = markerLabel(plant);
      element("circle", { cx: point[0].toFixed(1), cy: point[1].toFixed(1), r: radius(plant.units, largest).toFixed(1) },
        link);
    });
    container.appendChild(svg);
    container.dataset.ready = "true";
  }

  function start() {
    var container = document.getElementById("map");
    var island = document.getElementById("map-data");
    if (!container || !island || typeof d3 === "undefined" || typeof topojson === "undefined") { return; }
    fetch(script.dataset.atlas)
      .then(function (response) { return response.json(); })
      .then(function (topology) { draw(container, topology, JSON.parse(island.textContent)); });
  }

  start();
}());
