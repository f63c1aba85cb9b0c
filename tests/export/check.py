"""Compares what networkx and the Argdown CLI read with what `crux render --format json`
says of the same debate (see tests/export/run)."""
import json
import pathlib
import sys

import networkx



def xml_text(text):
    """`text` as an XML document can hold it: what none may hold becomes U+FFFD."""

    def allowed(c):
        u = ord(c)
        control = (u < 0x20 and c not in "\t\n\r") or 0x7F <= u <= 0x9F
        return not control and not 0xFDD0 <= u <= 0xFDEF and u & 0xFFFE != 0xFFFE

    return "".join(c if allowed(c) else "\ufffd" for c in text)


def data_agrees(node, data, model):
    """Whether the data Argdown read for a statement says what the render model says of
    its node: sources, artifacts, expectations, `by`, `note`, `status`, the undercuts
    and, when the text is in the data, the text."""
    want = {
        "source": [s["text"] for s in node["sources"]] or None,
        "expect": [e["text"] for e in node.get("expectations", [])] or None,
        "by": node["by"],
        "note": node["note"],
        "status": node["status"],
    }
    for key, value in want.items():
        if data.get(key) != value:
            return False
    paths = [a["path"] for a in node["artifacts"]]
    if [a.get("path") for a in data.get("artifact", [])] != paths:
        return False
    undercuts = []
    for i in node["outgoing"]:
        edge = model["edges"][i]
        if edge["undercuts"] is not None:
            u = model["edges"][edge["undercuts"]]
            a, t = (u["source"], u["target"]) if u["target"] == edge["target"] else (u["target"], u["source"])
            undercuts.append(f"{a} -> {t}")
    if data.get("undercuts", []) != undercuts:
        return False
    return "text" not in data or data["text"] == node["text"]


inputs, argdown = map(pathlib.Path, sys.argv[1:])
failed = False
files = sorted(inputs.glob("*.json"))
if not files:
    sys.exit("no inputs")
for model_file in files:
    name = model_file.stem
    model = json.loads(model_file.read_text())
    nodes, edges = len(model["nodes"]), len(model["edges"])
    undercuts = sum(1 for e in model["edges"] if e["undercuts"] is not None)

    graph = networkx.read_graphml(inputs / f"{name}.graphml")
    want = (nodes + undercuts, edges + undercuts)
    got = (graph.number_of_nodes(), graph.number_of_edges())
    ok = got == want and all(
        graph.nodes[n["id"]]["kind"] == n["kind"] and graph.nodes[n["id"]]["text"] == xml_text(n["text"])
        for n in model["nodes"]
    )
    print(f"{name}: GraphML nodes, edges {got}, expected {want}{'' if ok else ' FAILED'}")
    failed |= not ok

    read = json.loads((argdown / f"{name}.json").read_text())
    got = (len(read.get("statements", {})), len(read.get("relations", [])))
    ok = got == (nodes, edges) and sorted(read.get("statements", {})) == sorted(
        n["id"] for n in model["nodes"]
    )
    print(f"{name}: Argdown statements, relations {got}, expected {(nodes, edges)}{'' if ok else ' FAILED'}")
    failed |= not ok

    wrong = [
        n["id"]
        for n in model["nodes"]
        if not data_agrees(n, read.get("statements", {}).get(n["id"], {}).get("data", {}), model)
    ]
    with_data = sum(1 for s in read.get("statements", {}).values() if s.get("data"))
    print(f"{name}: Argdown data of {with_data} statements{' FAILED for ' + ', '.join(wrong) if wrong else ''}")
    failed |= bool(wrong)
sys.exit(1 if failed else 0)
