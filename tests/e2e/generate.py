#!/usr/bin/env python3
"""Writes a generated debate of N nodes (one thesis, each other node bearing on an
earlier one) to stdout, for the browser test of a large page.

    generate.py N > DIR/large.crux
"""

import random
import sys


def main():
    n = int(sys.argv[1])
    rng = random.Random(7)
    words = ("the a model data cost energy chip market growth demand policy risk trial "
             "study survey result effect").split()
    out = ['thesis t0: "The main thesis of this generated debate holds."']
    for i in range(1, n):
        kind = rng.choice(["claim", "claim", "counter", "evidence"])
        target = "t0" if i < 6 else f"n{rng.randint(max(1, i // 3), i - 1)}"
        relation = "attacks" if kind == "counter" else "supports"
        text = " ".join(rng.choice(words) for _ in range(rng.randint(6, 22)))
        node = f'{kind} n{i}: "Node {i}: {text}."\n  {relation} {target} 0.{rng.randint(1, 9)}'
        if kind == "evidence":
            node += f'\n  source "https://example.org/study/{i}"'
        out.append(node)
    print("\n".join(out))


if __name__ == "__main__":
    main()
