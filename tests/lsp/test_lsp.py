"""`crux lsp` end to end, driven by pytest-lsp as an editor would drive it: the
handshake, open, change, diagnostics, hover, definition, references, highlights,
rename, completion, formatting, code actions, symbols, semantic tokens, folding and
shutdown, on the showcase (claims/) and on fixtures with errors."""

import asyncio
import pathlib
import re
import subprocess

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import CRUX, check_json, copy_workspace


def uri(client: LanguageClient, relative: str) -> str:
    return (client.root / relative).as_uri()


def text_of(client: LanguageClient, relative: str) -> str:
    return (client.root / relative).read_text()


async def open_doc(client: LanguageClient, relative: str) -> str:
    """Opens a file as an editor does and waits for its diagnostics."""
    path = client.root / relative
    client.diagnostics.pop(path.as_uri(), None)
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
    """Waits until diagnostics for `uri` arrive (for `version`, if given)."""
    for _ in range(100):
        got = client.diagnostics.get(uri)
        if got is not None and (version is None or client.versions.get(uri) == version):
            return got
        await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30
        )
    raise AssertionError(f"no diagnostics for {uri}")


def change(client: LanguageClient, uri: str, version: int, start, end, text: str):
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(*start), end=types.Position(*end)),
                    text=text,
                )
            ],
        )
    )


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def position_of(text: str, needle: str, nth: int = 0, after: int = 0) -> types.Position:
    """The protocol position (0-based line, UTF-16 column) of the `nth` occurrence of
    `needle`, plus `after` characters."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += after
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    return types.Position(line=line, character=utf16(text[start:at]))


def apply_edits(text: str, edits: list) -> str:
    """Applies protocol text edits (non-overlapping) to a text."""
    lines = text.split("\n")

    def offset(p):
        before = "\n".join(lines[: p.line]) + ("\n" if p.line else "")
        line = lines[p.line] if p.line < len(lines) else ""
        units = line.encode("utf-16-le")[: p.character * 2].decode("utf-16-le")
        return len(before) + len(units)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


def as_check_json(client: LanguageClient, name: str, d: types.Diagnostic) -> dict:
    """A published diagnostic in the terms of `crux check --format json` (1-based lines
    and columns; the compared files are ASCII where findings are, so UTF-16 and
    character columns agree)."""
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
        assert d.message == d.data["message"] + "\nhelp: " + d.data["help"]
    if d.related_information:
        out["related"] = [
            {
                "message": r.message,
                "file": str(
                    pathlib.Path(r.location.uri.removeprefix("file://")).relative_to(client.root)
                ),
                "line": r.location.range.start.line + 1,
                "column": r.location.range.start.character + 1,
                "end_line": r.location.range.end.line + 1,
                "end_column": r.location.range.end.character + 1,
            }
            for r in d.related_information
        ]
    return out


async def all_published(client: LanguageClient, names: list) -> list:
    """Every published diagnostic of `names`, in check's order, waiting for each file."""
    for _ in range(100):
        if all(uri(client, n) in client.diagnostics for n in names):
            break
        await asyncio.sleep(0.05)
    return [
        as_check_json(client, n, d) for n in names for d in client.diagnostics[uri(client, n)]
    ]


# ---------------------------------------------------------------- diagnostics


async def test_errors_diagnostics_are_what_check_reports(errors: LanguageClient):
    a = await open_doc(errors, "a.crux")
    assert await all_published(errors, ["a.crux", "b.crux"]) == check_json(errors.root)
    assert all(d.source == "crux" for d in errors.diagnostics[a])
    assert {d.code for d in errors.diagnostics[a]} >= {"S004", "W301"}


async def test_showcase_diagnostics_are_what_check_reports(showcase: LanguageClient):
    await open_doc(showcase, "claims/crypto-ai.crux")
    names = ["claims/crypto-ai.crux", "claims/performance.crux"]
    published = await all_published(showcase, names[:1])
    expected = check_json(showcase.root)
    assert published == [d for d in expected if d["file"] == names[0]]


async def test_a_fix_clears_its_finding_and_a_new_mistake_shows(errors: LanguageClient):
    a = await open_doc(errors, "a.crux")
    text = text_of(errors, "a.crux")
    assert "S004" in [d.code for d in errors.diagnostics[a]]
    start = position_of(text, "crypto_helpd_ai")
    end = position_of(text, "crypto_helpd_ai", after=len("crypto_helpd_ai"))
    change(errors, a, 2, (start.line, start.character), (end.line, end.character), "crypto_helped_ai")
    after = await wait_diagnostics(errors, a, version=2)
    assert "S004" not in [d.code for d in after]
    # Type a new unknown reference, one keystroke at a time: one check at the end.
    for i, ch in enumerate("  supports nowhere\n"):
        pos = (7, i)
        change(errors, a, 3 + i, pos, pos, ch)
    last = 3 + len("  supports nowhere\n") - 1
    after = await wait_diagnostics(errors, a, version=last)
    unknown = [d for d in after if d.code == "S004"]
    assert [d.range.start for d in unknown] == [types.Position(line=7, character=11)]
    assert "`nowhere`" in unknown[0].message


async def test_positions_are_utf16(editing: LanguageClient):
    doc = await open_doc(editing, "debate.crux")
    text = text_of(editing, "debate.crux")
    syntax = [d for d in editing.diagnostics[doc] if "`extra`" in d.message]
    assert [d.range.start for d in syntax] == [position_of(text, "extra")]
    # The emoji counts two UTF-16 units: one more than its characters.
    line = text.splitlines()[syntax[0].range.start.line]
    assert syntax[0].range.start.character == line.index("extra") + 1


async def test_an_open_buffer_wins_over_the_disk(errors: LanguageClient):
    b = await open_doc(errors, "b.crux")
    text = text_of(errors, "b.crux")
    start = position_of(text, "counter surplus", after=len("counter "))
    change(errors, b, 2, (start.line, start.character), (start.line, start.character + 7), "scarce")
    await wait_diagnostics(errors, b, version=2)
    a = uri(errors, "a.crux")
    for _ in range(100):
        if a in errors.diagnostics and not any(
            d.code == "S003" for d in errors.diagnostics.get(b, [])
        ):
            break
        await asyncio.sleep(0.05)
    assert not any(d.code == "S003" for d in errors.diagnostics[b])
    # The file on disk still has the duplicate.
    assert any(d["code"] == "S003" for d in check_json(errors.root))


# ---------------------------------------------------------------- navigation


def explain(root: pathlib.Path, node: str) -> tuple:
    """The verdict and strength `crux explain` gives a node."""
    out = subprocess.run(
        [CRUX, "explain", node, "claims/", "--color", "never"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout
    # The sentence that says why may take more than one line; the tree's first row
    # is the node's own: "VERDICT STRENGTH TEXT".
    for line in out.splitlines()[1:]:
        parts = line.split()
        if (
            len(parts) >= 2
            and parts[0] in ("stands", "falls", "open")
            and parts[1].replace(".", "", 1).isdigit()
        ):
            return parts[0], parts[1]
    raise AssertionError(f"no verdict row in:\n{out}")


async def test_hover_shows_the_card(showcase: LanguageClient):
    doc = await open_doc(showcase, "claims/crypto-ai.crux")
    text = text_of(showcase, "claims/crypto-ai.crux")
    # On a reference to the thesis, not its header.
    at = position_of(text, "supports crypto_helped_ai", after=len("supports ") + 2)
    hover = await showcase.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=doc), position=at)
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    card = hover.contents.value
    verdict, strength = explain(showcase.root, "crypto_helped_ai")
    assert card.startswith(f"**thesis `crypto_helped_ai`** — **{verdict}** (strength {strength}")
    assert "hugely beneficial" in card
    assert "**Supported by**" in card and "**Attacked by**" in card
    assert hover.range.start.line == at.line
    header = position_of(text, "thesis crypto_helped_ai", after=len("thesis "))
    assert card.endswith(f"*claims/crypto-ai.crux:{header.line + 1}:{header.character + 1}*")
    # A `"""` block's lines are one paragraph.
    assert "in the same way that the dot-com bubble" in card


async def test_definition_references_and_highlights(showcase: LanguageClient):
    doc = await open_doc(showcase, "claims/crypto-ai.crux")
    text = text_of(showcase, "claims/crypto-ai.crux")
    at = position_of(text, "supports crypto_helped_ai", after=len("supports "))
    ident = types.TextDocumentIdentifier(uri=doc)
    found = await showcase.text_document_definition_async(
        types.DefinitionParams(text_document=ident, position=at)
    )
    assert found.uri == doc
    assert found.range.start == position_of(text, "thesis crypto_helped_ai", after=len("thesis "))

    refs = await showcase.text_document_references_async(
        types.ReferenceParams(
            text_document=ident, position=at,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    written = len(re.findall(r"\bcrypto_helped_ai\b", re.sub(r'"""[\s\S]*?"""|"[^"\n]*"|#.*', "", text)))
    assert len(refs) == written > 5
    assert {r.uri for r in refs} == {doc}

    highlights = await showcase.text_document_document_highlight_async(
        types.DocumentHighlightParams(text_document=ident, position=at)
    )
    assert len(highlights) == written
    assert [h.kind for h in highlights].count(types.DocumentHighlightKind.Write) == 1


async def test_references_span_files(errors: LanguageClient):
    doc = await open_doc(errors, "b.crux")
    text = text_of(errors, "b.crux")
    at = position_of(text, "crypto_helped_ai")
    refs = await errors.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=doc), position=at,
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert sorted(pathlib.Path(r.uri).name for r in refs) == ["a.crux", "a.crux", "b.crux"]


async def test_rename_across_files_and_refusals(errors: LanguageClient):
    doc = await open_doc(errors, "b.crux")
    text = text_of(errors, "b.crux")
    at = position_of(text, "crypto_helped_ai", after=3)
    ident = types.TextDocumentIdentifier(uri=doc)
    prepared = await errors.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=ident, position=at)
    )
    assert prepared.start == position_of(text, "crypto_helped_ai")
    edit = await errors.text_document_rename_async(
        types.RenameParams(text_document=ident, position=at, new_name="crypto_for_ai")
    )
    a, b = uri(errors, "a.crux"), uri(errors, "b.crux")
    assert set(edit.changes) == {a, b}
    new_a = apply_edits(text_of(errors, "a.crux"), edit.changes[a])
    assert "crypto_helped_ai" not in new_a and new_a.count("crypto_for_ai") == 3
    for name, why in [
        ("surplus", "taken"),
        ("claim", "keyword"),
        ("Not An ID", "not a valid ID"),
        ("9lives", "not a valid ID"),
    ]:
        with pytest.raises(Exception, match=why):
            await errors.text_document_rename_async(
                types.RenameParams(text_document=ident, position=at, new_name=name)
            )


async def test_renaming_the_root_renames_it_in_crux_yaml(rooted: LanguageClient):
    # `render.root` names the thesis: left behind, `crux check` would fail on the config.
    doc = await open_doc(rooted, "debate.crux")
    text = text_of(rooted, "debate.crux")
    edit = await rooted.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=doc),
            position=position_of(text, "main_t", after=2),
            new_name="remote_output",
        )
    )
    config = uri(rooted, "crux.yaml")
    assert set(edit.changes) == {doc, config}
    renamed = apply_edits(text_of(rooted, "crux.yaml"), edit.changes[config])
    assert '  root: "remote_output"\n' in renamed
    (rooted.root / "crux.yaml").write_text(renamed)
    (rooted.root / "debate.crux").write_text(apply_edits(text, edit.changes[doc]))
    out = subprocess.run([CRUX, "check"], cwd=rooted.root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr + out.stdout


async def test_references_and_rename_see_lines_that_do_not_parse(errors: LanguageClient):
    doc = await open_doc(errors, "b.crux")
    text = text_of(errors, "b.crux")
    ident = types.TextDocumentIdentifier(uri=doc)
    end = len(text.split("\n")) - 1
    # Two weights: the line does not parse, and its relation is not in the debate.
    change(errors, doc, 2, (end, 0), (end, 0), "  supports crypto_helped_ai 0.5 0.6\n")
    await wait_diagnostics(errors, doc, version=2)
    assert any(d.code == "S001" for d in errors.diagnostics[doc])
    broken = types.Position(line=end, character=len("  supports crypto"))
    refs = await errors.text_document_references_async(
        types.ReferenceParams(
            text_document=ident,
            position=broken,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    at = {(r.uri, r.range.start.line, r.range.start.character) for r in refs}
    assert (doc, end, len("  supports ")) in at
    a = uri(errors, "a.crux")
    assert any(place[0] == a for place in at)
    edit = await errors.text_document_rename_async(
        types.RenameParams(text_document=ident, position=broken, new_name="crypto_for_ai")
    )
    new_b = text.rstrip("\n") + "\n" + "  supports crypto_helped_ai 0.5 0.6\n"
    assert "supports crypto_for_ai 0.5 0.6" in apply_edits(new_b, edit.changes[doc])
    # The words of a quoted text on such a line are the writer's: neither references
    # nor renamed.
    line = '  supports crypto_helped_ai "as crypto_helped_ai said" 0.5\n'
    change(errors, doc, 3, (end, 0), (end + 1, 0), line)
    await wait_diagnostics(errors, doc, version=3)
    refs = await errors.text_document_references_async(
        types.ReferenceParams(
            text_document=ident,
            position=broken,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert [r.range.start.character for r in refs if r.uri == doc and r.range.start.line == end] == [
        len("  supports ")
    ]
    edit = await errors.text_document_rename_async(
        types.RenameParams(text_document=ident, position=broken, new_name="crypto_for_ai")
    )
    renamed = apply_edits(text.rstrip("\n") + "\n" + line, edit.changes[doc])
    assert 'supports crypto_for_ai "as crypto_helped_ai said" 0.5' in renamed


async def test_renaming_a_duplicated_id_renames_that_node_only(errors: LanguageClient):
    # `surplus` is the ID of a claim in a.crux and of a counter in b.crux.
    doc = await open_doc(errors, "b.crux")
    text = text_of(errors, "b.crux")
    ident = types.TextDocumentIdentifier(uri=doc)
    at = position_of(text, "counter surplus", after=len("counter "))
    edit = await errors.text_document_rename_async(
        types.RenameParams(text_document=ident, position=at, new_name="scarcity")
    )
    assert list(edit.changes) == [doc]
    assert apply_edits(text, edit.changes[doc]) == text.replace("counter surplus", "counter scarcity")
    # A reference to the duplicated ID names neither node for sure: refused, with both
    # places named.
    end = len(text.split("\n")) - 1
    change(errors, doc, 2, (end, 0), (end, 0), 'claim uses: "U."\n  supports surplus\n')
    await wait_diagnostics(errors, doc, version=2)
    reference = types.Position(line=end + 1, character=len("  supports s"))
    with pytest.raises(Exception, match=r"ID of 2 nodes \(a\.crux:5:7, b\.crux:2:9\)"):
        await errors.text_document_rename_async(
            types.RenameParams(text_document=ident, position=reference, new_name="scarcity")
        )


# ---------------------------------------------------------------- editing


async def complete(client, doc, position):
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=doc), position=position
        )
    )
    if result is None:
        return []
    items = result if isinstance(result, list) else result.items
    return [i.label for i in items]


async def test_completion(editing: LanguageClient):
    doc = await open_doc(editing, "debate.crux")
    text = text_of(editing, "debate.crux")
    end = position_of(text, "  supports gpus_mater", after=len("  supports gpus_mater"))
    # Replace the line's tail with an empty one to type on.
    lines = text.split("\n")
    n = len(lines)
    change(editing, doc, 2, (n - 1, 0), (n - 1, 0), "  supports gp")
    await wait_diagnostics(editing, doc, version=2)
    labels = await complete(editing, doc, types.Position(line=n - 1, character=13))
    assert "gpus_matter" in labels and "gpu_count" in labels and "cheap" not in labels
    # Fuzzy: the letters in order.
    change(editing, doc, 3, (n - 1, 11), (n - 1, 13), "gm")
    await wait_diagnostics(editing, doc, version=3)
    assert await complete(editing, doc, types.Position(line=n - 1, character=13)) == ["gpus_matter"]
    change(editing, doc, 4, (n - 1, 0), (n - 1, 13), "cl")
    await wait_diagnostics(editing, doc, version=4)
    assert await complete(editing, doc, types.Position(line=n - 1, character=2)) == ["claim"]
    change(editing, doc, 5, (n - 1, 0), (n - 1, 2), "  sou")
    await wait_diagnostics(editing, doc, version=5)
    assert await complete(editing, doc, types.Position(line=n - 1, character=5)) == ["source"]
    allow = position_of(text, "allow(", after=len("allow(") + 3)
    labels = await complete(editing, doc, allow)
    assert "unsupported-claim" in labels
    change(editing, doc, 6, (n - 1, 0), (n - 1, 5), '  artifact "da')
    await wait_diagnostics(editing, doc, version=6)
    assert await complete(editing, doc, types.Position(line=n - 1, character=14)) == ["data.csv"]
    change(editing, doc, 7, (n - 1, 0), (n - 1, 14), "  undercuts gpu_count -> gp")
    await wait_diagnostics(editing, doc, version=7)
    labels = await complete(editing, doc, types.Position(line=n - 1, character=27))
    assert "gpus_matter" in labels


def crux_fmt(root: pathlib.Path, name: str) -> str:
    subprocess.run([CRUX, "fmt", name], cwd=root, capture_output=True)
    return (root / name).read_text()


async def test_formatting_is_crux_fmt_also_with_syntax_errors(editing: LanguageClient):
    doc = await open_doc(editing, "debate.crux")
    text = text_of(editing, "debate.crux")
    edits = await editing.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=doc),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    formatted = apply_edits(text, edits)
    other = copy_workspace("editing")
    assert formatted == crux_fmt(other, "debate.crux") != text
    assert "  this line does not parse" in formatted


async def test_formatting_the_showcase_changes_nothing(showcase: LanguageClient):
    doc = await open_doc(showcase, "claims/crypto-ai.crux")
    edits = await showcase.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=doc),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert list(edits) == []


async def actions_at(client, doc, position):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc),
            range=types.Range(start=position, end=position),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )


async def test_code_actions(editing: LanguageClient):
    doc = await open_doc(editing, "debate.crux")
    text = text_of(editing, "debate.crux")
    # Did you mean, on an unknown ID.
    actions = await actions_at(editing, doc, position_of(text, "gpus_mater", after=2))
    titles = [a.title for a in actions]
    assert "Replace `gpus_mater` with `gpus_matter`" in titles
    fix = actions[titles.index("Replace `gpus_mater` with `gpus_matter`")]
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    fixed = apply_edits(text, fix.edit.changes[doc])
    assert "supports gpus_matter 0.4" in fixed
    # And on a misspelt rule name.
    actions = await actions_at(editing, doc, position_of(text, "unsuported"))
    assert "Replace `unsuported-claim` with `unsupported-claim`" in [a.title for a in actions]
    # Pin an artifact: the same text as crux pin writes.
    actions = await actions_at(editing, doc, position_of(text, '"data.csv"'))
    pin = [a for a in actions if "sha256" in a.title]
    assert len(pin) == 1
    pinned = apply_edits(text, pin[0].edit.changes[doc])
    other = copy_workspace("editing")
    # crux pin refuses a file with syntax errors: compare on the artifact's line.
    (other / "debate.crux").write_text(text.replace("  this line does not parse\n", "").replace(" extra\n", "\n"))
    subprocess.run([CRUX, "pin"], cwd=other, capture_output=True, check=True)
    pin_line = [l for l in (other / "debate.crux").read_text().splitlines() if "data.csv" in l]
    assert pin_line == [l for l in pinned.splitlines() if "data.csv" in l]
    # Suppress a rule on a node.
    actions = await actions_at(editing, doc, position_of(text, "messy"))
    allow = [a for a in actions if a.title == "Suppress `unsupported-claim` on this node"]
    suppressed = apply_edits(text, allow[0].edit.changes[doc])
    assert "# crux: allow(unsupported-claim)\nclaim   messy:" in suppressed
    change(editing, doc, 2, (0, 0), (len(text.split("\n")) + 5, 0), suppressed)
    after = await wait_diagnostics(editing, doc, version=2)
    assert not any("`messy`" in d.message for d in after)


async def test_fix_all_mends_notation_as_check_fix_does(editing: LanguageClient):
    doc = await open_doc(editing, "debate.crux")
    text = text_of(editing, "debate.crux")
    n = len(text.split("\n"))
    slips = "  by Alice\n  tags work; output\n  supports: gpus_mater\n"
    change(editing, doc, 2, (n - 1, 0), (n - 1, 0), slips)
    await wait_diagnostics(editing, doc, version=2)
    edited = text + slips
    at = position_of(edited, "Alice")
    # Asked for on save: only the fix-all action comes, no quick fixes.
    actions = await editing.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc),
            range=types.Range(start=at, end=at),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    assert [a.kind for a in actions] == ["source.fixAll.crux"]
    mended = apply_edits(edited, actions[0].edit.changes[doc])
    # The notation is mended; the misspelt ID, a guess about content, is not.
    assert '  by "Alice"\n  tags work, output\n  supports gpus_mater\n' in mended
    # The same as `crux check --fix` on the same text.
    other = copy_workspace("editing")
    (other / "debate.crux").write_text(edited)
    subprocess.run([CRUX, "check", "--fix", "debate.crux"], cwd=other, capture_output=True)
    assert (other / "debate.crux").read_text() == mended
    # Asked for quick fixes only, it does not come.
    only_quick = await editing.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc),
            range=types.Range(start=at, end=at),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.QuickFix]),
        )
    )
    assert all(a.kind == types.CodeActionKind.QuickFix for a in only_quick) and only_quick


# ---------------------------------------------------------------- symbols, tokens


async def test_symbols(showcase: LanguageClient):
    doc = await open_doc(showcase, "claims/crypto-ai.crux")
    text = text_of(showcase, "claims/crypto-ai.crux")
    symbols = await showcase.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=doc))
    )
    headers = re.findall(r"^(thesis|claim|counter|evidence) ([a-z0-9_-]+)", text, re.M)
    assert [s.name for s in symbols] == [h[1] for h in headers]
    assert symbols[0].kind == types.SymbolKind.Class
    found = await showcase.workspace_symbol_async(types.WorkspaceSymbolParams(query="crypto_helped"))
    assert "crypto_helped_ai" in [s.name for s in found]


async def test_semantic_tokens_and_folding(editing: LanguageClient):
    doc = await open_doc(editing, "debate.crux")
    ident = types.TextDocumentIdentifier(uri=doc)
    tokens = await editing.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=ident)
    )
    data = tokens.data
    assert len(data) % 5 == 0 and len(data) > 40
    # The first token is the kind keyword `thesis` on line 4 (0-based), a type.
    assert list(data[:5]) == [4, 0, 6, 0, 0]
    folds = await editing.text_document_folding_range_async(types.FoldingRangeParams(text_document=ident))
    assert (0, 2) in [(f.start_line, f.end_line) for f in folds]


# ---------------------------------------------------------------- robustness


async def test_garbage_and_bad_requests_do_not_stop_the_server(editing: LanguageClient):
    doc = await open_doc(editing, "debate.crux")
    for i, garbage in enumerate(['"""', "\x00\x01 claim", "thesis : \n  supports -> ->", "🚀" * 50, ""]):
        change(editing, doc, 10 + i, (0, 0), (10_000, 0), garbage)
        await wait_diagnostics(editing, doc, version=10 + i)
        for line, ch in [(0, 0), (0, 3), (5, 99), (9999, 9999)]:
            p = types.Position(line=line, character=ch)
            await editing.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(uri=doc), position=p))
            await complete(editing, doc, p)
            await actions_at(editing, doc, p)
    # A document the server does not know: no answer, no crash.
    unknown = (editing.root / "nowhere.crux").as_uri()
    hover = await editing.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=unknown), position=types.Position(line=0, character=0))
    )
    assert hover is None
    change(editing, doc, 99, (0, 0), (10_000, 0), text_of(editing, "debate.crux"))
    after = await wait_diagnostics(editing, doc, version=99)
    assert len(after) == len([d for d in check_json(editing.root)])


async def test_files_changed_on_disk_are_read_again(errors: LanguageClient):
    a = await open_doc(errors, "a.crux")
    assert errors.registrations == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    b = uri(errors, "b.crux")
    await all_published(errors, ["b.crux"])
    assert any(d.code == "S003" for d in errors.diagnostics[b])
    # Another tool renames the duplicate in b.crux; the client reports the change.
    path = errors.root / "b.crux"
    path.write_text(path.read_text().replace("counter surplus", "counter scarcity"))
    errors.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=b, type=types.FileChangeType.Changed)]
        )
    )
    for _ in range(100):
        if not any(d.code == "S003" for d in errors.diagnostics.get(b, [])):
            break
        await asyncio.sleep(0.05)
    assert list(errors.diagnostics[b]) == []


async def test_the_client_is_asked_to_watch_the_artifacts(editing: LanguageClient):
    # A table's change changes what its pin and expectations say: the server asks to
    # hear of it, as it does of .crux files.
    await open_doc(editing, "debate.crux")
    for _ in range(100):
        if "crux-watch-artifacts" in editing.watched:
            break
        await asyncio.sleep(0.05)
    assert editing.watched.get("crux-watch") == ["**/*.crux", "**/crux.yaml"]
    assert editing.watched.get("crux-watch-artifacts") == ["data.csv"]


async def test_a_new_file_joins_the_debate_when_opened(errors: LanguageClient):
    await open_doc(errors, "a.crux")
    (errors.root / "c.crux").write_text("claim extra: \"More.\"\n  supports surplus\n")
    c = await open_doc(errors, "c.crux")
    assert [d.code for d in errors.diagnostics[c]] == [
        d["code"] for d in check_json(errors.root) if d["file"] == "c.crux"
    ]
    # Its reference resolves: no unknown-reference.
    assert "S004" not in [d.code for d in errors.diagnostics[c]]


async def test_quick_fixes_of_misspelt_attributes_and_paths(errors: LanguageClient):
    (errors.root / "table.csv").write_text("a,b\n1,2\n")
    (errors.root / "typo.crux").write_text(
        'claim typo: "Typos."\n  suports surplus\n  standard preponderence\n'
        '  artifact "tabel.csv"\n'
    )
    doc = await open_doc(errors, "typo.crux")
    text = text_of(errors, "typo.crux")
    for written, wanted, fixed in [
        ("suports", "supports", "  supports surplus\n"),
        ("preponderence", "preponderance", "  standard preponderance\n"),
        ('"tabel.csv"', '"table.csv"', '  artifact "table.csv"\n'),
    ]:
        actions = await actions_at(errors, doc, position_of(text, written, after=1))
        title = f"Replace `{written}` with `{wanted}`"
        titles = [a.title for a in actions]
        assert title in titles, titles
        fix = actions[titles.index(title)]
        assert fix.is_preferred
        assert fixed in apply_edits(text, fix.edit.changes[doc])


async def test_inlay_hints_show_each_verdict_at_its_header(showcase: LanguageClient):
    doc = await open_doc(showcase, "claims/crypto-ai.crux")
    text = text_of(showcase, "claims/crypto-ai.crux")
    lines = text.splitlines()
    everything = types.Range(start=types.Position(0, 0), end=types.Position(len(lines), 0))
    hints = await showcase.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=types.TextDocumentIdentifier(uri=doc), range=everything)
    )
    headers = [
        i for i, line in enumerate(lines)
        if re.match(r"(thesis|claim|counter|evidence) [a-z0-9_-]+:", line)
    ]
    assert [h.position.line for h in hints] == headers
    for hint in hints:
        assert hint.position.character == utf16(lines[hint.position.line])
    thesis = next(h for h in hints if lines[h.position.line].startswith("thesis crypto_helped_ai"))
    verdict, strength = explain(showcase.root, "crypto_helped_ai")
    assert thesis.label == f"{verdict} · {strength}"
    assert thesis.tooltip.startswith(f"{verdict}: ")
    # A range asks for the headers in it only.
    one = types.Range(start=types.Position(headers[1], 0), end=types.Position(headers[1], 0))
    only = await showcase.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=types.TextDocumentIdentifier(uri=doc), range=one)
    )
    assert [h.position.line for h in only] == [headers[1]]
