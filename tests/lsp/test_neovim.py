"""A headless Neovim opens a fixture with errors; its built-in LSP client receives
the diagnostics that `crux check --format json` reports for that file, and the inlay
hints that give each node's verdict as `crux explain` does."""

import json
import os
import shutil
import subprocess

import pytest

from conftest import CRUX, REPO, check_json, copy_workspace

NVIM = shutil.which("nvim")


@pytest.mark.skipif(
    NVIM is None and not os.environ.get("CRUX_REQUIRE_NVIM"),
    reason="Neovim is not installed (.ci/run installs Debian's neovim)",
)
def test_neovim_receives_the_diagnostics(tmp_path):
    assert NVIM, "nvim not found, and CRUX_REQUIRE_NVIM is set"
    root = copy_workspace("errors")
    out = tmp_path / "diagnostics.json"
    env = dict(
        os.environ,
        CRUX=CRUX,
        CRUX_ROOT=str(root),
        CRUX_FILE=str(root / "a.crux"),
        CRUX_OUT=str(out),
        HOME=str(tmp_path),
        XDG_STATE_HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path),
    )
    script = REPO / "tests" / "lsp" / "nvim_smoke.lua"
    subprocess.run(
        [NVIM, "--headless", "--clean", "-c", f"luafile {script}"],
        env=env, cwd=root, timeout=60, check=True, capture_output=True,
    )
    result = json.loads(out.read_text())
    assert result["received"] is True
    got = sorted((d["line"], d["column"], d["code"]) for d in result["diagnostics"])
    expected = sorted(
        (d["line"] - 1, d["column"] - 1, d["code"])
        for d in check_json(root)
        if d["file"] == "a.crux"
    )
    assert got == expected and len(got) >= 3
    by_code = {d["code"]: d for d in result["diagnostics"]}
    assert by_code["S004"]["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert by_code["S004"]["message"].startswith("unknown ID `crypto_helpd_ai`")
    # One hint per node header, at the end of its line.
    lines = (root / "a.crux").read_text().splitlines()
    headers = [i for i, l in enumerate(lines) if l.split(" ")[0] in ("thesis", "claim", "evidence")]
    hints = sorted(result["hints"], key=lambda h: h["line"])
    assert [h["line"] for h in hints] == headers
    assert all(h["character"] == len(lines[h["line"]]) for h in hints)
    explain = subprocess.run(
        [CRUX, "explain", "crypto_helped_ai", "--color", "never"],
        cwd=root, capture_output=True, text=True,
    ).stdout
    # The node's own row of the tree: "VERDICT STRENGTH TEXT".
    rows = (line.split() for line in explain.splitlines()[1:])
    row = next(r for r in rows if r[:1] in (["stands"], ["falls"], ["open"]))
    assert hints[0]["label"] == f"{row[0]} · {row[1]}"
    assert hints[0]["tooltip"].startswith(f"{row[0]}: ")
    shutil.rmtree(root, ignore_errors=True)
