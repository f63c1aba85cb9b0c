/* crux page script: draws the map from the page's data (only what is in view), pan and
   zoom, collapse and focus, cards, search and filters, theme. It reads the data block
   with JSON.parse and puts strings into the page only as text or attribute values;
   no user data is ever in this file. */
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

  /* ---------------------------------------------------------------- map data */
  // The map is stored once, as tables (see the `crux-data` block); only what is in
  // view is drawn, as SVG. Strings from the data reach the page only as text and
  // attribute values, never as markup.
  var SVGNS = "http://www.w3.org/2000/svg";
  var KINDS = ["thesis", "claim", "counter", "evidence"];
  var VERDICTS = ["stands", "falls", "open"];
  var BADGES = ["\u2713 STANDS", "\u2717 FALLS", "? OPEN"];
  var GLYPHS = ["\u2713", "\u2717", "?"];
  var LABELS = ["IN", "OUT", "UNDEC"];
  var RELS = ["supports", "attacks", "contradicts", "undercuts"];
  var BORDERS = [["3", null], ["2.5", "7 4"], ["1.5", "2 3"]];
  // Levels of detail: text is drawn when the statement is at least TEXT_PX on screen;
  // when more than MAX_DRAWN boxes are in view, the debate is drawn as a few paths.
  var TEXT_PX = 4;
  var MAX_DRAWN = 1500;
  // Debates larger than this open collapsed below the depth that keeps at most
  // OPEN_VISIBLE nodes drawn.
  var AUTO_COLLAPSE = 300;
  var OPEN_VISIBLE = 150;

  var D = null;
  var dataEl = $("#crux-data");
  if (dataEl) {
    try { D = JSON.parse(dataEl.textContent); } catch (e) { D = null; }
  }
  var N = D ? D.id.length : 0;
  var E = D ? D.source.length : 0;
  var indexOf = new Map();
  for (var ni = 0; ni < N; ni++) indexOf.set(D.id[ni], ni);
  function nodeIndex(id) { var i = indexOf.get(id); return i === undefined ? -1 : i; }
  // A card's statement: stored only where it differs from the box's lines.
  function cardText(i) { var c = D.cards[i]; return typeof c.text === "string" ? c.text : D.lines[i].join(" "); }

  function el(name, attrs, text) {
    var e = doc.createElementNS(SVGNS, name);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function html(name, attrs, text) {
    var e = doc.createElement(name);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Whole numbers written five bits a character (see `varints` in src/render/html.rs):
  // a digit of 32 or more says that more bits follow; zigzag-coded.
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var di = 0; di < 64; di++) DIGIT[DIGITS.charCodeAt(di)] = di;
  function varints(text) {
    var out = [], z = 0, scale = 1;
    if (typeof text !== "string") return Array.isArray(text) ? text : out;
    for (var k = 0; k < text.length; k++) {
      var c = text.charCodeAt(k), d = c < 128 ? DIGIT[c] : -1;
      if (d < 0) return out;
      z += (d & 31) * scale;
      scale *= 32;
      if (d < 32) { out.push(z % 2 ? -(z + 1) / 2 : z / 2); z = 0; scale = 1; }
    }
    return out;
  }
  function safeHref(u) { return typeof u === "string" && /^(https?:|mailto:)/i.test(u) ? u : null; }

  /* ---------------------------------------------------------------- map */
  // The map opens legible: at a zoom where the smallest node text is at least
  // LEGIBLE_PX screen pixels, centred on the debate's thesis, unless the whole debate
  // fits at that zoom (then it opens fitted). One debate (connected part) is drawn at
  // a time; each keeps its own view.
  var LEGIBLE_PX = 11;
  var SMALLEST = 10.5;
  var view = $("#map-view");
  var svg = view ? $("svg", view) : null;
  var map = null;
  var STORE = "crux-page:" + window.location.pathname;
  var restoring = false;
  try {
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    restoring = !!nav && (nav.type === "reload" || nav.type === "back_forward");
  } catch (e) { restoring = false; }
  var saved = null;
  if (restoring) {
    try { saved = JSON.parse(window.sessionStorage.getItem(STORE) || "null"); } catch (e) { saved = null; }
  }
  if (svg && D && N) map = setUpMap(view, svg);

  function setUpMap(view, svg) {
    var whole = [0, 0, 1, 1];
    (function () {
      var vb = (svg.getAttribute("viewBox") || "").trim().split(/[\s,]+/).map(Number);
      if (vb.length === 4 && vb.every(isFinite) && vb[2] > 0 && vb[3] > 0) whole = vb;
    })();
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    var farLayer = $("g.far", svg), edgeLayer = $("g.edges", svg), nodeLayer = $("g.nodes", svg);
    var B = D.boxes;
    var heads = new Map();
    D.heads.forEach(function (h) { heads.set(h[0], h[1]); });
    function headOf(i) { return heads.get(i) || [BADGES[D.verdict[i]] + " \u00b7 " + KINDS[D.kind[i]].toUpperCase() + " \u00b7 " + D.id[i]]; }
    // Boxes whose own data refutes them say so after their strength (as crux draws them).
    var rtl = new Map((D.rtl || []).map(function (e) { return [e[0], new Set(e[1])]; }));
    var refuted = new Set(D.refuted || []), REFUTED = " \u00b7 \u2717 refuted by its data";
    var links = new Map();
    D.links.forEach(function (l) { var u = safeHref(l[1]); if (u) links.set(l[0], u); });
    // The tree: a node's children are the nodes that bear on it.
    var children = [], parents = [], incoming = [];
    for (var i = 0; i < N; i++) { children.push([]); parents.push(0); incoming.push([]); }
    for (var e = 0; e < E; e++) {
      var s = D.source[e], t = D.target[e];
      incoming[t].push(e);
      if (s !== t) { children[t].push(s); parents[s]++; }
    }
    // Each relation's extent, for drawing only those in view.
    var ebox = new Float64Array(E * 4);
    for (e = 0; e < E; e++) {
      // A route is stored as its first point and the steps to the next ones.
      var r = D.routes[e] = varints(D.routes[e]);
      for (var j = 2; j < r.length; j++) r[j] += r[j - 2];
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (var k = 0; k + 1 < r.length; k += 2) {
        x0 = Math.min(x0, r[k]); x1 = Math.max(x1, r[k]); y0 = Math.min(y0, r[k + 1]); y1 = Math.max(y1, r[k + 1]);
      }
      var w = D.weights[e];
      if (w.length === 4) { x0 = Math.min(x0, w[0]); y0 = Math.min(y0, w[1]); x1 = Math.max(x1, w[0] + w[2]); y1 = Math.max(y1, w[1] + w[3]); }
      ebox[4 * e] = x0; ebox[4 * e + 1] = y0; ebox[4 * e + 2] = x1; ebox[4 * e + 3] = y1;
    }
    // The layout in use: the one crux computed, or, while nodes are collapsed, a
    // compact one of what is shown (see relayout).
    var B0 = B, RT = D.routes, WL = D.weights, EB = ebox;
    var partNodes = {}, partEdges = {};
    for (i = 0; i < N; i++) (partNodes[D.part[i]] = partNodes[D.part[i]] || []).push(i);
    for (e = 0; e < E; e++) (partEdges[D.part[D.source[e]]] = partEdges[D.part[D.source[e]]] || []).push(e);

    var tabs = $all("button.debate-tab");
    var current = tabs.length ? tabs[0].getAttribute("data-part") : null;
    var views = {};
    var box = whole.slice();
    var minimapBox = $("#minimap-box");
    var minimap = $("#minimap");
    var miniNodes = minimap ? $(".minimap-nodes", minimap) : null;
    var miniView = minimap ? $(".minimap-view", minimap) : null;
    var focusBar = $("#focus-bar"), focusName = $("#focus-name"), focusDepth = $("#focus-depth");
    var legible = LEGIBLE_PX / SMALLEST;

    // What is shown: collapsed nodes hide what bears on them; a focus shows one node
    // and the levels around it.
    var collapsed = new Set();
    var autoDone = {};
    var focus = null;
    var hidden = new Uint8Array(N);
    var hiddenUnder = new Map();
    // Search and selection.
    var dim = new Uint8Array(N);
    var selected = -1, found = -1;
    var hlNodes = new Map(), hlEdges = new Map();

    function partKey(i) { return String(D.part[i]); }
    function inPart(i) { return current === null || partKey(i) === current; }
    function shown(i) { return inPart(i) && !hidden[i]; }
    function edgeShown(e) {
      if (!shown(D.source[e]) || !shown(D.target[e])) return false;
      var u = D.undercuts[e];
      return u < 0 || (shown(D.source[u]) && shown(D.target[u]));
    }
    function nodesOfPart() { return current === null ? Object.keys(partNodes).reduce(function (a, p) { return a.concat(partNodes[p]); }, []) : (partNodes[current] || []); }
    function edgesOfPart() { return current === null ? Object.keys(partEdges).reduce(function (a, p) { return a.concat(partEdges[p]); }, []) : (partEdges[current] || []); }

    function recompute() {
      hideNodes();
      relayout();
    }
    function hideNodes() {
      hidden.fill(0);
      hiddenUnder = new Map();
      if (focus) {
        // Every node within `depth` relations of the focused one, either way.
        var dist = new Map([[focus.node, 0]]), queue = [focus.node];
        for (var q = 0; q < queue.length; q++) {
          var n = queue[q], d = dist.get(n);
          if (d >= focus.depth) continue;
          var near = children[n].slice();
          incoming[n].forEach(function (e) { near.push(D.source[e]); });
          (outgoing[n] || []).forEach(function (e) { near.push(D.target[e]); });
          near.forEach(function (m) { if (!dist.has(m)) { dist.set(m, d + 1); queue.push(m); } });
        }
        for (var i = 0; i < N; i++) hidden[i] = dist.has(i) ? 0 : 1;
        return;
      }
      if (!collapsed.size) return;
      // Reached from the roots without passing a collapsed node: shown.
      var reached = new Uint8Array(N), stack = [];
      for (i = 0; i < N; i++) if (!parents[i] || !(outgoing[i] || []).length) { reached[i] = 1; stack.push(i); }
      while (stack.length) {
        var n2 = stack.pop();
        if (collapsed.has(n2)) continue;
        children[n2].forEach(function (c) { if (!reached[c]) { reached[c] = 1; stack.push(c); } });
      }
      collapsed.forEach(function (c) {
        var seen = new Set(), st = children[c].slice();
        while (st.length) {
          var m = st.pop();
          if (seen.has(m) || m === c || reached[m]) continue;
          seen.add(m); hidden[m] = 1;
          children[m].forEach(function (x) { st.push(x); });
        }
        hiddenUnder.set(c, seen.size);
      });
    }
    // How many shown nodes collapsing `i` would hide: those below it (through what
    // bears on it) that no shown node outside that set reaches otherwise.
    var hideMemo = new Map(), hideStamp = -1;
    function wouldHide(i) {
      if (hideStamp !== stamp) { hideMemo = new Map(); hideStamp = stamp; }
      if (hideMemo.has(i)) return hideMemo.get(i);
      var below = new Set(), st = [i];
      while (st.length) {
        var m = st.pop();
        if (m !== i && collapsed.has(m)) continue;
        children[m].forEach(function (c) { if (c !== i && !below.has(c) && !hidden[c]) { below.add(c); st.push(c); } });
      }
      var kept = new Set(), seeds = [];
      below.forEach(function (m) {
        var outside = outgoing[m].some(function (e) {
          var t = D.target[e];
          return t !== i && !below.has(t) && !hidden[t] && !collapsed.has(t);
        });
        if (outside) { kept.add(m); seeds.push(m); }
      });
      while (seeds.length) {
        var k = seeds.pop();
        if (collapsed.has(k)) continue;
        children[k].forEach(function (c) { if (below.has(c) && !kept.has(c)) { kept.add(c); seeds.push(c); } });
      }
      var count = below.size - kept.size;
      hideMemo.set(i, count);
      return count;
    }
    // While nodes are collapsed, the debates that hold them are laid out again, compact:
    // each shown node under the one it bears on (the first such above it), subtrees
    // side by side in their old order, rows where they were; relations drawn as
    // elbows through the gaps between rows (see below).
    var GAP = 30;
    // Routes: half a gap where there is no row beyond, how far a column keeps from
    // boxes, the step between ports and how far they keep from a box's corners, the
    // reach of a self-loop, and how far beside its end an undercut turns in.
    var HALF_GAP = 40, COLUMN_ROOM = 12, PORT_STEP = 36, PORT_ROOM = 24, LOOP = 18, UNDERCUT_SIDE = 24;
    function relayout() {
      B = B0; RT = D.routes; WL = D.weights; EB = ebox;
      if (focus || printing || !collapsed.size) return;
      var parts = {};
      collapsed.forEach(function (c) { parts[D.part[c]] = true; });
      B = B0.slice(); RT = D.routes.slice(); WL = D.weights.slice(); EB = new Float64Array(ebox);
      var partRows = {};
      // Room beside a box for its self-loop and the loop's label.
      var loopRoom = new Map();
      for (var e0 = 0; e0 < E; e0++) {
        var s0 = D.source[e0];
        if (s0 !== D.target[e0] || D.undercuts[e0] >= 0 || !parts[D.part[s0]] || !edgeShown(e0)) continue;
        var lw0 = D.weights[e0];
        loopRoom.set(s0, Math.max(loopRoom.get(s0) || 0, LOOP + 4 + (lw0.length === 4 ? lw0[2] + 4 : 0)));
      }
      Object.keys(parts).forEach(function (p) {
        var nodes = (partNodes[p] || []).filter(function (i) { return !hidden[i]; });
        if (!nodes.length) return;
        var ox = Infinity;
        (partNodes[p] || []).forEach(function (i) { ox = Math.min(ox, B0[4 * i]); });
        // Rows: boxes that overlap vertically share one.
        var rowOf = new Map(), row = -1, bottom = -Infinity;
        var R = partRows[p] = { rowOf: rowOf, rows: [], top: [], bottom: [] };
        nodes.slice().sort(function (a, b) { return B0[4 * a + 1] + B0[4 * a + 3] / 2 - B0[4 * b + 1] - B0[4 * b + 3] / 2; }).forEach(function (i) {
          if (B0[4 * i + 1] >= bottom) { row++; bottom = -Infinity; R.rows.push([]); R.top.push(Infinity); R.bottom.push(-Infinity); }
          bottom = Math.max(bottom, B0[4 * i + 1] + B0[4 * i + 3]);
          rowOf.set(i, row);
          R.rows[row].push(i);
          R.top[row] = Math.min(R.top[row], B0[4 * i + 1]);
          R.bottom[row] = Math.max(R.bottom[row], B0[4 * i + 1] + B0[4 * i + 3]);
        });
        var kids = new Map(), roots = [];
        nodes.forEach(function (i) {
          var up = -1;
          for (var pass = 0; pass < 2 && up < 0; pass++) {
            for (var k = 0; k < outgoing[i].length; k++) {
              var e = outgoing[i][k], t = D.target[e];
              if (pass === 0 && D.relation[e] === 3) continue;
              if (t !== i && !hidden[t] && rowOf.get(t) < rowOf.get(i)) { up = t; break; }
            }
          }
          if (up < 0) roots.push(i);
          else { if (!kids.has(up)) kids.set(up, []); kids.get(up).push(i); }
        });
        function byX(a, b) { return B0[4 * a] - B0[4 * b] || a - b; }
        roots.sort(byX);
        kids.forEach(function (list) { list.sort(byX); });
        // Subtrees side by side as close as their outlines (the extent of each row)
        // allow, each node centred over what bears on it; children first.
        var order = [], st = roots.slice();
        while (st.length) { var n = st.pop(); order.push(n); (kids.get(n) || []).forEach(function (c) { st.push(c); }); }
        var outline = new Map(), off = new Map();
        function pack(list) {
          var acc = new Map(), at = [];
          list.forEach(function (c, k) {
            var o = outline.get(c), shift = 0;
            if (k) {
              shift = -Infinity;
              o.forEach(function (lr, r) { var have = acc.get(r); if (have) shift = Math.max(shift, have[1] + GAP - lr[0]); });
              if (shift === -Infinity) shift = at[k - 1];
            }
            at.push(shift);
            o.forEach(function (lr, r) {
              var have = acc.get(r);
              acc.set(r, have ? [Math.min(have[0], lr[0] + shift), Math.max(have[1], lr[1] + shift)] : [lr[0] + shift, lr[1] + shift]);
            });
          });
          return { outline: acc, at: at };
        }
        for (var a = order.length - 1; a >= 0; a--) {
          var m = order[a], list = kids.get(m) || [], wm = B0[4 * m + 2];
          var mine = new Map([[rowOf.get(m), [0, wm + (loopRoom.get(m) || 0)]]]);
          if (list.length) {
            var packed = pack(list);
            var first = list[0], last = list[list.length - 1];
            var mid = (packed.at[0] + B0[4 * first + 2] / 2 + packed.at[list.length - 1] + B0[4 * last + 2] / 2) / 2;
            var px = mid - wm / 2;
            list.forEach(function (c, k) { off.set(c, packed.at[k] - px); });
            packed.outline.forEach(function (lr, r) {
              var have = mine.get(r);
              mine.set(r, have ? [Math.min(have[0], lr[0] - px), Math.max(have[1], lr[1] - px)] : [lr[0] - px, lr[1] - px]);
            });
          }
          outline.set(m, mine);
        }
        var top = pack(roots), least = Infinity;
        top.outline.forEach(function (lr) { least = Math.min(least, lr[0]); });
        roots.forEach(function (r, k) { B[4 * r] = ox + top.at[k] - least; });
        order.forEach(function (m) {
          (kids.get(m) || []).forEach(function (c) { B[4 * c] = B[4 * m] + off.get(c); });
        });
        // Or crux's layout with the empty strips that hidden nodes leave closed up,
        // whichever is narrower.
        var spans = nodes.map(function (i) { return [B0[4 * i], B0[4 * i] + B0[4 * i + 2] + (loopRoom.get(i) || 0)]; }).sort(function (a, b) { return a[0] - b[0]; });
        var starts = [], cut = [], end = -Infinity, removed = 0;
        spans.forEach(function (sp) {
          if (sp[0] > end) {
            if (end > -Infinity && sp[0] - end > GAP) removed += sp[0] - end - GAP;
            starts.push(sp[0]); cut.push(removed);
          }
          end = Math.max(end, sp[1]);
        });
        function shut(x) {
          var lo = 0, hi = starts.length - 1;
          while (lo < hi) { var md = (lo + hi + 1) >> 1; if (starts[md] <= x) lo = md; else hi = md - 1; }
          return x - cut[lo];
        }
        var x0 = Infinity, x1 = -Infinity;
        nodes.forEach(function (i) { x0 = Math.min(x0, B[4 * i]); x1 = Math.max(x1, B[4 * i] + B0[4 * i + 2] + (loopRoom.get(i) || 0)); });
        if (x1 - x0 > end - removed - spans[0][0]) nodes.forEach(function (i) { B[4 * i] = shut(B0[4 * i]); });
      });
      // The relations between shown nodes of those debates, drawn as elbows through
      // the gaps between rows, clear of every box and weight label: each leaves its
      // source's top by a port of its own and runs up to the middle of the gap above
      // (its label sits on that first leg, in the lower half of the gap, where no other
      // line passes), along the middle of the gap, and up the upper half into a port
      // on its target's bottom. A relation across rows climbs (or drops) through a
      // column free of boxes in the rows between. An undercut ends, from the side, on
      // the last leg of what it undercuts, in the upper half of that gap.
      function channel(R, k) {
        var n = R.top.length;
        if (k <= 0) return R.top[0] - HALF_GAP;
        if (k >= n) return R.bottom[n - 1] + HALF_GAP;
        return (R.bottom[k - 1] + R.top[k]) / 2;
      }
      // Overlapping stretches along a gap's middle would read as one line: each takes
      // the first free track, tracks stepping up into the label-free half.
      var TRACK_STEP = 5, TRACK_ROOM = 16;
      function separate(routed) {
        var undercut = new Set();
        routed.forEach(function (e) { if (D.undercuts[e] >= 0) undercut.add(D.undercuts[e]); });
        Object.keys(parts).forEach(function (p) {
          var R = partRows[p];
          if (!R) return;
          for (var k = 0; k <= R.top.length; k++) {
            var y = channel(R, k), legs = [];
            routed.forEach(function (e) {
              var r = RT[e];
              if (r === D.routes[e] || D.part[D.source[e]] !== +p) return;
              // An undercut of an undercut ends on its horizontal end: it stays.
              var fixed = undercut.has(e) && D.undercuts[e] >= 0;
              for (var j = 0; j + 3 < r.length; j += 2) {
                if (r[j + 1] === y && r[j + 3] === y && r[j] !== r[j + 2]) legs.push([Math.min(r[j], r[j + 2]), Math.max(r[j], r[j + 2]), e, j, fixed]);
              }
            });
            if (legs.length < 2) continue;
            legs.sort(function (a, b) { return b[4] - a[4] || a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
            var tracks = [], track = [];
            legs.forEach(function (l, n) {
              var t = 0;
              while (!l[4] && t < tracks.length && tracks[t].some(function (o) { return o[0] < l[1] + TRACK_ROOM && l[0] < o[1] + TRACK_ROOM; })) t++;
              (tracks[t] = tracks[t] || []).push(l);
              track[n] = t;
            });
            if (tracks.length < 2) continue;
            var above = k > 0 ? R.bottom[k - 1] : y - HALF_GAP;
            var step = Math.min(TRACK_STEP, (y - above - TRACK_ROOM) / (tracks.length - 1));
            if (!(step > 1)) continue;
            legs.forEach(function (l, n) {
              if (!track[n]) return;
              var r = RT[l[2]] = RT[l[2]].slice(), ty = Math.round(y - track[n] * step);
              r[l[3] + 1] = ty; r[l[3] + 3] = ty;
            });
          }
        });
        // Undercuts end halfway up the last leg they undercut, as it now is.
        routed.forEach(function (e) {
          var u = D.undercuts[e], r = RT[e], ru = RT[u];
          if (u < 0 || !ru || ru === D.routes[u] || r === D.routes[e] || r.length < 6) return;
          var n = ru.length, m = r.length;
          if (ru[n - 4] !== ru[n - 2] || r[m - 3] !== r[m - 1] || r[m - 2] !== ru[n - 2]) return;
          var R = partRows[D.part[D.source[e]]], g = R.rowOf.get(D.target[u]) + 1;
          var top = Math.max(Math.min(ru[n - 3], ru[n - 1]), R.bottom[g - 1] || -Infinity);
          var ey = Math.round((Math.max(ru[n - 3], ru[n - 1]) + top) / 2);
          r = RT[e] = r.slice();
          r[m - 3] = ey; r[m - 1] = ey;
        });
      }
      // A column free of boxes in rows lo..hi, nearest to x.
      function column(R, lo, hi, x) {
        var spans = [];
        for (var r = Math.max(lo, 0); r <= Math.min(hi, R.rows.length - 1); r++) {
          R.rows[r].forEach(function (i) { spans.push([B[4 * i] - COLUMN_ROOM, B[4 * i] + B[4 * i + 2] + (loopRoom.get(i) || 0) + COLUMN_ROOM]); });
        }
        spans.sort(function (a, b) { return a[0] - b[0]; });
        // The boxes that overlap, or touch, taken together: x is free or in one of them.
        for (var k = 0, lo2 = null, hi2 = null; k <= spans.length; k++) {
          if (k < spans.length && hi2 !== null && spans[k][0] <= hi2) { hi2 = Math.max(hi2, spans[k][1]); continue; }
          if (hi2 !== null && x > lo2 && x < hi2) return x - lo2 < hi2 - x ? lo2 : hi2;
          if (k < spans.length) { lo2 = spans[k][0]; hi2 = spans[k][1]; }
        }
        return x;
      }
      // Ports: a node's outgoing relations leave its top, its incoming ones enter its
      // bottom, spread out in the order of where they go (or come from).
      var outPort = new Map(), inPort = new Map(), routed = [];
      function spread(i, list, key, into) {
        if (!list.length) return;
        list.sort(function (a, b) { return key(a) - key(b) || a - b; });
        var w = B[4 * i + 2], c = B[4 * i] + w / 2;
        var step = list.length > 1 ? Math.min(PORT_STEP, (w - 2 * PORT_ROOM) / (list.length - 1)) : 0;
        list.forEach(function (e, k) { into.set(e, Math.round(c + (k - (list.length - 1) / 2) * step)); });
      }
      function cx(i) { return B[4 * i] + B[4 * i + 2] / 2; }
      for (var e = 0; e < E; e++) {
        if (!parts[D.part[D.source[e]]] || !edgeShown(e)) continue;
        routed.push(e);
      }
      var outs = new Map(), ins = new Map();
      routed.forEach(function (e) {
        var s = D.source[e], t = D.target[e], u = D.undercuts[e];
        if (s === t && u < 0) return;
        if (!outs.has(s)) outs.set(s, []);
        outs.get(s).push(e);
        if (u < 0) { if (!ins.has(t)) ins.set(t, []); ins.get(t).push(e); }
      });
      outs.forEach(function (list, i) {
        spread(i, list, function (e) { var u = D.undercuts[e]; return cx(u >= 0 ? D.target[u] : D.target[e]); }, outPort);
      });
      ins.forEach(function (list, i) { spread(i, list, function (e) { return cx(D.source[e]); }, inPort); });
      // From the source's port to gap `g` of its debate, at height `y` there: the
      // points, ending in the gap's middle above (or below) the column taken.
      function climb(e, R, g, towards) {
        var s = D.source[e], rs = R.rowOf.get(s), px = outPort.get(e);
        var sy = B[4 * s + 1], ys = channel(R, rs);
        var pts = [px, sy, px, ys];
        if (g !== rs) {
          var lo = g < rs ? g : rs, hi = g < rs ? rs - 1 : g - 1;
          var x = column(R, lo, hi, (px + towards) / 2);
          pts.push(x, ys, x, channel(R, g));
        }
        return pts;
      }
      function labelAt(e, R) {
        var s = D.source[e], lw = D.weights[e];
        if (lw.length !== 4) return;
        var rs = R.rowOf.get(s), y = (channel(R, rs) + Math.min(B[4 * s + 1], R.top[rs])) / 2;
        WL[e] = [Math.round(outPort.get(e) - lw[2] / 2), Math.round(y - lw[3] / 2), lw[2], lw[3]];
      }
      var later = [];
      routed.forEach(function (e) {
        var s = D.source[e], t = D.target[e], R = partRows[D.part[s]];
        if (D.undercuts[e] >= 0) { later.push(e); return; }
        if (s === t) {
          var x = B[4 * s] + B[4 * s + 2], y = B[4 * s + 1], h = B[4 * s + 3], lw = D.weights[e];
          RT[e] = [x, Math.round(y + h / 3), x + LOOP, Math.round(y + h / 3), x + LOOP, Math.round(y + 2 * h / 3), x, Math.round(y + 2 * h / 3)];
          if (lw.length === 4) WL[e] = [x + LOOP + 4, Math.round(y + h / 2 - lw[3] / 2), lw[2], lw[3]];
          return;
        }
        var tx = inPort.get(e), g = R.rowOf.get(t) + 1;
        var pts = climb(e, R, g, tx);
        var y = pts[pts.length - 1];
        pts.push(tx, y, tx, B[4 * t + 1] + B[4 * t + 3]);
        RT[e] = pts;
        labelAt(e, R);
      });
      // Undercuts last, shallowest first (an undercut of an undercut ends on its last
      // leg, which is known by then).
      later.sort(function (a, b) { return depthOf(a) - depthOf(b) || a - b; });
      function depthOf(e) { var d = 0; for (var u = D.undercuts[e]; u >= 0 && d < E; u = D.undercuts[u]) d++; return d; }
      later.forEach(function (e) {
        var s = D.source[e], R = partRows[D.part[s]], u = D.undercuts[e], r = RT[u];
        if (!r || r === D.routes[u] || r.length < 4) { RT[e] = D.routes[e]; return; }
        // The last leg of what it undercuts: (x0, y0) to (x1, y1).
        var n = r.length, x0 = r[n - 4], y0 = r[n - 3], x1 = r[n - 2], y1 = r[n - 1];
        var pts, ex, ey;
        if (x0 === x1) {
          // Vertical: the gap below its target; end halfway up its upper half.
          var g = R.rowOf.get(D.target[u]) + 1;
          var mid = channel(R, g), top = Math.max(Math.min(y0, y1), R.bottom[g - 1] || -Infinity);
          ex = x1; ey = Math.round((mid + top) / 2);
          pts = climb(e, R, g, ex);
          var side = pts[pts.length - 2] <= ex ? -UNDERCUT_SIDE : UNDERCUT_SIDE;
          pts.push(ex + side, pts[pts.length - 1], ex + side, ey, ex, ey);
        } else {
          // Horizontal (an undercut's own end): from below, at its middle.
          ex = Math.round((x0 + x1) / 2); ey = y0;
          var g2 = 0;
          for (var k = 1; k <= R.rows.length; k++) if (channel(R, k) > ey) { g2 = k; break; }
          pts = climb(e, R, g2, ex);
          pts.push(ex, pts[pts.length - 1], ex, ey);
        }
        RT[e] = pts;
        labelAt(e, R);
      });
      separate(routed);
      for (e = 0; e < E; e++) {
        if (RT[e] === D.routes[e]) continue;
        var r = RT[e], x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
        for (var k = 0; k + 1 < r.length; k += 2) {
          x0 = Math.min(x0, r[k]); x1 = Math.max(x1, r[k]); y0 = Math.min(y0, r[k + 1]); y1 = Math.max(y1, r[k + 1]);
        }
        var w = WL[e];
        if (w.length === 4) { x0 = Math.min(x0, w[0]); y0 = Math.min(y0, w[1]); x1 = Math.max(x1, w[0] + w[2]); y1 = Math.max(y1, w[1] + w[3]); }
        EB[4 * e] = x0; EB[4 * e + 1] = y0; EB[4 * e + 2] = x1; EB[4 * e + 3] = y1;
      }
    }
    // Keeps `i` where it is on screen across a change of the layout: call with the
    // centre it had.
    function centre(i) { return i < 0 ? null : [B[4 * i] + B[4 * i + 2] / 2, B[4 * i + 1] + B[4 * i + 3] / 2]; }
    function keepOnScreen(i, was) {
      if (!was || i < 0 || hidden[i]) return;
      var now = centre(i);
      box[0] += now[0] - was[0]; box[1] += now[1] - was[1];
    }
    // The node to keep still: the selected one when it is in view, else `i`.
    function anchorOf(i) {
      if (selected >= 0 && shown(selected)) {
        var c = centre(selected);
        if (c[0] >= box[0] && c[0] <= box[0] + box[2] && c[1] >= box[1] && c[1] <= box[1] + box[3]) return selected;
      }
      return i;
    }
    var outgoing = [];
    for (i = 0; i < N; i++) outgoing.push([]);
    for (e = 0; e < E; e++) outgoing[D.source[e]].push(e);

    // The map box's size, read once and then kept by the resize observer (reading it
    // after each drawing would make the browser lay the whole page out again).
    var viewSize = null;
    function measureView() {
      var r = view.getBoundingClientRect();
      return [Math.max(r.width, 1), Math.max(r.height, 1)];
    }
    function size() {
      if (!viewSize || !window.ResizeObserver) viewSize = measureView();
      return viewSize;
    }
    var partBounds = null;
    function bounds() {
      if (!partBounds) partBounds = measure();
      return partBounds;
    }
    function measure() {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      nodesOfPart().forEach(function (i) {
        if (hidden[i]) return;
        x0 = Math.min(x0, B[4 * i]); y0 = Math.min(y0, B[4 * i + 1]);
        x1 = Math.max(x1, B[4 * i] + B[4 * i + 2]); y1 = Math.max(y1, B[4 * i + 1] + B[4 * i + 3]);
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
      var i = tab && tab.getAttribute("data-thesis") ? nodeIndex(tab.getAttribute("data-thesis")) : -1;
      if (i < 0 || !shown(i)) {
        var all = nodesOfPart().filter(shown);
        i = all.filter(function (n) { return D.kind[n] === 0; })[0];
        if (i === undefined) i = all[0];
      }
      return i === undefined ? -1 : i;
    }
    function opening() {
      var b = bounds();
      if (fitScale(b) >= legible) return fitBox();
      var t = thesisOf();
      if (t < 0) return fitBox();
      var s = legible * 1.02;
      var cx = B[4 * t] + B[4 * t + 2] / 2, cy = B[4 * t + 1] + B[4 * t + 3] / 2;
      var h = size()[1] / s;
      // A tall thesis opens at its top (its verdict).
      if (B[4 * t + 3] + 32 / s > h) cy = B[4 * t + 1] - 16 / s + h / 2;
      if (cy - h / 2 < b[1]) cy = b[1] + h / 2;
      return boxAt(cx, cy, s);
    }

    /* ---- drawing */
    var drawnNodes = new Map(), drawnEdges = new Map();
    var farFor = null;
    var marked = false;
    var printing = false;
    function nodeClasses(i) {
      var c = "node " + KINDS[D.kind[i]] + " " + VERDICTS[D.verdict[i]];
      if (dim[i]) c += " dim";
      if (i === selected) c += " selected hl";
      else if (hlNodes.has(i)) c += " hl hl-" + hlNodes.get(i);
      if (i === found) c += " found";
      if (collapsed.has(i)) c += " collapsed";
      return c;
    }
    function edgeClasses(e) {
      var c = "edge " + RELS[D.relation[e]];
      if (dim[D.source[e]] || dim[D.target[e]]) c += " dim";
      if (hlEdges.has(e)) c += " hl hl-" + hlEdges.get(e);
      return c;
    }
    // The lines of a box were wrapped to fit it in Arial's widths (or Helvetica's, the
    // same). Where the reader's browser has neither and falls back to a wider font, a
    // line that would spill out of its box is drawn narrower to fit: all lengths are
    // read first, then the few that are too long set, so the page is laid out once.
    function fitText(groups) {
      var long = [];
      groups.forEach(function (g) {
        var room = B[4 * g._crux + 2] - 20;
        g.querySelectorAll("text").forEach(function (t) {
          if (t.getComputedTextLength() > room) long.push([t, room]);
        });
      });
      long.forEach(function (tr) {
        tr[0].setAttribute("textLength", tr[1]);
        tr[0].setAttribute("lengthAdjust", "spacingAndGlyphs");
      });
    }
    function drawNode(i, detail) {
      var id = D.id[i], x = B[4 * i], y = B[4 * i + 1], w = B[4 * i + 2], h = B[4 * i + 3];
      var v = D.verdict[i], border = BORDERS[v];
      var g = el("g", { "class": nodeClasses(i), id: "node-" + id, "data-verdict": VERDICTS[v], "data-strength": D.strength[i].toFixed(2), "data-label": LABELS[D.label[i]], tabindex: "0" });
      g._crux = i; g._detail = detail;
      g.appendChild(el("rect", { "class": "box", x: x, y: y, width: w, height: h, rx: 8, "stroke-width": border[0], "stroke-dasharray": border[1] }));
      g.appendChild(el("title", null, KINDS[D.kind[i]] + " " + id + ": " + D.lines[i].join(" ") + " (" + VERDICTS[v] + ", strength " + D.strength[i].toFixed(2) + ")"));
      if (detail) {
        var tx = x + 10, ty = y + 10;
        headOf(i).forEach(function (line, k) {
          ty += 14;
          var t = el("text", { "class": "head", x: tx, y: ty - 3 });
          if (k === 0 && line.indexOf(BADGES[v]) === 0) {
            t.appendChild(el("tspan", { "class": "verdict-badge" }, BADGES[v]));
            t.appendChild(doc.createTextNode(line.slice(BADGES[v].length)));
          } else t.textContent = line;
          g.appendChild(t);
        });
        ty += 4;
        var holder = g, url = links.get(i);
        if (url) {
          holder = el("a", { href: url, target: "_blank", rel: "noopener noreferrer", tabindex: "-1" });
          g.appendChild(holder);
        }
        // A right-to-left paragraph starts at the right edge and runs leftwards.
        var rtlLines = rtl.get(i);
        D.lines[i].forEach(function (line, k) {
          ty += 17;
          var right = rtlLines && rtlLines.has(k);
          holder.appendChild(el("text", { "class": "body", x: right ? x + w - 10 : tx, y: ty - 4, direction: right ? "rtl" : null }, line));
        });
        ty += 20;
        g.appendChild(el("text", { "class": "foot", x: tx, y: ty - 3 }, "strength " + D.strength[i].toFixed(2) + (refuted.has(i) ? REFUTED : "")));
      }
      var closed = collapsed.has(i);
      // The fold button: − collapses what bears on the node, +N expands it again. A node
      // whose collapse would hide nothing (all that bears on it is kept in view by other
      // nodes) has none.
      if (children[i].length && !focus && (closed || wouldHide(i) > 0)) {
        var n = hiddenUnder.get(i);
        var label = closed ? (n ? "+" + n : "+") : "\u2212";
        var bw = closed ? Math.max(26, 10 + 7 * label.length) : 22;
        var below = closed ? (n || 0) : wouldHide(i);
        var what = below + (below === 1 ? " node" : " nodes") + " below " + id;
        // A Tab stop of its own, after its node: Enter or Space folds.
        var fold = el("g", { "class": "fold" + (closed ? " closed" : ""), "data-fold": id, role: "button", tabindex: "0",
          "aria-expanded": closed ? "false" : "true", "aria-label": (closed ? "Expand " : "Collapse ") + what });
        fold._fold = i;
        fold.appendChild(el("title", null, closed ? what + " hidden: click to expand" : "Collapse the " + what));
        // Inside the box's lower right corner, next to the strength line, clear of the
        // arrowheads that reach the box's edge.
        fold.appendChild(el("rect", { x: x + w - bw - 7, y: y + h - 23, width: bw, height: 16, rx: 8 }));
        fold.appendChild(el("text", { x: x + w - 7 - bw / 2, y: y + h - 11, "text-anchor": "middle" }, label));
        g.appendChild(fold);
      }
      return g;
    }
    function pathOf(e) {
      var r = RT[e], d = "";
      for (var k = 0; k + 1 < r.length; k += 2) d += (k ? " L" : "M") + r[k] + "," + r[k + 1];
      return d;
    }
    function drawEdge(e, detail) {
      var rel = D.relation[e], s = D.id[D.source[e]], t = D.id[D.target[e]];
      var wt = D.weight[e];
      var g = el("g", { "class": edgeClasses(e), "data-source": s, "data-target": t });
      g._crux = e; g._detail = detail;
      g.appendChild(el("title", null, s + " " + RELS[rel] + " " + t + " (" + wt + ")"));
      g.appendChild(el("path", { "class": "line", d: pathOf(e), "stroke-width": Math.round((1 + 3 * Math.min(Math.max(wt, 0), 1)) * 10) / 10,
        "marker-start": rel === 2 ? "url(#arrow-attacks-start)" : null,
        "marker-end": "url(#arrow-" + (rel === 0 ? "supports" : rel === 3 ? "undercuts" : "attacks") + ")" }));
      var lw = WL[e];
      if (detail && lw.length === 4) {
        var lg = el("g", { "class": "weight" });
        lg.appendChild(el("rect", { x: lw[0], y: lw[1], width: lw[2], height: lw[3], rx: 3 }));
        lg.appendChild(el("text", { x: lw[0] + lw[2] / 2, y: lw[1] + lw[3] - 4.5, "text-anchor": "middle" }, String(wt)));
        g.appendChild(lg);
      }
      return g;
    }
    // The far view: the debate as one path per kind and verdict, and one per relation.
    function drawFar() {
      var key = current + "|" + stamp;
      if (farFor === key) return;
      farFor = key;
      while (farLayer.firstChild) farLayer.removeChild(farLayer.firstChild);
      var boxes = {}, lines = {};
      nodesOfPart().forEach(function (i) {
        if (hidden[i]) return;
        var k = KINDS[D.kind[i]] + " " + VERDICTS[D.verdict[i]];
        boxes[k] = (boxes[k] || "") + "M" + B[4 * i] + "," + B[4 * i + 1] + "h" + B[4 * i + 2] + "v" + B[4 * i + 3] + "h" + (-B[4 * i + 2]) + "z";
      });
      edgesOfPart().forEach(function (e) {
        if (!edgeShown(e)) return;
        var k = RELS[D.relation[e]];
        lines[k] = (lines[k] || "") + pathOf(e);
      });
      Object.keys(lines).forEach(function (k) { farLayer.appendChild(el("path", { "class": "far-line " + k, d: lines[k] })); });
      Object.keys(boxes).forEach(function (k) { farLayer.appendChild(el("path", { "class": "far-box " + k, d: boxes[k] })); });
    }
    // The selection in the far view: the selected box, the boxes and relations that
    // bear on it, drawn over the debate's paths (one path per kind of highlight).
    var farSel = el("g", { "class": "far-sel", "aria-hidden": "true" });
    svg.insertBefore(farSel, edgeLayer);
    var farSelFor = null;
    function drawFarSelection(far) {
      var key = far && selected >= 0 ? selected + "|" + current + "|" + stamp : "";
      if (farSelFor === key) return;
      farSelFor = key;
      while (farSel.firstChild) farSel.removeChild(farSel.firstChild);
      if (!key || !shown(selected)) return;
      var boxes = {}, lines = {}, borders = {};
      // Each box highlighted, and over it its border in its verdict's colour.
      function add(i, k) {
        var d = "M" + B[4 * i] + "," + B[4 * i + 1] + "h" + B[4 * i + 2] + "v" + B[4 * i + 3] + "h" + (-B[4 * i + 2]) + "z";
        boxes[k] = (boxes[k] || "") + d;
        borders[VERDICTS[D.verdict[i]]] = (borders[VERDICTS[D.verdict[i]]] || "") + d;
      }
      hlEdges.forEach(function (rel, e) { if (edgeShown(e)) lines[rel] = (lines[rel] || "") + pathOf(e); });
      hlNodes.forEach(function (rel, i) { if (shown(i)) add(i, "hl-" + rel); });
      add(selected, "selected");
      Object.keys(lines).forEach(function (k) { farSel.appendChild(el("path", { "class": "far-hl-line " + k, d: lines[k] })); });
      Object.keys(boxes).forEach(function (k) { farSel.appendChild(el("path", { "class": "far-hl-box " + k, d: boxes[k] })); });
      Object.keys(borders).forEach(function (k) { farSel.appendChild(el("path", { "class": "far-hl-verdict " + k, d: borders[k] })); });
    }
    var stamp = 0;
    var lastMode = "";
    function draw() {
      var v = size(), sc = v[0] / box[2];
      var m = box[2] * 0.15, mh = box[3] * 0.15;
      var qx0 = box[0] - m, qy0 = box[1] - mh, qx1 = box[0] + box[2] + m, qy1 = box[1] + box[3] + mh;
      var want = [];
      var list = printing ? nodesOfPrint() : nodesOfPart();
      for (var a = 0; a < list.length; a++) {
        var i = list[a];
        if (hidden[i] && !printing) continue;
        if (!printing && (B[4 * i] > qx1 || B[4 * i] + B[4 * i + 2] < qx0 || B[4 * i + 1] > qy1 || B[4 * i + 1] + B[4 * i + 3] < qy0)) continue;
        want.push(i);
      }
      var far = !printing && want.length > MAX_DRAWN;
      var detail = printing || sc * 13 >= TEXT_PX;
      lastMode = far ? "far" : detail ? "text" : "boxes";
      svg.setAttribute("data-detail", lastMode);
      if (far) {
        drawFar();
        farLayer.style.display = "";
        want = [];
      } else farLayer.style.display = "none";
      drawFarSelection(far);
      var keep = new Set(want);
      // The node with the keyboard focus keeps it when it is drawn anew.
      var active = doc.activeElement;
      var had = refocus >= 0 ? refocus : active && active._crux !== undefined && drawnNodes.get(active._crux) === active ? active._crux : -1;
      refocus = -1;
      drawnNodes.forEach(function (g, i) {
        if (!keep.has(i) || g._detail !== detail) { g.remove(); drawnNodes.delete(i); }
      });
      var added = [];
      want.forEach(function (i) {
        if (drawnNodes.has(i)) return;
        var g = drawNode(i, detail);
        nodeLayer.appendChild(g); drawnNodes.set(i, g);
        if (detail) added.push(g);
      });
      fitText(added);
      if (had >= 0) {
        var again = drawnNodes.get(had);
        if (again && doc.activeElement !== again) again.focus({ preventScroll: true });
        else if (!again && (doc.activeElement === doc.body || !doc.activeElement)) view.focus({ preventScroll: true });
      }
      var wantE = [];
      if (!far) {
        var elist = printing ? edgesOfPrint() : edgesOfPart();
        for (a = 0; a < elist.length; a++) {
          var e = elist[a];
          if (!printing && (!edgeShown(e) || EB[4 * e] > qx1 || EB[4 * e + 2] < qx0 || EB[4 * e + 1] > qy1 || EB[4 * e + 3] < qy0)) continue;
          wantE.push(e);
        }
      }
      var keepE = new Set(wantE);
      drawnEdges.forEach(function (g, e) {
        if (!keepE.has(e) || g._detail !== detail) { g.remove(); drawnEdges.delete(e); }
      });
      wantE.forEach(function (e) {
        if (drawnEdges.has(e)) return;
        var g = drawEdge(e, detail);
        edgeLayer.appendChild(g); drawnEdges.set(e, g);
      });
      if (!marked) {
        marked = true;
        window.requestAnimationFrame(function () {
          window.setTimeout(function () { try { performance.mark("crux-map-drawn"); } catch (err) { /* old browsers */ } }, 0);
        });
      }
    }
    function nodesOfPrint() { var a = []; for (var i = 0; i < N; i++) a.push(i); return a; }
    function edgesOfPrint() { var a = []; for (var e = 0; e < E; e++) a.push(e); return a; }
    // Classes follow the state (search, selection) on what is drawn.
    function restyle() {
      drawnNodes.forEach(function (g, i) { g.setAttribute("class", nodeClasses(i)); });
      drawnEdges.forEach(function (g, e) { g.setAttribute("class", edgeClasses(e)); });
      svg.classList.toggle("has-selection", selected >= 0);
      drawFarSelection(lastMode === "far");
    }
    // After a change of what is hidden: everything is drawn anew.
    var refocus = -1;
    function redrawAll() {
      stamp++;
      var active = doc.activeElement;
      if (active && active._crux !== undefined && drawnNodes.get(active._crux) === active) refocus = active._crux;
      drawnNodes.forEach(function (g) { g.remove(); });
      drawnNodes.clear();
      drawnEdges.forEach(function (g) { g.remove(); });
      drawnEdges.clear();
      partBounds = null;
      drawMinimap();
    }

    var shownBounds = null;
    function apply() {
      svg.setAttribute("viewBox", box.map(function (v) { return Math.round(v * 100) / 100; }).join(" "));
      if (minimapBox && shownBounds) {
        var b = shownBounds;
        minimapBox.hidden = b[0] >= box[0] && b[1] >= box[1] && b[0] + b[2] <= box[0] + box[2] && b[1] + b[3] <= box[1] + box[3];
      }
      if (miniView) {
        miniView.setAttribute("x", box[0]); miniView.setAttribute("y", box[1]);
        miniView.setAttribute("width", box[2]); miniView.setAttribute("height", box[3]);
      }
      draw();
      save();
    }
    var laidOut = size();
    function resized() {
      viewSize = measureView();
      var v = viewSize;
      if (v[0] === laidOut[0] && v[1] === laidOut[1]) return;
      sizeMinimap();
      var s = Math.min(laidOut[0] / box[2], laidOut[1] / box[3]);
      laidOut = v;
      box = boxAt(box[0] + box[2] / 2, box[1] + box[3] / 2, s);
      apply();
    }
    if (window.ResizeObserver) new window.ResizeObserver(resized).observe(view);
    else window.addEventListener("resize", resized);
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
    // A node hidden by a collapse is shown first (its collapsed ancestors open).
    function unhide(i) {
      if (!hidden[i]) return;
      if (focus) { focus = null; showFocus(); }
      var guard = 0;
      while (hidden[i] && guard++ < 64) {
        // Open the collapsed nodes it lies under, nearest first.
        var seen = new Set([i]), queue = [i], opened = false;
        for (var q = 0; q < queue.length && !opened; q++) {
          outgoing[queue[q]].forEach(function (e) {
            var t = D.target[e];
            if (opened || seen.has(t)) return;
            seen.add(t);
            if (collapsed.has(t)) { collapsed.delete(t); opened = true; } else queue.push(t);
          });
        }
        if (!opened) break;
        recompute();
      }
      redrawAll();
    }
    function centerOn(i) {
      if (i < 0) return;
      if (!inPart(i)) showPart(partKey(i));
      unhide(i);
      var s = Math.max(fitScale(box), legible * 1.02);
      box = boxAt(B[4 * i] + B[4 * i + 2] / 2, B[4 * i + 1] + B[4 * i + 3] / 2, s);
      apply();
      var d = clearOf(i, 0, 0);
      if (d[0] || d[1]) pan(d[0], d[1]);
    }
    // What lies over the map: the overview, the focus bar and, on a narrow screen, the
    // card over the lower part of the window; in map units, where they are now.
    function covers() {
      var v = view.getBoundingClientRect(), out = [];
      [minimapBox, focusBar, doc.getElementById("side")].forEach(function (o) {
        if (!o || o.hidden) return;
        var r = o.getBoundingClientRect();
        var x0 = Math.max(r.left, v.left), y0 = Math.max(r.top, v.top), x1 = Math.min(r.right, v.right), y1 = Math.min(r.bottom, v.bottom);
        if (x0 >= x1 || y0 >= y1) return;
        var a = toSvg(x0, y0), b = toSvg(x1, y1);
        out.push([a[0], a[1], b[0], b[1]]);
      });
      return out;
    }
    // The part of the view on the screen, in map units: the view may run below the
    // window (on a phone, under the page's header), and a node placed there is not seen.
    function onScreen() {
      var v = view.getBoundingClientRect();
      var x0 = Math.max(v.left, 0), x1 = Math.min(v.right, window.innerWidth || v.right);
      var y0 = Math.max(v.top, 0), y1 = Math.min(v.bottom, window.innerHeight || v.bottom);
      if (x0 >= x1 || y0 >= y1) return box;
      var a = toSvg(x0, y0), b = toSvg(x1, y1);
      return [a[0], a[1], b[0] - a[0], b[1] - a[1]];
    }
    // The shortest move of the view, from [dx, dy] (which brings node `i` into view),
    // that also keeps it clear of what lies over the map; [dx, dy] when there is none.
    function clearOf(i, dx, dy) {
      var over = covers();
      if (!over.length) return [dx, dy];
      var m = 12 / scale(), seen = onScreen();
      var x0 = B[4 * i] - m, y0 = B[4 * i + 1] - m, x1 = B[4 * i] + B[4 * i + 2] + m, y1 = B[4 * i + 1] + B[4 * i + 3] + m;
      // The moves that keep the node on the screen, and the edges of each cover.
      var lox = x1 - seen[0] - seen[2], hix = x0 - seen[0], loy = y1 - seen[1] - seen[3], hiy = y0 - seen[1];
      var xs = [dx], ys = [dy];
      over.forEach(function (o) { xs.push(x1 - o[0], x0 - o[2]); ys.push(y1 - o[1], y0 - o[3]); });
      var best = null, cost = Infinity;
      xs.forEach(function (mx) {
        ys.forEach(function (my) {
          if (mx < lox - 1e-6 || mx > hix + 1e-6 || my < loy - 1e-6 || my > hiy + 1e-6) return;
          var clear = over.every(function (o) {
            return x1 <= o[0] + mx + 1e-6 || x0 >= o[2] + mx - 1e-6 || y1 <= o[1] + my + 1e-6 || y0 >= o[3] + my - 1e-6;
          });
          var c = Math.abs(mx) + Math.abs(my);
          if (clear && c < cost) { cost = c; best = [mx, my]; }
        });
      });
      return best || [dx, dy];
    }
    // Brings node `i` into view, clear of what lies over the map, moving the view as
    // little as it can.
    function reveal(i) {
      if (i < 0) return;
      if (!inPart(i) || hidden[i]) { centerOn(i); return; }
      var b = [B[4 * i], B[4 * i + 1], B[4 * i + 2], B[4 * i + 3]], m = 20 / scale(), seen = onScreen();
      if (fitScale(box) * 13 < TEXT_PX * 2 || b[2] + 2 * m > seen[2] || b[3] + 2 * m > seen[3]) { centerOn(i); return; }
      var dx = 0, dy = 0;
      if (b[0] - m < seen[0]) dx = b[0] - m - seen[0];
      else if (b[0] + b[2] + m > seen[0] + seen[2]) dx = b[0] + b[2] + m - seen[0] - seen[2];
      if (b[1] - m < seen[1]) dy = b[1] - m - seen[1];
      else if (b[1] + b[3] + m > seen[1] + seen[3]) dy = b[1] + b[3] + m - seen[1] - seen[3];
      var d = clearOf(i, dx, dy);
      if (d[0] || d[1]) pan(d[0], d[1]); else draw();
    }

    // The overview: the debate's boxes (one path per kind and verdict) and the
    // rectangle in view.
    function drawMinimap() {
      if (!minimap || !miniNodes) return;
      var b = bounds();
      while (miniNodes.firstChild) miniNodes.removeChild(miniNodes.firstChild);
      var paths = {};
      nodesOfPart().forEach(function (i) {
        if (hidden[i]) return;
        var k = KINDS[D.kind[i]] + " " + VERDICTS[D.verdict[i]];
        paths[k] = (paths[k] || "") + "M" + B[4 * i] + "," + B[4 * i + 1] + "h" + B[4 * i + 2] + "v" + B[4 * i + 3] + "h" + (-B[4 * i + 2]) + "z";
      });
      Object.keys(paths).forEach(function (k) { miniNodes.appendChild(el("path", { "class": "mini " + k, d: paths[k] })); });
      minimap.setAttribute("viewBox", b.join(" "));
      minimap.setAttribute("preserveAspectRatio", "xMidYMid meet");
      shownBounds = b;
      sizeMinimap();
    }
    // The overview keeps to its corner: at most 180 by 140 pixels, and no more than a
    // third of the map's width and a fifth of its height (on a phone, a small corner).
    function sizeMinimap() {
      if (!minimap || !shownBounds) return;
      var b = shownBounds, v = size();
      var mw = Math.max(40, Math.min(180, Math.floor(v[0] / 3) - 16)), mh = Math.max(30, Math.min(140, Math.floor(v[1] / 5) - 16));
      var w = mw, h = Math.max(Math.min(40, mh), Math.round(w * b[3] / b[2]));
      if (h > mh) { h = mh; w = Math.max(30, Math.round(h * b[2] / b[3])); }
      minimap.style.width = w + "px";
      minimap.style.height = h + "px";
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

    // Large debates open collapsed below the depth that keeps OPEN_VISIBLE nodes.
    function autoCollapse(p) {
      if (autoDone[p]) return;
      autoDone[p] = true;
      var nodes = partNodes[p] || [];
      if (nodes.length <= AUTO_COLLAPSE) return;
      // From the theses (else the nodes that bear on nothing), level by level.
      var depth = new Map(), level = nodes.filter(function (i) { return D.kind[i] === 0; });
      if (!level.length) level = nodes.filter(function (i) { return !outgoing[i].length; });
      if (!level.length) level = [nodes[0]];
      level.forEach(function (i) { depth.set(i, 0); });
      var count = level.length, d = 0;
      while (level.length) {
        var next = [];
        level.forEach(function (i) { children[i].forEach(function (c) { if (!depth.has(c)) { depth.set(c, d + 1); next.push(c); } }); });
        if (d >= 1 && count + next.length > OPEN_VISIBLE) {
          level.forEach(function (i) { if (children[i].some(function (c) { return depth.get(c) === d + 1; })) collapsed.add(i); });
          break;
        }
        count += next.length; level = next; d++;
      }
    }

    function showPart(p, first) {
      if (current !== null && !first) views[current] = box.slice();
      current = p;
      if (focus && !inPart(focus.node)) { focus = null; showFocus(); }
      if (!first) autoCollapse(p === null ? "0" : p);
      recompute();
      redrawAll();
      farFor = null;
      tabs.forEach(function (t) {
        var on = t.getAttribute("data-part") === p;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
      });
      svg.setAttribute("data-part", p === null ? "" : p);
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

    /* ---- collapse and focus */
    // Folds `i`; the keyboard focus goes back to its node, or to its fold button when
    // that had it (`onFold`).
    function toggle(i, onFold) {
      if (i < 0 || !children[i].length) return;
      if (focus) { focus = null; showFocus(); }
      var anchor = anchorOf(i), was = centre(anchor);
      if (collapsed.has(i)) collapsed.delete(i); else collapsed.add(i);
      recompute();
      keepOnScreen(anchor, was);
      redrawAll();
      apply();
      var g = drawnNodes.get(i);
      var f = g && onFold ? $("g.fold", g) : null;
      if (f) f.focus({ preventScroll: true });
      else if (g) g.focus({ preventScroll: true });
    }
    function expandAll() {
      var anchor = anchorOf(-1), was = centre(anchor);
      collapsed.clear();
      if (focus) { focus = null; showFocus(); }
      recompute(); keepOnScreen(anchor, was); redrawAll(); apply();
    }
    function showFocus() {
      if (!focusBar) return;
      focusBar.hidden = !focus;
      if (focus) {
        focusName.textContent = D.id[focus.node];
        if (focusDepth) focusDepth.value = String(focus.depth);
      }
    }
    function focusOn(i, depth) {
      if (i < 0) return;
      if (!inPart(i)) showPart(partKey(i));
      focus = { node: i, depth: depth || (focusDepth ? Number(focusDepth.value) || 2 : 2) };
      showFocus();
      recompute(); redrawAll();
      box = fitBox();
      apply();
    }
    function unfocus() {
      if (!focus) return;
      var i = focus.node;
      focus = null; showFocus();
      recompute(); redrawAll();
      centerOn(i);
    }
    if (focusDepth) focusDepth.addEventListener("change", function () { if (focus) focusOn(focus.node, Number(focusDepth.value)); });
    var focusExit = $("#focus-exit");
    if (focusExit) focusExit.addEventListener("click", unfocus);
    var expandButton = $("#expand-all");
    if (expandButton) expandButton.addEventListener("click", expandAll);

    /* ---- the view is kept across reloads (crux serve reloads on every save) */
    var saveTimer = null;
    function save() {
      if (saveTimer) return;
      saveTimer = window.setTimeout(function () { saveTimer = null; saveNow(); }, 120);
    }
    function saveNow() {
      var vs = {};
      Object.keys(views).forEach(function (p) { vs[p] = views[p]; });
      if (current !== null) vs[current] = box.slice();
      var state = {
        part: current, views: vs, auto: Object.keys(autoDone),
        collapsed: Array.from(collapsed).map(function (i) { return D.id[i]; }),
        focus: focus ? { id: D.id[focus.node], depth: focus.depth } : null,
        card: selected >= 0 ? D.id[selected] : null
      };
      try { window.sessionStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage full or off */ }
    }
    window.addEventListener("pagehide", saveNow);

    var first = current;
    if (saved && typeof saved === "object") {
      if (saved.part === null || tabs.some(function (t) { return t.getAttribute("data-part") === saved.part; })) first = saved.part;
      (saved.auto || []).forEach(function (p) { autoDone[p] = true; });
      (saved.collapsed || []).forEach(function (id) { var i = nodeIndex(id); if (i >= 0) collapsed.add(i); });
      Object.keys(saved.views || {}).forEach(function (p) {
        var b = saved.views[p];
        if (Array.isArray(b) && b.length === 4 && b.every(isFinite) && b[2] > 0 && b[3] > 0) views[p] = b;
      });
      if (saved.focus && nodeIndex(saved.focus.id) >= 0) focus = { node: nodeIndex(saved.focus.id), depth: Math.min(Math.max(Number(saved.focus.depth) || 2, 1), 4) };
      showFocus();
    }
    autoCollapse(first === null ? "0" : first);
    showPart(first, true);

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
        view.addEventListener("click", function stop(ev) { ev.stopPropagation(); ev.preventDefault(); }, { capture: true, once: true });
      }
      view.classList.remove("dragging");
      drag = null;
    }
    view.addEventListener("pointerup", endDrag);
    view.addEventListener("pointercancel", endDrag);

    function tabOrder() { return nodesOfPart().filter(function (i) { return !hidden[i]; }); }
    view.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "Tab") {
        // Through the nodes of the debate shown, bringing each into view without
        // scrolling the page; past the last one, on to the rest of the page.
        // Each node's fold button follows it.
        var order = tabOrder();
        var g = nodeOf(e.target);
        var onFold = !!g && e.target._fold !== undefined;
        var own = g && !onFold ? $("g.fold", g) : null;
        if (own && !e.shiftKey && getComputedStyle(own).display !== "none") {
          e.preventDefault();
          own.focus({ preventScroll: true });
          return;
        }
        if (onFold && e.shiftKey) {
          e.preventDefault();
          g.focus({ preventScroll: true });
          return;
        }
        var at = g ? order.indexOf(g._crux) : -1;
        var next = e.target === view ? (e.shiftKey ? undefined : order[0]) : order[at + (e.shiftKey ? -1 : 1)];
        if (next !== undefined && (g || e.target === view)) {
          e.preventDefault();
          reveal(next);
          var ng = drawnNodes.get(next);
          var nf = ng && e.shiftKey ? $("g.fold", ng) : null;
          if (nf && getComputedStyle(nf).display !== "none") nf.focus({ preventScroll: true });
          else if (ng) ng.focus({ preventScroll: true });
        }
        return;
      }
      var step = box[2] / 10;
      var handled = true;
      var focused = nodeOf(e.target);
      switch (e.key) {
        case "ArrowLeft": pan(-step, 0); break;
        case "ArrowRight": pan(step, 0); break;
        case "ArrowUp": pan(0, -step); break;
        case "ArrowDown": pan(0, step); break;
        case "+": case "=": zoom(1.25); break;
        case "-": case "_": zoom(0.8); break;
        case "0": reset(); break;
        case "f": case "F": fit(); break;
        case "c": case "C": if (focused) toggle(focused._crux); else handled = false; break;
        case "e": case "E": expandAll(); break;
        default: handled = false;
      }
      if (handled) e.preventDefault();
    });
    view.addEventListener("focusin", function (e) {
      view.scrollTop = 0; view.scrollLeft = 0;
      var g = nodeOf(e.target);
      var keyboard = true;
      try { keyboard = g && g.matches(":focus-visible"); } catch (err) { /* older browsers */ }
      if (g && keyboard) reveal(g._crux);
    });
    view.addEventListener("scroll", function () { view.scrollTop = 0; view.scrollLeft = 0; });

    $all("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var z = b.getAttribute("data-zoom");
        if (z === "in") zoom(1.25); else if (z === "out") zoom(0.8); else if (z === "fit") fit(); else reset();
      });
    });

    // A click on a fold button collapses or expands; anywhere else on a node (its text
    // and links included), or Enter on a focused one, selects it and opens its card.
    // In the far view, a click on a box selects it, elsewhere it zooms in there.
    svg.addEventListener("click", function (e) {
      var fold = e.target.closest ? e.target.closest("g.fold") : null;
      var g = nodeOf(e.target);
      if (fold && g) { e.preventDefault(); toggle(g._crux, doc.activeElement === fold); return; }
      if (g) { e.preventDefault(); select(D.id[g._crux]); return; }
      if (lastMode === "far") {
        var p = toSvg(e.clientX, e.clientY);
        var hit = nodesOfPart().filter(function (i) {
          return !hidden[i] && p[0] >= B[4 * i] && p[0] <= B[4 * i] + B[4 * i + 2] && p[1] >= B[4 * i + 1] && p[1] <= B[4 * i + 1] + B[4 * i + 3];
        })[0];
        if (hit !== undefined) select(D.id[hit]); else zoom(2.5, p[0], p[1]);
      }
    });
    svg.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      var g = nodeOf(e.target);
      if (!g) return;
      e.preventDefault();
      if (e.target._fold !== undefined) { toggle(g._crux, true); return; }
      select(D.id[g._crux]);
    });

    // Printed, each debate is a map of its own, on a page of its own, fitted to the
    // page (turned when it is wider than tall), the whole debate with nothing collapsed,
    // when the page is small enough to draw it all; a larger map prints the view on
    // screen. The printed maps are copies, made before printing and removed after.
    var printMaps = null;
    function printCopy(parts, vb, k) {
      var copy = svg.cloneNode(true);
      copy.removeAttribute("id");
      copy.setAttribute("class", "crux-map print-map");
      copy.setAttribute("viewBox", vb.join(" "));
      copy.setAttribute("aria-hidden", "true");
      $all("g.fold, g.far-sel, title", copy).forEach(function (x) { x.remove(); });
      var far = $("g.far", copy);
      if (far && far.style.display === "none") far.remove();
      // The arrowheads under names of the copy's own.
      $all("marker", copy).forEach(function (m) { m.id = m.id + "-print-" + k; });
      $all("[marker-start], [marker-end]", copy).forEach(function (x) {
        ["marker-start", "marker-end"].forEach(function (a) {
          var v = x.getAttribute(a);
          if (v) x.setAttribute(a, v.replace(/\)$/, "-print-" + k + ")"));
        });
      });
      $all("g.node, g.edge", copy).forEach(function (g) {
        var i = g.classList.contains("node") ? nodeIndex(g.id.slice(5)) : nodeIndex(g.getAttribute("data-source"));
        if (parts && (i < 0 || parts.indexOf(String(D.part[i])) < 0)) { g.remove(); return; }
        g.removeAttribute("id");
        g.removeAttribute("tabindex");
        g.setAttribute("class", g.getAttribute("class").split(" ").filter(function (c) {
          return !/^(dim|hl|hl-.*|selected|found)$/.test(c);
        }).join(" "));
      });
      // Never drawn larger than one and a half times its size on screen.
      copy.style.maxWidth = "min(100%, " + Math.round(vb[2] * 1.5) + "px)";
      return copy;
    }
    function printPage(title, copy, vb) {
      var page = html("figure", { "class": "print-map-page " + (vb[2] > vb[3] ? "wide" : "tall") });
      page.appendChild(html("figcaption", null, title));
      page.appendChild(copy);
      printMaps.appendChild(page);
    }
    window.addEventListener("beforeprint", function () {
      if (printMaps) printMaps.remove();
      printMaps = html("section", { "class": "print-maps", "aria-label": "Map" });
      var heading = ($("#map-title") || {}).textContent || "Map";
      if (N > 2000) {
        printPage(heading, printCopy(null, box.slice(), 0), box.slice());
      } else {
        var was = box.slice();
        printing = true;
        relayout();
        redrawAll();
        box = whole.slice(); apply();
        var keys = tabs.length ? tabs.map(function (t) { return t.getAttribute("data-part"); }) : [null];
        keys.forEach(function (p, k) {
          var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
          for (var i = 0; i < N; i++) {
            if (p !== null && partKey(i) !== p) continue;
            x0 = Math.min(x0, B[4 * i]); y0 = Math.min(y0, B[4 * i + 1]);
            x1 = Math.max(x1, B[4 * i] + B[4 * i + 2]); y1 = Math.max(y1, B[4 * i + 1] + B[4 * i + 3]);
          }
          for (var e = 0; e < E; e++) {
            if (p !== null && partKey(D.source[e]) !== p) continue;
            x0 = Math.min(x0, EB[4 * e]); y0 = Math.min(y0, EB[4 * e + 1]); x1 = Math.max(x1, EB[4 * e + 2]); y1 = Math.max(y1, EB[4 * e + 3]);
          }
          if (!isFinite(x0)) return;
          var vb = [x0 - 10, y0 - 10, x1 - x0 + 20, y1 - y0 + 20];
          var title = tabs.length ? heading + ": " + (tabs[k].getAttribute("title") || "") : heading;
          printPage(title, printCopy(p === null ? null : [p], vb, k), vb);
        });
        // The map on screen as it was.
        printing = false;
        relayout();
        redrawAll();
        box = was; apply();
      }
      var cards = doc.getElementById("cards");
      if (cards) cards.parentNode.insertBefore(printMaps, cards); else doc.body.appendChild(printMaps);
    });
    window.addEventListener("afterprint", function () {
      if (printMaps) printMaps.remove();
      printMaps = null;
    });

    return {
      reset: reset, fit: fit, centerOn: centerOn, reveal: reveal, resized: resized,
      toggle: toggle, focusOn: focusOn, restyle: restyle, draw: draw,
      collapsed: function (i) { return collapsed.has(i); },
      hasChildren: function (i) { return children[i].length > 0; },
      hiddenUnder: function (i) { return hiddenUnder.get(i) || 0; },
      node: function (i) { return drawnNodes.get(i) || null; },
      setDim: function (flags) { dim = flags; restyle(); },
      setFound: function (i) { found = i; restyle(); },
      setSelected: function (i) {
        selected = i;
        hlNodes = new Map(); hlEdges = new Map();
        if (i >= 0) {
          incoming[i].forEach(function (e) {
            var rel = RELS[D.relation[e]];
            hlEdges.set(e, rel); hlNodes.set(D.source[e], rel);
          });
          for (var u = 0; u < E; u++) {
            var t = D.undercuts[u];
            if (t >= 0 && D.target[t] === i && hlEdges.has(t)) { hlEdges.set(u, "undercuts"); hlNodes.set(D.source[u], "undercuts"); }
          }
        }
        restyle();
        save();
      },
      saved: saved
    };
  }

  function nodeOf(target) {
    var g = target && target.closest ? target.closest("g.node") : null;
    return g && g._crux !== undefined && svg && svg.contains(g) ? g : null;
  }

  /* ---------------------------------------------------------------- cards */
  // The cards are written out in the page for small debates; for large ones the
  // script builds a card from the map data when it is shown.
  var cardList = $("#card-list");
  var generated = !!(cardList && cardList.getAttribute("data-generated"));
  var byId = new Map();
  var records = [];
  if (!generated) {
    $all("article.card").forEach(function (c) {
      var tags = [];
      try { tags = JSON.parse(c.getAttribute("data-tags") || "[]"); } catch (e) { tags = []; }
      var text = [c.getAttribute("data-id") || ""].concat(tags);
      var t = $(".text", c); if (t) text.push(t.textContent);
      var n = $(".note", c); if (n) text.push(n.textContent);
      var by = $(".by", c); if (by) text.push(by.textContent);
      var rec = { id: c.getAttribute("data-id"), kind: c.getAttribute("data-kind"), verdict: c.getAttribute("data-verdict"), tags: tags, text: text.join("\n").toLowerCase(), card: c };
      rec.index = nodeIndex(rec.id);
      c._crux = rec;
      byId.set(rec.id, c);
      records.push(rec);
    });
  } else if (D && D.cards) {
    for (var ci = 0; ci < N; ci++) {
      var cd = D.cards[ci];
      records.push({ id: D.id[ci], index: ci, kind: KINDS[D.kind[ci]], verdict: VERDICTS[D.verdict[ci]], tags: cd.tags || [],
        text: [D.id[ci]].concat(cd.tags || [], [cardText(ci), cd.note || "", cd.by || ""]).join("\n").toLowerCase(), card: null });
    }
  }
  var recordOf = new Map();
  records.forEach(function (r) { recordOf.set(r.id, r); });

  function cardLink(id, text) {
    var a = html("a", { href: "#card-" + id });
    a.textContent = text === undefined ? id : text;
    return a;
  }
  // A card built from the data, like the ones the page writes out.
  function buildCard(i) {
    var c = D.cards[i], id = D.id[i], kind = KINDS[D.kind[i]], verdict = VERDICTS[D.verdict[i]];
    var art = html("article", { "class": "card " + kind + " " + verdict, id: "card-" + id, "data-id": id, "data-part": String(D.part[i]), "data-kind": kind, "data-verdict": verdict, "data-tags": JSON.stringify(c.tags || []) });
    var head = html("header", { "class": "card-head" });
    head.appendChild(html("span", { "class": "verdict " + verdict, title: "The verdict (" + (c.standard || "preponderance") + ")" }, GLYPHS[D.verdict[i]] + " " + verdict));
    head.appendChild(html("span", { "class": "kind " + kind }, kind));
    var h3 = html("h3", { "class": "card-id" });
    var self = cardLink(id); self.className = "self"; h3.appendChild(self);
    head.appendChild(h3);
    if (c.status) head.appendChild(html("span", { "class": "status status-" + c.status, title: "The authors' stance" }, "stance: " + c.status));
    art.appendChild(head);
    var why = html("p", { "class": "why" });
    why.appendChild(html("span", { "class": "verdict-word " + verdict }, verdict.charAt(0).toUpperCase() + verdict.slice(1)));
    why.appendChild(doc.createTextNode(": "));
    String(c.why || "").split("`").forEach(function (part, k) {
      if (!part) return;
      if (k % 2 === 1) {
        var code = html("code", null, part);
        if (nodeIndex(part) >= 0) { var a = cardLink(part, ""); a.appendChild(code); why.appendChild(a); } else why.appendChild(code);
      } else why.appendChild(doc.createTextNode(part));
    });
    why.appendChild(doc.createTextNode("."));
    art.appendChild(why);
    art.appendChild(html("p", { "class": "text", dir: "auto" }, cardText(i)));
    var st = html("div", { "class": "strength" });
    var bar = el("svg", { "class": "bar", viewBox: "0 0 100 8", preserveAspectRatio: "none", "aria-hidden": "true" });
    bar.appendChild(el("rect", { "class": "bar-bg", width: 100, height: 8 }));
    bar.appendChild(el("rect", { "class": "bar-fg " + verdict, width: (Math.min(Math.max(D.strength[i], 0), 1) * 100).toFixed(1), height: 8 }));
    st.appendChild(bar);
    var sp = html("span", null, "strength ");
    sp.appendChild(html("strong", null, D.strength[i].toFixed(2)));
    sp.appendChild(html("span", { "class": "muted" }, " (how strong, DF-QuAD; base " + c.credence + ")"));
    st.appendChild(sp);
    art.appendChild(st);
    var ex = html("p", { "class": "expert" }, "formal semantics: grounded ");
    ex.appendChild(html("span", { "class": "label " + LABELS[D.label[i]] }, LABELS[D.label[i]]));
    art.appendChild(ex);
    if (c.by || (c.tags && c.tags.length) || c.note) {
      var dl = html("dl", { "class": "meta" });
      if (c.by) { dl.appendChild(html("dt", null, "By")); dl.appendChild(html("dd", { "class": "by" }, c.by)); }
      if (c.tags && c.tags.length) {
        dl.appendChild(html("dt", null, "Tags"));
        var dd = html("dd"), ul = html("ul", { "class": "tags" });
        c.tags.forEach(function (t) { var li = html("li"); li.appendChild(html("button", { type: "button", "class": "tag", "data-tag": t, title: "Show only nodes tagged " + t }, t)); ul.appendChild(li); });
        dd.appendChild(ul); dl.appendChild(dd);
      }
      if (c.note) { dl.appendChild(html("dt", null, "Note")); dl.appendChild(html("dd", { "class": "note" }, c.note)); }
      art.appendChild(dl);
    }
    var ins = [], outs = [];
    for (var e = 0; e < E; e++) {
      if (D.target[e] === i) ins.push(e);
      if (D.source[e] === i) outs.push(e);
    }
    if (ins.length || outs.length) {
      var rels = html("div", { "class": "relations" });
      [[ins, "Bearing on it", true], [outs, "It bears on", false]].forEach(function (group) {
        if (!group[0].length) return;
        var sec = html("section");
        sec.appendChild(html("h4", null, group[1]));
        var ul = html("ul", { "class": "rels" });
        group[0].forEach(function (e) {
          var rel = RELS[D.relation[e]], other = D.id[group[2] ? D.source[e] : D.target[e]];
          var li = html("li", { "class": "rel " + rel });
          if (group[2]) {
            li.setAttribute("data-source", other);
            li.appendChild(cardLink(other));
            li.appendChild(doc.createTextNode(" "));
            li.appendChild(html("span", { "class": "rel-word" }, rel));
            li.appendChild(doc.createTextNode(" it "));
          } else {
            li.setAttribute("data-target", other);
            li.appendChild(html("span", { "class": "rel-word" }, rel));
            li.appendChild(doc.createTextNode(" "));
            li.appendChild(cardLink(other));
            li.appendChild(doc.createTextNode(" "));
          }
          li.appendChild(html("span", { "class": "weight", title: "weight" }, "\u00d7" + D.weight[e]));
          ul.appendChild(li);
        });
        sec.appendChild(ul);
        rels.appendChild(sec);
      });
      art.appendChild(rels);
    }
    if (c.sources && c.sources.length) {
      var srcs = html("section", { "class": "sources" });
      srcs.appendChild(html("h4", null, "Sources"));
      var sul = html("ul");
      c.sources.forEach(function (s) {
        var li = html("li"), url = safeHref(s[1]);
        if (url) li.appendChild(html("a", { href: url, rel: "noopener noreferrer nofollow", referrerpolicy: "no-referrer" }, s[0]));
        else li.appendChild(html("span", { "class": "source-text", dir: "auto" }, s[0]));
        sul.appendChild(li);
      });
      srcs.appendChild(sul);
      art.appendChild(srcs);
    }
    if (c.expectations && c.expectations.length) {
      var exs = html("section", { "class": "expectations" });
      exs.appendChild(html("h4", null, "Expectations"));
      var eul = html("ul");
      c.expectations.forEach(function (e) {
        var li = html("li", { "class": e[0] === "\u2713" ? "holds" : e[0] === "\u2717" ? "fails" : "unknown" });
        li.appendChild(html("span", { "class": "glyph" }, e[0]));
        li.appendChild(doc.createTextNode(" "));
        li.appendChild(html("code", null, e[1]));
        if (e[2]) li.appendChild(doc.createTextNode(": " + e[2]));
        eul.appendChild(li);
      });
      exs.appendChild(eul);
      art.appendChild(exs);
    }
    (c.artifacts || []).forEach(function (a) {
      var sec = html("section", { "class": "artifact" });
      var h4 = html("h4", null, "Artifact: ");
      var href = typeof a[1] === "string" && a[1] && !/^[a-z][a-z0-9+.-]*:/i.test(a[1]) && a[1].indexOf("//") !== 0 ? a[1] : null;
      if (href) h4.appendChild(html("a", { href: href }, a[0])); else h4.appendChild(doc.createTextNode(a[0]));
      sec.appendChild(h4);
      // What the check found wrong with the file, its backquoted names as code.
      if (typeof a[2] === "string" && a[2]) {
        var p = html("p", { "class": "artifact-problem" }, "\u26a0 ");
        a[2].split("`").forEach(function (part, k) {
          if (k === 0) part = part.charAt(0).toUpperCase() + part.slice(1);
          if (part) p.appendChild(k % 2 ? html("code", null, part) : doc.createTextNode(part));
        });
        p.appendChild(doc.createTextNode("."));
        sec.appendChild(p);
      }
      art.appendChild(sec);
    });
    var loc = html("p", { "class": "loc" });
    loc.appendChild(html("code", null, (D.files[c.at[0]] || "") + ":" + c.at[1]));
    loc.appendChild(doc.createTextNode(" "));
    loc.appendChild(html("button", { type: "button", "class": "locate", "data-node": id, "aria-label": "Show " + id + " on the map" }, "Show on map"));
    art.appendChild(loc);
    return art;
  }
  function cardFor(id) {
    if (!generated) return byId.get(id) || null;
    var i = nodeIndex(id);
    return i >= 0 && D.cards ? buildCard(i) : null;
  }

  /* ---------------------------------------------------------------- the selected node */
  var side = $("#side");
  var sideBody = $("#side-body");
  var selected = null;

  // Selects a node: it and what bears on it (supporters, attackers, undercuts) are
  // highlighted, and its card opens beside the map, without scrolling the page.
  function select(id, quiet) {
    var card = cardFor(id);
    var i = nodeIndex(id);
    if (!card) return;
    selected = id;
    if (map && i >= 0) map.setSelected(i);
    if (side && sideBody) {
      var copy = card.cloneNode(true);
      copy.hidden = false;
      copy.removeAttribute("id");
      copy.classList.remove("flash");
      $all("[id]", copy).forEach(function (x) { x.removeAttribute("id"); });
      copy.removeAttribute("aria-labelledby");
      copy.setAttribute("aria-label", "Card of " + id);
      if (map && i >= 0) {
        // Collapse, expand and focus, from the card.
        var actions = html("div", { "class": "card-actions" });
        if (map.hasChildren(i)) {
          var closed = map.collapsed(i);
          actions.appendChild(html("button", { type: "button", "class": "fold-button", "data-node": id },
            closed ? "Expand (" + map.hiddenUnder(i) + " hidden)" : "Collapse what bears on it"));
        }
        actions.appendChild(html("button", { type: "button", "class": "focus-button", "data-node": id, title: "Show this node with the levels around it" }, "Focus"));
        copy.insertBefore(actions, copy.firstChild.nextSibling);
      }
      while (sideBody.firstChild) sideBody.removeChild(sideBody.firstChild);
      sideBody.appendChild(copy);
      sideBody.scrollTop = 0;
      side.hidden = false;
      root.classList.add("side-open");
      // On a narrow screen the card lies over the lower half of the window: when too
      // little of the map is left above it, the page scrolls to the map's top.
      var v = view && view.getBoundingClientRect(), c = side.getBoundingClientRect();
      if (v && window.getComputedStyle(side).position === "fixed" && c.top - Math.max(v.top, 0) < 160 && v.top > 0) {
        window.scrollBy(0, v.top);
      }
      if (map) map.resized();
    }
    if (map && i >= 0 && !quiet) map.reveal(i);
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", "#card-" + id);
  }
  function closeSide() {
    if (!side || side.hidden) return false;
    side.hidden = true;
    root.classList.remove("side-open");
    var i = selected ? nodeIndex(selected) : -1;
    selected = null;
    if (map) { map.resized(); map.setSelected(-1); }
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", window.location.pathname + window.location.search);
    var node = map && i >= 0 ? map.node(i) : null;
    if (node) node.focus({ preventScroll: true });
    return true;
  }
  function locate(id) {
    var i = nodeIndex(id);
    if (!map || i < 0) return;
    map.centerOn(i);
    map.setFound(i);
  }
  if (side) {
    $("#side-close").addEventListener("click", closeSide);
    sideBody.addEventListener("click", function (e) {
      var t = e.target.closest ? e.target : null;
      if (!t) return;
      var a = t.closest("a[href^='#card-']");
      if (a) {
        e.preventDefault();
        select(decodeURIComponent(a.getAttribute("href").slice(6)));
        return;
      }
      var b = t.closest("button.locate");
      if (b && map) { map.centerOn(nodeIndex(b.getAttribute("data-node"))); return; }
      b = t.closest("button.fold-button");
      if (b && map) { var fi = nodeIndex(b.getAttribute("data-node")); map.toggle(fi); select(D.id[fi], true); return; }
      b = t.closest("button.focus-button");
      if (b && map) { map.focusOn(nodeIndex(b.getAttribute("data-node"))); return; }
      b = t.closest("button.tag");
      if (b && tagSelect) { tagSelect.value = b.getAttribute("data-tag"); filter(); }
    });
  }
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    if (closeSide()) e.preventDefault();
  });

  /* ---------------------------------------------------------------- search and filters */
  var form = $("#filters");
  var q = $("#q");
  var tagSelect = $("#tag");
  var shownOut = $("#shown");
  var none = $("#none");
  var moreButton = $("#cards-more");
  // Of a large debate, the list shows this many matching cards at a time.
  var PAGE = 100;
  var listed = 0, matches = [];

  function filter() {
    var words = (q ? q.value : "").toLowerCase().split(/\s+/).filter(Boolean);
    var kinds = {};
    $all("input[name=kind]").forEach(function (k) { kinds[k.value] = k.checked; });
    var verdicts = {};
    $all("input[name=verdict]").forEach(function (v) { verdicts[v.value] = v.checked; });
    var tag = tagSelect ? tagSelect.value : "";
    var count = 0;
    var flags = new Uint8Array(N);
    matches = [];
    records.forEach(function (d) {
      var ok = kinds[d.kind] !== false && verdicts[d.verdict] !== false &&
        (!tag || d.tags.indexOf(tag) >= 0) &&
        words.every(function (w) { return d.text.indexOf(w) >= 0; });
      if (d.card) d.card.hidden = !ok;
      if (ok) { count++; matches.push(d); }
      if (!ok && d.index >= 0) flags[d.index] = 1;
    });
    if (map) map.setDim(flags);
    if (generated && cardList) {
      while (cardList.firstChild) cardList.removeChild(cardList.firstChild);
      listed = 0;
      more();
    }
    if (shownOut) {
      shownOut.textContent = count + " of " + records.length + " shown";
      shownOut.setAttribute("data-shown", String(count));
    }
    if (none) none.hidden = count > 0;
  }
  function more() {
    matches.slice(listed, listed + PAGE).forEach(function (d) { cardList.appendChild(buildCard(d.index)); });
    listed = Math.min(matches.length, listed + PAGE);
    if (moreButton) {
      moreButton.hidden = listed >= matches.length;
      moreButton.textContent = "show " + Math.min(PAGE, matches.length - listed) + " more of " + (matches.length - listed);
    }
  }
  if (moreButton) moreButton.addEventListener("click", more);

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
      // Enter selects the first match and centres the map on it.
      if (e.key === "Enter" && matches.length) { e.preventDefault(); locate(matches[0].id); select(matches[0].id, true); }
    });
  }
  $all("[data-action=clear]").forEach(function (b) { b.addEventListener("click", clearFilters); });
  if (cardList) {
    cardList.addEventListener("click", function (e) {
      var t = e.target.closest ? e.target : null;
      if (!t) return;
      var b = t.closest("button.tag");
      if (b && tagSelect) { tagSelect.value = b.getAttribute("data-tag"); filter(); tagSelect.focus(); return; }
      b = t.closest("button.locate");
      if (b && map) {
        locate(b.getAttribute("data-node"));
        view.scrollIntoView({ block: "center" });
        view.focus({ preventScroll: true });
        return;
      }
      var a = t.closest("a[href^='#card-']");
      if (a && generated) {
        var id = decodeURIComponent(a.getAttribute("href").slice(6));
        if (!doc.getElementById("card-" + id)) { e.preventDefault(); select(id); }
      }
    });
  }
  if (!map) $all("button.locate").forEach(function (b) { b.hidden = true; });

  // An in-page link to a hidden card shows it.
  window.addEventListener("hashchange", function () {
    var m = /^#card-(.+)$/.exec(window.location.hash);
    if (!m) return;
    var c = byId.get(m[1]);
    if (c && c.hidden) { clearFilters(); c.scrollIntoView(); }
  });

  // "/" focuses the search box, as on many sites.
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    if (q) { e.preventDefault(); q.focus(); }
  });

  // Print everything: all cards, the legend open, the whole map (a CSV preview's table
  // does not print).
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = $all("details:not([open]):not(.preview)");
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

  /* ---------------------------------------------------------------- check results */
  // A large debate's table lists its first check results; "Show all" adds the rest
  // from the `crux-checks` data block.
  var checksAll = $("#checks-all");
  if (checksAll) checksAll.addEventListener("click", function () {
    var more = null;
    try { more = JSON.parse($("#crux-checks").textContent); } catch (e) { more = null; }
    var body = $("table.findings tbody");
    if (!more || !body) return;
    var SEVERITIES = ["error", "warning", "info"];
    var rows = doc.createDocumentFragment();
    more.rows.forEach(function (r) {
      var sev = SEVERITIES[r[0]] || "info", rule = more.rules[r[1]] || ["", ""];
      var tr = html("tr", { "class": "sev-" + sev });
      var td = html("td");
      td.appendChild(html("span", { "class": "severity " + sev }, sev));
      tr.appendChild(td);
      td = html("td");
      td.appendChild(html("code", null, rule[0]));
      td.appendChild(doc.createTextNode(" " + rule[1]));
      tr.appendChild(td);
      tr.appendChild(html("td", null, r[2]));
      td = html("td");
      var code = html("code", null, (more.files[r[3]] || "") + ":" + r[4]);
      if (r[5]) { var a = cardLink(r[5], ""); a.appendChild(code); td.appendChild(a); } else td.appendChild(code);
      tr.appendChild(td);
      rows.appendChild(tr);
    });
    body.appendChild(rows);
    var line = $("#checks-more-line");
    if (line) line.textContent = "All " + (body.rows.length) + " check results.";
  });

  // Test hook: `page.html#test-search=gpu` types "gpu" into the search box on load.
  var hook = /^#test-search=(.*)$/.exec(window.location.hash);
  if (hook && q) {
    q.value = decodeURIComponent(hook[1]);
    q.dispatchEvent(new Event("input", { bubbles: true }));
  }
  // A large debate lists its first cards once the map is on screen.
  if (generated && !hook) window.setTimeout(filter, 0); else filter();
  // After a reload, the card that was open opens again.
  if (map && map.saved && map.saved.card && nodeIndex(map.saved.card) >= 0) select(map.saved.card, true);
})();
