// The map of /map: the départements as base layer (no tile server), one marker per placed pole,
// clustered when dense, filters by kind, typology, theme and région. Everything comes from this
// server: the data from the URLs in the #map element's data- attributes.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!window.L || !L.markerClusterGroup || !element) return;
  var form = document.getElementById("map-filters");
  var PRECISION = { commune: "à la mairie de sa commune", departement: "au centre de son département",
                    region: "au centre de sa région" };

  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function options(select, values) {
    values.sort(function (a, b) { return a[1].localeCompare(b[1], "fr"); }).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value[0];
      option.textContent = value[1];
      select.appendChild(option);
    });
  }

  function distinct(features, values) {
    var seen = {};
    features.forEach(function (feature) {
      values(feature.properties).forEach(function (pair) { if (pair[0]) seen[pair[0]] = pair[1]; });
    });
    return Object.keys(seen).map(function (key) { return [key, seen[key]]; });
  }

  function matches(p, filter) {
    return (!filter.kind || p.kind === filter.kind) &&
      (!filter.typology || p.typologies.indexOf(filter.typology) >= 0) &&
      (!filter.theme || p.themes.indexOf(filter.theme) >= 0) &&
      (!filter.region || p.regionCode === filter.region);
  }

  function marker(feature) {
    var p = feature.properties, c = feature.geometry.coordinates;
    var label = p.name + " (" + p.kind + ") : " + p.place + ", " + PRECISION[p.precision];
    var m = L.marker([c[1], c[0]], {
      title: label, alt: label, keyboard: true,
      icon: L.divIcon({ className: "pole-marker precision-" + p.precision, iconSize: [16, 16] }),
    });
    // the page on this server (the build may name another base: a test server, a mirror)
    m.on("click", function () { window.location.href = new URL(p.page).pathname; });
    return m;
  }

  Promise.all([getJSON(element.dataset.baseLayer), getJSON(element.dataset.poles)]).then(function (data) {
    var departements = data[0], poles = data[1].features;
    element.hidden = false;
    form.hidden = false;
    document.getElementById("map-legend").hidden = false;
    document.getElementById("map-table").hidden = true;
    var map = L.map(element, { zoomSnap: 0.25, minZoom: 2, maxZoom: 13, attributionControl: true });
    map.attributionControl.setPrefix(false);
    L.geoJSON(departements, { interactive: false, className: "departement" }).addTo(map);
    map.attributionControl.addAttribution("Fond : départements, IGN Admin Express (Licence Ouverte)");
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
    map.addLayer(cluster);

    options(form.elements.kind, distinct(poles, function (p) { return [[p.kind, p.kind]]; }));
    options(form.elements.typology, distinct(poles, function (p) { return p.typologies.map(function (t) { return [t, t]; }); }));
    options(form.elements.theme, distinct(poles, function (p) { return p.themes.map(function (t) { return [t, t]; }); }));
    options(form.elements.region, distinct(poles, function (p) { return [[p.regionCode, p.regionName]]; }));

    function show() {
      var filter = {};
      ["kind", "typology", "theme", "region"].forEach(function (name) { filter[name] = form.elements[name].value; });
      var shown = poles.filter(function (feature) { return matches(feature.properties, filter); });
      cluster.clearLayers();
      cluster.addLayers(shown.map(marker));
      form.elements.count.value = shown.length + (shown.length > 1 ? " pôles" : " pôle");
      if (shown.length) map.fitBounds(cluster.getBounds(), { padding: [20, 20], maxZoom: 9 });
      else map.fitBounds(L.geoJSON(departements).getBounds());
      window.essregMap.shown = shown.length;
    }
    window.essregMap = { map: map, cluster: cluster, shown: 0 };
    form.addEventListener("change", show);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    show();
    window.essregMap.ready = true;
  }).catch(function (error) {
    element.hidden = true;
    window.essregMapError = String(error);
  });
})();
