// YASGUI in place of the query form: same endpoint, same example, nothing fetched from elsewhere.
(function () {
  "use strict";
  var form = document.getElementById("query-form");
  if (!window.Yasgui || !form) return;
  var examples = JSON.parse(document.getElementById("examples").textContent);
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: new URL(form.getAttribute("action"), window.location.href).href, method: "POST" },
    endpointCatalogueOptions: { getData: function () { return []; } },
    copyEndpointOnNewTab: false,
    persistenceId: null,  // the page's example, not a query left in local storage
    populateFromUrl: false,
    // "prefixes", "class" and "property" would fetch from prefix.cc and LOV.
    yasqe: { autocompleters: ["variables"], value: form.elements.query.value },
  });
  form.hidden = true;
  window.essregYasgui = yasgui;
  document.querySelectorAll("a[data-example]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var example = examples.find(function (e) { return e.name === link.dataset.example; });
      event.preventDefault();
      yasgui.getTab().setQuery(example.query);
      document.querySelectorAll("a[data-example]").forEach(function (other) { other.removeAttribute("aria-current"); });
      link.setAttribute("aria-current", "true");
    });
  });
})();
