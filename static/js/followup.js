/* Forecast grid: live sums, variance and comment requirement while typing; spreadsheet-like keys.
 * The server stays authoritative (it parses, saves and re-renders cells through htmx); this file
 * only gives immediate feedback. No inline scripts: loaded as a static file under the CSP. */
(function () {
  "use strict";

  var UNITS = { "kr": 0.001, "kronor": 0.001, "sek": 0.001, "tkr": 1, "tsek": 1, "mnkr": 1000, "mkr": 1000,
    "msek": 1000, "mdkr": 1000000, "mdr": 1000000 };
  var format = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0 });

  /** Mirror of core.money.parse_amount_input for feedback: returns tkr or null when not a number. */
  function parseAmount(text) {
    var s = (text || "").replace(/[\u00a0\u2009\u202f\u2007\t]/g, " ").trim().replace(/\s{2,}/g, " ");
    if (!s) { return null; }
    var factor = 1;
    var m = s.match(/^(.*?)\s*([a-zA-ZåäöÅÄÖ][a-zA-ZåäöÅÄÖ ]*)\.?$/);
    if (m && m[2]) {
      var unit = m[2].trim().toLowerCase();
      if (!(unit in UNITS)) { return null; }
      factor = UNITS[unit];
      s = m[1];
    }
    s = s.replace(/^[\u2212\u2013\u2012]/, "-").replace(/^([+-])\s+/, "$1");
    if (!/^[+-]?(\d{1,3}( \d{3})+|\d+)(,\d+)?$/.test(s) && !/^[+-]?\d+\.\d+$/.test(s)) { return null; }
    var n = parseFloat(s.replace(/ /g, "").replace(",", "."));
    return isNaN(n) ? null : n * factor;
  }

  function formatTkr(n) {
    return format.format(Math.round(n)) + "\u00a0tkr";
  }

  function variance(budget, forecast, measure) {
    if (budget === null || forecast === null) { return null; }
    return measure === "result" ? forecast - budget : budget - forecast;
  }

  function needsComment(table, v, budget) {
    if (v === null) { return false; }
    var size = Math.abs(v);
    var tkrHit = size > parseFloat(table.dataset.thresholdTkr);
    if (!budget) { return tkrHit; }
    var pctHit = size > Math.abs(budget) * parseFloat(table.dataset.thresholdPercent) / 100;
    return table.dataset.thresholdMode === "both" ? (pctHit && tkrHit) : (pctHit || tkrHit);
  }

  function numberOrNull(text) {
    return text === "" || text === undefined ? null : parseFloat(text);
  }

  function showVariance(row, v, budget) {
    var cell = document.getElementById("var-" + row.dataset.node);
    if (!cell) { return; }
    cell.classList.remove("pos", "neg");
    if (v === null) { cell.textContent = ""; return; }
    var text = (v > 0 ? "+" : "") + formatTkr(v);
    if (budget) { text += " (" + (v / Math.abs(budget) * 100).toFixed(1).replace(".", ",") + " %)"; }
    cell.textContent = text.replace("-", "\u2212");
    if (v > 0) { cell.classList.add("pos"); } else if (v < 0) { cell.classList.add("neg"); }
  }

  function recalc(table) {
    var sums = {}, variances = {}, budgets = {}, filled = {}, total = {};
    table.querySelectorAll("tbody tr.entry").forEach(function (row) {
      var input = row.querySelector("input[data-col=forecast]");
      var value = input ? parseAmount(input.value) : numberOrNull(row.dataset.forecast);
      var budget = numberOrNull(row.dataset.budget);
      var v = variance(budget, value, row.dataset.measure);
      showVariance(row, v, budget);
      var req = document.getElementById("creq-" + row.dataset.node);
      var comment = row.querySelector("textarea[data-col=comment]");
      if (req) {
        var required = needsComment(table, v, budget);
        var written = comment ? comment.value.trim() !== "" : req.textContent.trim() !== "";
        req.textContent = required ? (written ? "Kommentar krävs – ifylld" : "Kommentar krävs") : "";
        req.classList.toggle("missing", required && !written);
        if (comment) {
          if (required) { comment.setAttribute("aria-required", "true"); } else { comment.removeAttribute("aria-required"); }
        }
      }
      (row.dataset.ancestors || "").split(" ").forEach(function (pair) {
        if (!pair) { return; }
        var parts = pair.split(":"), id = parts[0], factor = parseInt(parts[1], 10);
        total[id] = (total[id] || 0) + 1;
        if (value === null) { return; }
        filled[id] = (filled[id] || 0) + 1;
        sums[id] = (sums[id] || 0) + value * factor;
        if (v !== null) {  // favourable is favourable in both sign conventions: no flip
          variances[id] = (variances[id] || 0) + v;
          budgets[id] = (budgets[id] || 0) + budget * factor;
        }
      });
    });
    table.querySelectorAll("tbody tr.sum").forEach(function (row) {
      var id = row.dataset.node;
      var cell = document.getElementById("fc-" + id);
      if (cell) {
        var valueEl = cell.querySelector(".sum-value"), countEl = cell.querySelector(".sum-count");
        if (valueEl) { valueEl.textContent = id in sums ? formatTkr(sums[id]) : ""; }
        if (countEl) {
          countEl.textContent = (filled[id] || 0) < (total[id] || 0) ?
            "(" + (filled[id] || 0) + " av " + total[id] + " ifyllda)" : "";
        }
      }
      showVariance(row, id in variances ? variances[id] : null, budgets[id] || null);
    });
  }

  function grid() { return document.getElementById("forecast-grid"); }

  document.addEventListener("input", function (event) {
    var t = event.target;
    if (t.matches && t.matches("#forecast-grid input[data-col=forecast], #forecast-grid textarea[data-col=comment]")) {
      recalc(grid());
    }
  });

  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (event.key !== "Enter" || !t.matches || !t.matches("#forecast-grid input[data-col]")) { return; }
    event.preventDefault();
    var inputs = Array.prototype.slice.call(grid().querySelectorAll("input[data-col=" + t.dataset.col + "]"));
    var next = inputs[inputs.indexOf(t) + (event.shiftKey ? -1 : 1)];
    // Moving focus fires the native change event, which makes htmx save the cell.
    if (next) { next.focus(); next.select(); } else { t.blur(); t.focus(); }
  });

  document.addEventListener("htmx:afterSettle", function () { if (grid()) { recalc(grid()); } });
  document.addEventListener("DOMContentLoaded", function () { if (grid()) { recalc(grid()); } });
})();
