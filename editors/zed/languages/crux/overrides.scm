(comment) @comment.inclusive

[
  (string)
  (block_string)
] @string
