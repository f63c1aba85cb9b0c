//! Expectations (`expect "EXPR"`): any expression over any table parses or gives an
//! error inside the expression, prints back to text that parses to the same tree, and
//! evaluates without a panic. The input's first line is the expression, the rest a CSV
//! table (or a JSON array of objects, when it starts with `[`).

#![no_main]

use libfuzzer_sys::fuzz_target;

use crux::expect::{Table, check, parse, parse_printed};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (expression, table) = text.split_once('\n').unwrap_or((text, ""));
    match parse(expression) {
        Ok(expr) => {
            let printed = expr.to_string();
            let again = parse_printed(&printed)
                .unwrap_or_else(|e| panic!("{printed:?} does not parse back: {e:?}"));
            assert_eq!(again, expr, "the print reads back as another tree");
            assert_eq!(again.to_string(), printed, "printing is not stable");
        }
        Err(e) => {
            assert!(
                e.span.end <= expression.len() && e.span.start <= e.span.end,
                "an error outside the expression: {e:?}"
            );
        }
    }
    let table = if table.trim_start().starts_with('[') {
        Table::from_json(table.as_bytes())
    } else {
        Table::from_csv(table.as_bytes())
    };
    if let Ok(table) = table {
        let _ = check(expression, &table);
    }
});
