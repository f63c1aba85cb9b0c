/**
 * @file A tree-sitter grammar for the crux debate language (`.crux` files).
 *
 * It follows grammar/crux.pest, the normative grammar, line by line: a file is optional
 * front matter and then lines, each holding at most one statement (a node header or one
 * attribute of the node above it) and an optional comment. Line breaks are tokens, so a
 * mistake on one line is an ERROR on that line and the lines after it parse as usual.
 * crux checks a few things after parsing that this grammar does not: a single-valued
 * attribute given twice in a node (`duplicate attribute`) and the YAML inside the front
 * matter.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const NODE_KINDS = ['thesis', 'claim', 'counter', 'evidence'];
const STATUSES = ['accepted', 'rejected', 'open'];
const STANDARDS = [
  'scintilla',
  'preponderance',
  'clear-and-convincing',
  'beyond-doubt',
  'dialectical',
];
const ARTIFACT_KINDS = ['dataset', 'benchmark', 'figure', 'paper', 'code'];

// A line of YAML inside the front matter: any line but a closing `---` fence.
const YAML_LINE = /([^\-\r\n][^\r\n]*|-|-[^\-\r\n][^\r\n]*|--|--[^\-\r\n][^\r\n]*|---[ \t]*[^ \t\r\n][^\r\n]*)?(\r\n|\n|\r)/;

module.exports = grammar({
  name: 'crux',

  // Spaces, tabs and comments may stand between any two tokens of a line; line breaks
  // may not.
  extras: ($) => [/[ \t]+/, $.comment, $.directive],

  // src/scanner.c: the `---` that opens front matter, only when a closing `---` follows.
  externals: ($) => [$._front_matter_open, $._error_sentinel],

  word: ($) => $.identifier,

  // Node kinds and attribute names cannot be IDs (`sha256`, `title` and `kind`, which
  // only mean something inside an `artifact` line, can).
  reserved: {
    global: (_) => [
      ...NODE_KINDS,
      'supports',
      'attacks',
      'contradicts',
      'undercuts',
      'credence',
      'status',
      'standard',
      'by',
      'tags',
      'note',
      'source',
      'artifact',
      'expect',
    ],
  },

  rules: {
    source_file: ($) =>
      seq(
        optional($.bom),
        optional($.front_matter),
        repeat($._newline),
        repeat($.node),
      ),

    bom: (_) => '\uFEFF',

    // `---`, YAML lines, `---`, at the top of the file. Without a closing `---`, the
    // first line is an error and the lines below are read as lines, as crux does.
    front_matter: ($) =>
      seq(
        alias($._front_matter_open, '---'),
        optional($.yaml),
        alias(token(/---[ \t]*/), '---'),
      ),
    yaml: (_) => token(repeat1(YAML_LINE)),

    // A node: its header line, then its attribute lines (and blank or comment lines)
    // up to the next node.
    node: ($) =>
      seq($.header, repeat(seq($._newline, optional($._attribute)))),

    // `KIND ID: TEXT`
    header: ($) =>
      seq(
        field('kind', $.node_kind),
        field('id', $.identifier),
        ':',
        field('text', $._text),
      ),
    node_kind: (_) => choice(...NODE_KINDS),

    _attribute: ($) =>
      choice(
        $.relation,
        $.undercut,
        $.credence,
        $.status,
        $.standard,
        $.by,
        $.tags,
        $.note,
        $.source,
        $.artifact,
        $.expect,
      ),

    // `supports ID [WEIGHT]`, `attacks ID [WEIGHT]`, `contradicts ID [WEIGHT]`
    relation: ($) =>
      seq(
        field('relation', $.relation_kind),
        field('target', $.identifier),
        optional(field('weight', $.number)),
      ),
    relation_kind: (_) => choice('supports', 'attacks', 'contradicts'),

    // `undercuts FROM -> TO [WEIGHT]`
    undercut: ($) =>
      seq(
        'undercuts',
        field('from', $.identifier),
        '->',
        field('to', $.identifier),
        optional(field('weight', $.number)),
      ),

    credence: ($) => seq('credence', field('value', $.number)),
    status: ($) => seq('status', field('value', $.status_value)),
    status_value: (_) => choice(...STATUSES),
    standard: ($) => seq('standard', field('value', $.standard_value)),
    standard_value: (_) => choice(...STANDARDS),
    by: ($) => seq('by', field('value', $._text)),
    tags: ($) => seq('tags', $.tag, repeat(seq(',', $.tag))),
    note: ($) => seq('note', field('value', $._text)),
    source: ($) => seq('source', field('value', $._text)),

    // `artifact "PATH" [sha256 "HEX"] [title TEXT] [kind KIND]`, options in any order.
    artifact: ($) =>
      seq(
        'artifact',
        field('path', $.string),
        repeat(choice($.sha256, $.title, $.artifact_kind)),
      ),
    sha256: ($) => seq('sha256', field('value', $.string)),
    title: ($) => seq('title', field('value', $._text)),
    artifact_kind: ($) => seq('kind', field('value', $.artifact_kind_value)),
    artifact_kind_value: (_) => choice(...ARTIFACT_KINDS),

    // `expect "EXPR"`: a statement about the node's artifact data.
    expect: ($) => seq('expect', field('expression', $.string)),

    // ------------------------------------------------------------ values
    // IDs: snake or kebab case, so that `a->b` reads as `a -> b`.
    identifier: (_) => /[a-z][a-z0-9_]*(-[a-z0-9_]+)*/,
    number: (_) => /-?([0-9]+(\.[0-9]+)?|\.[0-9]+)/,
    tag: (_) => /[A-Za-z0-9_\-\/.]+/,

    _text: ($) => choice($.string, $.block_string),

    // `"one line"` with the escapes \" \\ \n and \t: one token. A string left open at
    // the end of its line is read as its text and a missing `"` there, so that the
    // error stays on its line and the node goes on.
    string: (_) =>
      choice(
        token(seq('"', repeat(choice(/[^"\\\r\n]/, /\\["\\nt]/)), '"')),
        seq(
          token(prec(-1, seq('"', repeat(choice(/[^"\\\r\n]/, /\\["\\nt]/))))),
          token.immediate('"'),
        ),
      ),

    // `"""` then any text, over any number of lines, then `"""`. No escapes.
    block_string: (_) => token(seq('"""', repeat(choice(/[^"]/, /"[^"]/, /""[^"]/)), '"""')),

    // `#` to the end of the line.
    comment: (_) => token(seq('#', /[^\r\n]*/)),

    // `# crux: allow(RULE, ...)`: exempts the node below (or the node of its line) from
    // the rules named. A `# crux:` comment that is not one is an error.
    directive: ($) =>
      seq(
        alias(token(prec(2, /#[ \t]*crux:/)), '# crux:'),
        'allow',
        '(',
        $.rule_name,
        repeat(seq(',', $.rule_name)),
        ')',
      ),
    rule_name: (_) => /[A-Za-z0-9_\-]+/,

    _newline: (_) => /\r\n|\n|\r/,
  },
});
