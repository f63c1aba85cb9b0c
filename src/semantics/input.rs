//! Reading abstract argumentation frameworks from text: ICCMA'23, APX and TGF.
//!
//! Phase: semantics, the input side of `crux solve`. It builds an [`Af`] and depends
//! on nothing but [`super::af`] and, for the text its messages quote,
//! [`crate::diagnostic::terminal::sanitize`]. It knows nothing of the `.crux` language, of checks
//! or of output.
//!
//! # Formats
//!
//! - **ICCMA'23**: a header `p af N` declares the arguments `1`..`N`, then each line
//!   `i j` says that `i` attacks `j`. Lines starting with `#` are comments, and blank
//!   lines are allowed. Argument `k` is named `"k"` and has number `k - 1`.
//! - **APX** (ASPARTIX): facts `arg(a).` and `att(a,b).`, any number per line, with
//!   any whitespace between tokens and `%` comments to the end of the line. Names are
//!   written with `[A-Za-z0-9_.-]`. Arguments are numbered in declaration order. An
//!   attack may come before the declarations it names, but every name must be
//!   declared somewhere. Well-formed facts of other predicates (such as pakota's
//!   `pos(d).`) are skipped.
//! - **TGF** (trivial graph format): one argument per line (the line's first
//!   whitespace-separated token is the name and the rest is a label, which is
//!   ignored), then a line `#`, then one attack `a b` per line (any third token is an
//!   edge label and is ignored). The line `#` is required, even when no attack
//!   follows it: it is what tells a list of arguments from any other text. Other
//!   lines starting with `#` are comments. A name may not hold a control character
//!   or a bidirectional override.
//!
//! Duplicate arguments are an error in APX and TGF. Duplicate attacks are merged.
//!
//! # Detection
//!
//! [`detect`] looks at the content and never at the file name:
//!
//! 1. It skips blank lines and lines starting with `#`. These are ICCMA comments, or
//!    TGF's lone `#` separator when a TGF file has no arguments. If the next line is
//!    `p af ...` (the tokens `p` and `af`), the format is **ICCMA'23**.
//! 2. Otherwise, if `arg(` or `att(` starts a line or follows a `.`, ignoring spaces
//!    and tabs, the format is **APX**.
//! 3. Otherwise, if a line is `#` alone (spaces aside), the format is **TGF**.
//! 4. Otherwise the text is no framework (prose, an empty file, a list of names
//!    without the `#` line): reading it is an error at its first line that is neither
//!    blank nor a `#` comment, which says what each format starts with.
//!
//! [`read_framework_as`] skips detection when the format is known, for example from a
//! command-line flag.
//!
//! # Errors and limits
//!
//! Reading stops at the first problem and reports it as an [`InputError`] with a
//! 1-based line and column (in characters). It never panics. Memory stays
//! proportional to the input, with one exception: the `N` of `p af N` is trusted up
//! to ten times the input length plus 1,000,000, and a larger `N` is an error.
//! A leading UTF-8 byte order mark is ignored.

use crate::diagnostic::terminal::sanitize;
use crate::syntax::span::LineIndex;
use std::collections::HashMap;
use std::fmt;

use super::af::{Af, Arg};
use super::deadline::{Deadline, Timeout};

/// The text formats of abstract frameworks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The ICCMA 2023 format: `p af N`, then `i j` lines.
    Iccma23,
    /// ASPARTIX facts: `arg(a).` and `att(a,b).`.
    Apx,
    /// Trivial graph format: names, `#`, then `a b` lines.
    Tgf,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Iccma23 => "ICCMA'23",
            Format::Apx => "APX",
            Format::Tgf => "TGF",
        })
    }
}

/// A framework that cannot be read, and where the problem is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {kind}")]
pub struct InputError {
    /// Line of the problem (1-based).
    pub line: usize,
    /// Column of the problem, in characters (1-based).
    pub column: usize,
    /// Byte offset of the problem in the text that was read (a byte order mark
    /// included), for a report that shows the line.
    pub offset: usize,
    /// What is wrong.
    pub kind: InputErrorKind,
}

/// The kinds of input error. The words live here and in [`Expected`] and [`Found`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputErrorKind {
    /// The text does not follow the format here.
    #[error("expected {expected}, found {found}")]
    Expected {
        /// What would have been valid.
        expected: Expected,
        /// What is there.
        found: Found,
    },
    /// An ICCMA'23 text whose first line is not `p af N`.
    #[error("missing `p af N` header")]
    MissingHeader,
    /// A text in none of the formats: no `p af` header, no APX fact and no TGF line
    /// `#` ([`detect`] finds nothing).
    #[error(
        "expected an abstract framework (ICCMA'23 `p af N`, APX facts such as `arg(a).`, or TGF: the arguments, a line `#`, then the attacks), found {}",
        without_separator(.found)
    )]
    NotAFramework {
        /// The first line that is neither blank nor a comment, or the end of the input.
        found: Found,
    },
    /// A second `p af N` line.
    #[error("a second `p af` header (the first is on line {first_line})")]
    SecondHeader {
        /// Line of the first header.
        first_line: usize,
    },
    /// A `p af N` whose `N` is too large for the input to be a real framework.
    #[error(
        "`p af {declared}` declares more arguments than an input of this size can use (at most {limit})"
    )]
    TooManyArguments {
        /// `N` as written.
        declared: String,
        /// The largest `N` accepted for this input.
        limit: u64,
    },
    /// More arguments than an argument number can hold.
    #[error("more than {limit} arguments")]
    ArgumentLimit {
        /// The largest number of arguments.
        limit: u64,
    },
    /// An ICCMA'23 argument number outside `1..=N`.
    #[error("argument {number} is out of range 1..{count}")]
    OutOfRange {
        /// The number as written.
        number: String,
        /// `N` of the header.
        count: u32,
    },
    /// An APX or TGF argument declared twice.
    #[error("duplicate argument `{name}`")]
    DuplicateArgument {
        /// The name.
        name: String,
    },
    /// A TGF argument name with a control character (`ESC`, a C1 control, a
    /// bidirectional override): printed back, it could drive the terminal.
    #[error("argument names may not hold control characters (found {found})")]
    ControlCharacter {
        /// The character, as `U+XXXX`.
        found: String,
    },
    /// An APX or TGF attack that names an argument nobody declared.
    #[error("`{attack}`: argument `{name}` is not declared")]
    UndeclaredArgument {
        /// The attack as written (shortened when long).
        attack: String,
        /// The undeclared name.
        name: String,
    },
}

/// What was found instead of a framework: a line, said to come with no TGF line `#`.
fn without_separator(found: &Found) -> String {
    match found {
        Found::Text(_) => format!("{found} and no line `#`"),
        _ => found.to_string(),
    }
}

/// What a reader expected, in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// The ICCMA'23 header.
    Header,
    /// An ICCMA'23 attack line, with `N` of the header.
    IccmaAttack {
        /// `N` of the header.
        count: u32,
    },
    /// The start of an APX fact.
    Fact,
    /// An APX argument name.
    Name,
    /// `(` after an APX predicate.
    Open,
    /// `,` or `)` after an APX name.
    CommaOrClose,
    /// `.` at the end of an APX fact.
    Dot,
    /// An `arg` fact with one name.
    ArgArity,
    /// An `att` fact with two names.
    AttArity,
    /// A TGF attack line.
    TgfAttack,
    /// TGF's line `#` between the arguments and the attacks.
    TgfSeparator,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Header => f.write_str("`p af N` (N, the number of arguments)"),
            Expected::IccmaAttack { count: 0 } => {
                f.write_str("no attack (`p af 0` declares no arguments)")
            }
            Expected::IccmaAttack { count } => {
                write!(f, "`i j` (two argument numbers between 1 and {count})")
            }
            Expected::Fact => f.write_str("a fact such as `arg(a).` or `att(a,b).`"),
            Expected::Name => f.write_str("an argument name (letters, digits, `_`, `.`, `-`)"),
            Expected::Open => f.write_str("`(`"),
            Expected::CommaOrClose => f.write_str("`,` or `)`"),
            Expected::Dot => f.write_str("`.` (the end of the fact)"),
            Expected::ArgArity => f.write_str("`arg(name).` with one name"),
            Expected::AttArity => f.write_str("`att(name,name).` with two names"),
            Expected::TgfAttack => f.write_str("`a b` (two argument names)"),
            Expected::TgfSeparator => f.write_str(
                "a line `#` after the arguments (TGF needs it, even when no attack follows)",
            ),
        }
    }
}

/// What a reader found instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// Text, from the problem to the end of its line (shortened when long).
    Text(String),
    /// Nothing more on the line.
    EndOfLine,
    /// Nothing more at all.
    EndOfInput,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Text(text) => write!(f, "`{text}`"),
            Found::EndOfLine => f.write_str("the end of the line"),
            Found::EndOfInput => f.write_str("the end of the input"),
        }
    }
}

/// The format of a framework text, by the rule in the module docs; `None` when the
/// text is in none of them.
pub fn detect(text: &str) -> Option<Format> {
    let text = strip_bom(text);
    if first_line(text).is_some_and(is_header) {
        Some(Format::Iccma23)
    } else if has_apx_fact(text.as_bytes()) {
        Some(Format::Apx)
    } else if text.split('\n').any(|line| line.trim_ascii() == "#") {
        Some(Format::Tgf)
    } else {
        None
    }
}

/// The first line of `text` that is neither blank nor a `#` comment, trimmed.
fn first_line(text: &str) -> Option<&str> {
    text.split('\n')
        .map(str::trim_ascii)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The error for a text [`detect`] finds no format in: at its first line that is
/// neither blank nor a comment, or at its end.
fn not_a_framework(text: &str) -> InputError {
    let (at, found) = match first_line(text) {
        Some(line) => (offset(text, line), Found::Text(shorten(line))),
        None => (text.len(), Found::EndOfInput),
    };
    error(text, at, InputErrorKind::NotAFramework { found })
}

/// Why a framework was not read within a deadline.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The text is not a framework.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The deadline passed first.
    #[error(transparent)]
    Timeout(#[from] Timeout),
}

/// Reads a framework in the format [`detect`] finds; a text in none of them is an
/// [`InputErrorKind::NotAFramework`] error.
pub fn read_framework(text: &str) -> Result<Af, InputError> {
    match detect(text) {
        Some(format) => read_framework_as(text, format),
        None => Err(no_format(text)),
    }
}

/// Reads a framework in a known format.
pub fn read_framework_as(text: &str, format: Format) -> Result<Af, InputError> {
    match read_framework_as_until(text, format, Deadline::none()) {
        Ok(af) => Ok(af),
        Err(ReadError::Input(e)) => Err(e),
        Err(ReadError::Timeout(_)) => unreachable!("no deadline"),
    }
}

/// [`read_framework`], giving up when the deadline passes (reading and building a
/// framework of millions of attacks takes a noticeable time).
pub fn read_framework_until(text: &str, deadline: Deadline) -> Result<Af, ReadError> {
    match detect(text) {
        Some(format) => read_framework_as_until(text, format, deadline),
        None => Err(no_format(text).into()),
    }
}

/// [`not_a_framework`] for a text that may start with a byte order mark.
fn no_format(text: &str) -> InputError {
    let bom = text.len() - strip_bom(text).len();
    let mut e = not_a_framework(strip_bom(text));
    e.offset += bom;
    e
}

/// [`read_framework_as`], giving up when the deadline passes.
pub fn read_framework_as_until(
    text: &str,
    format: Format,
    deadline: Deadline,
) -> Result<Af, ReadError> {
    let bom = text.len() - strip_bom(text).len();
    let text = strip_bom(text);
    let read = match format {
        Format::Iccma23 => read_iccma(text, deadline),
        Format::Apx => read_apx(text, deadline),
        Format::Tgf => read_tgf(text, deadline),
    };
    // Offsets were taken in the text without its byte order mark.
    read.map_err(|e| match e {
        ReadError::Input(mut e) => {
            e.offset += bom;
            ReadError::Input(e)
        }
        e => e,
    })
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Whether a trimmed line starts with the tokens `p af`.
fn is_header(line: &str) -> bool {
    let mut tokens = line.split_ascii_whitespace();
    tokens.next() == Some("p") && tokens.next() == Some("af")
}

/// Whether `arg(` or `att(` starts a line or follows a `.` (spaces and tabs aside).
fn has_apx_fact(bytes: &[u8]) -> bool {
    let mut fact_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' | b'.' => fact_start = true,
            b' ' | b'\t' | b'\r' => {}
            _ if fact_start && is_apx_predicate(&bytes[i..]) => return true,
            _ => fact_start = false,
        }
    }
    false
}

fn is_apx_predicate(rest: &[u8]) -> bool {
    (rest.starts_with(b"arg") || rest.starts_with(b"att"))
        && rest[3..]
            .iter()
            .find(|&&b| b != b' ' && b != b'\t')
            .is_some_and(|&b| b == b'(')
}

// ---------------------------------------------------------------------------------
// ICCMA'23

fn read_iccma(text: &str, deadline: Deadline) -> Result<Af, ReadError> {
    let mut ticker = deadline.ticker();
    let mut lines = text
        .split('\n')
        .map(str::trim_ascii)
        .filter(|line| !line.is_empty() && !line.starts_with('#'));
    let Some(header) = lines.next() else {
        return Err(error(text, 0, InputErrorKind::MissingHeader).into());
    };
    let count = iccma_header(text, header)?;
    let mut attacks = Vec::new();
    for line in lines {
        ticker.tick()?;
        let attack = match quick_attack(line.as_bytes(), count) {
            Some(attack) => attack,
            None => iccma_attack(text, line, count, header)?,
        };
        attacks.push(attack);
    }
    let mut names = Vec::with_capacity(count as usize);
    for k in 1..=count {
        ticker.tick()?;
        names.push(k.to_string());
    }
    Ok(Af::new_until(names, attacks, deadline)?)
}

/// A valid `i j` line without tokenizing, the common case; `None` sends the line to
/// [`iccma_attack`], which reads it again and words the error.
fn quick_attack(line: &[u8], count: u32) -> Option<(Arg, Arg)> {
    let (a, rest) = quick_number(line, count)?;
    let gap = rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    if gap == 0 {
        return None;
    }
    let (b, rest) = quick_number(&rest[gap..], count)?;
    rest.is_empty().then_some((a, b))
}

/// A leading argument number in `1..=count`, and the bytes after it.
fn quick_number(bytes: &[u8], count: u32) -> Option<(Arg, &[u8])> {
    let len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if len == 0 || len > 10 {
        return None;
    }
    let k = bytes[..len]
        .iter()
        .fold(0u64, |k, &d| k * 10 + u64::from(d - b'0'));
    let arg = Arg::try_from(k.checked_sub(1)?).ok()?;
    (k <= u64::from(count)).then_some((arg, &bytes[len..]))
}

/// The `N` of a `p af N` line, within the limit for this input.
fn iccma_header(text: &str, line: &str) -> Result<u32, InputError> {
    let mut tokens = line.split_ascii_whitespace();
    if tokens.next() != Some("p") {
        return Err(error(
            text,
            offset(text, line),
            InputErrorKind::MissingHeader,
        ));
    }
    let bad = |at: &str| error(text, offset(text, at), expected(Expected::Header, line));
    let (Some("af"), Some(declared), None) = (tokens.next(), tokens.next(), tokens.next()) else {
        return Err(bad(line));
    };
    if !is_digits(declared) {
        return Err(bad(declared));
    }
    let limit = (text.len() as u64)
        .saturating_mul(10)
        .saturating_add(1_000_000)
        .min(u64::from(u32::MAX));
    match declared.parse::<u64>() {
        Ok(n) if n <= limit => Ok(n as u32),
        _ => Err(error(
            text,
            offset(text, declared),
            InputErrorKind::TooManyArguments {
                declared: shorten(declared),
                limit,
            },
        )),
    }
}

/// One `i j` line, as argument numbers.
fn iccma_attack(
    text: &str,
    line: &str,
    count: u32,
    header: &str,
) -> Result<(Arg, Arg), InputError> {
    let mut tokens = line.split_ascii_whitespace();
    let (first, second, extra) = (tokens.next(), tokens.next(), tokens.next());
    if first == Some("p") {
        let first_line = locate(text, offset(text, header)).0;
        return Err(error(
            text,
            offset(text, line),
            InputErrorKind::SecondHeader { first_line },
        ));
    }
    let bad = |at: usize| error(text, at, expected(Expected::IccmaAttack { count }, line));
    let (Some(a), Some(b), None) = (first, second, extra) else {
        let at = extra.map_or(offset(text, line) + line.len(), |t| offset(text, t));
        return Err(bad(at));
    };
    for token in [a, b] {
        if !is_digits(token) || count == 0 {
            return Err(bad(offset(text, token)));
        }
    }
    Ok((iccma_number(text, a, count)?, iccma_number(text, b, count)?))
}

/// The number of argument `token` (all digits), if it is in `1..=count`.
fn iccma_number(text: &str, token: &str, count: u32) -> Result<Arg, InputError> {
    match token.parse::<u64>() {
        Ok(k) if k >= 1 && k <= u64::from(count) => Ok((k - 1) as Arg),
        _ => Err(error(
            text,
            offset(text, token),
            InputErrorKind::OutOfRange {
                number: shorten(token),
                count,
            },
        )),
    }
}

fn is_digits(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

// ---------------------------------------------------------------------------------
// Names (APX and TGF)

/// Argument names as they are declared, with a look-up table borrowing the text.
#[derive(Default)]
struct Names<'a> {
    names: Vec<String>,
    index: HashMap<&'a str, Arg>,
}

impl<'a> Names<'a> {
    fn declare(&mut self, text: &str, name: &'a str) -> Result<(), InputError> {
        let Ok(arg) = Arg::try_from(self.names.len()) else {
            let limit = u64::from(Arg::MAX) + 1;
            return Err(error(
                text,
                offset(text, name),
                InputErrorKind::ArgumentLimit { limit },
            ));
        };
        if self.index.insert(name, arg).is_some() {
            let kind = InputErrorKind::DuplicateArgument {
                name: shorten(name),
            };
            return Err(error(text, offset(text, name), kind));
        }
        self.names.push(name.to_owned());
        Ok(())
    }

    fn get(&self, name: &str) -> Option<Arg> {
        self.index.get(name).copied()
    }

    /// The attack `a` → `b`, or the undeclared-name error for `attack` (its text).
    fn attack(&self, text: &str, attack: &str, a: &str, b: &str) -> Result<(Arg, Arg), InputError> {
        let find = |name: &str| {
            self.get(name).ok_or_else(|| {
                let kind = InputErrorKind::UndeclaredArgument {
                    attack: shorten(attack),
                    name: shorten(name),
                };
                error(text, offset(text, name), kind)
            })
        };
        Ok((find(a)?, find(b)?))
    }

    fn into_af(self, attacks: Vec<(Arg, Arg)>, deadline: Deadline) -> Result<Af, Timeout> {
        Af::new_until(self.names, attacks, deadline)
    }
}

// ---------------------------------------------------------------------------------
// APX

fn read_apx(text: &str, deadline: Deadline) -> Result<Af, ReadError> {
    let mut ticker = deadline.ticker();
    let mut cursor = Cursor { text, pos: 0 };
    let mut names = Names::default();
    let mut attacks = Vec::new();
    let mut pending = Vec::new();
    while cursor.skip_blank() {
        ticker.tick()?;
        let fact = cursor.fact()?;
        match (fact.predicate, fact.arity) {
            ("arg", 1) => names.declare(text, fact.names[0])?,
            // An attack may name arguments declared further down.
            ("att", 2) => match (names.get(fact.names[0]), names.get(fact.names[1])) {
                (Some(a), Some(b)) => attacks.push((a, b)),
                _ => pending.push(fact),
            },
            ("arg", _) => return Err(fact.error(text, Expected::ArgArity).into()),
            ("att", _) => return Err(fact.error(text, Expected::AttArity).into()),
            _ => {}
        }
    }
    for fact in pending {
        ticker.tick()?;
        attacks.push(names.attack(text, fact.text, fact.names[0], fact.names[1])?);
    }
    Ok(names.into_af(attacks, deadline)?)
}

/// The facts of an APX text that are neither `arg/1` nor `att/2` and so are skipped
/// (such as pakota's `pos(d).`, or a misspelt `atk(b,a).`): each one's byte offset and
/// text, in order, for a warning. Empty for a text in another format, and up to the
/// first fact that cannot be read (reading the framework reports that one).
pub fn skipped_facts(text: &str) -> Vec<(usize, String)> {
    if detect(text) != Some(Format::Apx) {
        return Vec::new();
    }
    let bom = text.len() - strip_bom(text).len();
    let text = strip_bom(text);
    let mut cursor = Cursor { text, pos: 0 };
    let mut skipped = Vec::new();
    while cursor.skip_blank() {
        let Ok(fact) = cursor.fact() else { break };
        if !matches!(fact.predicate, "arg" | "att") {
            skipped.push((bom + offset(text, fact.text), format!("{}.", fact.text)));
        }
    }
    skipped
}

/// One APX fact: its predicate, its first two names and how many names it has.
struct Fact<'a> {
    predicate: &'a str,
    names: [&'a str; 2],
    arity: usize,
    /// From the predicate to the `)`.
    text: &'a str,
}

impl Fact<'_> {
    fn error(&self, text: &str, what: Expected) -> InputError {
        let found = Found::Text(shorten(self.text));
        let kind = InputErrorKind::Expected {
            expected: what,
            found,
        };
        error(text, offset(text, self.text), kind)
    }
}

/// A position in an APX text. It only ever steps over ASCII bytes, so it always
/// sits on a character boundary.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Skips whitespace and `%` comments; whether anything is left.
    fn skip_blank(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if b == b'%' {
                self.pos = bytes[self.pos..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |i| self.pos + i);
            } else if b.is_ascii_whitespace() {
                self.pos += 1;
            } else {
                return true;
            }
        }
        false
    }

    /// The longest run of bytes that `allowed` accepts (all ASCII).
    fn word(&mut self, allowed: fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(allowed) {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    fn unexpected(&self, what: Expected) -> InputError {
        let kind = InputErrorKind::Expected {
            expected: what,
            found: found_at(self.text, self.pos),
        };
        error(self.text, self.pos, kind)
    }

    /// Skips blanks, then consumes `byte` or reports `what`.
    fn expect(&mut self, byte: u8, what: Expected) -> Result<(), InputError> {
        let before = self.pos;
        self.skip_blank();
        if self.peek() == Some(byte) {
            self.pos += 1;
            return Ok(());
        }
        // Missing at the end of a line: the caret goes there, right after what came
        // before, not on the next line's first token.
        if self.text[before..self.pos].contains('\n') {
            let kind = InputErrorKind::Expected {
                expected: what,
                found: found_at(self.text, before),
            };
            return Err(error(self.text, before, kind));
        }
        Err(self.unexpected(what))
    }

    /// `predicate(name, ...).`, starting at a non-blank byte.
    fn fact(&mut self) -> Result<Fact<'a>, InputError> {
        let start = self.pos;
        let predicate = self.word(|b| b.is_ascii_alphanumeric() || b == b'_');
        if predicate.is_empty() {
            return Err(self.unexpected(Expected::Fact));
        }
        self.expect(b'(', Expected::Open)?;
        let mut names = [""; 2];
        let mut arity = 0;
        loop {
            self.skip_blank();
            let name = self.word(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
            if name.is_empty() {
                return Err(self.unexpected(Expected::Name));
            }
            if let Some(slot) = names.get_mut(arity) {
                *slot = name;
            }
            arity += 1;
            self.skip_blank();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b')') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.unexpected(Expected::CommaOrClose)),
            }
        }
        let text = &self.text[start..self.pos];
        self.expect(b'.', Expected::Dot)?;
        Ok(Fact {
            predicate,
            names,
            arity,
            text,
        })
    }
}

// ---------------------------------------------------------------------------------
// TGF

fn read_tgf(text: &str, deadline: Deadline) -> Result<Af, ReadError> {
    let mut ticker = deadline.ticker();
    let mut names = Names::default();
    let mut attacks = Vec::new();
    let mut in_attacks = false;
    for line in text.split('\n').map(str::trim_ascii) {
        ticker.tick()?;
        if line == "#" && !in_attacks {
            in_attacks = true;
            continue;
        }
        if line.is_empty() || (line.starts_with('#') && line != "#") {
            continue;
        }
        let mut tokens = line.split_ascii_whitespace();
        let (first, second) = (tokens.next(), tokens.next());
        let used = if in_attacks { 2 } else { 1 };
        for name in [first, second].into_iter().take(used).flatten() {
            control_free(text, name)?;
        }
        match (in_attacks, first, second) {
            (false, Some(name), _) => names.declare(text, name)?,
            (true, Some(a), Some(b)) => {
                attacks.push(names.attack(text, line, a, b)?);
            }
            _ => {
                let at = offset(text, line);
                return Err(error(text, at, expected(Expected::TgfAttack, line)).into());
            }
        }
    }
    if !in_attacks {
        let kind = InputErrorKind::Expected {
            expected: Expected::TgfSeparator,
            found: Found::EndOfInput,
        };
        return Err(error(text, text.len(), kind).into());
    }
    Ok(names.into_af(attacks, deadline)?)
}

/// `Ok` unless the name `name` (a slice of `text`) holds an [`is_control`] character.
fn control_free(text: &str, name: &str) -> Result<(), InputError> {
    match name.char_indices().find(|&(_, c)| is_control(c)) {
        None => Ok(()),
        Some((at, c)) => {
            let kind = InputErrorKind::ControlCharacter {
                found: format!("U+{:04X}", u32::from(c)),
            };
            Err(error(text, offset(text, name) + at, kind))
        }
    }
}

/// A character that may not stand in an argument name: a control character (C0, DEL,
/// C1) or a bidirectional embedding, override or isolate.
fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

// ---------------------------------------------------------------------------------
// Positions and snippets

/// The byte offset of `part`, a slice of `text`.
fn offset(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// An error at a byte offset.
fn error(text: &str, offset: usize, kind: InputErrorKind) -> InputError {
    let (line, column) = locate(text, offset);
    InputError {
        line,
        column,
        offset: offset.min(text.len()),
        kind,
    }
}

/// An "expected ..., found `line`" error kind.
fn expected(what: Expected, line: &str) -> InputErrorKind {
    InputErrorKind::Expected {
        expected: what,
        found: Found::Text(shorten(line)),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn locate(text: &str, offset: usize) -> (usize, usize) {
    let offset = u32::try_from(offset).unwrap_or(u32::MAX);
    let at = LineIndex::new(text).line_col(text, offset);
    (at.line as usize, at.column as usize)
}

/// What is at `offset`: the rest of its line, or the end of the line or input.
fn found_at(text: &str, offset: usize) -> Found {
    let rest = text.get(offset..).unwrap_or("");
    if rest.is_empty() {
        return Found::EndOfInput;
    }
    let line = rest.split('\n').next().unwrap_or("").trim_ascii_end();
    if line.is_empty() {
        Found::EndOfLine
    } else {
        Found::Text(shorten(line))
    }
}

/// Text for a message: one line of at most 40 characters ([`crate::text::shorten`]),
/// made safe for a terminal ([`sanitize`]).
fn shorten(text: &str) -> String {
    sanitize(&crate::text::shorten(text, 40)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The framework as sorted `(attacker, attacked)` name pairs.
    fn pairs(af: &Af) -> Vec<(String, String)> {
        let mut pairs: Vec<_> = (0..af.len())
            .flat_map(|a| {
                af.targets[a]
                    .iter()
                    .map(move |&b| (af.names[a].clone(), af.names[b as usize].clone()))
            })
            .collect();
        pairs.sort();
        pairs
    }

    fn read(text: &str) -> (Vec<String>, Vec<(String, String)>) {
        let af = read_framework(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        (af.names.clone(), pairs(&af))
    }

    fn p(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    fn names(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    /// The error for `text`, as `line:column: message`.
    fn fails(text: &str) -> String {
        match read_framework(text) {
            Ok(af) => panic!("{text:?} read as {} arguments", af.len()),
            Err(e) => format!("{}:{}: {}", e.line, e.column, e.kind),
        }
    }

    fn fails_as(text: &str, format: Format) -> String {
        match read_framework_as(text, format) {
            Ok(af) => panic!("{text:?} read as {} arguments", af.len()),
            Err(e) => format!("{}:{}: {}", e.line, e.column, e.kind),
        }
    }

    #[test]
    fn control_characters_in_names_are_errors() {
        let tgf = |text: &str| fails_as(text, Format::Tgf);
        assert_eq!(
            tgf("a\n1\x1b[2J\n"),
            "2:2: argument names may not hold control characters (found U+001B)"
        );
        assert_eq!(
            tgf("a\nb\n#\na b\u{9b}2J\n"),
            "4:4: argument names may not hold control characters (found U+009B)"
        );
        assert_eq!(
            tgf("a\u{202e}b\n"),
            "1:2: argument names may not hold control characters (found U+202E)"
        );
        // A label is not a name: it is ignored, whatever it holds.
        assert_eq!(read("a label\x1b[1m\n#\n").0, names(&["a"]));
    }

    #[test]
    fn found_text_is_safe_for_a_terminal() {
        let message = fails("arg(a\x1b[2J).\n");
        assert_eq!(message, "1:6: expected `,` or `)`, found `\u{241b}[2J).`");
        let message = fails("p af 2\n1\u{9b}2J 2\n");
        assert!(!message.contains(['\x1b', '\u{9b}']), "{message}");
    }

    #[test]
    fn detects_each_format() {
        assert_eq!(detect("p af 2\n1 2\n"), Some(Format::Iccma23));
        assert_eq!(detect("\n# comment\n  p af 2\n"), Some(Format::Iccma23));
        assert_eq!(detect("arg(a).\natt(a,a).\n"), Some(Format::Apx));
        assert_eq!(detect("% c\npos(d). arg (a).\n"), Some(Format::Apx));
        assert_eq!(detect("a\nb\n#\na b\n"), Some(Format::Tgf));
        assert_eq!(detect("#\n1 2\n"), Some(Format::Tgf));
        assert_eq!(detect("a\n # \n"), Some(Format::Tgf));
        assert_eq!(detect("a label with arg(x).\n#\n"), Some(Format::Tgf));
        // No `p af` header, no APX fact and no line `#`: no framework at all.
        assert_eq!(detect("a label with arg(x).\n"), None);
        assert_eq!(detect("hello world\nthis is not tgf\n"), None);
        assert_eq!(detect("# A heading\n\nSome prose.\n"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn text_in_no_format_is_an_error_at_its_first_line() {
        let message = fails("hello world\nthis is not tgf\n");
        assert_eq!(
            message,
            "1:1: expected an abstract framework (ICCMA'23 `p af N`, APX facts such as \
             `arg(a).`, or TGF: the arguments, a line `#`, then the attacks), found \
             `hello world` and no line `#`"
        );
        assert!(
            fails("\u{feff}# notes\n\n  Some prose.\n")
                .starts_with("3:3: expected an abstract framework"),
        );
        assert!(
            fails("").ends_with("found the end of the input"),
            "{}",
            fails("")
        );
        assert!(fails("# only a comment\n").starts_with("2:1: "));
    }

    #[test]
    fn tgf_needs_its_separator_line() {
        assert_eq!(
            fails_as("a\nb\n", Format::Tgf),
            "3:1: expected a line `#` after the arguments (TGF needs it, even when no attack \
             follows), found the end of the input"
        );
        assert_eq!(read("a\nb\n#\n"), (names(&["a", "b"]), vec![]));
        assert_eq!(read("#\n"), (vec![], vec![]));
    }

    #[test]
    fn reads_iccma() {
        let text = "\u{feff}# made by hand\np af 3\n\n1 2\r\n  2\t3 \n# 3 1\n3 3\n1 2\n";
        let want = vec![p("1", "2"), p("2", "3"), p("3", "3")];
        assert_eq!(read(text), (names(&["1", "2", "3"]), want));
        assert_eq!(read("p af 0\n"), (vec![], vec![]));
    }

    #[test]
    fn iccma_errors() {
        let error = read_framework("p af 5\n1 2\n\n\n\n\n3 x\n").unwrap_err();
        assert_eq!((error.line, error.column), (7, 3));
        assert_eq!(
            error.to_string(),
            "line 7, column 3: expected `i j` (two argument numbers between 1 and 5), found `3 x`"
        );
        let header = "p af 5\n1 2\n";
        assert_eq!(
            fails(&format!("{header}\n\n\n\n3 x\n")),
            "7:3: expected `i j` (two argument numbers between 1 and 5), found `3 x`"
        );
        assert_eq!(
            fails(&format!("{header}1 9\n")),
            "3:3: argument 9 is out of range 1..5"
        );
        assert_eq!(
            fails(&format!("{header}0 1\n")),
            "3:1: argument 0 is out of range 1..5"
        );
        assert_eq!(
            fails(&format!("{header}1 2 3\n")),
            "3:5: expected `i j` (two argument numbers between 1 and 5), found `1 2 3`"
        );
        assert_eq!(
            fails(&format!("{header}4\n")),
            "3:2: expected `i j` (two argument numbers between 1 and 5), found `4`"
        );
        assert_eq!(
            fails(&format!("#\n{header}p af 5\n")),
            "4:1: a second `p af` header (the first is on line 2)"
        );
        assert_eq!(
            fails_as("1 2\n", Format::Iccma23),
            "1:1: missing `p af N` header"
        );
        assert_eq!(
            fails_as("# only\n", Format::Iccma23),
            "1:1: missing `p af N` header"
        );
        assert_eq!(
            fails("p af x\n"),
            "1:6: expected `p af N` (N, the number of arguments), found `p af x`"
        );
        assert_eq!(
            fails("p af 0\n1 1\n"),
            "2:1: expected no attack (`p af 0` declares no arguments), found `1 1`"
        );
        assert_eq!(
            fails("p af 99999999999999999999999\n"),
            "1:6: `p af 99999999999999999999999` declares more arguments than an input of \
             this size can use (at most 1000290)"
        );
    }

    #[test]
    fn reads_apx() {
        let text = "% a comment\natt(a, b). arg(a).arg( b ) .\n  arg(1_x.y-z). % arg(z).\n\
                    att(b,\n 1_x.y-z).pos(b). att(a,b).\n";
        let want = vec![p("a", "b"), p("b", "1_x.y-z")];
        assert_eq!(read(text), (names(&["a", "b", "1_x.y-z"]), want));
    }

    #[test]
    fn apx_errors() {
        assert_eq!(
            fails("arg(a).\narg(b).\natt(a,c).\n"),
            "3:7: `att(a,c)`: argument `c` is not declared"
        );
        assert_eq!(
            fails("arg(a).\narg(b). arg(a).\n"),
            "2:13: duplicate argument `a`"
        );
        assert_eq!(
            fails("arg(a)\narg(b).\n"),
            "1:7: expected `.` (the end of the fact), found the end of the line"
        );
        assert_eq!(
            fails("arg(a).\natt(a,a"),
            "2:8: expected `,` or `)`, found the end of the input"
        );
        assert_eq!(
            fails("arg(a).\narg(a,b).\n"),
            "2:1: expected `arg(name).` with one name, found `arg(a,b)`"
        );
        assert_eq!(
            fails("arg(a).\natt(a).\n"),
            "2:1: expected `att(name,name).` with two names, found `att(a)`"
        );
        assert_eq!(
            fails("arg(é).\n"),
            "1:5: expected an argument name (letters, digits, `_`, `.`, `-`), found `é).`"
        );
        assert_eq!(
            fails("arg(a). :- att(a,a).\n"),
            "1:9: expected a fact such as `arg(a).` or `att(a,b).`, found `:- att(a,a).`"
        );
        assert_eq!(
            fails("arg(a). arg\n"),
            "1:12: expected `(`, found the end of the line"
        );
        assert_eq!(fails("arg(a). arg x.\n"), "1:13: expected `(`, found `x.`");
    }

    #[test]
    fn reads_tgf() {
        let text = "a first argument\n\n b\n# a comment\nc\n#\na b  label\nb c\n# done\nc a\n";
        let want = vec![p("a", "b"), p("b", "c"), p("c", "a")];
        assert_eq!(read(text), (names(&["a", "b", "c"]), want));
        assert_eq!(read("x\ny\n#\n"), (names(&["x", "y"]), vec![]));
    }

    #[test]
    fn tgf_errors() {
        assert_eq!(
            fails("a\nb\n#\na c\n"),
            "4:3: `a c`: argument `c` is not declared"
        );
        assert_eq!(fails("a\nb\na\n#\n"), "3:1: duplicate argument `a`");
        assert_eq!(
            fails("a\n#\na\n"),
            "3:1: expected `a b` (two argument names), found `a`"
        );
        assert_eq!(
            fails("a\n#\na a\n#\n"),
            "4:1: expected `a b` (two argument names), found `#`"
        );
    }

    #[test]
    fn columns_count_characters_and_messages_stay_short() {
        assert_eq!(
            fails("ä\n#\nä ö\n"),
            "3:3: `ä ö`: argument `ö` is not declared"
        );
        let long = format!("p af 1\n1 {}\n", "x".repeat(100));
        let message = fails(&long);
        assert!(
            message.ends_with(&format!("found `1 {}…`", "x".repeat(37))),
            "{message}"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC*") {
            let _ = read_framework(&text);
        }

        #[test]
        fn never_panics_near_the_formats(
            text in "(p af [0-9]{1,3}|[0-9 ]{1,6}|#|arg\\([a-c1é, .]{0,4}\\)\\.?|att\\([a-c, ]{0,5}\\)\\.|[a-cé]( [a-c])?|%.?|\t|\r)*(\n(p af [0-9]{1,3}|[0-9 ]{1,6}|#|arg\\([a-c1é, .]{0,4}\\)\\.?|att\\([a-c, ]{0,5}\\)\\.|[a-cé]( [a-c])?|%.?|\t|\r)*){0,8}",
        ) {
            for format in [Format::Iccma23, Format::Apx, Format::Tgf] {
                let _ = read_framework_as(&text, format);
            }
        }
    }

    // Real files from the ICCMA data in `tests/data/iccma/` (see its README). A missing
    // file fails the test.

    const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/iccma/");

    fn data(path: &str) -> String {
        std::fs::read_to_string(format!("{DATA}{path}"))
            .unwrap_or_else(|e| panic!("cannot read {DATA}{path}: {e}"))
    }

    fn read_file(path: &str) -> Af {
        read_framework(&data(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn reads_admbuster_1000() {
        let text = data("assat/ASSAT_Amsat/example/admbuster_1000.af");
        assert_eq!(detect(&text), Some(Format::Iccma23));
        let af = read_framework(&text).unwrap();
        assert_eq!((af.len(), af.attack_count()), (1000, 1498));
        assert_eq!(af.names[0], "1");
        assert_eq!(af.names[999], "1000");
        // The first attack lines are `2 1` and `3 1`.
        assert_eq!(af.attackers[0], vec![1, 2]);
    }

    #[test]
    fn probo_ex1_is_the_same_in_apx_and_tgf() {
        let dir = "craandijk/generators/vendor/probo/examples/";
        let apx = read_file(&format!("{dir}ex1.apx"));
        let tgf = read_file(&format!("{dir}ex1.tgf"));
        assert_eq!((apx.len(), apx.attack_count()), (5, 6));
        let mut apx_names = apx.names.clone();
        let mut tgf_names = tgf.names.clone();
        apx_names.sort();
        tgf_names.sort();
        assert_eq!(apx_names, tgf_names);
        assert_eq!(pairs(&apx), pairs(&tgf));
        assert!(pairs(&apx).contains(&p("a5", "a1")));
    }

    #[test]
    fn reads_nixon() {
        let af = read_file("assat/ASSAT_Amsat/test-input/nixon.dl");
        assert_eq!(af.names, names(&["a1", "a2"]));
        assert_eq!(pairs(&af), vec![p("a1", "a2"), p("a2", "a1")]);
    }

    /// Files cut off in the middle of a fact: the reader must refuse them, and the
    /// manifest counts the complete facts, so the text up to the last line break is
    /// checked against it.
    const TRUNCATED: &[(&str, &str)] = &[(
        "craandijk/generators/vendor/AFGenBenchmarkGenerator/samples/APX/n512p5q2_vh.apx",
        "30331:12: expected `,` or `)`, found the end of the input",
    )];

    #[test]
    fn manifest_counts() {
        let manifest = data("MANIFEST.tsv");
        let mut lines = manifest.lines();
        let header: Vec<&str> = lines
            .next()
            .expect("MANIFEST.tsv is empty")
            .split('\t')
            .collect();
        let column = |name: &str| {
            header
                .iter()
                .position(|&h| h == name)
                .unwrap_or_else(|| panic!("MANIFEST.tsv has no `{name}` column"))
        };
        let (file, format, args, attacks) = (
            column("file"),
            column("format"),
            column("args"),
            column("attacks"),
        );
        let mut checked = 0;
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let row: Vec<&str> = line.split('\t').collect();
            let path = row[file];
            let mut text = data(path);
            let want_format = match row[format] {
                "iccma23" => Format::Iccma23,
                "apx" => Format::Apx,
                "tgf" => Format::Tgf,
                other => panic!("{path}: unknown format `{other}`"),
            };
            assert_eq!(detect(&text), Some(want_format), "{path}");
            if let Some((_, message)) = TRUNCATED.iter().find(|(p, _)| *p == path) {
                assert_eq!(fails(&text), *message, "{path}");
                text.truncate(text.rfind('\n').map_or(0, |i| i + 1));
            }
            let af = read_framework(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            let want: (usize, usize) = (row[args].parse().unwrap(), row[attacks].parse().unwrap());
            assert_eq!((af.len(), af.attack_count()), want, "{path}");
            checked += 1;
        }
        assert!(checked >= 35, "only {checked} files in MANIFEST.tsv");
    }
}
