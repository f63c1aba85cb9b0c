/* crux page script: map pan and zoom, search and filters, theme. It reads everything
   from the DOM (escaped text and data- attributes); no user data is ever in this file. */
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;

  // Errors are counted in the DOM, so that a headless test can read them.
  root.setAttribute("data-js-errors", "0");
  window.addEventListener("error", function () {
    root.setAttribute("data-js-errors", String(Number(root.getAttribute("data-js-errors")) + 1));
  });

  function $(sel, from) { return (from || doc).querySelector(sel); }
  function $all(sel, from) { return Array.prototype.slice.call((from || doc).querySelectorAll(sel)); }

  /* ---------------------------------------------------------------- theme */
  var themeButton = $("#theme");
  function systemDark() { return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches; }
  function currentDark() {
    var t = root.getAttribute("data-theme");
    return t ? t === "dark" : systemDark();
  }
  function showTheme() {
    // The button says what it will do.
    if (!themeButton) return;
    themeButton.removeAttribute("aria-pressed");
    themeButton.textContent = currentDark() ? "Light mode" : "Dark mode";
  }
  if (window.matchMedia) {
    var query = window.matchMedia("(prefers-color-scheme: dark)");
    if (query.addEventListener) query.addEventListener("change", showTheme);
  }
  try {
    var saved = window.localStorage.getItem("crux-theme");
    if (saved === "dark" || saved === "light") root.setAttribute("data-theme", saved);
  } catch (e) { /* storage may be unavailable on file: pages */ }
  if (themeButton) {
    themeButton.addEventListener("click", function () {
      var next = currentDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { window.localStorage.setItem("crux-theme", next); } catch (e) { /* ignore */ }
      showTheme();
    });
  }
  showTheme();

  /* ---------------------------------------------------------------- map */
  var view = $("#map-view");
  var svg = view ? $("svg", view) : null;
  var map = null;
  if (svg) map = setUpMap(view, svg);

  function setUpMap(view, svg) {
    var home = readViewBox(svg);
    if (!home) return null;
    var box = home.slice();
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");

    function readViewBox(svg) {
      var vb = (svg.getAttribute("viewBox") || "").trim().split(/[\s,]+/).map(Number);
      if (vb.length === 4 && vb.every(isFinite) && vb[2] > 0 && vb[3] > 0) return vb;
      var w = parseFloat(svg.getAttribute("width")), h = parseFloat(svg.getAttribute("height"));
      if (w > 0 && h > 0) return [0, 0, w, h];
      try {
        var b = svg.getBBox();
        if (b.width > 0 && b.height > 0) return [b.x, b.y, b.width, b.height];
      } catch (e) { /* not rendered */ }
      return null;
    }
    function apply() {
      svg.setAttribute("viewBox", box.map(function (v) { return Math.round(v * 100) / 100; }).join(" "));
    }
    // Screen pixels per SVG unit, as laid out now.
    function scale() {
      var m = svg.getScreenCTM();
      return m ? m.a : 1;
    }
    function toSvg(clientX, clientY) {
      var m = svg.getScreenCTM();
      if (!m) return [box[0] + box[2] / 2, box[1] + box[3] / 2];
      var p = svg.createSVGPoint();
      p.x = clientX; p.y = clientY;
      p = p.matrixTransform(m.inverse());
      return [p.x, p.y];
    }
    function zoom(factor, cx, cy) {
      // Limits: from a tenth of the whole map to a 40th of it.
      var w = box[2] / factor;
      if (w > home[2] * 10 || w < home[2] / 40) return;
      if (cx === undefined) { cx = box[0] + box[2] / 2; cy = box[1] + box[3] / 2; }
      box = [cx - (cx - box[0]) / factor, cy - (cy - box[1]) / factor, box[2] / factor, box[3] / factor];
      apply();
    }
    function pan(dx, dy) { box[0] += dx; box[1] += dy; apply(); }
    function reset() { box = home.slice(); apply(); }
    function centerOn(el) {
      var b, m;
      try { b = el.getBBox(); m = svg.getScreenCTM().inverse().multiply(el.getScreenCTM()); } catch (e) { return; }
      var p = svg.createSVGPoint();
      p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;
      p = p.matrixTransform(m);
      var w = Math.min(home[2], Math.max(b.width * 4, home[2] / 3));
      var h = w * box[3] / box[2];
      box = [p.x - w / 2, p.y - h / 2, w, h];
      apply();
    }

    view.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, p[0], p[1]);
    }, { passive: false });

    var drag = null;
    view.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
    });
    view.addEventListener("pointermove", function (e) {
      if (!drag || e.pointerId !== drag.id) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        view.classList.add("dragging");
        try { view.setPointerCapture(e.pointerId); } catch (err) { /* ignore */ }
      }
      var s = scale();
      pan(-dx / s, -dy / s);
      drag.x = e.clientX; drag.y = e.clientY;
    });
    function endDrag(e) {
      if (!drag) return;
      if (drag.moved) {
        // Swallow the click that ends a drag.
        view.addEventListener("click", function stop(ev) { ev.stopPropagation(); ev.preventDefault(); }, { capture: true, once: true });
      }
      view.classList.remove("dragging");
      drag = null;
    }
    view.addEventListener("pointerup", endDrag);
    view.addEventListener("pointercancel", endDrag);

    view.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var step = box[2] / 10;
      var handled = true;
      switch (e.key) {
        case "ArrowLeft": pan(-step, 0); break;
        case "ArrowRight": pan(step, 0); break;
        case "ArrowUp": pan(0, -step); break;
        case "ArrowDown": pan(0, step); break;
        case "+": case "=": zoom(1.25); break;
        case "-": case "_": zoom(0.8); break;
        case "0": reset(); break;
        default: handled = false;
      }
      if (handled) e.preventDefault();
    });

    $all("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var z = b.getAttribute("data-zoom");
        if (z === "in") zoom(1.25); else if (z === "out") zoom(0.8); else reset();
      });
    });

    // A click on a node (or Enter on a focused one) opens its card; a link drawn
    // inside a node stays a link.
    function nodeOf(target) {
      if (!target.closest || target.closest("a")) return null;
      var g = target.closest("g.node");
      return g && g.id && g.id.indexOf("node-") === 0 ? g : null;
    }
    svg.addEventListener("click", function (e) {
      var g = nodeOf(e.target);
      if (g) openCard(g.id.slice(5));
    });
    svg.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      var g = nodeOf(e.target);
      if (!g) return;
      e.preventDefault();
      openCard(g.id.slice(5));
    });

    window.addEventListener("beforeprint", reset);
    return { reset: reset, centerOn: centerOn };
  }

  function mapNode(id) {
    var el = doc.getElementById("node-" + id);
    return el && svg && svg.contains(el) ? el : null;
  }

  /* ---------------------------------------------------------------- cards and filters */
  var cards = $all("article.card");
  var byId = {};
  cards.forEach(function (c) {
    var tags = [];
    try { tags = JSON.parse(c.getAttribute("data-tags") || "[]"); } catch (e) { tags = []; }
    var text = [c.getAttribute("data-id") || ""].concat(tags);
    var t = $(".text", c); if (t) text.push(t.textContent);
    var n = $(".note", c); if (n) text.push(n.textContent);
    var by = $(".by", c); if (by) text.push(by.textContent);
    c._crux = { id: c.getAttribute("data-id"), kind: c.getAttribute("data-kind"), verdict: c.getAttribute("data-verdict"), tags: tags, text: text.join("\n").toLowerCase() };
    byId[c._crux.id] = c;
  });
  // Edges of the map with their two ends, from the relations the cards list.
  var edges = [];
  $all("li[data-edge]").forEach(function (li) {
    var card = li.closest("article.card");
    var el = doc.getElementById(li.getAttribute("data-edge"));
    if (card && el && svg && svg.contains(el)) edges.push({ el: el, from: card._crux.id, to: li.getAttribute("data-target") });
  });

  var form = $("#filters");
  var q = $("#q");
  var tagSelect = $("#tag");
  var shown = $("#shown");
  var none = $("#none");

  function filter() {
    var words = (q ? q.value : "").toLowerCase().split(/\s+/).filter(Boolean);
    var kinds = {};
    $all("input[name=kind]").forEach(function (k) { kinds[k.value] = k.checked; });
    var verdicts = {};
    $all("input[name=verdict]").forEach(function (v) { verdicts[v.value] = v.checked; });
    var tag = tagSelect ? tagSelect.value : "";
    var count = 0;
    var visible = {};
    cards.forEach(function (c) {
      var d = c._crux;
      var ok = kinds[d.kind] !== false && verdicts[d.verdict] !== false &&
        (!tag || d.tags.indexOf(tag) >= 0) &&
        words.every(function (w) { return d.text.indexOf(w) >= 0; });
      c.hidden = !ok;
      visible[d.id] = ok;
      if (ok) count++;
      var node = mapNode(d.id);
      if (node) node.classList.toggle("dim", !ok);
    });
    edges.forEach(function (e) { e.el.classList.toggle("dim", !(visible[e.from] && visible[e.to])); });
    if (shown) {
      shown.textContent = count + " of " + cards.length + " shown";
      shown.setAttribute("data-shown", String(count));
    }
    if (none) none.hidden = count > 0;
  }

  function clearFilters() {
    if (form) form.reset();
    filter();
  }

  if (form) {
    form.addEventListener("input", filter);
    form.addEventListener("change", filter);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(filter, 0); });
  }
  if (q) {
    q.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { q.value = ""; filter(); }
    });
  }
  $all("[data-action=clear]").forEach(function (b) { b.addEventListener("click", clearFilters); });
  $all("button.tag").forEach(function (b) {
    b.addEventListener("click", function () {
      if (!tagSelect) return;
      tagSelect.value = b.getAttribute("data-tag");
      filter();
      tagSelect.focus();
    });
  });
  $all("button.locate").forEach(function (b) {
    var id = b.getAttribute("data-node");
    var node = mapNode(id);
    if (!node || !map) { b.hidden = true; return; }
    b.addEventListener("click", function () {
      map.centerOn(node);
      $all("g.node.found", svg).forEach(function (g) { g.classList.remove("found"); });
      node.classList.add("found");
      view.scrollIntoView({ block: "center" });
      view.focus({ preventScroll: true });
    });
  });

  function openCard(id) {
    var card = byId[id];
    if (!card) return;
    if (card.hidden) clearFilters();
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", "#card-" + id);
    card.scrollIntoView({ block: "start" });
    card.classList.add("flash");
    window.setTimeout(function () { card.classList.remove("flash"); }, 1600);
    var link = $(".card-id a", card);
    if (link) link.focus({ preventScroll: true });
  }
  // An in-page link to a hidden card shows it.
  window.addEventListener("hashchange", function () {
    var m = /^#card-(.+)$/.exec(window.location.hash);
    if (m && byId[m[1]] && byId[m[1]].hidden) { clearFilters(); byId[m[1]].scrollIntoView(); }
  });

  // "/" focuses the search box, as on many sites.
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    if (q) { e.preventDefault(); q.focus(); }
  });

  // Print everything: all cards, previews open, the whole map.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = $all("details:not([open])");
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // In-page links land below the sticky toolbar, whatever its height.
  var bar = form;
  function padScroll() {
    if (bar) root.style.scrollPaddingTop = (bar.offsetHeight + 16) + "px";
  }
  window.addEventListener("resize", padScroll);
  padScroll();

  // Test hook: `page.html#test-search=gpu` types "gpu" into the search box on load.
  var hook = /^#test-search=(.*)$/.exec(window.location.hash);
  if (hook && q) {
    q.value = decodeURIComponent(hook[1]);
    q.dispatchEvent(new Event("input", { bubbles: true }));
  }
  filter();
})();
