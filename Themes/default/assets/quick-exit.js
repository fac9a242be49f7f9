// Quick exit: the button and the Esc key leave at once for a neutral page and replace this
// page in the history, so Back does not return here. Without script the button is a plain link.
(function () {
  "use strict";
  var link = document.querySelector("a.quick-exit");
  if (!link) {
    return;
  }
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.hidden = true;
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      leave(event);
    }
  });
})();
