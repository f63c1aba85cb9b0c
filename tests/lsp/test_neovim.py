"""A headless Neovim opens a fixture with errors; its built-in LSP client receives
the diagnostics that `crux check --format json` reports for that file."""

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
    shutil.rmtree(root, ignore_errors=True)
