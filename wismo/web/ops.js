/* wismo ops dashboard: KPI tiles, charts drawn as inline SVG, unresolved clusters with teaching,
   flagged answers. Refreshes every 15 s. Plain JS; API text is inserted as text only. */
(function () {
  "use strict";
  var POLL_MS = 15000;
  var SVG = "http://www.w3.org/2000/svg";
  var INTENTS = ["order_status", "delivery_issue", "pickup_alternative", "start_return", "return_status",
    "policy_question", "change_order", "human_agent", "smalltalk", "out_of_scope"];
  var keyInput = document.getElementById("key");
  var sinceSel = document.getElementById("since");
  var statusEl = document.getElementById("status");
  var el = window.WismoConsole.el;
  var api = window.WismoConsole.api;
  window.WismoConsole.keyField(keyInput, function () { refresh(); });
  sinceSel.addEventListener("change", refresh);

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function setStatus(text, isError) { statusEl.textContent = text; statusEl.className = isError ? "error" : ""; }
  function pct(v) { return v === null || v === undefined ? "n/a" : (100 * v).toFixed(1) + "%"; }
  function label(code) { return (code || "").replace(/_/g, " "); }

  function tiles(m) {
    var eta = m.eta_accuracy;
    var items = [
      ["Conversations", String(m.conversations)],
      ["Deflection rate", pct(m.deflection_rate)],
      ["Handoff rate", pct(m.handoff_rate)],
      ["Contacts / 100 orders", m.contact_rate_per_100_orders === null ? "n/a" : String(m.contact_rate_per_100_orders)],
      ["CSAT (thumbs up)", pct(m.csat.score) + (m.csat.responses ? " of " + m.csat.responses : "")],
      ["ETA inside window", eta ? pct(eta.inside_window) + " · MAE " + eta.mae_days + " d" : "n/a"],
    ];
    var box = document.getElementById("tiles");
    box.textContent = "";
    items.forEach(function (t) { box.appendChild(el("div", { class: "tile" }, [el("div", { class: "v", text: t[1] }), el("div", { class: "k", text: t[0] })])); });
  }

  function fillDays(series, since, until) {
    var byDay = {};
    series.forEach(function (d) { byDay[d.day] = d; });
    var out = [], day = new Date(since.slice(0, 10) + "T00:00:00Z"), end = new Date(until);
    while (day <= end && out.length < 120) {
      var key = day.toISOString().slice(0, 10);
      out.push(byDay[key] || { day: key, conversations: 0, handoffs: 0, deflected: 0, deflection_rate: null });
      day = new Date(day.getTime() + 86400000);
    }
    return out.length ? out : series;
  }

  function dailyChart(series) {
    var W = 640, H = 220, L = 36, R = 36, T = 10, B = 34;
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": "daily chart" });
    var box = document.getElementById("chart-daily");
    box.textContent = "";
    if (!series.length) { box.appendChild(el("p", { class: "empty", text: "No conversations in this period." })); return; }
    var max = Math.max.apply(null, series.map(function (d) { return d.conversations; }).concat([1]));
    var slot = (W - L - R) / series.length, bw = Math.min(48, Math.max(4, slot * 0.6));
    for (var g = 0; g <= 4; g++) {
      var gy = T + (H - T - B) * (1 - g / 4);
      root.appendChild(svg("line", { x1: L, x2: W - R, y1: gy, y2: gy, stroke: "#e6ebf1" }));
      root.appendChild(svg("text", { x: L - 6, y: gy + 4, "text-anchor": "end" }, String(Math.round(max * g / 4))));
      root.appendChild(svg("text", { x: W - R + 6, y: gy + 4 }, (25 * g) + "%"));
    }
    var points = [];
    series.forEach(function (d, i) {
      var x = L + slot * i + (slot - bw) / 2;
      var h = (H - T - B) * d.conversations / max, hh = (H - T - B) * d.handoffs / max;
      root.appendChild(svg("rect", { x: x, y: H - B - h, width: bw, height: h, fill: "#9db4d3" }));
      root.appendChild(svg("rect", { x: x + bw * 0.25, y: H - B - hh, width: bw * 0.5, height: hh, fill: "#d9822b" }));
      if (d.deflection_rate !== null) {
        var py = T + (H - T - B) * (1 - d.deflection_rate);
        points.push((x + bw / 2) + "," + py);
        root.appendChild(svg("circle", { cx: x + bw / 2, cy: py, r: 3.5, fill: "#2e7d4f" }));
      }
      if (series.length <= 14 || i % Math.ceil(series.length / 10) === 0)
        root.appendChild(svg("text", { x: x + bw / 2, y: H - B + 14, "text-anchor": "middle" }, d.day.slice(5)));
    });
    if (points.length) root.appendChild(svg("polyline", { points: points.join(" "), fill: "none", stroke: "#2e7d4f", "stroke-width": 2 }));
    box.appendChild(root);
  }

  function barChart(target, entries) {
    var box = document.getElementById(target);
    box.textContent = "";
    if (!entries.length) { box.appendChild(el("p", { class: "empty", text: "No handoffs in this period." })); return; }
    var W = 420, row = 24, L = 150, H = entries.length * row + 8;
    var max = Math.max.apply(null, entries.map(function (e) { return e[1]; }));
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": "handoff reasons" });
    entries.forEach(function (e, i) {
      var y = 4 + i * row, w = (W - L - 40) * e[1] / max;
      root.appendChild(svg("text", { x: L - 6, y: y + 15, "text-anchor": "end" }, label(e[0])));
      root.appendChild(svg("rect", { x: L, y: y + 3, width: Math.max(2, w), height: row - 8, fill: "#2f5f98", rx: 2 }));
      root.appendChild(svg("text", { x: L + w + 6, y: y + 15 }, String(e[1])));
    });
    box.appendChild(root);
  }

  function sparkline(trend) {
    var W = 120, H = 28;
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, "aria-label": "trend per day" });
    if (!trend.length) return root;
    var max = Math.max.apply(null, trend.map(function (t) { return t.count; }));
    var bw = W / trend.length;
    trend.forEach(function (t, i) {
      var h = (H - 2) * t.count / max;
      root.appendChild(svg("rect", { x: i * bw + 1, y: H - h, width: Math.max(2, bw - 2), height: h, fill: "#9db4d3" }));
    });
    return root;
  }

  function clusters(data) {
    var box = document.getElementById("clusters");
    document.getElementById("unresolved-total").textContent = data.total + " turns";
    box.textContent = "";
    if (!data.clusters.length) { box.appendChild(el("p", { class: "empty", text: "Nothing unresolved in this period." })); return; }
    data.clusters.slice(0, 12).forEach(function (c) {
      var guesses = Object.keys(c.intent_guesses).map(function (k) { return label(k) + " " + c.intent_guesses[k]; }).join(", ");
      var reasons = Object.keys(c.reasons).map(function (k) { return label(k) + " " + c.reasons[k]; }).join(", ");
      var select = el("select", { "aria-label": "intent for " + c.cluster_id }, INTENTS.map(function (i) { return el("option", { value: i, text: label(i) }); }));
      var top = Object.keys(c.intent_guesses)[0];
      if (top) select.value = top;
      var note = el("div", { class: "done" });
      var labelled = Object.keys(c.labelled || {}).length;
      if (labelled) note.textContent = labelled + " of " + c.count + " labelled";
      var teach = el("button", { class: "ghost", text: "Teach this intent", onclick: function () {
        teach.disabled = true;
        api("/v1/ops/clusters/" + c.cluster_id + "/label", { method: "POST", body: { intent: select.value, member_ids: c.member_ids } })
          .then(function (r) { note.textContent = "learned: " + r.labels.length + " × " + label(r.intent); })
          .catch(function (e) { note.textContent = e.message; teach.disabled = false; });
      } });
      box.appendChild(el("div", { class: "cluster", "data-cluster": c.cluster_id }, [
        el("div", { class: "count", text: String(c.count) }),
        el("div", {}, [
          el("strong", { text: c.label }),
          el("div", { class: "meta", text: "guessed: " + guesses + " · reasons: " + reasons }),
          el("ul", {}, c.examples.slice(0, 3).map(function (e) { return el("li", { text: e.text }); })),
        ]),
        el("div", {}, [sparkline(c.trend), select, teach, note]),
      ]));
    });
  }

  function windows(eta) {
    var box = document.getElementById("eta-windows");
    box.textContent = "";
    if (!eta) { box.appendChild(el("p", { class: "empty", text: "No delivery with a window told landed in this period." })); return; }
    if (eta.drift && eta.drift.warning) box.appendChild(el("p", { class: "drift-warning", role: "alert", text: eta.drift.message }));
    var head = el("tr", {}, ["", "Delivered", "Inside window", "MAE (days)", "Mean width (days)"].map(function (h) { return el("th", { text: h }); }));
    var table = el("table", {}, [head]);
    function row(name, x) {
      table.appendChild(el("tr", {}, [name, String(x.delivered), pct(x.inside_window), String(x.mae_days), String(x.mean_width_days)].map(function (v) { return el("td", { text: v }); })));
    }
    row("All carriers", eta);
    Object.keys(eta.by_carrier || {}).forEach(function (k) { row(k.toUpperCase(), eta.by_carrier[k]); });
    Object.keys(eta.by_week || {}).forEach(function (k) { row("Week of " + k, eta.by_week[k]); });
    box.appendChild(table);
  }

  function flags(list) {
    var box = document.getElementById("flags");
    box.textContent = "";
    if (!list.length) { box.appendChild(el("p", { class: "empty", text: "No answer was flagged in this period." })); return; }
    var table = el("table", {}, [el("tr", {}, ["When", "Intent", "Bot answer", "Note", "By"].map(function (h) { return el("th", { text: h }); }))]);
    list.slice(0, 20).forEach(function (f) {
      table.appendChild(el("tr", {}, [f.created_at.slice(0, 16).replace("T", " "), label(f.intent), f.text, f.note, f.actor].map(function (v) { return el("td", { text: v || "" }); })));
    });
    box.appendChild(table);
  }

  function refresh() {
    var since = encodeURIComponent(sinceSel.value);
    return Promise.all([
      api("/v1/ops/metrics?since=" + since),
      api("/v1/ops/unresolved?since=" + since),
      api("/v1/ops/flags?since=" + since),
    ]).then(function (r) {
      tiles(r[0]);
      windows(r[0].eta_accuracy);
      dailyChart(fillDays(r[0].series, r[0].since, r[0].until));
      barChart("chart-reasons", Object.keys(r[0].handoffs_by_reason).map(function (k) { return [k, r[0].handoffs_by_reason[k]]; }));
      clusters(r[1]);
      flags(r[2].flags);
      setStatus("updated " + new Date().toLocaleTimeString());
    }).catch(function (e) {
      setStatus(e.status === 401 || e.status === 403 ? "Enter an ops key (" + e.message + ")" : e.message, true);
    });
  }

  refresh();
  setInterval(refresh, POLL_MS);
})();
