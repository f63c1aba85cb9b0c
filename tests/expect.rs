//! The expression language of `expect`: printing is stable (parse → print → parse gives
//! the same tree), and evaluation agrees with a straightforward reference evaluator on
//! random tables.

use crux::expect::{self, Table};
use proptest::prelude::*;

// ------------------------------------------------------------------ the reference

/// A number-valued expression read in a row.
#[derive(Clone, Debug)]
enum Rx {
    Col(&'static str),
    Lit(i8),
    Bin(&'static str, Box<Rx>, Box<Rx>),
    Scalar(Box<S>),
}

/// A condition read in a row.
#[derive(Clone, Debug)]
enum Rc {
    Cmp(&'static str, Rx, Rx),
    Key(&'static str),
    And(Box<Rc>, Box<Rc>),
    Or(Box<Rc>, Box<Rc>),
    Not(Box<Rc>),
}

/// A number-valued aggregate.
#[derive(Clone, Debug)]
enum S {
    Count(Option<Rc>, Option<Rc>),
    Agg(&'static str, Rx, Option<Rc>),
    Value(Rx, Rc),
    Lit(i8),
}

/// The whole expectation.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
enum T {
    All(Rc, Option<Rc>),
    Any(Rc, Option<Rc>),
    Cmp(&'static str, S, S),
    And(Box<T>, Box<T>),
    Or(Box<T>, Box<T>),
    Not(Box<T>),
}

fn filter(c: &Option<Rc>) -> String {
    c.as_ref()
        .map_or(String::new(), |c| format!(" where {}", rc(c)))
}
fn rx(e: &Rx) -> String {
    match e {
        Rx::Col(c) => c.to_string(),
        Rx::Lit(i) => format!("({i})"),
        Rx::Bin(op, a, b) => format!("({} {op} {})", rx(a), rx(b)),
        Rx::Scalar(s) => format!("({})", sc(s)),
    }
}
fn rc(c: &Rc) -> String {
    match c {
        Rc::Cmp(op, a, b) => format!("({} {op} {})", rx(a), rx(b)),
        Rc::Key(k) => format!("(k == '{k}')"),
        Rc::And(a, b) => format!("({} and {})", rc(a), rc(b)),
        Rc::Or(a, b) => format!("({} or {})", rc(a), rc(b)),
        Rc::Not(a) => format!("(not {})", rc(a)),
    }
}
fn sc(s: &S) -> String {
    match s {
        S::Count(a, f) => format!(
            "count({}{})",
            a.as_ref().map_or(String::new(), rc),
            filter(f)
        ),
        S::Agg(name, a, f) => format!("{name}({}{})", rx(a), filter(f)),
        S::Value(a, f) => format!("value({}, where {})", rx(a), rc(f)),
        S::Lit(i) => format!("({i})"),
    }
}
fn t(e: &T) -> String {
    match e {
        T::All(a, f) => format!("all({}{})", rc(a), filter(f)),
        T::Any(a, f) => format!("any({}{})", rc(a), filter(f)),
        T::Cmp(op, a, b) => format!("({} {op} {})", sc(a), sc(b)),
        T::And(a, b) => format!("({} and {})", t(a), t(b)),
        T::Or(a, b) => format!("({} or {})", t(a), t(b)),
        T::Not(a) => format!("(not {})", t(a)),
    }
}

/// A row: x, y (numbers or empty), k (a key).
type Row = (Option<f64>, Option<f64>, &'static str);
/// `Err` means: cannot be decided.
type R<X> = Result<X, ()>;

/// Numbers are the same as decimals when they agree to twelve significant digits.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}
fn cmp(op: &str, a: Option<f64>, b: Option<f64>) -> bool {
    let eq = match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        _ => a == b,
    };
    match op {
        "==" => eq,
        "!=" => !eq,
        _ => match (a, b) {
            (Some(a), Some(b)) => match op {
                "<" => a < b && !eq,
                "<=" => a < b || eq,
                ">" => a > b && !eq,
                _ => a > b || eq,
            },
            _ => false,
        },
    }
}
/// A sum as exact as the operands allow: in exact rationals, then rounded once.
fn exact_sum(xs: &[f64]) -> f64 {
    let mut parts: Vec<f64> = Vec::new();
    // Shewchuk's grow-expansion: `parts` holds the exact sum as non-overlapping floats.
    for &x in xs {
        let mut x = x;
        let mut kept = Vec::new();
        for &p in &parts {
            let (hi, lo) = (x + p, 0.0);
            let lo = if x.abs() >= p.abs() {
                lo + (x - hi) + p
            } else {
                lo + (p - hi) + x
            };
            if lo != 0.0 {
                kept.push(lo);
            }
            x = hi;
        }
        kept.push(x);
        parts = kept;
    }
    parts.iter().sum()
}
fn ev_rx(e: &Rx, rows: &[Row], r: usize) -> R<Option<f64>> {
    Ok(match e {
        Rx::Col("x") => rows[r].0,
        Rx::Col(_) => rows[r].1,
        Rx::Lit(i) => Some(*i as f64),
        Rx::Bin(op, a, b) => {
            let (a, b) = (ev_rx(a, rows, r)?, ev_rx(b, rows, r)?);
            match (a, b) {
                (Some(a), Some(b)) => {
                    let x = match *op {
                        "+" | "-" => {
                            let x = if *op == "+" { a + b } else { a - b };
                            // Cancelled to within the operands' rounding: zero.
                            if same(x.abs() + a.abs().max(b.abs()), a.abs().max(b.abs())) {
                                0.0
                            } else {
                                x
                            }
                        }
                        "*" => a * b,
                        _ => a / b,
                    };
                    x.is_finite().then_some(x)
                }
                _ => None,
            }
        }
        Rx::Scalar(s) => ev_s(s, rows)?,
    })
}
fn ev_rc(c: &Rc, rows: &[Row], r: usize) -> R<bool> {
    Ok(match c {
        Rc::Cmp(op, a, b) => {
            let a = ev_rx(a, rows, r)?;
            cmp(op, a, ev_rx(b, rows, r)?)
        }
        Rc::Key(k) => rows[r].2 == *k,
        Rc::And(a, b) => ev_rc(a, rows, r)? && ev_rc(b, rows, r)?,
        Rc::Or(a, b) => ev_rc(a, rows, r)? || ev_rc(b, rows, r)?,
        Rc::Not(a) => !ev_rc(a, rows, r)?,
    })
}
fn keeps(f: &Option<Rc>, rows: &[Row], r: usize) -> R<bool> {
    f.as_ref().map_or(Ok(true), |f| ev_rc(f, rows, r))
}
fn ev_s(s: &S, rows: &[Row]) -> R<Option<f64>> {
    match s {
        S::Lit(i) => Ok(Some(*i as f64)),
        S::Count(a, f) => {
            let mut n = 0;
            for r in 0..rows.len() {
                if keeps(f, rows, r)? && a.as_ref().map_or(Ok(true), |a| ev_rc(a, rows, r))? {
                    n += 1;
                }
            }
            Ok(Some(n as f64))
        }
        S::Value(a, f) => {
            let mut kept = Vec::new();
            for r in 0..rows.len() {
                if ev_rc(f, rows, r)? {
                    kept.push(r);
                }
            }
            if kept.len() != 1 {
                return Err(());
            }
            ev_rx(a, rows, kept[0])
        }
        S::Agg(name, a, f) => {
            let mut xs = Vec::new();
            let mut kept = Vec::new();
            for r in 0..rows.len() {
                if keeps(f, rows, r)? {
                    kept.push(r);
                    if let Some(x) = ev_rx(a, rows, r)? {
                        xs.push(x);
                    }
                }
            }
            match *name {
                "sum" => return Ok(Some(exact_sum(&xs))),
                "first" | "last" => {
                    let r = if *name == "first" {
                        kept.first()
                    } else {
                        kept.last()
                    };
                    return match r {
                        Some(&r) => ev_rx(a, rows, r),
                        None => Err(()),
                    };
                }
                _ => {}
            }
            if xs.is_empty() {
                return Err(());
            }
            Ok(Some(match *name {
                "min" => xs.iter().copied().fold(f64::INFINITY, f64::min),
                "max" => xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                "mean" => exact_sum(&xs) / xs.len() as f64,
                _ => {
                    xs.sort_by(f64::total_cmp);
                    let m = xs.len() / 2;
                    if xs.len() % 2 == 1 {
                        xs[m]
                    } else {
                        (xs[m - 1] + xs[m]) / 2.0
                    }
                }
            }))
        }
    }
}
fn ev_t(e: &T, rows: &[Row]) -> R<bool> {
    Ok(match e {
        T::All(a, f) | T::Any(a, f) => {
            let want = matches!(e, T::Any(..));
            for r in 0..rows.len() {
                if keeps(f, rows, r)? && ev_rc(a, rows, r)? == want {
                    return Ok(want);
                }
            }
            !want
        }
        T::Cmp(op, a, b) => {
            let a = ev_s(a, rows)?;
            cmp(op, a, ev_s(b, rows)?)
        }
        T::And(a, b) => ev_t(a, rows)? && ev_t(b, rows)?,
        T::Or(a, b) => ev_t(a, rows)? || ev_t(b, rows)?,
        T::Not(a) => !ev_t(a, rows)?,
    })
}

// ------------------------------------------------------------------ generators

fn op_cmp() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["==", "!=", "<", "<=", ">", ">="])
}
fn key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["p", "q", "r"])
}
fn s_leaf() -> impl Strategy<Value = S> {
    prop_oneof![any::<i8>().prop_map(S::Lit), Just(S::Count(None, None))]
}
fn rx_strategy() -> impl Strategy<Value = Rx> {
    let leaf = prop_oneof![
        prop::sample::select(vec!["x", "y"]).prop_map(Rx::Col),
        (-5i8..5).prop_map(Rx::Lit),
    ];
    leaf.prop_recursive(3, 8, 2, |inner| {
        (
            prop::sample::select(vec!["+", "-", "*", "/"]),
            inner.clone(),
            inner,
        )
            .prop_map(|(op, a, b)| Rx::Bin(op, Box::new(a), Box::new(b)))
    })
}
fn rc_strategy() -> impl Strategy<Value = Rc> {
    let leaf = prop_oneof![
        (op_cmp(), rx_strategy(), rx_strategy()).prop_map(|(op, a, b)| Rc::Cmp(op, a, b)),
        key().prop_map(Rc::Key),
    ];
    leaf.prop_recursive(2, 6, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Rc::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Rc::Or(Box::new(a), Box::new(b))),
            inner.prop_map(|a| Rc::Not(Box::new(a))),
        ]
    })
}
fn s_strategy() -> impl Strategy<Value = S> {
    let agg = prop::sample::select(vec!["sum", "min", "max", "mean", "median", "first", "last"]);
    prop_oneof![
        s_leaf(),
        (
            prop::option::of(rc_strategy()),
            prop::option::of(rc_strategy())
        )
            .prop_map(|(a, f)| S::Count(a, f)),
        (agg, rx_strategy(), prop::option::of(rc_strategy())).prop_map(|(n, a, f)| S::Agg(n, a, f)),
        (rx_strategy(), rc_strategy()).prop_map(|(a, f)| S::Value(a, f)),
        // An aggregate inside a row: computed once, read in every row.
        (rx_strategy(), s_leaf(), op_cmp())
            .prop_map(|(a, s, op)| S::Count(Some(Rc::Cmp(op, a, Rx::Scalar(Box::new(s)))), None)),
    ]
}
fn t_strategy() -> impl Strategy<Value = T> {
    let leaf = prop_oneof![
        (rc_strategy(), prop::option::of(rc_strategy())).prop_map(|(a, f)| T::All(a, f)),
        (rc_strategy(), prop::option::of(rc_strategy())).prop_map(|(a, f)| T::Any(a, f)),
        (op_cmp(), s_strategy(), s_strategy()).prop_map(|(op, a, b)| T::Cmp(op, a, b)),
    ];
    leaf.prop_recursive(2, 4, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| T::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| T::Or(Box::new(a), Box::new(b))),
            inner.prop_map(|a| T::Not(Box::new(a))),
        ]
    })
}
fn rows_strategy() -> impl Strategy<Value = Vec<Row>> {
    let cell = prop::option::weighted(0.85, -4i8..5).prop_map(|c| c.map(f64::from));
    prop::collection::vec((cell.clone(), cell, key()), 1..8)
}
fn csv(rows: &[Row]) -> String {
    let mut s = String::from("x,y,k\n");
    let cell = |c: Option<f64>| c.map_or(String::new(), |x| x.to_string());
    for (x, y, k) in rows {
        s += &format!("{},{},{k}\n", cell(*x), cell(*y));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn evaluation_agrees_with_the_reference(expr in t_strategy(), rows in rows_strategy()) {
        let text = t(&expr);
        prop_assume!(expect::parse(&text).is_ok());
        let table = Table::from_csv(csv(&rows).as_bytes()).unwrap();
        // An empty column has no type to speak of: it reads as a number column.
        let outcome = expect::check(&text, &table).unwrap_or_else(|e| panic!("{text}: {e}"));
        let want = ev_t(&expr, &rows).unwrap_or(false);
        prop_assert_eq!(outcome.holds, want, "{} on {:?}: {}", text, rows, outcome.because);
    }

    #[test]
    fn printing_then_parsing_gives_the_same_tree(expr in t_strategy()) {
        let text = t(&expr);
        prop_assume!(expect::parse(&text).is_ok());
        let parsed = expect::parse(&text).unwrap();
        let printed = parsed.to_string();
        let again = expect::parse(&printed).unwrap_or_else(|e| panic!("{printed}: {e}"));
        prop_assert_eq!(&again, &parsed);
        prop_assert_eq!(again.to_string(), printed);
    }
}
