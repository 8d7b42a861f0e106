/*
 * The tracking page's only script (inlined with the page's CSP nonce): shows the chat buttons, creates the
 * conversation verified for this link on first use (once per link, kept in localStorage), then loads the
 * widget pinned to it, in the page's language. Without JS the page links to /chat.
 */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("track-config").textContent);
  var KEY = "wismo.track:" + cfg.tid;
  function get() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function put(v) { try { localStorage.setItem(KEY, v); } catch (e) { /* private mode */ } }
  var loading = null;
  function load(cid) {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = cfg.widget;
      s.setAttribute("data-conversation-id", cid);
      s.setAttribute("data-lang", cfg.lang);
      s.onload = function () { waitReady(resolve); };
      s.onerror = function () { loading = null; reject(new Error("chat unavailable")); };
      document.body.appendChild(s);
    });
    return loading;
  }
  function waitReady(done) {
    var started = Date.now();
    (function poll() {
      var host = document.getElementById("wismo-chat-widget");
      var ready = host && host.shadowRoot && host.shadowRoot.querySelector(".wismo[data-ready]");
      if (ready || Date.now() - started > 8000) done(window.WismoChat); else setTimeout(poll, 40);
    })();
  }
  function start(purpose) {
    var body = { view: cfg.view, nonce: cfg.nonce, purpose: purpose };
    var known = get();
    if (known) body.conversation_id = known;
    return fetch(cfg.chat, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) throw new Error("chat unavailable");
      return r.json();
    }).then(function (d) { put(d.conversation_id); return load(d.conversation_id); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-chat]"), function (btn) {
    btn.hidden = false;
    btn.addEventListener("click", function () {
      btn.setAttribute("aria-busy", "true");
      var purpose = btn.getAttribute("data-chat");
      var text = btn.getAttribute("data-chat-text");
      start(purpose).then(function (chat) {
        btn.removeAttribute("aria-busy");
        if (!chat) return;
        chat.open();
        if (text) chat.send(text);
      }, function () {
        btn.removeAttribute("aria-busy");
        location.href = "/chat";
      });
    });
  });
  document.documentElement.classList.add("js");
  if (get()) load(get());
  var done = document.getElementById("done");
  if (done) done.focus();
})();
