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
sys.exit(1 if failed else 0)
