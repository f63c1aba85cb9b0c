//! Verdicts of small debates, worked out by hand.

use super::*;
use crate::semantics::weighted::tests::graph;

/// Each node's verdict and why, under `options`.
fn judged(src: &str, options: &VerdictOptions) -> Vec<(String, Verdict, String)> {
    let g = graph(src);
    let verdicts = evaluate(&g, options);
    assert_eq!(verdicts.len(), g.graph.node_count());
    let mut rows: Vec<(String, Verdict, String)> = verdicts
        .iter()
        .map(|(n, j)| (g.graph[n].id.to_string(), j.verdict, j.why(&g, options)))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

/// The sentence of one node under the default options.
fn why(src: &str, id: &str) -> String {
    why_under(src, id, &VerdictOptions::default())
}

fn why_under(src: &str, id: &str, options: &VerdictOptions) -> String {
    judged(src, options)
        .into_iter()
        .find(|r| r.0 == id)
        .map(|r| r.2)
        .unwrap_or_else(|| panic!("no node {id}"))
}

fn under(standard: ProofStandard) -> VerdictOptions {
    VerdictOptions {
        standard,
        ..VerdictOptions::default()
    }
}

const WHIM: &str = "thesis t: \"t\"\n\
evidence e: \"e\"\n  supports t 1.0\n  source \"s\"\n\
counter whim: \"Someone shrugged.\"\n  attacks t 0.01\n";

#[test]
fn a_whim_does_not_bring_a_thesis_down() {
    assert_eq!(
        why(WHIM, "t"),
        "stands: `e` (1) supports it, unopposed (its one attacker `whim` does not stand), \
         under preponderance"
    );
    assert_eq!(why(WHIM, "whim"), "open: nothing supports it");
    assert_eq!(
        why(WHIM, "e"),
        "stands: it is evidence (credence 0.9), unopposed, under preponderance"
    );
}

#[test]
fn the_stronger_side_decides_under_preponderance() {
    let src = "thesis t: \"t\"\n\
evidence cuda_2006: \"c\"\n  supports t 0.8\n  source \"s\"\n\
evidence timing: \"x\"\n  attacks t 0.5\n  source \"s\"\n";
    assert_eq!(
        why(src, "t"),
        "stands: `cuda_2006` (0.8) outweighs `timing` (0.5) under preponderance"
    );
    let src = src.replace("attacks t 0.5", "attacks t 0.9");
    assert_eq!(
        why(&src, "t"),
        "falls: `timing` (0.9) outweighs `cuda_2006` (0.8) under preponderance"
    );
    let src = src.replace("attacks t 0.9", "attacks t 0.8");
    assert_eq!(
        why(&src, "t"),
        "open: `cuda_2006` (0.8) and `timing` (0.8) weigh the same under preponderance"
    );
}

#[test]
fn evidence_falls_to_a_standing_counter_only() {
    let src = "claim c: \"c\"\n  attacks e 1.0\n\
evidence backing: \"b\"\n  supports c\n  source \"s\"\n\
evidence e: \"e\"\n  source \"s\"\n";
    assert_eq!(
        why(src, "e"),
        "falls: `c` (1) outweighs its credence (0.9) under preponderance"
    );
    let weak = src.replace("attacks e 1.0", "attacks e 0.01");
    assert_eq!(
        why(&weak, "e"),
        "stands: its credence (0.9) outweighs `c` (0.01) under preponderance"
    );
    // Unsupported, the counter is open and its attack does not apply.
    let unsupported = src.replace("  supports c\n", "");
    assert_eq!(
        why(&unsupported, "e"),
        "stands: it is evidence (credence 0.9), unopposed (its one attacker `c` does not \
         stand), under preponderance"
    );
}

#[test]
fn rejected_evidence_is_no_premise() {
    let src = "evidence e: \"e\"\n  status rejected\n  source \"s\"\n";
    assert_eq!(
        why(src, "e"),
        "open: its status is rejected, so its credence is no premise, and nothing else supports it"
    );
}

#[test]
fn a_support_cycle_decides_nothing() {
    let src = "claim b: \"b\"\n  supports a\nclaim a: \"a\"\n  supports b\nthesis t: \"t\"\nclaim c: \"c\"\n  supports b\nclaim d: \"d\"\n  supports t\n";
    let rows = judged(src, &VerdictOptions::default());
    assert_eq!(
        rows,
        [
            (
                "a".to_string(),
                Verdict::Open,
                "open: on a cycle of arguments that decides nothing (a → b → a)".to_string()
            ),
            (
                "b".into(),
                Verdict::Open,
                "open: on a cycle of arguments that decides nothing (a → b → a)".into()
            ),
            (
                "c".into(),
                Verdict::Open,
                "open: nothing supports it".into()
            ),
            (
                "d".into(),
                Verdict::Open,
                "open: nothing supports it".into()
            ),
            (
                "t".into(),
                Verdict::Open,
                "open: its one supporter `d` does not stand".into()
            ),
        ]
    );
    // What hangs off the cycle depends on it.
    let depends = "claim a: \"a\"\n  supports b\nclaim b: \"b\"\n  supports a\n  supports z\nclaim z: \"z\"\n";
    assert_eq!(
        why(depends, "z"),
        "open: it depends on a cycle of arguments that decides nothing (a → b → a)"
    );
}

#[test]
fn outside_support_decides_a_support_cycle() {
    let src = "claim a: \"a\"\n  supports b\nclaim b: \"b\"\n  supports a 0.7\nevidence e: \"e\"\n  supports a 0.4\n  source \"s\"\n";
    assert_eq!(
        why(src, "a"),
        "stands: `b` (0.7) supports it, unopposed, under preponderance"
    );
    assert_eq!(
        why(src, "b"),
        "stands: `a` (1) supports it, unopposed, under preponderance"
    );
}

#[test]
fn an_undercut_removes_the_only_pro_argument() {
    let src = "thesis t: \"t\"\n\
evidence e: \"e\"\n  supports t\n  source \"s\"\n\
evidence u: \"u\"\n  undercuts e -> t\n  source \"s\"\n";
    assert_eq!(why(src, "t"), "open: the support of `e` is undercut");
    // A weaker undercut leaves part of the argument: 1 x (1 - 0.1).
    let weaker = src.replace("undercuts e -> t\n", "undercuts e -> t 0.1\n");
    assert_eq!(
        why(&weaker, "t"),
        "stands: `e` (0.9, undercut from 1) supports it, unopposed, under preponderance"
    );
    // An undercutter that does not stand removes nothing.
    let open = src.replace("evidence u: \"u\"\n", "claim u: \"u\"\n");
    assert_eq!(
        why(&open, "t"),
        "stands: `e` (1) supports it, unopposed, under preponderance"
    );
}

/// pro 0.7, con 0.4 (α 0.6, β 0.3, γ 0.1 by default).
const CLOSE: &str = "thesis t: \"t\"\n\
evidence p: \"p\"\n  supports t 0.7\n  source \"s\"\n\
evidence c: \"c\"\n  attacks t 0.4\n  source \"s\"\n";

#[test]
fn each_standard_judges_the_same_arguments_its_way() {
    let t = |standard| why_under(CLOSE, "t", &under(standard));
    assert_eq!(
        t(ProofStandard::Scintilla),
        "stands: `p` (0.7) supports it, which is enough under scintilla"
    );
    assert_eq!(
        t(ProofStandard::Preponderance),
        "stands: `p` (0.7) outweighs `c` (0.4) under preponderance"
    );
    // 0.7 − 0.4 reaches β 0.3 exactly.
    assert_eq!(
        t(ProofStandard::ClearAndConvincing),
        "stands: `p` (0.7) reaches α 0.6 and outweighs `c` (0.4) by at least β 0.3 under clear-and-convincing"
    );
    assert_eq!(
        t(ProofStandard::BeyondDoubt),
        "open: `p` (0.7) is doubted by `c` (0.4), above γ 0.1, and `c` (0.4) does not reach α 0.6 under beyond-doubt"
    );
    assert_eq!(
        t(ProofStandard::Dialectical),
        "open: `p` (0.7) supports it and `c` (0.4) attacks it under dialectical"
    );
}

#[test]
fn alpha_beta_gamma_are_boundaries_that_count() {
    let with = |pro: &str, con: &str, standard| {
        let src = CLOSE
            .replace("supports t 0.7", &format!("supports t {pro}"))
            .replace("attacks t 0.4", &format!("attacks t {con}"));
        why_under(&src, "t", &under(standard))
    };
    let cc = ProofStandard::ClearAndConvincing;
    assert!(with("0.6", "0.3", cc).starts_with("stands:"));
    assert_eq!(
        with("0.599", "0", cc),
        "open: neither `p` (0.599) nor `c` (0) reaches α 0.6 under clear-and-convincing"
    );
    assert_eq!(
        with("0.8", "0.501", cc),
        "open: `p` (0.8) does not outweigh `c` (0.501) by β 0.3, and `c` (0.501) does not reach α 0.6 under clear-and-convincing"
    );
    assert_eq!(
        with("0.2", "0.9", cc),
        "falls: `c` (0.9) reaches α 0.6 and outweighs `p` (0.2) by at least β 0.3 under clear-and-convincing"
    );
    let bd = ProofStandard::BeyondDoubt;
    assert!(with("0.6", "0.1", bd).starts_with("stands:"));
    assert_eq!(
        with("0.6", "0.1", bd),
        "stands: `p` (0.6) reaches α 0.6 and `c` (0.1) stays within γ 0.1 under beyond-doubt"
    );
    assert_eq!(
        with("0.9", "0.7", bd),
        "open: `p` (0.9) and `c` (0.7) are both above γ 0.1 under beyond-doubt"
    );
    assert_eq!(
        with("0.5", "0.4", bd),
        "open: neither `p` (0.5) nor `c` (0.4) reaches α 0.6 under beyond-doubt"
    );
}

#[test]
fn a_claim_attacked_with_nothing_for_it() {
    let src = "claim a: \"a\"\nevidence e: \"e\"\n  attacks a 0.5\n  source \"s\"\n";
    assert_eq!(
        why(src, "a"),
        "falls: `e` (0.5) attacks it, unopposed, under preponderance"
    );
    assert_eq!(
        why_under(src, "a", &under(ProofStandard::ClearAndConvincing)),
        "open: nothing supports it, and `e` (0.5) does not reach α 0.6 under clear-and-convincing"
    );
}

#[test]
fn a_contradiction_is_named_as_one() {
    let src = "claim a: \"a\"\nevidence e: \"e\"\n  contradicts a 0.5\n  source \"s\"\n";
    assert_eq!(
        why(src, "a"),
        "falls: `e` (0.5) contradicts it, unopposed, under preponderance"
    );
}

#[test]
fn contradictions_attack_both_ways() {
    let src = "evidence a: \"a\"\n  contradicts b 0.95\n  source \"s\"\n\
evidence b: \"b\"\n  source \"s\"\n";
    // Each premise 0.9; the contradiction weighs 0.95 both ways; a and b attack each
    // other: neither is decided.
    assert_eq!(
        why(src, "a"),
        "open: on a cycle of arguments that decides nothing (a → b → a)"
    );
    let weak = src.replace("0.95", "0.5");
    assert_eq!(
        why(&weak, "b"),
        "stands: its credence (0.9) outweighs `a` (0.5) under preponderance"
    );
    // An undercut of one direction frees the other side.
    let cut = format!("{src}evidence u: \"u\"\n  undercuts b -> a\n  source \"s\"\n");
    assert_eq!(
        why(&cut, "a"),
        "stands: it is evidence (credence 0.9), unopposed (its one attacker `b` does not \
         stand), under preponderance"
    );
    assert_eq!(
        why(&cut, "b"),
        "falls: `a` (0.95) outweighs its credence (0.9) under preponderance"
    );
}

#[test]
fn a_node_s_own_standard_comes_before_the_debate_s() {
    let mut g = graph(CLOSE);
    let t = g.index["t"];
    let span = g.graph[t].span;
    g.graph[t].standard = Some((ProofStandard::BeyondDoubt, span));
    let options = VerdictOptions::default();
    let verdicts = evaluate(&g, &options);
    let judgement = verdicts.get(t);
    assert_eq!(judgement.standard, ProofStandard::BeyondDoubt);
    assert_eq!(judgement.verdict, Verdict::Open);
    // The others keep the debate's.
    assert_eq!(
        verdicts.get(g.index["p"]).standard,
        ProofStandard::Preponderance
    );
    // The debate's standard does not reach a node that names its own.
    let verdicts = evaluate(&g, &under(ProofStandard::Scintilla));
    assert_eq!(verdicts.verdict(t), Verdict::Open);
}

/// An unsupported node's reason names the supporters that do not stand, and those whose
/// support is undercut away, so that "nothing supports it" never contradicts the arrows.
#[test]
fn the_reason_names_supporters_that_do_not_stand() {
    let mut src = String::from("thesis t: \"t\"\n");
    for id in ["a", "b", "c", "d", "e"] {
        src.push_str(&format!("claim {id}: \"{id}\"\n  supports t\n"));
    }
    assert_eq!(
        why(&src, "t"),
        "open: none of its supporters stands (`a`, `b`, `c` and 2 more)"
    );
    let mixed = "thesis t: \"t\"\n\
evidence e: \"e\"\n  supports t\n  source \"s\"\n\
evidence u: \"u\"\n  undercuts e -> t\n  source \"s\"\n\
claim c: \"c\"\n  supports t\n";
    assert_eq!(
        why(mixed, "t"),
        "open: the support of `e` is undercut, and its other supporters do not stand (`c`)"
    );
}

/// When no argument of the other side applies, the sentence says why each does not:
/// its arguer does not stand, or its argument is undercut away.
#[test]
fn unopposed_says_why_the_other_side_does_not_apply() {
    let e = "evidence e: \"e\"\n  supports t\n  source \"s\"\n";
    let t = "thesis t: \"t\"\n";
    // A standing counter whose attack is undercut away.
    let undercut = format!(
        "{t}{e}counter c: \"c\"\n  attacks t 0.5\n\
evidence ce: \"ce\"\n  supports c\n  source \"s\"\n\
evidence u: \"u\"\n  undercuts c -> t\n  source \"s\"\n"
    );
    assert_eq!(
        why(&undercut, "t"),
        "stands: `e` (1) supports it, unopposed (the attack of `c` is undercut), under \
         preponderance"
    );
    // Four counters nobody backs, and one undercut: three named, by ID.
    let mut many = undercut.clone();
    for id in ["d", "b", "a", "f"] {
        many.push_str(&format!("counter {id}: \"{id}\"\n  attacks t 0.9\n"));
    }
    assert_eq!(
        why(&many, "t"),
        "stands: `e` (1) supports it, unopposed (the attack of `c` is undercut, and its \
         other attackers do not stand: `a`, `b`, `d` and 1 more), under preponderance"
    );
    // A node that falls, its one supporter open.
    let falls = format!(
        "{t}claim s: \"s\"\n  supports t\n\
evidence x: \"x\"\n  attacks t 0.5\n  source \"s\"\n"
    );
    assert_eq!(
        why(&falls, "t"),
        "falls: `x` (0.5) attacks it, unopposed (its one supporter `s` does not stand), \
         under preponderance"
    );
    // Two supporters, both open: listed after a colon, inside the brackets.
    let two = falls.replace("claim s:", "claim r: \"r\"\n  supports t\nclaim s:");
    assert_eq!(
        why(&two, "t"),
        "falls: `x` (0.5) attacks it, unopposed (none of its supporters stands: `r` and \
         `s`), under preponderance"
    );
    // Nothing on the other side: unopposed, as before.
    assert_eq!(
        why(&format!("{t}{e}"), "t"),
        "stands: `e` (1) supports it, unopposed, under preponderance"
    );
}
