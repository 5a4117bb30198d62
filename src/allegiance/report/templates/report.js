// Page script of the allegiance reports: draws the inline plotly figures and fills the side
// panel of a map when an edge (its midpoint marker) or a partner is clicked. Every text goes
// through textContent, never innerHTML: labels and sentences come from documents.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);

  function el(name, cls, text) {
    var node = document.createElement(name);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function claimNode(claim, colours) {
    var box = el("div", "claim");
    box.style.borderLeftColor = colours[claim.dimension] || colours.other || "#bbb";
    box.appendChild(el("p", "sentence", claim.sentence ? "\u201c" + claim.sentence + "\u201d"
                                                      : "(no evidence sentence stored)"));
    var where = (claim.title || claim.path || claim.document);
    if (claim.start !== null && claim.start !== undefined) {
      where += " [" + claim.start + ":" + claim.end + "]";
    }
    box.appendChild(el("div", "meta", claim.dimension + " " + claim.polarity + ", " +
                       claim.formality + ", " + claim.modality +
                       (claim.year ? ", " + claim.year : "")));
    box.appendChild(el("div", "meta document", where));
    return box;
  }

  function showEdges(panel, title, subtitle, edges, colours) {
    panel.textContent = "";
    panel.appendChild(el("h3", null, title));
    if (subtitle) { panel.appendChild(el("p", "meta", subtitle)); }
    edges.forEach(function (edge) {
      panel.appendChild(el("h4", null, edge.dimension + " " + edge.polarity + " (" +
                           edge.claims.length + " claim" + (edge.claims.length === 1 ? "" : "s") +
                           ", " + edge.sources + " source" + (edge.sources === 1 ? "" : "s") + ")"));
      edge.claims.forEach(function (claim) { panel.appendChild(claimNode(claim, colours)); });
    });
    panel.dataset.shown = edges.map(function (e) { return e.key; }).join(" ");
  }

  function onClick(mapId, map, event) {
    if (!event || !event.points || !event.points.length) { return; }
    var point = event.points[0];
    var meta = point.data.meta || {};
    var panel = document.getElementById(mapId + "-panel");
    if (!panel) { return; }
    if (meta.role === "edge" && map.edges[point.customdata]) {
      var edge = map.edges[point.customdata];
      var partner = map.partners[edge.partner] || {label: edge.partner};
      showEdges(panel, map.focal.label + " \u2013 " + partner.label, null, [edge], map.colours);
    } else if (meta.role === "partners" && map.partners[point.customdata]) {
      var p = map.partners[point.customdata];
      var edges = p.edges.map(function (key) { return map.edges[key]; });
      showEdges(panel, map.focal.label + " \u2013 " + p.label,
                "tier " + p.tier + (p.mixed ? " (mixed)" : "") + ", rank " + p.rank, edges,
                map.colours);
    }
  }

  var blocks = document.querySelectorAll('script[type="application/json"][data-figure]');
  var pending = [];
  Array.prototype.forEach.call(blocks, function (block) {
    var id = block.getAttribute("data-figure");
    var spec = JSON.parse(block.textContent);
    var target = document.getElementById(id);
    var drawn = Plotly.newPlot(target, spec.figure.data, spec.figure.layout, spec.config);
    pending.push(Promise.resolve(drawn).then(function (gd) {
      var map = (data.maps || {})[id];
      if (map) {
        gd.on("plotly_click", function (event) { onClick(id, map, event); });
      }
    }));
  });
  Promise.all(pending).then(function () { document.body.dataset.ready = "1"; });
})();
