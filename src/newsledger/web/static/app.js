// The article page's record panel: selecting a highlighted passage (hover, click, focus + Enter,
// or a #rec-ID link) shows that record's fields. No inline script: the page's CSP forbids it.
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  if (!panel) return;
  var hint = panel.querySelector(".hint");

  function show(id) {
    var found = false;
    panel.querySelectorAll(".rec-fields").forEach(function (el) {
      var on = el.getAttribute("data-for") === id;
      el.hidden = !on;
      found = found || on;
    });
    if (!found) return;
    if (hint) hint.hidden = true;
    document.querySelectorAll(".text .active").forEach(function (el) {
      el.classList.remove("active");
    });
    document.querySelectorAll(".text [data-rec]").forEach(function (el) {
      if (el.getAttribute("data-rec") === id) el.classList.add("active");
    });
  }

  function recOf(target) {
    var el = target && target.closest ? target.closest(".text [data-rec]") : null;
    return el ? el.getAttribute("data-rec") : null;
  }

  document.addEventListener("click", function (ev) {
    var id = recOf(ev.target);
    if (id) show(id);
  });
  document.addEventListener("mouseover", function (ev) {
    var id = recOf(ev.target);
    if (id) show(id);
  });
  document.addEventListener("focusin", function (ev) {
    var id = recOf(ev.target);
    if (id) show(id);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    var id = recOf(ev.target);
    if (id) {
      ev.preventDefault();
      show(id);
    }
  });
  function fromHash() {
    var h = decodeURIComponent(location.hash || "");
    if (h.indexOf("#rec-") === 0) show(h.slice(5));
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
