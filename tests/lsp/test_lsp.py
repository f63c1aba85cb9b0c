"""`crux lsp` end to end, driven by pytest-lsp as an editor would drive it."""

import asyncio
import pathlib

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import check_json


def uri(client: LanguageClient, relative: str) -> str:
    return (client.root / relative).as_uri()


async def open_doc(client: LanguageClient, relative: str) -> str:
    """Opens a file as an editor does and waits for its diagnostics."""
    path = client.root / relative
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="crux", version=1, text=path.read_text()
            )
        )
    )
    await wait_diagnostics(client, path.as_uri())
    return path.as_uri()


async def wait_diagnostics(client: LanguageClient, uri: str, version=None):
    """Waits until diagnostics for `uri` (of `version`, if given) arrive."""
    client.diagnostics.pop(uri, None)
    for _ in range(200):
        if uri in client.diagnostics:
            return client.diagnostics[uri]
        await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 10
        )
    raise AssertionError(f"no diagnostics for {uri}")


def change(client: LanguageClient, uri: str, version: int, start, end, text: str):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(*start), end=types.Position(*end)
                    ),
                    text=text,
                )
            ],
        )
    )


def as_check_json(client: LanguageClient, name: str, d: types.Diagnostic) -> dict:
    """A published diagnostic in the terms of `crux check --format json` (1-based
    lines and columns; the fixtures are ASCII, so UTF-16 and character columns agree)."""
    out = {
        "code": d.code,
        "name": d.data["name"],
        "severity": {1: "error", 2: "warning", 3: "info"}[d.severity],
        "message": d.data["message"],
        "file": name,
        "line": d.range.start.line + 1,
        "column": d.range.start.character + 1,
        "end_line": d.range.end.line + 1,
        "end_column": d.range.end.character + 1,
    }
    if d.data.get("help") is not None:
        out["help"] = d.data["help"]
    if d.related_information:
        out["related"] = [
            {
                "message": r.location and r.message,
                "file": str(pathlib.Path(r.location.uri.removeprefix("file://")).relative_to(client.root)),
                "line": r.location.range.start.line + 1,
                "column": r.location.range.start.character + 1,
                "end_line": r.location.range.end.line + 1,
                "end_column": r.location.range.end.character + 1,
            }
            for r in d.related_information
        ]
    return out


async def test_errors_diagnostics_are_what_check_reports(errors: LanguageClient):
    a = await open_doc(errors, "a.crux")
    # The other file's findings come without opening it.
    b = uri(errors, "b.crux")
    for _ in range(50):
        if b in errors.diagnostics:
            break
        await asyncio.sleep(0.05)
    published = []
    for name in ("a.crux", "b.crux"):
        for d in errors.diagnostics[uri(errors, name)]:
            published.append(as_check_json(errors, name, d))
    assert published == check_json(errors.root)
    assert all(d.source == "crux" for d in errors.diagnostics[a])
