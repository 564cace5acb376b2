// vetfolio report: theme toggle, expand/collapse all, open everything for print.
(function () {
  "use strict";
  var root = document.documentElement;
  var key = "vetfolio-theme";
  function stored() {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(v) {
    try { window.localStorage.setItem(key, v); } catch (e) { /* file:// may forbid storage */ }
  }
  function effective() {
    var t = root.getAttribute("data-theme");
    if (t) { return t; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  var saved = stored();
  if (saved === "dark" || saved === "light") { root.setAttribute("data-theme", saved); }

  function label() {
    var b = document.getElementById("theme-toggle");
    if (b) { b.textContent = effective() === "dark" ? "Light theme" : "Dark theme"; }
  }
  function setAll(open) {
    var ds = document.querySelectorAll("details");
    for (var i = 0; i < ds.length; i++) { ds[i].open = open; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("theme-toggle");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var next = effective() === "dark" ? "light" : "dark";
        root.setAttribute("data-theme", next);
        store(next);
        label();
      });
    }
    var expand = document.getElementById("expand-all");
    if (expand) {
      expand.hidden = false;
      expand.addEventListener("click", function () {
        var open = expand.getAttribute("aria-pressed") !== "true";
        setAll(open);
        expand.setAttribute("aria-pressed", open ? "true" : "false");
        expand.textContent = open ? "Collapse all" : "Expand all";
      });
    }
    label();
    // A link to a folded criterion (from its bar) opens it.
    function openTarget() {
      var id = window.location.hash.slice(1);
      var el = id && document.getElementById(id);
      if (el && el.tagName === "DETAILS") { el.open = true; }
    }
    window.addEventListener("hashchange", openTarget);
    openTarget();
  });
  // A printed report shows every check.
  window.addEventListener("beforeprint", function () { setAll(true); });
})();
