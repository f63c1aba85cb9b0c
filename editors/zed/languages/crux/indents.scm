; The lines of a node below its header are indented.
(node) @indent
