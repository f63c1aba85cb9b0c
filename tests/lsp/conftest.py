"""Fixtures: `crux lsp` started by pytest-lsp on a copy of a workspace.

The server is the `crux` binary named by $CRUX (default: target/debug/crux). Each test
gets its own copy of the workspace in a temporary folder, so that edits never touch
the repository.
"""

import atexit
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = pathlib.Path(__file__).resolve().parents[2]
CRUX = os.environ.get("CRUX", str(REPO / "target" / "debug" / "crux"))


def copy_workspace(name: str) -> pathlib.Path:
    """A fresh copy of a workspace: `showcase` (claims/ with the repository's
    crux.yaml) or a folder of tests/fixtures/lsp/ or tests/fixtures/cli/."""
    root = pathlib.Path(tempfile.mkdtemp(prefix="crux-lsp-")).resolve()
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    if name == "showcase":
        shutil.copytree(REPO / "claims", root / "claims")
        shutil.copy(REPO / "crux.yaml", root / "crux.yaml")
    else:
        for base in (REPO / "tests" / "fixtures" / "lsp", REPO / "tests" / "fixtures" / "cli"):
            if (base / name).is_dir():
                shutil.copytree(base / name, root, dirs_exist_ok=True)
                break
        else:
            raise FileNotFoundError(name)
    return root


def check_json(root: pathlib.Path) -> list:
    """What `crux check --format json` reports in `root`."""
    out = subprocess.run(
        [CRUX, "check", "--format", "json"], cwd=root, capture_output=True, text=True
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


async def start(client: LanguageClient, name: str):
    root = copy_workspace(name)
    client.root = root
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=name)],
        )
    )


def make_client() -> LanguageClient:
    """pytest-lsp's test client, which also keeps the version of each file's last
    published diagnostics in `versions`."""
    client = LanguageClient(converter_factory=default_converter)
    client.versions = {}
    client.registrations = []
    # The glob patterns of each registration of file watchers, by its ID.
    client.watched = {}

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.versions[params.uri] = params.version

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish

    # The server asks to be told of changed files, as editors allow.
    def register(client: LanguageClient, params: types.RegistrationParams):
        client.registrations = [r.method for r in params.registrations]
        for r in params.registrations:
            watchers = (r.register_options or {}).get("watchers", [])
            client.watched[r.id] = [w["globPattern"] for w in watchers]

    features[types.CLIENT_REGISTER_CAPABILITY] = register

    def unregister(client: LanguageClient, params: types.UnregistrationParams):
        for u in params.unregisterations:
            client.watched.pop(u.id, None)

    features[types.CLIENT_UNREGISTER_CAPABILITY] = unregister
    register_lsp_features(client, features)
    return client


def server(name: str):
    config = ClientServerConfig(server_command=[CRUX, "lsp"], client_factory=make_client)

    @pytest_lsp.fixture(config=config)
    async def fixture(lsp_client: LanguageClient):
        await start(lsp_client, name)
        yield
        await lsp_client.shutdown_session()
        shutil.rmtree(lsp_client.root, ignore_errors=True)

    return fixture


showcase = server("showcase")
errors = server("errors")
editing = server("editing")
rooted = server("rooted")
