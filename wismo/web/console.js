/* What the staff pages (inbox, ops) share: elements built from API text (inserted as text, never
   as HTML), API calls with the key kept in this tab's session storage, and the key field. */
window.WismoConsole = (function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function api(path, options) {
    options = options || {};
    var headers = { "Content-Type": "application/json" };
    var key = sessionStorage.getItem("wismo.key");
    if (key) headers.Authorization = "Bearer " + key;
    return fetch(path, { method: options.method || "GET", headers: headers, body: options.body ? JSON.stringify(options.body) : undefined })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          if (!r.ok) {
            var err = new Error((data.error && data.error.message) || data.detail || ("HTTP " + r.status));
            err.status = r.status;
            throw err;
          }
          return data;
        });
      });
  }

  /* The API key field: remembered for this tab only; `onChange` runs when it changes. */
  function keyField(input, onChange) {
    input.value = sessionStorage.getItem("wismo.key") || "";
    input.addEventListener("change", function () {
      sessionStorage.setItem("wismo.key", input.value.trim());
      onChange();
    });
  }

  return { el: el, api: api, keyField: keyField };
})();
