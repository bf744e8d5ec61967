// claimgraph: a little of our own script. Pages work without it; it adds the claim
// tooltips in the reader, the review queue's keys and the report's print button.
// Text from sources is only ever set with textContent, never parsed as HTML.
"use strict";
(function () {
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }

  // --- claim tooltips: the hovered or focused mark and the marks around it ----------
  var FIELDS = [["figure", "Figure"], ["claimant", "Claimant"], ["chain", "Via"],
                ["stance", "Stance"], ["grade", "Grade"], ["review", "Review"]];
  var tip = null;
  var owner = null;

  function marksFrom(el) {
    var out = [];
    for (var m = el; m && m.id !== "reader"; m = m.parentElement) {
      if (m.matches && m.matches("mark.claim")) out.push(m);
    }
    return out;
  }

  function describe(mark) {
    var dl = document.createElement("dl");
    FIELDS.forEach(function (f) {
      var value = mark.getAttribute("data-" + f[0]);
      if (!value) return;
      var dt = document.createElement("dt");
      var dd = document.createElement("dd");
      dt.textContent = f[1];
      dd.textContent = value;
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    return dl;
  }

  function hide() {
    if (tip) tip.remove();
    if (owner) {
      owner.classList.remove("active");
      owner.removeAttribute("aria-describedby");
    }
    tip = owner = null;
  }

  function show(el) {
    var marks = marksFrom(el);
    if (!marks.length || marks[0] === owner) return;
    hide();
    owner = marks[0];
    tip = document.createElement("div");
    tip.className = "tip";
    tip.id = "claim-tip";
    tip.setAttribute("role", "tooltip");
    marks.forEach(function (m) { tip.appendChild(describe(m)); });
    document.body.appendChild(tip);
    var box = owner.getBoundingClientRect();
    var left = Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(4, left) + window.scrollX + "px";  // CSSOM: allowed by our CSP
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
    owner.classList.add("active");
    owner.setAttribute("aria-describedby", "claim-tip");
  }

  function tooltips(reader) {
    reader.addEventListener("mouseover", function (e) { show(e.target); });
    reader.addEventListener("mouseleave", hide);
    reader.addEventListener("focusin", function (e) { show(e.target); });
    reader.addEventListener("focusout", hide);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  }

  // --- the review queue: j/n next, k previous, a accept, r reject, e edit ------------
  function typing(el) {
    return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName);
  }

  function queueKeys(queue) {
    var actions = {
      j: function () { follow('a[rel="next"]'); },
      n: function () { follow('a[rel="next"]'); },
      k: function () { follow('a[rel="prev"]'); },
      a: function () { press("#do-accept"); },
      r: function () { press("#do-reject"); },
      e: function () {
        var edit = queue.querySelector("#edit");
        if (!edit) return;
        edit.open = true;
        var first = edit.querySelector("#edit-first");
        if (first) first.focus();
      }
    };
    function follow(sel) { var a = queue.querySelector(sel); if (a) window.location.href = a.href; }
    function press(sel) { var b = queue.querySelector(sel); if (b) b.click(); }
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      var act = actions[e.key];
      if (act) {
        e.preventDefault();
        act();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var reader = document.getElementById("reader");
    if (reader) tooltips(reader);
    var queue = document.querySelector("[data-queue]");
    if (queue) queueKeys(queue);
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  });

  window.claimgraph = { csrf: csrf };
})();
