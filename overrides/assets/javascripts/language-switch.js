/**
 * Keep the language selector on the current article under Material's instant loading.
 *
 * Instant loading swaps the content container (where `[data-hc-alternates]` names this page's translations)
 * but not the header's language selector; this copies each translation's address into the selector.
 */
(function () {
  "use strict";

  /** Point every `.md-select__link[hreflang]` at this page's translation in that language. */
  function syncLanguageLinks() {
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      var lang = link.getAttribute("hreflang");
      var alternate = document.querySelector('[data-hc-alternates] a[hreflang="' + lang + '"]');
      if (alternate) link.setAttribute("href", alternate.href);
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(syncLanguageLinks);
  } else {
    document.addEventListener("DOMContentLoaded", syncLanguageLinks);
  }
})();
