//! Why a node got its verdict, in the one sentence every output prints.

use super::evaluate::holds;
use super::{Argument, Idle, Judgement, Reason, Verdict, VerdictOptions, Weighed};
use crate::model::{ArgGraph, Relation};
use crate::syntax::ast::ProofStandard;
use crate::text::number;
use petgraph::graph::NodeIndex;

impl Judgement {
    /// Why the node got its verdict, in one sentence that starts with the verdict:
    /// "stands: `cuda_2006` (0.8) outweighs `timing` (0.5) under preponderance",
    /// "open: nothing supports it". `options` must be those the verdict was computed
    /// with.
    pub fn why(&self, graph: &ArgGraph, options: &VerdictOptions) -> String {
        format!(
            "{}: {}",
            self.verdict,
            Why::new(self, graph, options).clause()
        )
    }
}

/// What the sentence is made of.
struct Why<'a> {
    judgement: &'a Judgement,
    graph: &'a ArgGraph,
    options: &'a VerdictOptions,
    /// `under <standard>`.
    under: String,
}

impl<'a> Why<'a> {
    fn new(judgement: &'a Judgement, graph: &'a ArgGraph, options: &'a VerdictOptions) -> Self {
        Why {
            judgement,
            graph,
            options,
            under: format!("under {}", judgement.standard.keyword()),
        }
    }

    /// An argument as a reader names it: "`id` (0.8)", or "its credence (0.9)".
    fn name(&self, w: &Weighed) -> String {
        match w.arguer(self.graph, self.judgement.node) {
            Some(n) if w.weight < w.written => format!(
                "`{}` ({}, undercut from {})",
                self.graph.graph[n].id,
                number(w.weight),
                number(w.written)
            ),
            Some(n) => format!("`{}` ({})", self.graph.graph[n].id, number(w.weight)),
            None if w.argument == Argument::Data => {
                let why = self.graph.graph[self.judgement.node].refuted.as_deref();
                format!("its own data ({})", why.unwrap_or("an expectation fails"))
            }
            None => format!("its credence ({})", number(w.weight)),
        }
    }

    /// What the argument does to the node: `verb` ("supports" or "attacks"), or
    /// "contradicts" for a contradiction.
    fn verb<'v>(&self, w: &Weighed, verb: &'v str) -> &'v str {
        match w.argument {
            Argument::Edge(e) if self.graph.graph[e].relation == Relation::Contradicts => {
                "contradicts"
            }
            _ => verb,
        }
    }

    fn alpha(&self) -> String {
        format!("α {}", number(self.options.alpha))
    }

    fn beta(&self) -> String {
        format!("β {}", number(self.options.beta))
    }

    fn gamma(&self) -> String {
        format!("γ {}", number(self.options.gamma))
    }

    /// Everything after "verdict: ".
    fn clause(&self) -> String {
        let j = self.judgement;
        match &j.reason {
            Reason::Met { idle } => match (j.verdict, &j.pro, &j.con) {
                (Verdict::Stands, Some(pro), con) => {
                    self.met(pro, con.as_ref(), "supports", (idle, Side::Con))
                }
                (Verdict::Falls, pro, Some(con)) => {
                    self.met(con, pro.as_ref(), "attacks", (idle, Side::Pro))
                }
                _ => format!("its side meets {}", j.standard.keyword()),
            },
            Reason::NotMet => self.not_met(),
            Reason::NothingSupports { idle } => {
                self.unsupported(&self.arguers(idle, Side::Pro, "nothing supports it", false))
            }
            Reason::Rejected => self.unsupported(
                "its status is rejected, so its credence is no premise, and nothing else supports it",
            ),
            Reason::Cycle { through, length, on } => {
                let mut ids: Vec<&str> = through
                    .iter()
                    .map(|&n| self.graph.graph[n].id.as_str())
                    .collect();
                if *length > through.len() {
                    ids.push("…");
                }
                if let Some(&first) = ids.first() {
                    ids.push(first);
                }
                let place = if *on { "on" } else { "it depends on" };
                format!(
                    "{place} a cycle of arguments that decides nothing ({})",
                    ids.join(" → ")
                )
            }
        }
    }

    /// The deciding side `side` meets the standard against `other`; `verb` says what
    /// the side does to the node. Without `other`, `idle` says why none of the other
    /// side's arguments applies, if it has any.
    fn met(
        &self,
        side: &Weighed,
        other: Option<&Weighed>,
        verb: &str,
        (idle, other_side): (&Idle, Side),
    ) -> String {
        let s = self.name(side);
        let verb = self.verb(side, verb);
        let under = &self.under;
        let Some(other) = other else {
            let unopposed = if idle.is_empty() {
                "unopposed".to_string()
            } else {
                format!("unopposed ({})", self.arguers(idle, other_side, "", true))
            };
            return match self.judgement.standard {
                ProofStandard::ClearAndConvincing if self.options.beta > self.options.alpha => {
                    format!(
                        "{s} reaches {} and {}, {unopposed}, {under}",
                        self.alpha(),
                        self.beta()
                    )
                }
                ProofStandard::ClearAndConvincing | ProofStandard::BeyondDoubt => {
                    format!("{s} reaches {}, {unopposed}, {under}", self.alpha())
                }
                _ if side.argument == Argument::Premise => format!(
                    "it is evidence (credence {}), {unopposed}, {under}",
                    number(side.weight)
                ),
                _ => format!("{s} {verb} it, {unopposed}, {under}"),
            };
        };
        let o = self.name(other);
        match self.judgement.standard {
            ProofStandard::Scintilla => format!("{s} {verb} it, which is enough {under}"),
            ProofStandard::Preponderance => format!("{s} outweighs {o} {under}"),
            ProofStandard::ClearAndConvincing => format!(
                "{s} reaches {} and outweighs {o} by at least {} {under}",
                self.alpha(),
                self.beta()
            ),
            ProofStandard::BeyondDoubt => format!(
                "{s} reaches {} and {o} stays within {} {under}",
                self.alpha(),
                self.gamma()
            ),
            // Cannot meet it against an applicable argument.
            ProofStandard::Dialectical => format!("{s} {verb} it {under}"),
        }
    }

    /// Why `side` does not meet the standard against `other`: a clause naming it.
    fn fails(&self, side: &Weighed, other: Option<&Weighed>) -> String {
        let s = self.name(side);
        let o = other.map(|o| self.name(o));
        let (standard, options) = (self.judgement.standard, self.options);
        match (standard, o) {
            (ProofStandard::Preponderance, None) => format!("{s} has no weight"),
            (ProofStandard::Preponderance, Some(o)) => format!("{s} does not outweigh {o}"),
            (ProofStandard::ClearAndConvincing | ProofStandard::BeyondDoubt, _)
                if side.weight < options.alpha =>
            {
                format!("{s} does not reach {}", self.alpha())
            }
            (ProofStandard::ClearAndConvincing, None) => {
                format!("{s} does not reach {}", self.beta())
            }
            (ProofStandard::ClearAndConvincing, Some(o)) => {
                format!("{s} does not outweigh {o} by {}", self.beta())
            }
            (ProofStandard::BeyondDoubt, Some(o)) => {
                format!("{s} is doubted by {o}, above {}", self.gamma())
            }
            (ProofStandard::Dialectical, Some(o)) => format!("{s} is opposed by {o}"),
            _ => format!("{s} does not meet it"),
        }
    }

    /// Something applicable supports the node, but neither side meets the standard.
    fn not_met(&self) -> String {
        let j = self.judgement;
        let under = &self.under;
        let (Some(pro), con) = (&j.pro, &j.con) else {
            return format!("neither side meets {}", j.standard.keyword());
        };
        let p = self.name(pro);
        let Some(con) = con else {
            return format!("{} {under}", self.fails(pro, None));
        };
        let c = self.name(con);
        let alpha = self.options.alpha;
        match j.standard {
            ProofStandard::Preponderance if pro.weight == con.weight => {
                format!("{p} and {c} weigh the same {under}")
            }
            ProofStandard::Dialectical => {
                let attacks = self.verb(con, "attacks");
                format!("{p} supports it and {c} {attacks} it {under}")
            }
            ProofStandard::ClearAndConvincing | ProofStandard::BeyondDoubt
                if pro.weight < alpha && con.weight < alpha =>
            {
                format!("neither {p} nor {c} reaches {} {under}", self.alpha())
            }
            ProofStandard::BeyondDoubt
                if !holds(j.standard, Some(pro.weight), None, self.options)
                    || !holds(j.standard, Some(con.weight), None, self.options) =>
            {
                format!(
                    "{}, and {} {under}",
                    self.fails(pro, Some(con)),
                    self.fails(con, Some(pro))
                )
            }
            ProofStandard::BeyondDoubt => {
                format!("{p} and {c} are both above {} {under}", self.gamma())
            }
            _ => format!(
                "{}, and {} {under}",
                self.fails(pro, Some(con)),
                self.fails(con, Some(pro))
            ),
        }
    }

    /// No applicable pro argument: `lead`, and why the con side, if any, does not make
    /// the node fall.
    /// Why nothing supports the node: "nothing supports it", or which supporters do
    /// not stand ("none of its supporters stands (`a`, `b`)") and whose support is
    /// undercut away ("the support of `e` is undercut"). Each side is the supporters
    /// shown and how many there are.
    /// Why none of the arguments of one side applies (`none`, when it has none): "its
    /// one supporter `x` does not stand", "the attack of `y` is undercut", ...
    /// `nested`: the clause stands in brackets, so a list of arguers follows a colon
    /// instead of brackets of its own.
    fn arguers(&self, idle: &Idle, side: Side, none: &str, nested: bool) -> String {
        let ids = |nodes: &[NodeIndex], all: usize| {
            let mut ids: Vec<String> = nodes
                .iter()
                .map(|&n| format!("`{}`", self.graph.graph[n].id))
                .collect();
            if all > nodes.len() {
                ids.push(format!("{} more", all - nodes.len()));
            }
            crate::text::list_and(&ids)
        };
        let fallen = ids(&idle.fallen, idle.fallen_all);
        let undercut = ids(&idle.undercut, idle.undercut_all);
        let (one, many, act) = match side {
            Side::Pro => ("supporter", "supporters", "support"),
            Side::Con => ("attacker", "attackers", "attack"),
        };
        let listed = if nested {
            format!(": {fallen}")
        } else {
            format!(" ({fallen})")
        };
        match (idle.fallen_all, idle.undercut_all) {
            (0, 0) => none.to_string(),
            (1, 0) => format!("its one {one} {fallen} does not stand"),
            (_, 0) => format!("none of its {many} stands{listed}"),
            (0, _) => format!("the {act} of {undercut} is undercut"),
            _ => format!(
                "the {act} of {undercut} is undercut, and its other {many} do not stand{listed}"
            ),
        }
    }

    fn unsupported(&self, lead: &str) -> String {
        match &self.judgement.con {
            None => lead.to_string(),
            Some(con) => format!("{lead}, and {} {}", self.fails(con, None), self.under),
        }
    }
}

/// One side of the arguments about a node.
#[derive(Clone, Copy)]
enum Side {
    /// Its supports.
    Pro,
    /// Its attacks and contradictions.
    Con,
}
