// Live reload for `crux serve`, appended to the page's script only when the page is
// served. It listens to the server's events: when the debate changed, it reloads the
// page (the page restores its own view: pan, zoom, the open card and the chosen
// debate); while the debate has syntax errors the map stays as it was and a banner
// names where they are. No user data is placed in this script: the page version below
// is a number written by the server, and every message is shown as text.
(function () {
  "use strict";
  var version = "__CRUX_PAGE_VERSION__";
  if (typeof EventSource === "undefined") return;

  function banner(problems) {
    var box = document.getElementById("crux-live-banner");
    if (!problems.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "crux-live-banner";
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:sticky;top:0;z-index:1000;margin:0;padding:.6em 1em;" +
        "background:#b00020;color:#fff;font:14px/1.4 system-ui,sans-serif;white-space:pre-wrap";
      document.body.insertBefore(box, document.body.firstChild);
    }
    var shown = problems.slice(0, 5).map(function (p) {
      return (p.location ? p.location + ": " : "") + p.message;
    });
    if (problems.length > shown.length) {
      shown.push("and " + (problems.length - shown.length) + " more");
    }
    box.textContent =
      "The debate has errors; this is the last map that had none.\n" + shown.join("\n");
  }

  var events = new EventSource("/_crux/events");
  events.addEventListener("state", function (e) {
    var state;
    try {
      state = JSON.parse(e.data);
    } catch (_) {
      return;
    }
    if (String(state.version) !== version) {
      events.close();
      window.location.reload();
      return;
    }
    banner(state.problems || []);
  });
})();
