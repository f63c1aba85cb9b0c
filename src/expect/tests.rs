//! Expressions, their errors and their outcomes on small tables.

use super::*;

const REVENUE: &str = "\
fiscal_year,gaming,data_center,note
FY2021,7.76,6.70,a
FY2022,12.46,10.61,b
FY2023,9.07,15.01,
FY2024,10.45,47.53,d
";

fn revenue() -> Table {
    Table::from_csv(REVENUE.as_bytes()).unwrap()
}

fn holds(text: &str) -> Outcome {
    check(text, &revenue()).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn invalid(text: &str) -> ExprError {
    check(text, &revenue()).expect_err(text)
}

#[test]
fn all_names_the_first_failing_row() {
    let o = holds("all(gaming > data_center)");
    assert!(!o.holds);
    assert_eq!(
        o.because,
        "FY2023: gaming 9.07 <= data_center 15.01 (and 1 more row)"
    );
    let o = holds("all(gaming > data_center where fiscal_year <= 'FY2022')");
    assert!(o.holds, "{o:?}");
    assert_eq!(o.because, "all 2 rows where fiscal_year <= \"FY2022\" hold");
}

#[test]
fn any_names_the_first_row_that_holds() {
    let o = holds("any(data_center > 40)");
    assert!(o.holds);
    assert_eq!(o.because, "FY2024: data_center 47.53 > 40");
    assert!(!holds("any(data_center > 100)").holds);
}

#[test]
fn lookups_need_one_row() {
    let o = holds("data_center where fiscal_year == \"FY2023\" > 15");
    assert!(o.holds);
    assert_eq!(
        o.because,
        "value(data_center, where fiscal_year == \"FY2023\") 15.01 > 15"
    );
    assert!(holds("value(gaming, where fiscal_year == 'FY2021') < 8").holds);
    let o = holds("data_center where fiscal_year == 'FY2030' > 15");
    assert!(!o.holds);
    assert!(o.because.starts_with("no row where"), "{}", o.because);
    let o = holds("data_center where gaming > 0 > 1");
    assert!(
        o.because.starts_with("4 rows where gaming > 0"),
        "{}",
        o.because
    );
}

#[test]
fn aggregates() {
    assert!(holds("count() == 4").holds);
    assert!(holds("count(where gaming > 9) == 3").holds);
    assert!(holds("count(gaming > 9) == 3").holds);
    assert!(holds("sum(gaming) > 39.7 and sum(gaming) < 39.8").holds);
    assert!(holds("min(gaming) == 7.76 and max(gaming) == 12.46").holds);
    assert!(holds("median(gaming) == (9.07 + 10.45) / 2").holds);
    assert!(holds("mean(data_center where fiscal_year >= 'FY2023') == (15.01 + 47.53) / 2").holds);
    assert!(holds("first(fiscal_year) == 'FY2021' and last(fiscal_year) == 'FY2024'").holds);
    assert!(holds("max(fiscal_year) == 'FY2024'").holds);
    assert!(holds("count(note == 'a' or note == 'd') == 2").holds);
    // An empty cell is skipped by aggregates and fails comparisons.
    assert!(holds("all(note != 'z')").holds);
    let o = holds("all(note < 'z')");
    assert_eq!(o.because, "FY2023: note is empty");
}

#[test]
fn comparisons_show_their_values() {
    let o = holds("max(data_center) - min(data_center) < 10");
    assert!(!o.holds);
    assert_eq!(o.because, "max(data_center) - min(data_center) 40.83 >= 10");
    let o = holds("not (count() > 3)");
    assert!(!o.holds);
    assert_eq!(o.because, "count() 4 > 3");
    let o = holds("count() == 4 and max(gaming) < 10");
    assert_eq!(o.because, "max(gaming) 12.46 >= 10");
    let o = holds("count() == 3 or max(gaming) < 10");
    assert_eq!(o.because, "count() 4 != 3 and max(gaming) 12.46 >= 10");
}

/// Decimal data is compared as decimals: a total that is the sum of its parts holds,
/// though binary floating point makes `5.51 + 1.93` 7.4399999999999995; numbers that
/// differ within twelve significant digits are still told apart, and read apart.
#[test]
fn decimals_compare_as_written() {
    let table = Table::from_csv(
        "year,gaming,dc,total\nFY2017,4.06,0.83,4.89\nFY2018,5.51,1.93,7.44\n".as_bytes(),
    )
    .unwrap();
    let holds = |text: &str| check(text, &table).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert!(holds("all(gaming + dc == total)").holds);
    assert!(holds("all(gaming + dc <= total and gaming + dc >= total)").holds);
    assert!(!holds("any(gaming + dc < total or gaming + dc > total)").holds);
    assert!(holds("0.1 + 0.2 == 0.3").holds);
    assert!(holds("0.1 + 0.2 - 0.3 == 0").holds);
    assert!(holds("sum(total) - sum(gaming) - sum(dc) == 0").holds);
    assert!(holds("sum(gaming) == 9.57").holds);
    let o = holds("all(gaming + dc == total + 0.0000001)");
    assert!(!o.holds);
    assert_eq!(
        o.because,
        "FY2017: gaming + dc 4.89 != total + 1e-7 4.8900001 (and 1 more row)"
    );
    assert!(
        holds("1e-20 < 2e-20").holds,
        "tiny numbers keep their order"
    );
    assert_eq!(eval::number(7.4399999999999995), "7.44");
    assert_eq!(eval::number(1.0 / 3.0), "0.333333333333");
    assert_eq!(eval::number(2.5e-7), "0.00000025");
}

#[test]
fn unknown_columns_suggest_the_closest() {
    let e = invalid("all(gamming > 1)");
    assert_eq!(e.to_string(), "the table has no column `gamming`");
    assert_eq!(e.help().as_deref(), Some("did you mean `gaming`?"));
    assert_eq!(e.span, 4..11);
    let e = invalid("all(xyz > 1)");
    assert_eq!(
        e.help().as_deref(),
        Some("the columns are: fiscal_year, gaming, data_center, note")
    );
}

#[test]
fn type_errors_point_at_the_operand() {
    let e = invalid("all(gaming > 'x')");
    assert_eq!(e.to_string(), "cannot compare a number with text");
    assert_eq!(e.span, 4..16);
    let e = invalid("sum(fiscal_year) > 1");
    assert_eq!(e.to_string(), "sum(...) needs a number, but this is text");
    assert_eq!(e.span, 4..15);
    let e = invalid("count()");
    assert_eq!(
        e.to_string(),
        "an expectation must be true or false, but this is a number"
    );
    let e = invalid("gaming > 1");
    assert!(matches!(e.kind, ErrorKind::ColumnOutsideRows { .. }), "{e}");
    assert_eq!(e.span, 0..6);
    let e = invalid("value(gaming) > 1");
    assert!(matches!(e.kind, ErrorKind::MissingArgument { .. }), "{e}");
}

#[test]
fn syntax_errors_have_a_column() {
    let e = parse("all(gaming > )").unwrap_err();
    assert_eq!(e.span.start, 13);
    assert!(e.to_string().starts_with("expected "), "{e}");
    assert!(e.to_string().ends_with("found `)`"), "{e}");
    let e = parse("count() == 4 extra").unwrap_err();
    assert_eq!(e.span, 13..14);
    assert_eq!(
        e.to_string(),
        "expected `and`, `or`, an operator or the end of the expression, found `extra`"
    );
    // An open parenthesis is named among what could come.
    let e = parse("all(gaming > 1").unwrap_err();
    assert_eq!(e.span, 14..14);
    assert_eq!(
        e.to_string(),
        "expected `)`, `and`, `or`, `where` or an operator, found the end"
    );
    let e = parse("all(name == ')'").unwrap_err();
    assert!(e.to_string().starts_with("expected `)`"), "{e}");
    let e = parse("(1 + 2)) > 1").unwrap_err();
    assert!(!e.to_string().contains("`)`,"), "{e}");
    let e = parse("1 < 2 < 3").unwrap_err();
    assert_eq!(e.span.start, 6);
    assert!(parse("all(a > 'unclosed)").is_err());
}

#[test]
fn limits() {
    let long = format!("count() > {}", "1".repeat(2000));
    assert!(matches!(
        parse(&long).unwrap_err().kind,
        ErrorKind::TooLong { .. }
    ));
    let deep = format!("{}count() > 1{}", "(".repeat(40), ")".repeat(40));
    assert!(matches!(
        parse(&deep).unwrap_err().kind,
        ErrorKind::TooDeep { .. }
    ));
    let nots = format!("{}true", "not ".repeat(100));
    assert!(matches!(
        parse(&nots).unwrap_err().kind,
        ErrorKind::TooDeep { .. }
    ));
    let wide = vec!["count() > 1"; 60].join(" and ");
    assert!(matches!(
        parse(&wide).unwrap_err().kind,
        ErrorKind::TooLarge { .. }
    ));
    assert!(parse("1e999 > 1").is_err());
}

#[test]
fn printing_is_canonical() {
    for (input, printed) in [
        ("all( a>b where  c<=2 )", "all(a > b where c <= 2)"),
        ("x where k == 'FY' < 50", "value(x, where k == \"FY\") < 50"),
        ("not(a) and (b or c)", "not a and (b or c)"),
        (
            "count(where `a b` == 1) == 2 - (3 - 4)",
            "count(where `a b` == 1) == 2 - (3 - 4)",
        ),
        ("(1 < 2) == true", "(1 < 2) == true"),
        ("- -1 < 2", "- -1 < 2"),
    ] {
        let e = parse(input).unwrap();
        assert_eq!(e.to_string(), printed);
        assert_eq!(parse(printed).unwrap(), e);
    }
}

/// A header named twice is an error that names it (the second column could not be read),
/// and JSON may start with a byte order mark, as CSV may.
#[test]
fn duplicate_headers_and_byte_order_marks() {
    let e = Table::from_csv(b"year,revenue,revenue\n2020,1,100\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "not a valid CSV table: the header names `revenue` twice (columns 2 and 3); a column \
         is read by its name, so rename one"
    );
    let t = Table::from_json("\u{feff}[{\"v\": 1}]".as_bytes()).unwrap();
    assert_eq!(t.rows, 1);
    assert!(
        Table::from_csv("\u{feff}v\n1\n".as_bytes())
            .unwrap()
            .column("v")
            .is_some()
    );
}

/// A column read as text because of one cell that is not a number: the type error names
/// the cell; a column of words gets no such hint.
#[test]
fn a_text_cell_among_numbers_is_named() {
    let table = Table::from_csv(b"run,latency\na,12\nb,13\nc,12 ms\nd,n/a\n").unwrap();
    let e = check("max(latency) < 20", &table).unwrap_err();
    assert_eq!(e.to_string(), "cannot compare text with a number");
    assert_eq!(
        e.help().unwrap(),
        "`latency` is read as text: its cell in row 3 is `12 ms`, not a number; write \
         numbers without units, thousands separators or words such as `n/a` (an empty \
         cell is skipped)"
    );
    let e = check("sum(run) > 0", &table).unwrap_err();
    assert_eq!(e.help(), None, "{e}");
}

#[test]
fn an_empty_expectation_says_so() {
    for text in ["", "   "] {
        let e = invalid(text);
        assert_eq!(e.to_string(), "the expectation is empty", "{text:?}");
        assert!(e.help().unwrap().contains("sum(revenue) > 0"));
    }
}

#[test]
fn json_tables() {
    let t = Table::from_json(
        br#"[{"n": 1, "ok": true, "s": "a"}, {"n": 2.5, "s": null}, {"ok": false, "n": 3}]"#,
    )
    .unwrap();
    assert_eq!(t.rows, 3);
    assert!(
        check(
            "sum(n) == 6.5 and count(ok) == 1 and count(where s == 'a') == 1",
            &t
        )
        .unwrap()
        .holds
    );
    assert!(Table::from_json(b"{}").is_err());
    assert!(Table::from_json(br#"[{"a": [1]}]"#).is_err());
    assert!(Table::from_file_bytes("x.txt", b"").is_err());
}

#[test]
fn csv_errors() {
    assert!(Table::from_csv(b"a,b\n1,2,3\n").is_err());
    let t = Table::from_csv(b"a,b\n1,x\n,2\n-,3\n").unwrap();
    assert_eq!(
        t.columns[0].cells,
        table::Cells::Number(vec![Some(1.0), None, None])
    );
    assert_eq!(t.columns[0].ty(), table::Type::Number);
    assert_eq!(t.columns[1].ty(), table::Type::Text);
}

/// A number too large or too small for plain digits prints in exponent form, short
/// enough to stay under the length limit and read back the same.
#[test]
fn extreme_numbers_print_in_exponent_form() {
    let t = "-------------------2---83e301--------2---83e301---------2---83e301-----o";
    let printed = parse(t).expect("parses").to_string();
    assert!(printed.contains("8.3e302"), "{printed}");
    assert_eq!(parse(&printed).expect("parses back").to_string(), printed);
    for x in [
        8.3e302,
        1e16,
        123456789e20,
        1e-7,
        2.5e-300,
        0.25,
        1e15,
        42.0,
    ] {
        let s = crate::expect::ast::number(x);
        assert_eq!(s.parse::<f64>().unwrap(), x, "{s}");
        assert!(s.len() <= 24, "{s}");
    }
    assert_eq!(crate::expect::ast::number(1e15), "1000000000000000");
    assert_eq!(crate::expect::ast::number(0.25), "0.25");
}

/// The length limit is on written text: a lookup written short near the limit prints
/// in its long form, over the limit, and the print still reads back as the same tree.
#[test]
fn a_print_longer_than_the_limit_reads_back() {
    let key = "k".repeat(super::syntax::MAX_LEN - 20);
    let written = format!("x where {key} == 1 < 5");
    assert!(written.len() <= super::syntax::MAX_LEN);
    let e = parse(&written).expect("parses");
    let printed = e.to_string();
    assert_eq!(printed, format!("value(x, where {key} == 1) < 5"));
    assert!(printed.len() > super::syntax::MAX_LEN);
    assert!(matches!(
        parse(&printed).unwrap_err().kind,
        ErrorKind::TooLong { .. }
    ));
    assert_eq!(super::parse_printed(&printed).expect("reads back"), e);
}

#[test]
fn a_syntax_error_always_names_what_was_expected() {
    // Every prefix of these expressions that does not parse (a half-written one) and
    // every one with a stray token names what could come there.
    let whole = [
        "mean(bikes) > 100 and not all(bikes > 1 where year >= 2020)",
        "count(where `median (ms)` != 3) == 2 or -x * (y + 1) % 2 < .5e3",
        "value(median_ms, where nodes == 10000) <= 50",
        "median_ms where nodes == 10000 < 50",
        "first(name) == \"a b\" and last(ok) == true",
    ];
    for text in whole {
        crate::expect::parse(text).unwrap();
        let cuts = text.char_indices().map(|(i, _)| i);
        for cut in cuts {
            for tail in ["", ")", " and", " where", ","] {
                let tried = format!("{}{tail}", &text[..cut]);
                if let Err(e) = crate::expect::parse(&tried) {
                    let message = e.to_string();
                    assert!(
                        !message.starts_with("expected ,") && !message.contains("expected  "),
                        "{tried:?}: {message}"
                    );
                }
            }
        }
    }
    let e = crate::expect::parse("mean(bikes) > 100 and").unwrap_err();
    assert_eq!(e.to_string(), "expected an expression, found the end");
    let e = crate::expect::parse("count(where)").unwrap_err();
    assert_eq!(e.to_string(), "expected an expression, found `)`");
}

/// JSON columns come in the order they first appear in the file (not sorted by name),
/// so a failing row is named by its first key.
#[test]
fn json_columns_keep_the_order_of_the_file() {
    let t = Table::from_json(
        br#"[{"team":"dev","tickets_before":10,"tickets_after":null,"sick_days_after":7}]"#,
    )
    .unwrap();
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["team", "tickets_before", "tickets_after", "sick_days_after"]
    );
    let o = check("all(tickets_after >= tickets_before * 0.9)", &t).unwrap();
    assert_eq!(o.because, "dev: tickets_after is empty");
    let t = Table::from_json(br#"[{"zname":"beta","val":-1}]"#).unwrap();
    assert_eq!(
        check("all(val > 0)", &t).unwrap().because,
        "beta: val -1 <= 0"
    );
    // A key first met in a later item comes after the keys met before it.
    let t = Table::from_json(br#"[{"b":1,"z":2},{"y":3,"a":4,"b":5}]"#).unwrap();
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["b", "z", "y", "a"]);
    assert!(
        check("sum(b) == 6 and count(where y == 3) == 1", &t)
            .unwrap()
            .holds
    );
    // A key twice in one object would make one of its values unreachable.
    let e = Table::from_json(br#"[{"a":1},{"a":2,"b":3,"a":4}]"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "not a JSON array of objects: item 2 names `a` twice; a column is read by its name"
    );
    // Nested values are still refused, and say where.
    let e = Table::from_json(br#"[{"a":1},{"b":{"c":[1]}}]"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "not a JSON array of objects: `b` of item 2 is an array or object, not a value"
    );
    let e = Table::from_json(br#"[{"a":1}, 2]"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "not a JSON array of objects: item 2 is not an object"
    );
}

/// Operators from other languages get a hint in the words of this one, and the edit
/// that mends them.
#[test]
fn slips_from_other_languages_get_help() {
    for (text, written, help, replacement) in [
        (
            "min(minutes where mode = 'car') < 30",
            "=",
            "a comparison is written `==`",
            "==",
        ),
        ("sum(b) = 2", "=", "a comparison is written `==`", "=="),
        ("sum(b) === 2", "===", "a comparison is written `==`", "=="),
        ("sum(b) <> 2", "<>", "not equal is written `!=`", "!="),
        ("sum(b) !== 2", "!==", "not equal is written `!=`", "!="),
        ("sum(b) =< 2", "=<", "at most is written `<=`", "<="),
        ("sum(b) => 2", "=>", "at least is written `>=`", ">="),
        (
            "all(a > 1 && b > 1)",
            "&&",
            "logic is written in words: `and`, `or`, `not`",
            "and",
        ),
        (
            "all(a > 1 || b > 1)",
            "||",
            "logic is written in words: `and`, `or`, `not`",
            "or",
        ),
        (
            "all(a>1&&b>1)",
            "&&",
            "logic is written in words: `and`, `or`, `not`",
            " and ",
        ),
        (
            "all((a > 1) | (b > 1))",
            "|",
            "logic is written in words: `and`, `or`, `not`",
            "or",
        ),
        ("sum(b) ≤ 2", "≤", "at most is written `<=`", "<="),
        (
            "!(sum(a) > 1)",
            "!",
            "logic is written in words: `and`, `or`, `not`",
            "not",
        ),
        (
            "all(!a)",
            "!",
            "logic is written in words: `and`, `or`, `not`",
            "not ",
        ),
        (
            "all(a > 1 AND b > 1)",
            "AND",
            "keywords are written in lowercase: `and`",
            "and",
        ),
        (
            "sum(a WHERE b > 1) > 1",
            "WHERE",
            "keywords are written in lowercase: `where`",
            "where",
        ),
    ] {
        let e = parse(text).unwrap_err();
        assert_eq!(&text[e.span.clone()], written, "{text}");
        assert_eq!(e.help().as_deref(), Some(help), "{text}");
        assert_eq!(e.replacement().as_deref(), Some(replacement), "{text}");
        let mut mended = text.to_string();
        mended.replace_range(e.span.clone(), replacement);
        assert!(parse(&mended).is_ok(), "{text} → {mended}");
    }
    // The message still says what was expected; other errors get no such hint.
    let e = parse("sum(b) = 2").unwrap_err();
    assert!(e.to_string().ends_with("found `=`"), "{e}");
    let e = parse("all(a > 1 && b > 1)").unwrap_err();
    assert!(e.to_string().ends_with("found `&&`"), "{e}");
    for text in ["all(gaming > )", "count() == 4 extra", "sum(b) == = 2"] {
        let e = parse(text).unwrap_err();
        assert_eq!((e.help(), e.replacement()), (None, None), "{text}");
    }
}
