// Live preview (guidegen serve only; never part of a build): asks the preview server for its
// build number once a second, reloads the page when a new build is in, and shows build errors
// over the page while the last good build stays on screen.
(function () {
  "use strict";
  var seen = null;

  function show(errors) {
    var box = document.getElementById("guidegen-preview-errors");
    if (!errors.length) {
      if (box) {
        box.remove();
      }
      return;
    }
    if (!box) {
      box = document.createElement("pre");
      box.id = "guidegen-preview-errors";
      box.setAttribute("role", "alert");
      box.style.position = "fixed";
      box.style.left = "0";
      box.style.right = "0";
      box.style.bottom = "0";
      box.style.maxHeight = "50vh";
      box.style.overflow = "auto";
      box.style.margin = "0";
      box.style.padding = "1rem";
      box.style.background = "#3b0d0c";
      box.style.color = "#ffffff";
      box.style.whiteSpace = "pre-wrap";
      box.style.zIndex = "100";
      document.body.appendChild(box);
    }
    box.textContent = "The last build failed; this is the previous one.\n\n" + errors.join("\n");
  }

  function poll() {
    fetch("/__guidegen/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen !== null && state.build !== seen) {
          window.location.reload();
          return;
        }
        seen = state.build;
        show(state.errors || []);
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 1000); });
  }

  poll();
})();
