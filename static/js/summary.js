/* Driftsammandrag: show a unit's rows in place under its row (drill-down without leaving the page).
   Each expandable row has a <button class="row-toggle" aria-expanded data-rows-url>, hidden until
   this file runs; without JavaScript the unit's name links to its own driftsammandrag instead.
   Rows shown this way carry data-ancestors (the ids of the rows they were opened under), so closing
   a row removes everything opened beneath it. Loaded as a static file (CSP: no inline scripts). */
(function () {
  "use strict";

  var status = null;

  function announce(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
  }

  function label(row) {
    var link = row.querySelector("th a");
    return link ? link.textContent.trim() : "";
  }

  function collapse(button, row) {
    var id = row.getAttribute("data-node");
    var opened = row.parentNode.querySelectorAll('tr[data-ancestors~="' + id + '"]');
    for (var i = 0; i < opened.length; i++) {
      opened[i].parentNode.removeChild(opened[i]);
    }
    button.setAttribute("aria-expanded", "false");
    announce("Enheterna under " + label(row) + " är dolda.");
  }

  function expand(button, row) {
    if (button.getAttribute("aria-busy") === "true") {
      return;
    }
    button.setAttribute("aria-busy", "true");
    fetch(button.getAttribute("data-rows-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("tbody");
        holder.innerHTML = html;
        var ancestors = ((row.getAttribute("data-ancestors") || "") + " " + row.getAttribute("data-node")).trim();
        var depth = parseInt(row.getAttribute("data-depth") || "0", 10) + 1;
        var rows = Array.prototype.slice.call(holder.rows);
        var after = row;
        rows.forEach(function (tr) {
          tr.setAttribute("data-ancestors", ancestors);
          tr.setAttribute("data-depth", String(depth));
          var th = tr.querySelector("th");
          if (th) {
            th.classList.add("depth-" + Math.min(depth, 4));
          }
          after.parentNode.insertBefore(tr, after.nextSibling);
          after = tr;
          show(tr);
        });
        button.setAttribute("aria-expanded", "true");
        announce(rows.length + " rader visas under " + label(row) + ".");
      })
      .catch(function () {
        var link = row.querySelector("th a[href]");
        if (link) {
          window.location.assign(link.href); // fall back to the unit's own driftsammandrag
        }
      })
      .then(function () {
        button.removeAttribute("aria-busy");
      });
  }

  function show(root) {
    var buttons = root.querySelectorAll("button.row-toggle[hidden]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.row-toggle") : null;
    if (!button) {
      return;
    }
    var row = button.closest("tr");
    if (button.getAttribute("aria-expanded") === "true") {
      collapse(button, row);
    } else {
      expand(button, row);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { show(document); });
  } else {
    show(document);
  }
})();
