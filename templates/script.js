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
  // The map opens legible: at a zoom where the smallest node text is at least
  // LEGIBLE_PX screen pixels, centred on the debate's thesis, unless the whole debate
  // fits at that zoom (then it opens fitted). One debate (connected part) is drawn at
  // a time; each keeps its own view.
  var LEGIBLE_PX = 11;
  var view = $("#map-view");
  var svg = view ? $("svg", view) : null;
  var map = null;
  if (svg) map = setUpMap(view, svg);

  function setUpMap(view, svg) {
    var whole = readViewBox(svg);
    if (!whole) return null;
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    var SVGNS = "http://www.w3.org/2000/svg";

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

    // The nodes, their boxes (in map units) and their debate.
    var nodes = $all("g.node[id^='node-']", svg);
    var info = {};
    var partOfId = {};
    $all("article.card[data-part]").forEach(function (c) { partOfId[c.getAttribute("data-id")] = c.getAttribute("data-part"); });
    var smallest = 13;
    nodes.forEach(function (g) {
      var id = g.id.slice(5);
      var shape = $("rect.box", g) || g;
      var b = null;
      try { var bb = shape.getBBox(); b = [bb.x, bb.y, bb.width, bb.height]; } catch (e) { b = null; }
      info[id] = { el: g, box: b, part: partOfId[id] || "0" };
      // Links inside a node must not take its click (nor a Tab stop of their own).
      $all("a", g).forEach(function (a) { a.setAttribute("tabindex", "-1"); });
    });
    var sample = nodes[0];
    if (sample) {
      $all("text", sample).forEach(function (t) {
        var size = parseFloat(window.getComputedStyle(t).fontSize);
        if (size > 0 && size < smallest) smallest = size;
      });
    }
    // Screen pixels per map unit at which the smallest node text is legible.
    var legible = LEGIBLE_PX / smallest;
    var edgeEls = $all("g.edge", svg).map(function (el) {
      var s = el.getAttribute("data-source");
      return { el: el, part: s && info[s] ? info[s].part : null };
    });

    var tabs = $all("button.debate-tab");
    var current = tabs.length ? tabs[0].getAttribute("data-part") : null;
    var views = {};
    var box = whole.slice();
    var minimapBox = $("#minimap-box");
    var minimap = $("#minimap");
    var miniNodes = minimap ? $(".minimap-nodes", minimap) : null;
    var miniView = minimap ? $(".minimap-view", minimap) : null;

    function inPart(id) { return current === null || info[id].part === current; }
    function size() {
      var r = view.getBoundingClientRect();
      return [Math.max(r.width, 1), Math.max(r.height, 1)];
    }
    // The drawn extent of the debate shown, with a margin (computed once per switch).
    var partBounds = null;
    function bounds() {
      if (!partBounds) partBounds = measure();
      return partBounds;
    }
    function measure() {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      Object.keys(info).forEach(function (id) {
        var b = info[id].box;
        if (!b || !inPart(id)) return;
        x0 = Math.min(x0, b[0]); y0 = Math.min(y0, b[1]);
        x1 = Math.max(x1, b[0] + b[2]); y1 = Math.max(y1, b[1] + b[3]);
      });
      if (!isFinite(x0)) return whole.slice();
      var m = 30;
      return [x0 - m, y0 - m, x1 - x0 + 2 * m, y1 - y0 + 2 * m];
    }
    function boxAt(cx, cy, s) {
      var v = size();
      return [cx - v[0] / 2 / s, cy - v[1] / 2 / s, v[0] / s, v[1] / s];
    }
    function fitScale(b) { var v = size(); return Math.min(v[0] / b[2], v[1] / b[3]); }
    function fitBox() {
      var b = bounds();
      return boxAt(b[0] + b[2] / 2, b[1] + b[3] / 2, Math.min(fitScale(b), legible * 1.6));
    }
    function thesisOf() {
      var tab = tabs.filter(function (t) { return t.getAttribute("data-part") === current; })[0];
      var id = tab ? tab.getAttribute("data-thesis") : null;
      if (!id) {
        var g = nodes.filter(function (n) { return n.classList.contains("thesis") && inPart(n.id.slice(5)); })[0]
          || nodes.filter(function (n) { return inPart(n.id.slice(5)); })[0];
        id = g ? g.id.slice(5) : null;
      }
      return id && info[id] && info[id].box ? info[id] : null;
    }
    // The opening view: fitted when the debate fits legibly, else legible and
    // centred on the thesis (without empty space above the topmost box).
    function opening() {
      var b = bounds();
      if (fitScale(b) >= legible) return fitBox();
      var t = thesisOf();
      if (!t) return fitBox();
      var s = legible * 1.02;
      var cx = t.box[0] + t.box[2] / 2, cy = t.box[1] + t.box[3] / 2;
      var h = size()[1] / s;
      if (cy - h / 2 < b[1]) cy = b[1] + h / 2;
      return boxAt(cx, cy, s);
    }
    var shownBounds = null;
    function apply() {
      svg.setAttribute("viewBox", box.map(function (v) { return Math.round(v * 100) / 100; }).join(" "));
      // The overview only while part of the debate is out of view.
      if (minimapBox && shownBounds) {
        var b = shownBounds;
        minimapBox.hidden = b[0] >= box[0] && b[1] >= box[1] && b[0] + b[2] <= box[0] + box[2] && b[1] + b[3] <= box[1] + box[3];
      }
      if (miniView) {
        miniView.setAttribute("x", box[0]); miniView.setAttribute("y", box[1]);
        miniView.setAttribute("width", box[2]); miniView.setAttribute("height", box[3]);
      }
    }
    // When the map's box changes size (the card beside it opens or closes, the
    // window is resized), the zoom and the centre stay.
    var laidOut = size();
    function resized() {
      var v = size();
      if (v[0] === laidOut[0] && v[1] === laidOut[1]) return;
      var s = Math.min(laidOut[0] / box[2], laidOut[1] / box[3]);
      laidOut = v;
      box = boxAt(box[0] + box[2] / 2, box[1] + box[3] / 2, s);
      apply();
    }
    if (window.ResizeObserver) new window.ResizeObserver(resized).observe(view);
    else window.addEventListener("resize", resized);
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
      // Limits: from a quarter of the fitted debate to four times the legible zoom.
      var s = fitScale(box) * factor;
      var least = Math.min(fitScale(bounds()) / 4, legible / 4);
      if ((factor < 1 && s < least) || (factor > 1 && s > legible * 4)) return;
      if (cx === undefined) { cx = box[0] + box[2] / 2; cy = box[1] + box[3] / 2; }
      box = [cx - (cx - box[0]) / factor, cy - (cy - box[1]) / factor, box[2] / factor, box[3] / factor];
      apply();
    }
    function pan(dx, dy) { box[0] += dx; box[1] += dy; apply(); }
    function reset() { box = opening(); apply(); }
    function fit() { box = fitBox(); apply(); }
    // Centres the view on a node, at least at the legible zoom.
    function centerOn(g) {
      var i = info[g.id.slice(5)];
      if (!i || !i.box) return;
      if (!inPart(g.id.slice(5))) showPart(i.part);
      var s = Math.max(fitScale(box), legible * 1.02);
      box = boxAt(i.box[0] + i.box[2] / 2, i.box[1] + i.box[3] / 2, s);
      apply();
    }
    // Pans just enough to bring a node into view.
    function reveal(g) {
      var i = info[g.id.slice(5)];
      if (!i || !i.box) return;
      if (!inPart(g.id.slice(5))) { centerOn(g); return; }
      var b = i.box, m = 20 / scale();
      var dx = 0, dy = 0;
      if (b[2] + 2 * m > box[2] || b[3] + 2 * m > box[3]) { centerOn(g); return; }
      if (b[0] - m < box[0]) dx = b[0] - m - box[0];
      else if (b[0] + b[2] + m > box[0] + box[2]) dx = b[0] + b[2] + m - box[0] - box[2];
      if (b[1] - m < box[1]) dy = b[1] - m - box[1];
      else if (b[1] + b[3] + m > box[1] + box[3]) dy = b[1] + b[3] + m - box[1] - box[3];
      if (dx || dy) pan(dx, dy);
    }

    // The overview: the debate's boxes and the rectangle in view.
    function drawMinimap() {
      if (!minimap || !miniNodes) return;
      var b = bounds();
      while (miniNodes.firstChild) miniNodes.removeChild(miniNodes.firstChild);
      Object.keys(info).forEach(function (id) {
        var i = info[id];
        if (!i.box || !inPart(id)) return;
        var r = doc.createElementNS(SVGNS, "rect");
        r.setAttribute("x", i.box[0]); r.setAttribute("y", i.box[1]);
        r.setAttribute("width", i.box[2]); r.setAttribute("height", i.box[3]);
        r.setAttribute("class", i.el.getAttribute("class").replace(/\bnode\b/, "mini"));
        miniNodes.appendChild(r);
      });
      minimap.setAttribute("viewBox", b.join(" "));
      minimap.setAttribute("preserveAspectRatio", "xMidYMid meet");
      // At most 180 by 140 px, and never thinner than 40 px (a very wide or tall
      // debate is drawn in a band across it).
      var w = 180, h = Math.max(40, Math.round(w * b[3] / b[2]));
      if (h > 140) { h = 140; w = Math.max(40, Math.round(h * b[2] / b[3])); }
      minimap.style.width = w + "px";
      minimap.style.height = h + "px";
      shownBounds = b;
    }
    if (minimap) {
      var miniDrag = null;
      var moveTo = function (e) {
        var m = minimap.getScreenCTM();
        if (!m) return;
        var p = minimap.createSVGPoint();
        p.x = e.clientX; p.y = e.clientY;
        p = p.matrixTransform(m.inverse());
        box = [p.x - box[2] / 2, p.y - box[3] / 2, box[2], box[3]];
        apply();
      };
      minimap.addEventListener("pointerdown", function (e) {
        if (e.button !== 0) return;
        e.preventDefault();
        miniDrag = e.pointerId;
        try { minimap.setPointerCapture(e.pointerId); } catch (err) { /* ignore */ }
        moveTo(e);
      });
      minimap.addEventListener("pointermove", function (e) { if (miniDrag === e.pointerId) moveTo(e); });
      var endMini = function () { miniDrag = null; };
      minimap.addEventListener("pointerup", endMini);
      minimap.addEventListener("pointercancel", endMini);
    }

    // One debate at a time: only its nodes and relations are drawn.
    function showPart(p, first) {
      if (current !== null && !first) views[current] = box.slice();
      current = p;
      partBounds = null;
      Object.keys(info).forEach(function (id) { info[id].el.classList.toggle("off-part", !inPart(id)); });
      edgeEls.forEach(function (e) { e.el.classList.toggle("off-part", current !== null && e.part !== null && e.part !== current); });
      tabs.forEach(function (t) {
        var on = t.getAttribute("data-part") === p;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
      });
      svg.setAttribute("data-part", p === null ? "" : p);
      drawMinimap();
      box = views[p] ? views[p] : opening();
      apply();
    }
    tabs.forEach(function (t, k) {
      t.addEventListener("click", function () { showPart(t.getAttribute("data-part")); });
      t.addEventListener("keydown", function (e) {
        var step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
        if (!step) return;
        e.preventDefault();
        var next = tabs[(k + step + tabs.length) % tabs.length];
        next.focus();
        showPart(next.getAttribute("data-part"));
      });
    });
    showPart(current, true);

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
    function endDrag() {
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
      if (e.key === "Tab") {
        // Through the nodes of the debate shown, bringing each into view without
        // scrolling the page; past the last one, on to the rest of the page.
        var drawn = nodes.filter(function (g) { return inPart(g.id.slice(5)); });
        var at = drawn.indexOf(nodeOf(e.target));
        var next = e.target === view ? (e.shiftKey ? null : drawn[0]) : drawn[at + (e.shiftKey ? -1 : 1)];
        if (next) {
          e.preventDefault();
          next.focus({ preventScroll: true });
          reveal(next);
        }
        return;
      }
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
        case "f": case "F": fit(); break;
        default: handled = false;
      }
      if (handled) e.preventDefault();
    });
    // A node reached with Tab is brought into view; the box never scrolls itself.
    view.addEventListener("focusin", function (e) {
      view.scrollTop = 0; view.scrollLeft = 0;
      var g = nodeOf(e.target);
      var keyboard = true;
      try { keyboard = g && g.matches(":focus-visible"); } catch (err) { /* older browsers */ }
      if (g && keyboard) reveal(g);
    });
    view.addEventListener("scroll", function () { view.scrollTop = 0; view.scrollLeft = 0; });

    $all("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var z = b.getAttribute("data-zoom");
        if (z === "in") zoom(1.25); else if (z === "out") zoom(0.8); else if (z === "fit") fit(); else reset();
      });
    });

    // A click anywhere on a node (its text and the links drawn in it included), or
    // Enter on a focused one, selects it and opens its card beside the map.
    svg.addEventListener("click", function (e) {
      var g = nodeOf(e.target);
      if (!g) return;
      e.preventDefault();
      select(g.id.slice(5));
    });
    svg.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      var g = nodeOf(e.target);
      if (!g) return;
      e.preventDefault();
      select(g.id.slice(5));
    });

    // Print the whole map, every debate.
    var printed = null;
    window.addEventListener("beforeprint", function () {
      printed = { box: box.slice() };
      $all(".off-part", svg).forEach(function (el) { el.classList.add("was-off"); el.classList.remove("off-part"); });
      box = whole.slice(); apply();
    });
    window.addEventListener("afterprint", function () {
      if (!printed) return;
      $all(".was-off", svg).forEach(function (el) { el.classList.remove("was-off"); el.classList.add("off-part"); });
      box = printed.box; apply();
      printed = null;
    });
    return { reset: reset, fit: fit, centerOn: centerOn, reveal: reveal, resized: resized };
  }

  function nodeOf(target) {
    var g = target && target.closest ? target.closest("g.node") : null;
    return g && g.id && g.id.indexOf("node-") === 0 && svg && svg.contains(g) ? g : null;
  }

  function mapNode(id) {
    var el = doc.getElementById("node-" + id);
    return el && svg && svg.contains(el) ? el : null;
  }

  /* ---------------------------------------------------------------- the selected node */
  var side = $("#side");
  var sideBody = $("#side-body");
  var selected = null;

  function clearSelection() {
    if (!svg) return;
    svg.classList.remove("has-selection");
    $all(".selected, .hl, .hl-supports, .hl-attacks, .hl-contradicts, .hl-undercuts", svg).forEach(function (el) {
      el.classList.remove("selected", "hl", "hl-supports", "hl-attacks", "hl-contradicts", "hl-undercuts");
    });
  }
  // Selects a node: it and what bears on it (supporters, attackers, undercuts) are
  // highlighted, and its card opens beside the map, without scrolling the page.
  function select(id) {
    var card = byId[id];
    var node = mapNode(id);
    if (!card) return;
    clearSelection();
    selected = id;
    if (node && svg) {
      svg.classList.add("has-selection");
      node.classList.add("selected", "hl");
      $all("li[data-in-edge]", card).forEach(function (li) {
        var edge = doc.getElementById(li.getAttribute("data-in-edge"));
        var from = mapNode(li.getAttribute("data-source"));
        var rel = ["supports", "attacks", "contradicts", "undercuts"].filter(function (r) { return li.classList.contains(r); })[0] || "supports";
        if (edge && svg.contains(edge)) edge.classList.add("hl", "hl-" + rel);
        if (from) from.classList.add("hl", "hl-" + rel);
      });
    }
    if (side && sideBody) {
      var copy = card.cloneNode(true);
      copy.hidden = false;
      copy.removeAttribute("id");
      copy.classList.remove("flash");
      $all("[id]", copy).forEach(function (el) { el.removeAttribute("id"); });
      copy.removeAttribute("aria-labelledby");
      copy.setAttribute("aria-label", "Card of " + id);
      while (sideBody.firstChild) sideBody.removeChild(sideBody.firstChild);
      sideBody.appendChild(copy);
      sideBody.scrollTop = 0;
      side.hidden = false;
      root.classList.add("side-open");
      if (map) map.resized();
    }
    if (node && map) map.reveal(node);
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", "#card-" + id);
  }
  function closeSide() {
    if (!side || side.hidden) return false;
    side.hidden = true;
    root.classList.remove("side-open");
    if (map) map.resized();
    clearSelection();
    var node = selected ? mapNode(selected) : null;
    selected = null;
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", window.location.pathname + window.location.search);
    if (node) node.focus({ preventScroll: true });
    return true;
  }
  if (side) {
    $("#side-close").addEventListener("click", closeSide);
    // Inside the card beside the map, links to other cards open those there.
    sideBody.addEventListener("click", function (e) {
      var a = e.target.closest ? e.target.closest("a[href^='#card-']") : null;
      if (a) {
        e.preventDefault();
        select(decodeURIComponent(a.getAttribute("href").slice(6)));
        return;
      }
      var locate = e.target.closest ? e.target.closest("button.locate") : null;
      if (locate && map) {
        var n = mapNode(locate.getAttribute("data-node"));
        if (n) map.centerOn(n);
        return;
      }
      var tag = e.target.closest ? e.target.closest("button.tag") : null;
      if (tag && tagSelect) { tagSelect.value = tag.getAttribute("data-tag"); filter(); }
    });
  }
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    if (closeSide()) e.preventDefault();
  });

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
