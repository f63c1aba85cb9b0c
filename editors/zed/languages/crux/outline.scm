; The outline panel and symbol search list every node: its kind and ID.
(node
  (header
    kind: (node_kind) @context
    id: (identifier) @name)) @item
