/* Draws the Plotly figures that the server embedded as <script type="application/json"> blobs.
   No inline script is needed (CSP): each .chart-canvas names the id of its JSON blob. */
(function () {
  "use strict";

  function draw(canvas) {
    var blob = document.getElementById(canvas.getAttribute("data-figure"));
    if (!blob || canvas.getAttribute("data-drawn") === "1" || typeof window.Plotly === "undefined") {
      return;
    }
    var figure;
    try {
      figure = JSON.parse(blob.textContent);
    } catch (err) {
      canvas.textContent = "Diagrammet kunde inte visas.";
      return;
    }
    canvas.setAttribute("data-drawn", "1");
    window.Plotly.newPlot(canvas, figure.data || [], figure.layout || {}, {
      responsive: true,
      displayModeBar: false,
      displaylogo: false,
    }).then(function () {
      canvas.setAttribute("data-rendered", "1");
    });
  }

  function drawAll(root) {
    var canvases = (root || document).querySelectorAll(".chart-canvas[data-figure]");
    for (var i = 0; i < canvases.length; i++) {
      draw(canvases[i]);
    }
  }

  /* Charts inside a closed <details> get drawn when opened, so they get a real width. */
  document.addEventListener("toggle", function (event) {
    if (event.target.open) {
      drawAll(event.target);
    }
  }, true);

  /* Auto-submit filter selects for mouse users; the submit button stays for keyboard users. */
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  } else {
    drawAll(document);
  }
})();
