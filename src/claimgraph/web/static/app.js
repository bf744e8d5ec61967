// claimgraph: a little of our own script. Pages work without it; it adds
// keyboard review and the claim tooltips in the reader.
"use strict";
(function () {
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }
  window.claimgraph = { csrf: csrf };
})();
