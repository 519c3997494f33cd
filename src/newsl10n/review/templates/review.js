"use strict";
(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var list = document.getElementById("sorted");
  var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
  var homes = entries.map(function (e) { return e.parentNode; });
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group, section.part"));
  function apply() {
    var onlyFindings = form.elements.findings.checked;
    var onlyDrafts = form.elements.drafts.checked;
    var byConfidence = form.elements.order.value === "confidence";
    entries.forEach(function (e, i) {
      var show = (!onlyFindings || e.dataset.findings !== "0") &&
        (!onlyDrafts || e.dataset.draft === "1");
      e.hidden = !show;
      if (!byConfidence && e.parentNode !== homes[i]) { homes[i].appendChild(e); }
    });
    if (byConfidence) {
      entries.slice().sort(function (a, b) {
        var x = a.dataset.confidence === "" ? 2 : Number(a.dataset.confidence);
        var y = b.dataset.confidence === "" ? 2 : Number(b.dataset.confidence);
        return x - y || Number(a.dataset.order) - Number(b.dataset.order);
      }).forEach(function (e) { list.appendChild(e); });
    } else {
      entries.forEach(function (e, i) { homes[i].appendChild(e); });
    }
    list.hidden = !byConfidence;
    groups.forEach(function (g) {
      g.hidden = byConfidence || !g.querySelector(".entry:not([hidden])");
    });
    var shown = entries.filter(function (e) { return !e.hidden; }).length;
    document.getElementById("shown").textContent = shown + " of " + entries.length + " entries shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  apply();
}());
