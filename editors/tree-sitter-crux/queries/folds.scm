; A node folds to its header line; a block string and the front matter fold too.
[
  (node)
  (block_string)
  (front_matter)
] @fold
