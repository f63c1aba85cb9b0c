#!/usr/bin/env python3
"""Opens a crux HTML page in headless Chromium and says how long it took.

    open.py PAGE.html [--runs N] [--timeout S]

Each run starts a fresh browser (tests/e2e/browser.py's, over the DevTools pipe),
navigates to PAGE and waits for the map to be drawn: the page's script marks the first
frame that shows the map with `performance.mark("crux-map-drawn")`. It prints one CSV
line of medians: the time from navigation to the `load` event (s), to the mark (s),
the browser's memory then (MB, the proportional set size of all its processes, from
/proc),
how many node elements the map holds, and the time (ms, to the next frame) of a pan
at the opening view, of "Fit all", of "Expand all" (everything drawn, which on a large
debate is the far view: the whole debate as a few paths) and of a pan in that view.
Pages without the mark count their first contentful paint instead.
"""

import argparse
import os
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tests" / "e2e"))
import browser  # noqa: E402


def tree_pss_mb(pid):
    """Memory of a process and all its descendants, in MB: the sum of their
    proportional set sizes (shared pages divided among the processes that share
    them, so that nothing is counted twice)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


MARKS = (
    "(() => { const t = performance.timing;"
    " const m = performance.getEntriesByName('crux-map-drawn')[0];"
    " const p = performance.getEntriesByName('first-contentful-paint')[0];"
    " return {load: t.loadEventStart - t.navigationStart,"
    "  drawn: m ? m.startTime : null, paint: p ? p.startTime : null,"
    "  nodes: document.querySelectorAll('#map-view g.node').length}; })()"
)


FRAMES = """(async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const time = async (f) => { await frame(); const s = performance.now(); f(); await frame();
    return performance.now() - s; };
  const view = document.getElementById('map-view');
  if (!view || !document.getElementById('expand-all')) return {};
  const key = (k) => view.dispatchEvent(new KeyboardEvent('keydown', {key: k, bubbles: true}));
  const pan = await time(() => key('ArrowRight'));
  const fit = await time(() => document.querySelector('[data-zoom=fit]').click());
  const expand = await time(() => { document.getElementById('expand-all').click();
    document.querySelector('[data-zoom=fit]').click(); });
  const farPan = await time(() => key('ArrowLeft'));
  return {pan, fit, expand, farPan};
})()"""


def one(url, timeout):
    b = browser.Browser()
    try:
        b.events = []
        b.call("Page.navigate", url=url, timeout=timeout)
        b.wait_for("Page.loadEventFired", timeout=timeout)
        deadline = time.time() + timeout
        while True:
            m = b.call("Runtime.evaluate", expression=MARKS, returnByValue=True,
                       timeout=timeout)["result"]["value"]
            if m["drawn"] is not None or time.time() > deadline:
                break
            if m["paint"] is not None and "crux-map-drawn" not in pathlib.Path(
                    url[len("file://"):]).read_text(errors="replace")[-200000:]:
                break
            b.settle(0.1)
        memory = tree_pss_mb(b.proc.pid)
        drawn = m["drawn"] if m["drawn"] is not None else m["paint"]
        frames = b.call("Runtime.evaluate", expression=FRAMES, returnByValue=True,
                        awaitPromise=True, timeout=timeout)["result"].get("value") or {}
        return (m["load"] / 1e3, (drawn or 0) / 1e3, memory, m["nodes"],
                frames.get("pan", 0), frames.get("fit", 0), frames.get("expand", 0),
                frames.get("farPan", 0))
    finally:
        b.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=pathlib.Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    url = args.page.resolve().as_uri()
    results = [one(url, args.timeout) for _ in range(args.runs)]
    med = [statistics.median(r[i] for r in results) for i in range(8)]
    print(f"{med[0]:.2f},{max(med[0], med[1]):.2f},{med[2]:.0f},{med[3]:.0f},"
          f"{med[4]:.0f},{med[5]:.0f},{med[6]:.0f},{med[7]:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
