/* wismo agent inbox: live queue (polls every 3 s), case detail, claim / reply / resolve / release.
   Plain JS, no dependencies. Every text from the API is inserted as text, never as HTML. */
(function () {
  "use strict";
  var POLL_MS = 3000;
  var keyInput = document.getElementById("key");
  var statusEl = document.getElementById("status");
  var queueEl = document.getElementById("queue");
  var detailEl = document.getElementById("detail");
  var selected = null;
  var lastDetail = "";
  var draft = "";

  var el = window.WismoConsole.el;
  var api = window.WismoConsole.api;
  window.WismoConsole.keyField(keyInput, function () { refresh(); });

  function setStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.className = isError ? "error" : "";
  }

  function waited(seconds) {
    if (seconds < 60) return seconds + " s";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min";
    return Math.floor(seconds / 3600) + " h " + Math.floor((seconds % 3600) / 60) + " min";
  }

  function label(code) { return (code || "").replace(/_/g, " "); }

  function fmt(value) {
    var v = String(value);
    return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) ? v.slice(0, 16).replace("T", " ") + " UTC" : v;
  }

  function renderQueue(items) {
    queueEl.textContent = "";
    if (!items.length) {
      queueEl.appendChild(el("li", { class: "empty", text: "No open cases. Nice." }));
      return;
    }
    items.forEach(function (h) {
      var prio = el("span", { class: "pill prio" + (h.effective_priority >= 7 ? " hot" : ""), title: "priority incl. waiting time", text: "P" + h.effective_priority });
      var pills = [prio, el("strong", { text: "#" + h.id + " " + label(h.reason) }), el("span", { class: "pill", text: h.channel || "web" }), el("span", { class: "pill", title: "the customer's language", text: (h.language || "en").toUpperCase() })];
      if (h.status === "claimed") pills.push(el("span", { class: "pill claimed", text: "claimed" }));
      if (h.sentiment !== null && h.sentiment < -0.25) pills.push(el("span", { class: "pill mood-neg", text: "upset" }));
      var li = el("li", { "data-id": h.id, class: h.id === selected ? "selected" : "", onclick: function () { select(h.id); } }, [
        el("div", { class: "top" }, pills),
        el("div", { class: "summary", text: h.summary }),
        el("div", { class: "meta", text: "waiting " + waited(h.waiting_seconds) + (h.assignee ? " · " + h.assignee : "") }),
      ]);
      queueEl.appendChild(li);
    });
  }

  function select(id) {
    selected = id;
    lastDetail = "";
    draft = "";
    Array.prototype.forEach.call(queueEl.children, function (li) {
      li.className = String(li.getAttribute("data-id")) === String(id) ? "selected" : "";
    });
    loadDetail();
  }

  function act(path, body) {
    return api("/v1/handoffs/" + selected + "/" + path, { method: "POST", body: body || {} })
      .then(function () { lastDetail = ""; return refresh(); })
      .catch(function (e) { setStatus(e.message, true); });
  }

  function flag(messageId) {
    var note = window.prompt("What was wrong with this answer?");
    if (note === null) return;
    api("/v1/messages/" + messageId + "/flag", { method: "POST", body: { note: note } })
      .then(function () { setStatus("answer flagged for the ops review"); })
      .catch(function (e) { setStatus(e.message, true); });
  }

  function renderDetail(c) {
    var textarea = detailEl.querySelector("textarea");
    if (textarea) draft = textarea.value;
    detailEl.textContent = "";
    var pkg = c.package || {};
    var summary = pkg.summary || {};
    var active = c.status === "open" || c.status === "claimed";
    detailEl.appendChild(el("h2", { text: "Case #" + c.id + ": " + label(c.reason) }));
    var factors = Object.keys(c.priority_factors || {}).map(function (k) { return label(k) + " +" + c.priority_factors[k]; }).join(", ");
    detailEl.appendChild(el("div", { class: "meta" }, [
      el("span", { class: "pill prio", text: "P" + c.effective_priority }),
      el("span", { class: "pill", text: c.status }),
      el("span", { class: "pill", text: "channel " + (c.channel || "web") }),
      el("span", { class: "pill", text: "conversation mode " + c.mode }),
      el("span", { text: "waiting " + waited(c.waiting_seconds) + " · " + factors }),
    ]));
    detailEl.appendChild(el("div", { class: "actions" }, [
      el("button", { id: "claim", onclick: function () { act("claim"); }, text: c.assignee ? "Claimed by " + c.assignee : "Claim" }),
      el("button", { id: "resolve", class: "ghost", onclick: function () { act("resolve"); }, text: "Resolve" }),
      el("button", { id: "release", class: "warn", onclick: function () { act("release"); }, text: "Release to bot" }),
    ]));
    if (!active) detailEl.querySelectorAll(".actions button").forEach(function (b) { b.disabled = true; });

    var snapshot = el("table", {}, [el("tr", {}, [el("th", { text: "Source" }), el("th", { text: "What" }), el("th", { text: "Facts" })])]);
    (pkg.snapshot || []).forEach(function (s) {
      var facts = Object.keys(s.facts || {}).filter(function (k) { return s.facts[k] !== null; })
        .map(function (k) { return label(k) + ": " + fmt(s.facts[k]); }).join(" · ");
      snapshot.appendChild(el("tr", {}, [el("td", {}, [el("code", { text: s.source_id })]), el("td", { text: s.label || "" }), el("td", { text: facts })]));
    });
    var identity = pkg.identity || {};
    detailEl.appendChild(el("div", { class: "grid2" }, [
      el("div", { class: "card" }, [
        el("h3", { text: "Summary" }),
        el("p", { text: summary.wants || c.summary }),
        el("p", { text: summary.did || "" }),
        el("p", {}, [el("strong", { text: summary.left || "" })]),
        el("p", { class: "meta", text: identity.verified ? "Identity: verified for order " + identity.verified_order : "Identity: not verified" }),
      ]),
      el("div", { class: "card" }, [el("h3", { text: "Order and shipment snapshot" }), (pkg.snapshot || []).length ? snapshot : el("p", { text: "No order data (customer not verified)." })]),
    ]));

    var transcript = el("div", { class: "transcript" });
    (c.transcript || []).forEach(function (m) {
      var who = el("div", { class: "who" }, [el("span", { text: m.role + " · " + (m.created_at || "").slice(11, 16) })]);
      if (m.role === "bot" && m.id) who.appendChild(el("button", { class: "flag", title: "Flag this answer as wrong", onclick: function () { flag(m.id); }, text: "⚑ flag" }));
      transcript.appendChild(el("div", { class: "msg " + m.role }, [who, el("div", { text: m.text })]));
    });
    var box = el("textarea", { id: "reply-text", placeholder: active ? "Write to the customer…" : "This case is closed." });
    box.value = draft;
    if (!active) box.disabled = true;
    var send = el("button", { id: "send", text: "Send", onclick: function () {
      var text = box.value.trim();
      if (!text) return;
      send.disabled = true;
      api("/v1/handoffs/" + selected + "/reply", { method: "POST", body: { text: text } })
        .then(function (r) {
          box.value = ""; draft = ""; lastDetail = "";
          setStatus(r.delivered ? "reply sent via " + r.via : "reply stored; " + r.via + " delivery failed", !r.delivered);
          return refresh();
        })
        .catch(function (e) { setStatus(e.message, true); send.disabled = false; });
    } });
    if (!active) send.disabled = true;
    detailEl.appendChild(el("div", { class: "card" }, [el("h3", { text: "Transcript (redacted)" }), transcript, el("div", { class: "composer" }, [box, send])]));
  }

  function loadDetail() {
    if (selected === null) return Promise.resolve();
    return api("/v1/handoffs/" + selected).then(function (c) {
      var fingerprint = JSON.stringify([c.status, c.assignee, c.transcript.length, c.effective_priority, c.mode]);
      if (fingerprint !== lastDetail) { lastDetail = fingerprint; renderDetail(c); }
    });
  }

  function refresh() {
    return api("/v1/handoffs").then(function (data) {
      renderQueue(data.handoffs);
      if (selected === null && data.handoffs.length) select(data.handoffs[0].id);
      setStatus(data.handoffs.length + " open · updated " + new Date().toLocaleTimeString());
      return loadDetail();
    }).catch(function (e) {
      setStatus(e.status === 401 || e.status === 403 ? "Enter an agent key (" + e.message + ")" : e.message, true);
    });
  }

  refresh();
  setInterval(refresh, POLL_MS);
})();
