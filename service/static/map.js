// The plant map and a plant page's locator: world-atlas countries drawn with d3-geo, plants from JSON islands.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 960, HEIGHT = 500, LOCATOR_SIZE = 220, MIN_RADIUS = 4, MAX_RADIUS = 18;
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

  // The world with a linked circle per plant, or for a plant page's `locator` a globe turned to its one plant.
  function draw(container, topology, plants, locator) {
    var width = locator ? LOCATOR_SIZE : WIDTH, height = locator ? LOCATOR_SIZE : HEIGHT;
    var svg = element("svg", { viewBox: "0 0 " + width + " " + height, class: "map-svg" });
    var projection = locator ? d3.geoOrthographic().rotate([-plants[0].long, -plants[0].lat]) : d3.geoNaturalEarth1();
    projection.fitSize([width, height], { type: "Sphere" });
    var path = d3.geoPath(projection);
    element("path", { d: path({ type: "Sphere" }), class: "map-sea" }, svg);
    var land = element("g", { class: "map-land", "aria-hidden": "true" }, svg);
    topojson.feature(topology, topology.objects.countries).features.forEach(function (country) {
      var outline = path(country);
      if (outline) { element("path", { d: outline }, land); }
    });
    var largest = Math.max.apply(null, plants.map(function (plant) { return plant.units || 0; }).concat([0]));
    var markers = element("g", { class: "map-markers" }, svg);
    plants.slice().sort(function (a, b) { return (b.units || 0) - (a.units || 0); }).forEach(function (plant) {
      var point = projection([plant.long, plant.lat]);
      var marker = locator ? element("g", { class: "map-marker" }, markers)
        : element("a", { href: plant.href, "aria-label": markerLabel(plant), class: "map-marker" }, markers);
      element("title", {}, marker).textContent = markerLabel(plant);
      element("circle", { cx: point[0].toFixed(1), cy: point[1].toFixed(1),
        r: (locator ? MIN_RADIUS * 1.5 : radius(plant.units, largest)).toFixed(1) }, marker);
    });
    if (!locator) { svg.setAttribute("aria-label", "World map with " + plants.length + " plants"); }
    container.appendChild(svg);
    container.dataset.ready = "true";
  }

  function start() {
    var maps = [["map", "map-data", false], ["locator-map", "locator-data", true]].filter(function (found) {
      return document.getElementById(found[0]) && document.getElementById(found[1]);
    });
    if (!maps.length || typeof d3 === "undefined" || typeof topojson === "undefined") { return; }
    fetch(script.dataset.atlas)
      .then(function (response) { return response.json(); })
      .then(function (topology) {
        maps.forEach(function (found) {
          var plants = JSON.parse(document.getElementById(found[1]).textContent);
          draw(document.getElementById(found[0]), topology, found[2] ? [plants] : plants, found[2]);
        });
      });
  }

  start();
}());
