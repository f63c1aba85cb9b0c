(directive
  "(" @open
  ")" @close)
