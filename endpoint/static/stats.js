// The charts of /stats, drawn with Chart.js from the cells of the table beside each: the table
// stays the reference (and what a reader without JavaScript sees).
(function () {
  "use strict";
  if (!window.Chart) return;
  var charts = [];
  document.querySelectorAll("table.figure-data").forEach(function (table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (row) { return row.cells.length === 2; });
    if (!rows.length) return;
    var box = table.parentNode.querySelector(".figure-chart");
    box.hidden = false;
    var type = table.dataset.chart;
    charts.push(new Chart(box.querySelector("canvas"), {
      type: type,
      data: {
        labels: rows.map(function (row) { return row.cells[0].textContent; }),
        datasets: [{ label: table.dataset.count, data: rows.map(function (row) { return Number(row.cells[1].textContent); }),
                     backgroundColor: "#1f5fa8", borderColor: "#1f5fa8" }],
      },
      options: {
        indexAxis: type === "bar" ? "y" : "x", animation: false, maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    }));
  });
  window.essregCharts = charts;
})();
