/*
 * wismo web chat. One <script src="https://YOUR-WISMO/widget.js"></script> tag on a shop page injects a
 * launcher button and a chat panel; the standalone page /chat mounts the same chat inline. The API base is
 * derived from this script's own src (or data-api-base), so the tag works under any host or path prefix.
 * Plain JS, no framework, no build step, nothing fetched except wismo's own API and stylesheet.
 * The UI lives in a shadow root so the shop's CSS cannot break it; brand colours come from CSS variables
 * (--wismo-brand, --wismo-brand-contrast, --wismo-accent, --wismo-font) that the host page may set.
 * Every word the widget shows comes from the server's catalogs in five languages: it starts in the
 * conversation's last language, else the host page's data-lang, else the browser's, and then follows
 * the `language` each reply carries.
 */
(function () {
  "use strict";

  // The wismo server replaces this literal with its settings (brand, bot name, limits, and the welcome,
  // welcome quick replies and labels of every language).
  var SERVER = {} /*__WISMO_CONFIG__*/;

  var script = document.currentScript;
  if (!script || window.__wismoChatLoaded) return;
  window.__wismoChatLoaded = true;

  var scriptUrl = new URL(script.src, location.href);
  var base = (script.getAttribute("data-api-base") ||
    scriptUrl.origin + scriptUrl.pathname.replace(/\/[^\/]*$/, "")).replace(/\/+$/, "");
  var cfg = {
    brand: script.getAttribute("data-brand") || SERVER.brand || "Our shop",
    bot: script.getAttribute("data-bot-name") || SERVER.bot || "Assistant",
    maxChars: SERVER.max_chars || 4000
  };
  var STORE_KEY = "wismo.conversation:" + base;
  var OPEN_KEY = "wismo.open:" + base;
  var LANG_KEY = "wismo.language:";

  // ---- words: the catalog's, in the widget's current language (English for any word a language lacks)
  var LANGUAGES = SERVER.languages || {};
  var DEFAULT_LANGUAGE = SERVER.default_language || "en";
  var HUMANS = SERVER.human || [];
  function supported(tag) {
    var code = String(tag || "").toLowerCase().split(/[-_]/)[0];
    return LANGUAGES[code] ? code : null;
  }
  function browserLanguage() {
    var tags = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language];
    for (var i = 0; i < tags.length; i++) { var code = supported(tags[i]); if (code) return code; }
    return null;
  }
  var lang = DEFAULT_LANGUAGE;
  function pack(code) { return LANGUAGES[code] || LANGUAGES[DEFAULT_LANGUAGE] || {}; }
  function t(key, fields) {
    var text = (pack(lang).labels || {})[key] || (pack(DEFAULT_LANGUAGE).labels || {})[key] || key;
    fields = fields || {};
    fields.bot = fields.bot || cfg.bot;
    fields.brand = fields.brand || cfg.brand;
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in fields ? String(fields[name]) : all; });
  }
  function welcomeText() { return pack(lang).welcome || SERVER.welcome || ""; }
  function welcomeReplies() { return pack(lang).replies || SERVER.welcome_replies || []; }

  var ICON_CHAT = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" fill="currentColor"/></svg>';
  var ICON_CLOSE = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none"/></svg>';
  var ICON_BOT = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="4" y="8" width="16" height="11" rx="3" fill="currentColor"/><circle cx="9" cy="13.5" r="1.6" fill="var(--_brand)"/><circle cx="15" cy="13.5" r="1.6" fill="var(--_brand)"/><path d="M12 4v4" stroke="currentColor" stroke-width="2" stroke-linecap="round"/><circle cx="12" cy="3.5" r="1.5" fill="currentColor"/></svg>';
  var ICON_SEND = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3 11.5L21 3l-8.5 18-2-7.5z" fill="currentColor"/></svg>';
  var ICON_PERSON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="8" r="4" fill="currentColor"/><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7" fill="currentColor"/></svg>';

  // ---- storage that survives private mode (falls back to memory)
  var memory = {};
  function store(kind) {
    var s = null;
    try { s = window[kind]; s.setItem("wismo.probe", "1"); s.removeItem("wismo.probe"); } catch (e) { s = null; }
    return {
      get: function (k) { return s ? s.getItem(k) : (memory[kind + k] || null); },
      set: function (k, v) { if (s) s.setItem(k, v); else memory[kind + k] = v; },
      del: function (k) { if (s) s.removeItem(k); else delete memory[kind + k]; }
    };
  }
  var local = store("localStorage");
  var session = store("sessionStorage");

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // ---- mount: inline (the /chat page, or any element with data-wismo-inline) or embedded launcher
  var mount = document.querySelector(script.getAttribute("data-mount") || "[data-wismo-inline]");
  var inline = !!mount;
  if (!inline) {
    mount = document.createElement("div");
    mount.id = "wismo-chat-widget";
    document.body.appendChild(mount);
  }
  var root = mount.attachShadow ? mount.attachShadow({ mode: "open" }) : mount;

  var title = esc(cfg.brand);
  var panelRole = inline ? 'role="region"' : 'role="dialog" aria-modal="false"';
  root.innerHTML =
    '<link rel="stylesheet" href="' + esc(base + "/widget.css") + '">' +
    '<div class="wismo ' + (inline ? "wismo-inline" : "wismo-embed") + '" data-open="false" style="visibility:hidden">' +
    (inline ? "" :
      '<button class="wismo-launcher" type="button" aria-expanded="false" aria-controls="wismo-panel">' +
      '<span class="wismo-icon-chat">' + ICON_CHAT + '</span><span class="wismo-icon-close">' + ICON_CLOSE + '</span>' +
      '<span class="wismo-launcher-label"></span></button>') +
    '<section class="wismo-panel" id="wismo-panel" ' + panelRole + ' aria-labelledby="wismo-title"' + (inline ? "" : " hidden") + '>' +
    '<header class="wismo-header">' +
    '<div class="wismo-avatar" aria-hidden="true">' + ICON_BOT + '</div>' +
    '<div class="wismo-heading"><h2 class="wismo-title" id="wismo-title">' + title + '</h2>' +
    '<p class="wismo-subtitle"><span class="wismo-dot" aria-hidden="true"></span><span class="wismo-subtitle-text"></span></p></div>' +
    (inline ? "" : '<button class="wismo-close" type="button">' + ICON_CLOSE + '</button>') +
    '</header>' +
    '<div class="wismo-log" role="log" aria-live="polite" tabindex="0"></div>' +
    '<div class="wismo-footer">' +
    '<p class="wismo-error" id="wismo-error" role="alert" hidden></p>' +
    '<form class="wismo-composer" novalidate>' +
    '<label class="wismo-sr" for="wismo-input"></label>' +
    '<textarea class="wismo-input" id="wismo-input" name="message" rows="1" ' +
    'autocomplete="off" enterkeyhint="send" aria-describedby="wismo-hint"></textarea>' +
    '<button class="wismo-send" type="submit">' + ICON_SEND + '<span class="wismo-send-label"></span></button>' +
    '</form>' +
    '<div class="wismo-actions">' +
    '<button class="wismo-human" type="button">' + ICON_PERSON + '<span class="wismo-human-label"></span></button>' +
    '<span class="wismo-hint" id="wismo-hint"></span>' +
    '</div></div></section></div>';

  function $(sel) { return root.querySelector(sel); }
  var shell = $(".wismo");
  var panel = $(".wismo-panel");
  var log = $(".wismo-log");
  var form = $(".wismo-composer");
  var input = $(".wismo-input");
  var errorBox = $(".wismo-error");
  var launcher = $(".wismo-launcher");
  var closeBtn = $(".wismo-close");

  // Every fixed label, in the current language; messages already shown keep the words they came with.
  function applyLabels() {
    shell.setAttribute("lang", lang);
    if (launcher) {
      launcher.setAttribute("aria-label", t(panel.hidden ? "open_chat" : "close_chat"));
      $(".wismo-launcher-label").textContent = t("launcher");
    }
    if (closeBtn) closeBtn.setAttribute("aria-label", t("close_chat"));
    $(".wismo-subtitle-text").textContent = t("subtitle");
    log.setAttribute("aria-label", t("conversation"));
    $("label.wismo-sr").textContent = t("message");
    input.setAttribute("placeholder", t("placeholder"));
    $(".wismo-send-label").textContent = t("send");
    $(".wismo-human-label").textContent = t("talk_to_person");
    $(".wismo-hint").textContent = t("hint");
  }
  function setLanguage(code, remember) {
    code = supported(code);
    if (!code) return;
    if (remember && conversationId) local.set(LANG_KEY + conversationId, code);
    if (code === lang) return;
    lang = code;
    applyLabels();
  }
  var css = root.querySelector("link");
  function reveal() { shell.style.visibility = ""; }
  css.addEventListener("load", reveal);
  css.addEventListener("error", reveal);
  setTimeout(reveal, 3000);

  // ---- API
  function api(method, path, body) {
    var opts = { method: method, headers: { "Accept": "application/json" }, credentials: "omit" };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(base + path, opts).then(function (res) {
      return res.text().then(function (raw) {
        var data = null;
        try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
        if (!res.ok) {
          var info = (data && data.error) || {};
          var err = new Error(info.message || "");
          err.status = res.status;
          err.code = info.code || "error";
          err.retryAfter = parseInt(res.headers.get("Retry-After") || "", 10) || null;
          throw err;
        }
        return data;
      });
    }, function () {
      var err = new Error("network");
      err.status = 0;
      err.code = "network";
      throw err;
    });
  }

  // A page that already holds a conversation (e.g. the tracking page, verified for one order) pins it with
  // data-conversation-id; it is used as is and not written to storage.
  var conversationId = script.getAttribute("data-conversation-id") || local.get(STORE_KEY);
  lang = supported(conversationId && local.get(LANG_KEY + conversationId)) ||
    supported(script.getAttribute("data-lang")) || browserLanguage() || DEFAULT_LANGUAGE;
  applyLabels();

  // What an API error says to the customer, in the widget's language.
  function errorText(err) {
    if (err.code === "network") return t("error.network");
    if (err.code === "too_long" || err.code === "too_large") return t("error.too_long", { limit: cfg.maxChars });
    if (err.code === "empty") return t("error.empty");
    if (err.code === "rate_limited" && err.retryAfter) return t("error.rate_limited", { seconds: err.retryAfter });
    return t("error.status", { status: err.status });
  }
  function newConversation() {
    return api("POST", "/v1/conversations", { channel: "web" }).then(function (data) {
      conversationId = data.conversation_id;
      local.set(STORE_KEY, conversationId);
      return conversationId;
    });
  }

  // ---- rendering
  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function bubble(role, text) {
    var row = document.createElement("div");
    row.className = "wismo-msg wismo-" + role;
    var who = document.createElement("span");
    who.className = "wismo-sr";
    who.textContent = t(role === "customer" ? "you_said" : role === "bot" ? "bot_said" : "team_said");
    var body = document.createElement("div");
    body.className = "wismo-bubble";
    if (role === "customer") body.textContent = text; else linkify(body, text);
    row.appendChild(who);
    row.appendChild(body);
    log.appendChild(row);
    return row;
  }

  // Links in bot text (absolute URLs, and wismo's own short links like /o/abc) become anchors; the
  // text itself is only ever inserted as text nodes.
  var LINK = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]|\/o\/[A-Za-z0-9_-]+)/g;
  function linkify(el, text) {
    var last = 0;
    String(text).replace(LINK, function (match, _g, offset) {
      el.appendChild(document.createTextNode(text.slice(last, offset)));
      var a = document.createElement("a");
      a.href = match.charAt(0) === "/" ? base + match : match;
      a.textContent = match;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      el.appendChild(a);
      last = offset + match.length;
      return match;
    });
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  function addCitations(row, citations) {
    if (!citations || !citations.length) return;
    var list = document.createElement("ul");
    list.className = "wismo-sources";
    list.setAttribute("aria-label", t("sources"));
    citations.forEach(function (c) {
      var item = document.createElement("li");
      item.className = "wismo-source wismo-source-" + String(c.kind || "other").replace(/[^a-z_]/g, "");
      item.textContent = c.label || c.source_id;
      item.title = c.source_id;
      list.appendChild(item);
    });
    row.appendChild(list);
  }

  function clearQuickReplies() {
    Array.prototype.forEach.call(root.querySelectorAll(".wismo-quick"), function (el) { el.remove(); });
  }

  function addQuickReplies(replies) {
    clearQuickReplies();
    replies = (replies || []).filter(function (r) { return r && HUMANS.indexOf(r) < 0 && r !== t("talk_to_person"); });
    if (!replies.length) return;
    var group = document.createElement("div");
    group.className = "wismo-quick";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", t("suggested"));
    replies.forEach(function (text) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "wismo-chip";
      b.textContent = text;
      b.addEventListener("click", function () { send(text); });
      group.appendChild(b);
    });
    log.appendChild(group);
  }

  function addNotice(text) {
    var note = document.createElement("div");
    note.className = "wismo-notice";
    note.textContent = text;
    log.appendChild(note);
  }

  var typing = null;
  function showTyping(on) {
    if (on && !typing) {
      typing = document.createElement("div");
      typing.className = "wismo-msg wismo-bot wismo-typing";
      typing.innerHTML = '<span class="wismo-sr">' + esc(t("typing")) + '</span>' +
        '<div class="wismo-bubble" aria-hidden="true"><i></i><i></i><i></i></div>';
      log.appendChild(typing);
      scrollDown();
    } else if (!on && typing) {
      typing.remove();
      typing = null;
    }
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", "wismo-error wismo-hint");
  }
  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = "";
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", "wismo-hint");
  }

  var human = false;
  function handedOff() {
    if (human) return;
    human = true;
    shell.classList.add("wismo-human-mode");
    addNotice(t("handed_off"));
  }

  // CSAT: a thumbs up or down under an answered question (one vote per answer).
  function addRating(row, messageId) {
    var box = document.createElement("div");
    box.className = "wismo-rate";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", t("rate_question"));
    [[1, "\uD83D\uDC4D", t("helpful")], [-1, "\uD83D\uDC4E", t("not_helpful")]].forEach(function (opt) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "wismo-rate-btn";
      b.textContent = opt[1];
      b.setAttribute("aria-label", opt[2]);
      b.addEventListener("click", function () {
        var body = { score: opt[0] };
        if (messageId) body.message_id = messageId;
        api("POST", "/v1/conversations/" + encodeURIComponent(conversationId) + "/csat", body).then(function () {
          box.textContent = t("rate_thanks");
        }, function () { box.textContent = ""; });
      });
      box.appendChild(b);
    });
    row.appendChild(box);
  }

  function renderReply(reply, messageId) {
    setLanguage(reply.language, true);
    var row = bubble("bot", reply.text);
    addCitations(row, reply.citations);
    if (!reply.handoff && reply.citations && reply.citations.length) addRating(row, messageId);
    if (reply.handoff) handedOff();
    addQuickReplies(reply.quick_replies);
    scrollDown();
  }

  function welcome(withReplies) {
    bubble("bot", welcomeText()).classList.add("wismo-welcome");
    if (withReplies) addQuickReplies(welcomeReplies());
  }

  // ---- sending
  var busy = false;
  function send(text, retried) {
    text = String(text || "");
    if (busy || !text.trim()) return Promise.resolve();
    busy = true;
    shell.classList.add("wismo-busy");
    clearError();
    clearQuickReplies();
    var typed = input.value;
    var fromInput = typed === text;
    var mine = bubble("customer", text);
    if (fromInput) { input.value = ""; grow(); }
    showTyping(true);
    var ready = conversationId ? Promise.resolve(conversationId) : newConversation();
    return ready.then(function (cid) {
      return api("POST", "/v1/conversations/" + encodeURIComponent(cid) + "/messages", { text: text });
    }).then(function (data) {
      showTyping(false);
      renderReply(data.reply, data.message_id);
    }, function (err) {
      showTyping(false);
      mine.remove();
      if (err.code === "conversation_not_found" && !retried) {
        // The server forgot this conversation (e.g. it was erased): start a new one and resend once.
        conversationId = null;
        local.del(STORE_KEY);
        busy = false;
        if (fromInput && !input.value) input.value = text;
        return send(text, true);
      }
      if (fromInput && !input.value) { input.value = text; grow(); }
      showError(errorText(err));
      input.focus();
    }).then(function () {
      busy = false;
      shell.classList.remove("wismo-busy");
    });
  }

  function grow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 132) + "px";
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    send(input.value);
    input.focus();
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send(input.value);
    }
  });
  input.addEventListener("input", function () { grow(); if (!errorBox.hidden) clearError(); });
  $(".wismo-human").addEventListener("click", function () { send(t("talk_to_person")); });

  // ---- open / close (embedded only)
  function setOpen(open, focus) {
    if (inline) return;
    panel.hidden = !open;
    shell.setAttribute("data-open", open ? "true" : "false");
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    launcher.setAttribute("aria-label", t(open ? "close_chat" : "open_chat"));
    if (open) session.set(OPEN_KEY, "1"); else session.del(OPEN_KEY);
    if (open) { scrollDown(); if (focus) input.focus(); }
    else if (focus) launcher.focus();
  }
  if (!inline) {
    launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
    closeBtn.addEventListener("click", function () { setOpen(false, true); });
    shell.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); setOpen(false, true); }
    });
    if (session.get(OPEN_KEY)) setOpen(true, false);
  }

  // ---- restore the conversation after a reload
  function restore() {
    if (!conversationId) { welcome(true); return Promise.resolve(); }
    log.setAttribute("aria-busy", "true");
    return api("GET", "/v1/conversations/" + encodeURIComponent(conversationId)).then(function (t) {
      var messages = t.messages || [];
      welcome(!messages.length);
      messages.forEach(function (m) {
        var row = bubble(m.role === "customer" || m.role === "bot" ? m.role : "agent", m.text);
        if (m.role === "bot") addCitations(row, m.citations);
      });
      if (t.mode === "human") handedOff();
    }, function (err) {
      if (err.status === 404) { conversationId = null; local.del(STORE_KEY); }
      welcome(true);
      if (err.status !== 404) showError(errorText(err));
    }).then(function () {
      log.removeAttribute("aria-busy");
      scrollDown();
      shell.setAttribute("data-ready", "true");
    });
  }
  restore();

  window.WismoChat = {
    open: function () { setOpen(true, true); },
    close: function () { setOpen(false, true); },
    send: send,
    apiBase: base
  };
})();
