//! The verdict (stands, falls, open) on small debates worked out by hand
//! (`tests/fixtures/verdict/`, each file says how), and its properties on random small
//! debates: adding an applicable pro argument never brings down a node that stands
//! under preponderance, the verdicts do not depend on the order of files or nodes, and
//! every node gets one without a panic.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;

use crux::semantics::carneades::{Reason, evaluate};
use crux::semantics::{Verdict, VerdictOptions};
use crux::syntax::SourceFile;
use crux::syntax::ast::ProofStandard;

/// The debate of in-memory files (name, text), in that order.
fn debate(files: &[(&str, &str)]) -> crux::Debate {
    let sources = files
        .iter()
        .map(|(name, text)| {
            SourceFile::new(*name, format!("/nonexistent/{name}"), text.to_string())
        })
        .collect();
    let debate = crux::parse_debate(sources, Default::default());
    assert!(
        debate.syntax_errors.is_empty(),
        "{:?}",
        debate.syntax_errors
    );
    debate
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/verdict")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each node's verdict and why, by ID.
fn judged(files: &[(&str, &str)], options: &VerdictOptions) -> BTreeMap<String, (Verdict, String)> {
    let d = debate(files);
    let verdicts = evaluate(&d.graph, options);
    assert_eq!(verdicts.len(), d.graph.graph.node_count());
    verdicts
        .iter()
        .map(|(n, j)| {
            (
                d.graph.graph[n].id.to_string(),
                (j.verdict, j.why(&d.graph, options)),
            )
        })
        .collect()
}

/// Asserts the verdict of every node of a fixture, written as `"id stands"` lines.
fn expect(name: &str, options: &VerdictOptions, expected: &[&str]) {
    let mut expected = expected.to_vec();
    expected.sort();
    let text = fixture(name);
    let got = judged(&[(name, &text)], options);
    let got: Vec<String> = got.iter().map(|(id, (v, _))| format!("{id} {v}")).collect();
    assert_eq!(got, expected, "{name} under {options:?}");
}

fn with(standard: ProofStandard) -> VerdictOptions {
    VerdictOptions {
        standard,
        ..VerdictOptions::default()
    }
}

fn why(name: &str, id: &str, options: &VerdictOptions) -> String {
    let text = fixture(name);
    judged(&[(name, &text)], options)
        .remove(id)
        .unwrap_or_else(|| panic!("no {id} in {name}"))
        .1
}

#[test]
fn a_whim_does_not_bring_a_thesis_down() {
    let defaults = VerdictOptions::default();
    expect(
        "whim.crux",
        &defaults,
        &["studies stands", "t stands", "whim open"],
    );
    assert_eq!(
        why("whim.crux", "t", &defaults),
        "stands: `studies` (1) supports it, unopposed (its one attacker `whim` does not stand), \
         under preponderance"
    );
    assert_eq!(
        why("whim.crux", "whim", &defaults),
        "open: nothing supports it"
    );
}

#[test]
fn each_standard_changes_the_answer() {
    let rows = |t: [&'static str; 5]| {
        let mut v = vec!["against_it stands", "for_it stands"];
        v.extend(t);
        v
    };
    for (standard, expected) in [
        (
            ProofStandard::Scintilla,
            [
                "t1 stands",
                "t2 stands",
                "t3 stands",
                "t4 stands",
                "t5 falls",
            ],
        ),
        (
            ProofStandard::Preponderance,
            [
                "t1 stands",
                "t2 stands",
                "t3 falls",
                "t4 stands",
                "t5 falls",
            ],
        ),
        (
            ProofStandard::ClearAndConvincing,
            ["t1 stands", "t2 open", "t3 open", "t4 stands", "t5 falls"],
        ),
        (
            ProofStandard::BeyondDoubt,
            ["t1 open", "t2 open", "t3 open", "t4 stands", "t5 falls"],
        ),
        (
            ProofStandard::Dialectical,
            ["t1 open", "t2 stands", "t3 open", "t4 open", "t5 falls"],
        ),
    ] {
        expect("standards.crux", &with(standard), &rows(expected));
    }
    assert_eq!(
        why("standards.crux", "t3", &with(ProofStandard::Preponderance)),
        "falls: `against_it` (0.5) outweighs `for_it` (0.3) under preponderance"
    );
    assert_eq!(
        why(
            "standards.crux",
            "t2",
            &with(ProofStandard::ClearAndConvincing)
        ),
        "open: `for_it` (0.5) does not reach α 0.6 under clear-and-convincing"
    );
}

#[test]
fn alpha_beta_and_gamma_are_met_at_equality() {
    let evidence = ["against_it stands", "for_it stands"];
    let rows = |claims: [&'static str; 5]| {
        let mut v = claims.to_vec();
        v.extend(evidence);
        v
    };
    let cc = with(ProofStandard::ClearAndConvincing);
    let bd = with(ProofStandard::BeyondDoubt);
    expect(
        "boundaries.crux",
        &cc,
        &rows(["a stands", "b open", "c stands", "d stands", "e open"]),
    );
    expect(
        "boundaries.crux",
        &bd,
        &rows(["a open", "b open", "c stands", "d open", "e open"]),
    );
    let looser = |standard| VerdictOptions {
        standard,
        alpha: 0.5,
        beta: 0.1,
        gamma: 0.2,
    };
    expect(
        "boundaries.crux",
        &looser(ProofStandard::ClearAndConvincing),
        &rows(["a stands", "b stands", "c stands", "d stands", "e stands"]),
    );
    expect(
        "boundaries.crux",
        &looser(ProofStandard::BeyondDoubt),
        &rows(["a open", "b open", "c stands", "d stands", "e stands"]),
    );
    assert_eq!(
        why("boundaries.crux", "b", &cc),
        "open: `for_it` (0.6) does not outweigh `against_it` (0.31) by β 0.3, and `against_it` (0.31) does not reach α 0.6 under clear-and-convincing"
    );
    assert_eq!(
        why("boundaries.crux", "d", &bd),
        "open: `for_it` (0.6) is doubted by `against_it` (0.11), above γ 0.1, and `against_it` (0.11) does not reach α 0.6 under beyond-doubt"
    );
}

#[test]
fn an_undercut_that_stands_removes_the_only_pro_argument() {
    let defaults = VerdictOptions::default();
    expect(
        "undercut.crux",
        &defaults,
        &[
            "doubt stands",
            "hunch open",
            "leading_question stands",
            "small_sample stands",
            "strong_doubt stands",
            "survey stands",
            "t open",
            "t2 stands",
            "t3 stands",
            "t4 falls",
        ],
    );
    assert_eq!(
        why("undercut.crux", "t", &defaults),
        "open: the support of `survey` is undercut"
    );
}

#[test]
fn a_weaker_undercut_scales_the_argument_it_undercuts() {
    let defaults = VerdictOptions::default();
    assert_eq!(
        why("undercut.crux", "t3", &defaults),
        "stands: `survey` (0.6, undercut from 0.8) outweighs `doubt` (0.5) under preponderance"
    );
    assert_eq!(
        why("undercut.crux", "t4", &defaults),
        "falls: `strong_doubt` (0.7) outweighs `survey` (0.6, undercut from 0.8) under preponderance"
    );
}

#[test]
fn evidence_falls_only_to_what_stands_and_outweighs_it() {
    let defaults = VerdictOptions::default();
    expect(
        "evidence_attacked.crux",
        &defaults,
        &[
            "backing stands",
            "doubt stands",
            "e1 falls",
            "e2 stands",
            "e3 stands",
            "rumour open",
        ],
    );
    assert_eq!(
        why("evidence_attacked.crux", "e1", &defaults),
        "falls: `doubt` (1) outweighs its credence (0.9) under preponderance"
    );
}

#[test]
fn rejected_evidence_is_no_premise() {
    let defaults = VerdictOptions::default();
    expect(
        "rejected.crux",
        &defaults,
        &[
            "old open",
            "recount stands",
            "revised stands",
            "t open",
            "t2 stands",
        ],
    );
    assert_eq!(
        why("rejected.crux", "old", &defaults),
        "open: its status is rejected, so its credence is no premise, and nothing else supports it"
    );
}

#[test]
fn a_support_cycle_with_nothing_outside_is_open() {
    let defaults = VerdictOptions::default();
    expect(
        "support_cycle.crux",
        &defaults,
        &["a open", "b open", "lone open", "t open"],
    );
    let d = debate(&[("support_cycle.crux", &fixture("support_cycle.crux"))]);
    let verdicts = evaluate(&d.graph, &defaults);
    let on = |id: &str| verdicts.get(d.graph.index[id]).reason.clone();
    assert!(matches!(
        on("a"),
        Reason::Cycle {
            on: true,
            length: 2,
            ..
        }
    ));
    assert!(matches!(on("t"), Reason::Cycle { on: false, .. }));
    assert_eq!(
        on("lone"),
        Reason::NothingSupports {
            idle: Default::default()
        }
    );
    assert_eq!(
        why("support_cycle.crux", "b", &defaults),
        "open: on a cycle of arguments that decides nothing (a → b → a)"
    );
    assert_eq!(
        why("support_cycle.crux", "t", &defaults),
        "open: it depends on a cycle of arguments that decides nothing (a → b → a)"
    );
}

#[test]
fn attack_cycles_are_decided_where_the_weights_decide_them() {
    let defaults = VerdictOptions::default();
    expect(
        "attack_cycle.crux",
        &defaults,
        &[
            "a open",
            "b open",
            "base stands",
            "c stands",
            "d stands",
            "f stands",
            "g falls",
            "x open",
            "y open",
            "z open",
        ],
    );
    assert_eq!(
        why("attack_cycle.crux", "y", &defaults),
        "open: on a cycle of arguments that decides nothing (x → y → z → x)"
    );
    assert_eq!(
        why("attack_cycle.crux", "g", &defaults),
        "falls: `f` (1) outweighs `base` (0.8) under preponderance"
    );
}

#[test]
fn a_contradiction_argues_against_both_ends() {
    let defaults = VerdictOptions::default();
    expect(
        "contradicts.crux",
        &defaults,
        &[
            "a open",
            "b open",
            "c stands",
            "d stands",
            "flaw stands",
            "m falls",
            "n stands",
            "witness stands",
            "p stands",
            "q falls",
        ],
    );
    assert_eq!(
        why("contradicts.crux", "m", &defaults),
        "falls: `n` (0.7) outweighs `witness` (0.6) under preponderance"
    );
    assert_eq!(
        why("contradicts.crux", "q", &defaults),
        "falls: `p` (0.95) outweighs its credence (0.9) under preponderance"
    );
}

#[test]
fn the_fixtures_read_the_same_in_any_file_and_node_order() {
    for name in [
        "whim.crux",
        "standards.crux",
        "boundaries.crux",
        "undercut.crux",
        "evidence_attacked.crux",
        "rejected.crux",
        "support_cycle.crux",
        "attack_cycle.crux",
        "contradicts.crux",
    ] {
        let text = fixture(name);
        let blocks = blocks(&text);
        let reversed: String = blocks.iter().rev().map(String::as_str).collect();
        let (first, second) = blocks.split_at(blocks.len() / 2);
        let (first, second) = (first.concat(), second.concat());
        for standard in ProofStandard::ALL {
            let options = with(standard);
            let original = judged(&[(name, &text)], &options);
            assert_eq!(original, judged(&[(name, &reversed)], &options), "{name}");
            assert_eq!(
                original,
                judged(&[("b.crux", &second), ("a.crux", &first)], &options),
                "{name}"
            );
        }
    }
}

/// The node blocks of a file (comments dropped), each a header and its attributes.
fn blocks(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if line.starts_with(' ') {
            if let Some(last) = blocks.last_mut() {
                last.push_str(line);
                last.push('\n');
            }
        } else if !line.trim().is_empty() {
            blocks.push(format!("{line}\n"));
        }
    }
    blocks
}

// Random small debates.

const KINDS: [&str; 4] = ["thesis", "claim", "counter", "evidence"];
const WEIGHTS: [&str; 8] = ["0", "0.1", "0.3", "0.5", "0.6", "0.7", "0.9", "1"];

/// One node of a random debate: kind, credence, rejected, relations (relation, target,
/// weight) and undercuts (from, to, weight).
#[derive(Clone, Debug)]
struct Node {
    kind: usize,
    credence: Option<usize>,
    rejected: bool,
    edges: Vec<(usize, usize, usize)>,
    undercuts: Vec<(usize, usize, usize)>,
}

fn node(n: usize) -> impl Strategy<Value = Node> {
    (
        0..KINDS.len(),
        proptest::option::of(0..WEIGHTS.len()),
        proptest::bool::weighted(0.15),
        proptest::collection::vec((0..3usize, 0..n, 0..WEIGHTS.len()), 0..4),
        proptest::collection::vec((0..n, 0..n, 0..WEIGHTS.len()), 0..2),
    )
        .prop_map(|(kind, credence, rejected, edges, undercuts)| Node {
            kind,
            credence,
            rejected,
            edges,
            undercuts,
        })
}

/// Random debates with at most one relation between two nodes: with two, which one an
/// `undercuts A -> B` names is the model's business, not the verdict's.
fn nodes() -> impl Strategy<Value = Vec<Node>> {
    (1..9usize)
        .prop_flat_map(|n| proptest::collection::vec(node(n), n))
        .prop_map(|mut nodes| {
            let mut related = std::collections::BTreeSet::new();
            for (i, node) in nodes.iter_mut().enumerate() {
                node.edges
                    .retain(|&(_, t, _)| related.insert((i.min(t), i.max(t))));
            }
            nodes
        })
}

fn options() -> impl Strategy<Value = VerdictOptions> {
    (
        0..ProofStandard::ALL.len(),
        0..WEIGHTS.len(),
        0..WEIGHTS.len(),
        0..WEIGHTS.len(),
    )
        .prop_map(|(s, a, b, c)| VerdictOptions {
            standard: ProofStandard::ALL[s],
            alpha: WEIGHTS[a].parse().unwrap_or(0.6),
            beta: WEIGHTS[b].parse().unwrap_or(0.3),
            gamma: WEIGHTS[c].parse().unwrap_or(0.1),
        })
}

/// The text of node `i`.
fn block(nodes: &[Node], i: usize) -> String {
    let n = &nodes[i];
    let mut s = format!("{} n{i}: \"Node {i}.\"\n", KINDS[n.kind]);
    if let Some(c) = n.credence {
        s.push_str(&format!("  credence {}\n", WEIGHTS[c]));
    }
    if n.rejected {
        s.push_str("  status rejected\n");
    }
    for &(rel, target, w) in &n.edges {
        let rel = ["supports", "attacks", "contradicts"][rel];
        s.push_str(&format!("  {rel} n{target} {}\n", WEIGHTS[w]));
    }
    for &(a, b, w) in &n.undercuts {
        s.push_str(&format!("  undercuts n{a} -> n{b} {}\n", WEIGHTS[w]));
    }
    if KINDS[n.kind] == "evidence" {
        s.push_str("  source \"s\"\n");
    }
    s
}

/// Checks the verdicts against the definition, node by node, from the verdicts of the
/// sources and undercutters of its arguments: a node that is not left open by a cycle
/// gets the verdict its proof standard gives over the arguments that apply; a node left
/// open by a cycle could go either way, depending on whether the nodes left open by a
/// cycle stand; and the nodes a cycle reason names are left open by a cycle.
fn settled(d: &crux::Debate, options: &VerdictOptions) -> Result<(), TestCaseError> {
    use crux::model::Relation;
    use crux::syntax::ast::{NodeKind, Status};
    use petgraph::visit::EdgeRef;
    let g = &d.graph.graph;
    let verdicts = evaluate(&d.graph, options);
    let cycle = |n| matches!(verdicts.get(n).reason, Reason::Cycle { .. });
    // Stands: Some(true); does not: Some(false); left open by a cycle: None.
    let stands = |n| (!cycle(n)).then(|| verdicts.verdict(n) == Verdict::Stands);
    let unit = |x: f64| if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
    let holds = |side: Option<f64>, other: Option<f64>| {
        let Some(w) = side else { return false };
        let v = other.unwrap_or(0.0);
        match options.standard {
            ProofStandard::Scintilla => true,
            ProofStandard::Preponderance => w > v,
            ProofStandard::ClearAndConvincing => w >= options.alpha && w - v >= options.beta - 1e-9,
            ProofStandard::BeyondDoubt => w >= options.alpha && v <= options.gamma,
            ProofStandard::Dialectical => other.is_none(),
        }
    };
    let most = |a: Option<f64>, w: f64| Some(a.map_or(w, |a: f64| a.max(w)));
    for (n, j) in verdicts.iter() {
        let node = &g[n];
        let rejected = matches!(node.status, Some((Status::Rejected, _)));
        let premise =
            (node.kind == NodeKind::Evidence && !rejected).then(|| unit(node.base_credence()));
        // The strongest argument of each side that surely applies, and that may apply.
        let (mut pro, mut pro_maybe, mut con, mut con_maybe) = (premise, premise, None, None);
        // The strongest argument of each side once every node left open by a cycle
        // counts as one that does not stand (as it is open): what the judgement names.
        let (mut pro_final, mut con_final) = (premise, None);
        for e in g.edge_references() {
            let (s, t) = (e.source(), e.target());
            let (arguer, is_pro) = match e.weight().relation {
                Relation::Supports if t == n => (s, true),
                Relation::Attacks if t == n => (s, false),
                Relation::Contradicts if t == n => (s, false),
                Relation::Contradicts if s == n => (t, false),
                _ => continue,
            };
            // An undercut whose source stands scales the argument by 1 - its weight;
            // one whose source is left open by a cycle may or may not.
            let w = unit(e.weight().weight);
            // What the undercuts leave of it, at least and at most; nothing: removed.
            let (mut low, mut high, mut left) = (1.0, 1.0, 1.0);
            for u in g.edge_references().filter(|u| {
                u.weight().undercuts == Some(e.id())
                    && d.graph.inference(u.id()) == Some((arguer, n))
            }) {
                let cut = 1.0 - unit(u.weight().weight);
                match stands(u.source()) {
                    Some(true) => {
                        low *= cut;
                        high *= cut;
                        left *= cut;
                    }
                    None => low *= cut,
                    Some(false) => {}
                }
            }
            let (sure, maybe) = if is_pro {
                (&mut pro, &mut pro_maybe)
            } else {
                (&mut con, &mut con_maybe)
            };
            let source = stands(arguer);
            if source == Some(true) && low > 0.0 {
                *sure = most(*sure, w * low);
            }
            if source != Some(false) && high > 0.0 {
                *maybe = most(*maybe, w * high);
            }
            if source == Some(true) && left > 0.0 {
                let fin = if is_pro {
                    &mut pro_final
                } else {
                    &mut con_final
                };
                *fin = most(*fin, w * left);
            }
        }
        if let Reason::Cycle { through, .. } = &j.reason {
            prop_assert_eq!(j.verdict, Verdict::Open);
            prop_assert!(
                !holds(pro, con_maybe) && holds(pro_maybe, con),
                "{} is left open but is decided",
                node.id
            );
            for &m in through {
                prop_assert!(cycle(m), "{}", g[m].id);
            }
            continue;
        }
        // Left open by a cycle, a node does not stand.
        let expected = if holds(pro_final, con_final) {
            Verdict::Stands
        } else if holds(con_final, pro_final) {
            Verdict::Falls
        } else {
            Verdict::Open
        };
        prop_assert_eq!(
            j.verdict,
            expected,
            "{}: {}",
            node.id,
            j.why(&d.graph, options)
        );
        prop_assert_eq!(j.pro.map(|w| w.weight), pro_final, "{}", node.id);
        prop_assert_eq!(j.con.map(|w| w.weight), con_final, "{}", node.id);
    }
    Ok(())
}

fn text(nodes: &[Node], order: &[usize]) -> String {
    order.iter().map(|&i| block(nodes, i)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_node_gets_a_verdict_whatever_the_order(
        (nodes, order, cut) in nodes().prop_flat_map(|nodes| {
            let n = nodes.len();
            (Just(nodes), Just((0..n).collect::<Vec<_>>()).prop_shuffle(), 0..=n)
        }),
        options in options(),
    ) {
        let straight: Vec<usize> = (0..nodes.len()).collect();
        let original = judged(&[("d.crux", &text(&nodes, &straight))], &options);
        prop_assert_eq!(original.len(), nodes.len());
        for (verdict, why) in original.values() {
            prop_assert!(why.starts_with(&format!("{verdict}: ")), "{}", why);
        }
        let d = debate(&[("d.crux", &text(&nodes, &straight))]);
        settled(&d, &options)?;
        let (first, second) = order.split_at(cut);
        let shuffled = judged(
            &[("x.crux", &text(&nodes, second)), ("y.crux", &text(&nodes, first))],
            &options,
        );
        prop_assert_eq!(original, shuffled);
    }

    #[test]
    fn an_applicable_pro_argument_never_brings_down_a_node_that_stands(
        nodes in nodes(),
        pick in 0..1000usize,
        weight in 0..WEIGHTS.len(),
    ) {
        let options = VerdictOptions::default();
        let order: Vec<usize> = (0..nodes.len()).collect();
        let before = judged(&[("d.crux", &text(&nodes, &order))], &options);
        let stands = |i: usize| before[&format!("n{i}")].0 == Verdict::Stands;
        let related = |a: usize, b: usize| {
            nodes[a].edges.iter().any(|e| e.1 == b)
                || nodes.iter().any(|n| n.undercuts.iter().any(|u| (u.0, u.1) == (a, b)))
        };
        // A new `supports` from a node that stands to another that stands, where no
        // relation or undercut names the pair: an argument that applies.
        let n = nodes.len();
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (0..n).map(move |b| (a, b)))
            .filter(|&(a, b)| a != b && stands(a) && stands(b) && !related(a, b) && !related(b, a))
            .collect();
        if pairs.is_empty() {
            return Ok(());
        }
        let (from, to) = pairs[pick % pairs.len()];
        let mut more = nodes.clone();
        more[from].edges.push((0, to, weight));
        let after = judged(&[("d.crux", &text(&more, &order))], &options);
        let target = format!("n{to}");
        prop_assert_eq!(after[&target].0, Verdict::Stands, "{}", &after[&target].1);
        // Nothing else moves either: the target's standing did not change.
        for (id, (verdict, _)) in &before {
            prop_assert_eq!(&after[id].0, verdict, "{}", id);
        }
    }
}
