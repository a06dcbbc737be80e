// The interactive partnership network. Data comes from the JSON block
// #graph-data; every text from reports is put in the page with textContent,
// never as HTML. The body's data-* attributes summarise what was drawn, so a
// headless browser's --dump-dom can check the page (tests/test_html_page.py).
(function () {
  "use strict";
  var body = document.body;
  window.addEventListener("error", function (event) {
    body.setAttribute("data-error", String(event.message));
  });

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodesById = {};
  data.nodes.forEach(function (n) { nodesById[n.id] = n; });

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  // A report IRI becomes a link only when it is http(s): no javascript: URLs.
  function reportLink(iri) {
    if (/^https?:\/\//i.test(iri)) {
      var a = el("a", iri);
      a.href = iri;
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", iri);
  }

  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ group: "nodes", data: { id: n.id, label: n.label, color: n.color, size: n.size },
                    position: { x: n.x, y: n.y } });
  });
  data.edges.forEach(function (e, i) {
    elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target,
                                            kind: e.kind, width: e.width } });
  });

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    layout: { name: "preset" },
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 120,
        "text-valign": "bottom", "text-margin-y": 2, "border-width": 1, "border-color": "#0004" } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "#999", "curve-style": "bezier", "opacity": 0.7 } },
      { selector: "edge[kind = 'peer-review']", style: { "line-style": "dashed", "line-color": "#7b3294" } },
      { selector: "edge[kind = 'recommendation']", style: { "line-style": "dotted", "line-color": "#d95f02" } },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: "node.found", style: { "border-width": 4, "border-color": "#e41a1c", "font-weight": "bold",
                                         "font-size": 12, "text-max-width": 240, "z-index": 10 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#000" } }
    ]
  });
  // A force-directed layout from the deterministic starting positions; CoSE
  // without randomising gives the same picture for the same file.
  if (data.nodes.length > 1) {
    cy.layout({ name: "cose", randomize: false, animate: false, fit: true, padding: 30,
                nodeRepulsion: function () { return 8000; }, numIter: 1000 }).run();
  }
  cy.fit(undefined, 30);

  // ---- legend and type filter -------------------------------------------
  var shownTypes = {};
  var legend = document.querySelector("#legend ul");
  data.types.forEach(function (t) {
    shownTypes[t.type] = true;
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { shownTypes[t.type] = box.checked; applyFilters(); });
    var swatch = el("span", undefined, "swatch");
    swatch.style.background = t.color;
    var label = el("label");
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(t.type + " (" + t.count + ")"));
    var li = el("li");
    li.appendChild(label);
    legend.appendChild(li);
  });

  // ---- period filter (years from the edges' dates) -------------------------
  var fromSelect = document.getElementById("period-from");
  var untilSelect = document.getElementById("period-until");
  data.years.forEach(function (y) {
    fromSelect.appendChild(el("option", String(y)));
    untilSelect.appendChild(el("option", String(y)));
  });
  if (data.years.length) {
    fromSelect.value = String(data.years[0]);
    untilSelect.value = String(data.years[data.years.length - 1]);
  } else {
    fromSelect.disabled = untilSelect.disabled = true;
  }
  fromSelect.addEventListener("change", applyFilters);
  untilSelect.addEventListener("change", applyFilters);

  function periodIsWhole() {
    return !data.years.length || (fromSelect.value === String(data.years[0]) &&
                                  untilSelect.value === String(data.years[data.years.length - 1]));
  }

  function edgeInPeriod(e) {
    if (periodIsWhole()) return true;
    var from = Number(fromSelect.value), until = Number(untilSelect.value);
    return e.years.some(function (y) { return y >= from && y <= until; });
  }

  // A node shows when its type is ticked and, for a chosen period, it has a
  // link in that period; a link shows when both ends show and it is in the period.
  function applyFilters() {
    var period = periodIsWhole();
    var active = {};
    data.edges.forEach(function (e, i) {
      var on = edgeInPeriod(e) && shownTypes[nodesById[e.source].type] && shownTypes[nodesById[e.target].type];
      cy.getElementById("e" + i).toggleClass("hidden", !on);
      if (on) { active[e.source] = true; active[e.target] = true; }
    });
    data.nodes.forEach(function (n) {
      var on = shownTypes[n.type] && (period || active[n.id] === true);
      cy.getElementById(n.id).toggleClass("hidden", !on);
    });
    summarise();
  }

  // ---- details of a node ---------------------------------------------------
  function showDetails(id) {
    var n = nodesById[id];
    document.getElementById("details").hidden = false;
    document.getElementById("details-label").textContent = n.label;
    document.getElementById("details-type").textContent = n.type;
    document.getElementById("details-code").textContent = n.code || "none";
    document.getElementById("details-reports").textContent = String(n.reports);
    document.getElementById("details-degree").textContent = n.degree + " organisation" + (n.degree === 1 ? "" : "s");
    var connections = document.getElementById("connections");
    connections.replaceChildren();
    data.edges.forEach(function (e) {
      if (e.source !== id && e.target !== id) return;
      var other = nodesById[e.source === id ? e.target : e.source];
      var li = el("li");
      var go = el("button", other.label, "link");
      go.type = "button";
      go.addEventListener("click", function () { focusNode(other.id); });
      li.appendChild(go);
      var facts = " (" + other.type + "): " + e.kind + ", weight " + e.weight;
      if (e.dates.length) facts += ", " + e.dates.join(", ");
      li.appendChild(el("span", facts, "muted"));
      if (e.reports.length) {
        var evidence = el("ul");
        e.reports.forEach(function (r) { var item = el("li"); item.appendChild(reportLink(r)); evidence.appendChild(item); });
        li.appendChild(evidence);
      }
      connections.appendChild(li);
    });
    var reports = document.getElementById("reports");
    reports.replaceChildren();
    if (!n.report_iris.length) reports.appendChild(el("li", "none recorded", "muted"));
    n.report_iris.forEach(function (r) { var li = el("li"); li.appendChild(reportLink(r)); reports.appendChild(li); });
  }

  function focusNode(id) {
    var node = cy.getElementById(id);
    cy.nodes().removeClass("found").unselect();
    node.addClass("found").select();
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
    showDetails(id);
  }

  cy.on("tap", "node", function (event) { focusNode(event.target.id()); });

  // ---- search by name -------------------------------------------------------
  var names = document.getElementById("names");
  data.nodes.slice().sort(function (a, b) { return a.label < b.label ? -1 : a.label > b.label ? 1 : 0; })
    .forEach(function (n) { var o = el("option"); o.value = n.label; names.appendChild(o); });

  // An exact name first (ignoring case), else the first name containing the words.
  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var exact = data.nodes.filter(function (n) { return n.label.toLowerCase() === q; });
    if (exact.length) return exact[0];
    var part = data.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(q) !== -1; });
    return part.length ? part[0] : null;
  }

  var status = document.getElementById("search-status");
  function search(query) {
    var n = findNode(query);
    body.setAttribute("data-search", query);
    if (!n) {
      status.textContent = query.trim() ? "No organisation matches." : "";
      body.setAttribute("data-found", "");
      body.removeAttribute("data-found-label");
      cy.nodes().removeClass("found");
      return null;
    }
    var hidden = cy.getElementById(n.id).hasClass("hidden");
    status.textContent = "Found: " + n.label + (hidden ? " (hidden by the filters)" : "");
    body.setAttribute("data-found", n.id);
    body.setAttribute("data-found-label", n.label);
    focusNode(n.id);
    return n;
  }
  var searchBox = document.getElementById("search");
  searchBox.addEventListener("change", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (event) { if (event.key === "Enter") search(searchBox.value); });

  // ---- a machine-readable summary of what is drawn --------------------------
  // A node counts as drawn when it is displayed and its box lies in the canvas.
  function summarise() {
    var w = cy.width(), h = cy.height();
    var drawn = cy.nodes().filter(function (node) {
      if (!node.visible()) return false;
      var box = node.renderedBoundingBox();
      return box.w > 0 && box.x2 > 0 && box.y2 > 0 && box.x1 < w && box.y1 < h;
    });
    var ids = drawn.map(function (node) { return node.id(); }).sort();
    body.setAttribute("data-nodes-total", String(data.nodes.length));
    body.setAttribute("data-nodes-drawn", String(ids.length));
    body.setAttribute("data-drawn-ids", JSON.stringify(ids));
    body.setAttribute("data-edges-drawn", String(cy.edges().filter(function (e) { return e.visible(); }).length));
    document.getElementById("counts").textContent = ids.length + " of " + data.nodes.length + " organisations shown";
  }

  // ?from=YEAR&until=YEAR&search=NAME set the controls on load (links, tests).
  var params = new URLSearchParams(window.location.search);
  [["from", fromSelect], ["until", untilSelect]].forEach(function (pair) {
    var year = params.get(pair[0]);
    if (year !== null && data.years.indexOf(Number(year)) !== -1) pair[1].value = String(Number(year));
  });
  applyFilters();
  if (params.has("search")) {
    // Summarise before the search zooms in, so every node is counted in the overview.
    searchBox.value = params.get("search");
    search(searchBox.value);
  }
  body.setAttribute("data-ready", "1");
})();
