// Live character counter for the check page. Mirrors krantentoets.rules.length.count;
// the server's count (shown after checking) is the one that counts.
(function () {
  "use strict";
  var URL_LENGTH = 23;
  var MASTODON_URL = /https?:\/\/[^\s<>"]+/g;
  // twitter-text v3: http(s) URLs and bare domains count 23.
  var X_URL = /(?:https?:\/\/[^\s<>"]+|\b(?:www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:nl|be|com|org|net|eu|info|nu|frl|amsterdam|brussels|vlaanderen|gent|io|de|fr|uk)\b(?:\/[^\s<>"]*)?)/gi;
  var PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

  function codePoints(text) {
    return Array.from(text).length;
  }

  function graphemes(text) {
    if (window.Intl && Intl.Segmenter) {
      var n = 0;
      var it = new Intl.Segmenter("nl", { granularity: "grapheme" }).segment(text);
      for (var s of it) { n += 1; }
      return n;
    }
    return codePoints(text);
  }

  function xWeight(cp) {
    // twitter-text v3 weighted ranges (weight 100 = 1 character), others weigh 2.
    if ((cp >= 0 && cp <= 4351) || (cp >= 8192 && cp <= 8205) ||
        (cp >= 8208 && cp <= 8223) || (cp >= 8242 && cp <= 8247)) {
      return 1;
    }
    return 2;
  }

  function xWeighted(text) {
    text = text.normalize("NFC");
    var total = 0;
    var rest = text.replace(X_URL, function () { total += URL_LENGTH; return "\u0000"; });
    var parts = (window.Intl && Intl.Segmenter)
      ? Array.from(new Intl.Segmenter("nl", { granularity: "grapheme" }).segment(rest), function (s) { return s.segment; })
      : Array.from(rest);
    parts.forEach(function (g) {
      if (g === "\u0000") { return; }
      if (PICTOGRAPHIC.test(g)) { total += 2; return; }
      Array.from(g).forEach(function (ch) { total += xWeight(ch.codePointAt(0)); });
    });
    return total;
  }

  function mastodon(text) {
    var total = codePoints(text);
    (text.match(MASTODON_URL) || []).forEach(function (u) { total += URL_LENGTH - codePoints(u); });
    return total;
  }

  var COUNTERS = {
    x: xWeighted,
    bluesky: graphemes,
    mastodon: mastodon
  };

  function count(text, platform) {
    return (COUNTERS[platform] || codePoints)(text);
  }
  window.krantentoetsCount = count;

  var textarea = document.getElementById("tekst");
  var counter = document.getElementById("teller");
  var announce = document.getElementById("teller-melding");
  var platformSelect = document.getElementById("platform");
  if (!textarea || !counter) { return; }
  var limits = JSON.parse(counter.getAttribute("data-limits") || "{}");
  var timer = null;

  function nl(n) { return n.toLocaleString("nl-NL"); }

  function update() {
    var platform = platformSelect ? platformSelect.value : "";
    var text = textarea.value;
    var lim = limits[platform];
    var message;
    if (!lim) {
      message = nl(codePoints(text)) + " tekens";
      counter.classList.remove("counter--over");
    } else {
      var n = count(text, platform);
      var left = lim.limit - n;
      message = nl(n) + " van " + nl(lim.limit) + " " + lim.unit + " op " + lim.name;
      if (left < 0) {
        message += ": " + nl(-left) + " te veel";
        counter.classList.add("counter--over");
      } else {
        message += " (nog " + nl(left) + ")";
        counter.classList.remove("counter--over");
      }
    }
    counter.textContent = message;
    counter.setAttribute("data-count", lim ? String(count(text, platform)) : String(codePoints(text)));
    if (announce) {
      clearTimeout(timer);
      timer = setTimeout(function () { announce.textContent = message; }, 1200);
    }
  }

  textarea.addEventListener("input", update);
  if (platformSelect) { platformSelect.addEventListener("change", update); }
  update();

  // After a check, bring keyboard and screen-reader users to the outcome (or the errors).
  var target = document.getElementById("fouten") || document.getElementById("uitkomst");
  if (target) { target.focus(); }
})();
