#!/usr/bin/env python3
"""Browser test of `crux serve`: the live preview in headless Chromium.

    serve.py CRUX DEBATE_DIR [--screenshots DIR]

Copies DEBATE_DIR to a temporary folder, starts `CRUX serve` on it and opens the page.
Then it edits a node's text in a `.crux` file and checks that the page shows the new
text without being told to (and how long after the save), and that every other node
stays where it was, in the map and on the screen; breaks the file and checks
that the map stays, with a banner naming FILE:LINE; fixes it and checks that the banner
goes and the map follows. Also: the page logs no error and asks for nothing but its own
event stream, and Ctrl-C stops the server with exit status 0.
Exit status 0 when every check passes, 1 otherwise.
"""

import argparse
import json
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ from importing browser.py
from browser import Browser, Checks  # noqa: E402

FILE = "performance.crux"
OLD = "crux checks debates large enough for real projects interactively."
NEW = "crux checks debates of any size in the blink of an eye."
BANNER = "(document.getElementById('crux-live-banner') || {}).textContent || ''"
THESIS = "interactive_at_scale"
# Every node's box in the map's data, and the screen rectangle of those drawn, by ID.
PLACES = """(function () {
  var d = JSON.parse(document.getElementById('crux-data').textContent), out = {};
  d.id.forEach(function (id, i) { out[id] = {box: d.boxes.slice(4 * i, 4 * i + 4)}; });
  document.querySelectorAll('g.node[id^="node-"]').forEach(function (g) {
    var r = g.getBoundingClientRect(), id = g.id.slice(5);
    if (out[id]) out[id].screen = [r.x, r.y, r.width, r.height].map(Math.round);
  });
  return JSON.stringify(out);
})()"""


def pause(b, seconds):
    """Lets the page run for `seconds`, keeping its events (never a negative wait)."""
    deadline = time.time() + seconds
    while (left := deadline - time.time()) > 0:
        msg = b.read(left)
        if msg is not None:
            b.on_event(msg)


def wait(b, expression, timeout=5.0):
    """Polls `expression` in the page (which may be reloading) until it is truthy."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = b.eval(expression)
            if value:
                return value
        except (RuntimeError, TimeoutError):
            pass  # the page is being replaced
        pause(b, 0.02)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("crux", type=pathlib.Path)
    parser.add_argument("debate", type=pathlib.Path)
    parser.add_argument("--screenshots", type=pathlib.Path)
    args = parser.parse_args()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="crux-serve-e2e-"))
    debate = work / "debate"
    shutil.copytree(args.debate, debate)
    server = subprocess.Popen(
        [str(args.crux.resolve()), "serve", str(debate)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    checks = Checks()
    b = None
    try:
        line = server.stdout.readline()
        url = line.split(" on ", 1)[1].split(" ", 1)[0] if " on " in line else None
        checks.check(url is not None and url.startswith("http://127.0.0.1:"), f"serve prints its address: {line.strip()!r}")
        if url is None:
            return 1
        b = Browser()
        b.navigate(url)
        checks.check(b.eval(f"document.body.textContent.includes({OLD!r})"), "the page shows the debate")
        checks.check(b.eval("!!document.querySelector('#map-view svg')"), "the page has the map")

        # What the page keeps across a reload lives in its tab: sessionStorage and the
        # URL's fragment survive, since the page reloads in place.
        b.eval("sessionStorage.setItem('crux-serve-test', 'kept'); history.replaceState(null, '', '#crux-serve-test'); 1")
        # The chosen debate: the second one (showcase has two).
        chose = b.eval("(function () { var t = document.getElementById('debate-1'); if (!t) return false; t.click(); return true; })()")
        pause(b, 0.3)

        source = debate / FILE
        text = source.read_text()
        before = json.loads(b.eval(PLACES))
        saved = time.time()
        source.write_text(text.replace(OLD, NEW))
        # The new page whole: a large page shows its text before the parser has reached
        # the map's data at its end.
        shown = wait(b, f"document.readyState === 'complete' && document.body.textContent.includes({NEW!r})")
        took = time.time() - saved
        checks.check(bool(shown), f"an edit shows on the page by itself ({took * 1000:.0f} ms after the save)")
        checks.check(not b.eval(f"document.body.textContent.includes({OLD!r})"), "the old text is gone")
        # Only the thesis changed: every other node keeps its box, and those drawn
        # before and after are at the same place on the screen.
        pause(b, 0.3)
        after = json.loads(b.eval(PLACES))
        others = [i for i in before if i != THESIS and i in after]
        moved = [i for i in others if before[i]["box"] != after[i]["box"]]
        checks.check(len(others) > 30 and not moved, f"the other {len(others)} nodes keep their boxes (moved: {moved[:5]})")
        drawn = [i for i in others if "screen" in before[i] and "screen" in after[i]]
        shifted = [i for i in drawn if before[i]["screen"] != after[i]["screen"]]
        checks.check(drawn and not shifted, f"the {len(drawn)} other nodes in view stay put on the screen (shifted: {shifted[:5]})")
        checks.check(
            b.eval("sessionStorage.getItem('crux-serve-test') === 'kept' && location.hash === '#crux-serve-test'"),
            "the page reloaded in place: its sessionStorage and URL fragment are kept",
        )
        # A page that saves its view (pan, zoom, the open card, the chosen debate) in
        # sessionStorage gets it back after the reload.
        saves_view = b.eval("Object.keys(sessionStorage).some(function (k) { return k.indexOf('crux-page:') === 0; })")
        if chose and saves_view:
            kept = wait(b, "(document.getElementById('debate-1') || {}).getAttribute && document.getElementById('debate-1').getAttribute('aria-selected') === 'true'")
            checks.check(bool(kept), "the chosen debate is kept across the reload")
        else:
            print("  skip the chosen debate across the reload: this page does not save its view")

        # A syntax error: the colon after the thesis's ID is dropped.
        broken = text.replace(OLD, NEW).replace("thesis interactive_at_scale:", "thesis interactive_at_scale", 1)
        line_no = next(i for i, l in enumerate(broken.splitlines(), 1) if l.startswith("thesis interactive_at_scale"))
        source.write_text(broken)
        banner = wait(b, BANNER)
        checks.check(bool(banner) and f"{FILE}:{line_no}:" in banner, f"a syntax error shows a banner naming {FILE}:{line_no}: {banner!r}")
        checks.check(
            b.eval("!!document.querySelector('#map-view svg')") and b.eval(f"document.body.textContent.includes({NEW!r})"),
            "the last good map stays",
        )
        if args.screenshots:
            b.screenshot(args.screenshots / "serve-error-banner.png")

        source.write_text(text)
        back = wait(b, f"!document.getElementById('crux-live-banner') && document.body.textContent.includes({OLD!r})")
        checks.check(bool(back), "fixed: the banner goes and the map follows")

        problems = [
            p for p in b.problems()
            if not p.startswith(f"network request: {url}")  # the page and its event stream
        ]
        checks.check(not problems, f"nothing is logged as an error: {problems}")
    finally:
        if b is not None:
            b.close()
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            code = server.wait()
        checks.check(code == 0, f"Ctrl-C stops the server (exit status {code})")
        shutil.rmtree(work, ignore_errors=True)
    if checks.failed:
        print(f"serve browser test: {checks.failed} check(s) failed")
        return 1
    print("serve browser test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
