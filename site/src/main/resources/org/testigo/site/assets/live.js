// The quick-count page, live: every 30 s, read the estimate's JSON (data-live on #live); when it has
// changed, fetch this page again and put its new #live in place of the old. The page is complete
// without this script, and on a mirror read from file:// the fetch fails and the page simply stays.
(function () {
  "use strict";
  var box = document.getElementById("live");
  if (!box || !window.fetch || !window.DOMParser) return;
  var url = box.getAttribute("data-live");
  var last = null;
  function text(r) { if (!r.ok) throw new Error(r.status); return r.text(); }
  function tick() {
    fetch(url, { cache: "no-store" }).then(text).then(function (json) {
      if (last === null || json === last) { last = json; return; }
      last = json;
      return fetch(location.href, { cache: "no-store" }).then(text).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live");
        if (fresh) { box.replaceWith(fresh); box = fresh; }
      });
    }).catch(function () { /* offline or a static copy: keep what is shown */ });
  }
  tick();
  setInterval(tick, 30000);
})();
