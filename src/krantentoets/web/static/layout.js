// Small-screen layout helpers (no dependencies). On a phone the inbox filters start closed
// unless a filter is in use, so the first screen shows posts, not a form.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 36rem)").matches) return;
  document.querySelectorAll("details[data-collapse-small]").forEach(function (el) {
    if (!el.hasAttribute("data-active")) el.removeAttribute("open");
  });
})();
