; Highlighting for crux debate files.

; Node kinds and attribute names.
(node_kind) @keyword

(relation_kind) @keyword.operator

"undercuts" @keyword.operator

[
  "credence"
  "status"
  "standard"
  "by"
  "tags"
  "note"
  "source"
  "artifact"
  "expect"
] @property

[
  "sha256"
  "title"
  "kind"
] @attribute

; Node IDs where they are defined, and where they are named (no two patterns capture
; the same node, so the order of the patterns does not matter).
(header
  id: (identifier) @function)

(relation
  target: (identifier) @variable)

(undercut
  from: (identifier) @variable
  to: (identifier) @variable)

; Values.
(number) @number

(string) @string

(block_string) @string

[
  (status_value)
  (standard_value)
  (artifact_kind_value)
] @constant

(tag) @tag

; Punctuation.
"->" @operator

[
  ":"
  ","
] @punctuation.delimiter

[
  "("
  ")"
] @punctuation.bracket

; Front matter.
(front_matter
  "---" @punctuation.special)

(yaml) @embedded

; Comments, and `# crux: allow(RULE)` suppressions.
(comment) @comment

(directive
  "# crux:" @keyword.directive
  "allow" @keyword.directive)

(rule_name) @constant
