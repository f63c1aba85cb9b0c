//! `crux rules` and `crux rule`: the registry, as a table, JSON, or one rule's
//! explanation.

use crate::diagnostic::terminal::sanitize;
use clap::ValueEnum;
use serde::Serialize;

use super::ExitStatus;
use crate::check::registry::{RULES, RuleInfo, lookup, suggest};

#[derive(Clone, Copy, Debug, ValueEnum, Default)]
pub(crate) enum RulesFormat {
    /// An aligned table.
    #[default]
    Table,
    /// A JSON array.
    Json,
}

#[derive(clap::Args, Debug)]
pub(crate) struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: RulesFormat,
}

#[derive(clap::Args, Debug)]
pub(crate) struct RuleArgs {
    /// A rule name (`circular-support`) or code (`G103`).
    rule: String,
}

#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    name: &'static str,
    default_severity: &'static str,
    summary: String,
    explanation: String,
}

/// The explanation with the one leading space of each doc line removed.
pub(crate) fn explanation(info: &RuleInfo) -> String {
    info.explanation
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

pub(crate) fn list(args: RulesArgs) -> ExitStatus {
    let out = match args.format {
        RulesFormat::Json => {
            let rules: Vec<JsonRule> = RULES
                .iter()
                .map(|r| JsonRule {
                    code: r.code,
                    name: r.name,
                    default_severity: r.default_severity.as_str(),
                    summary: r.summary(),
                    explanation: explanation(r),
                })
                .collect();
            let json = serde_json::to_string_pretty(&rules).expect("serializes");
            format!("{json}\n")
        }
        RulesFormat::Table => {
            let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(4);
            let mut out = format!(
                "{:<5} {:<width$} {:<8} SUMMARY\n",
                "CODE", "NAME", "DEFAULT"
            );
            for r in RULES {
                out.push_str(&format!(
                    "{:<5} {:<width$} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.default_severity.as_str(),
                    r.summary()
                ));
            }
            out
        }
    };
    super::stdout::status(super::stdout::print(out.as_bytes()), ExitStatus::Success)
}

pub(crate) fn explain(args: RuleArgs) -> ExitStatus {
    match lookup(&args.rule) {
        Some(r) => {
            let out = format!(
                "# {} ({})\n\nDefault severity: {}\n\n{}\n",
                r.name,
                r.code,
                r.default_severity,
                explanation(r)
            );
            super::stdout::status(super::stdout::print(out.as_bytes()), ExitStatus::Success)
        }
        None => {
            let hint = suggest(&args.rule)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| "; run `crux rules` to list the rules".into());
            eprintln!("error: no rule named `{}`{hint}", sanitize(&args.rule));
            ExitStatus::Error
        }
    }
}
