#!/usr/bin/env python3
"""The Hermitian unital of PG(2, q^2) as a block list, for resolve.c.

The 65 players in groups of 5 stored in Sources/RoundTable/StoredSchedule.swift
(`resolutions`) are this design for q = 4, resolved by resolve.c.

Points of PG(2, q^2) are the elements g^i, 0 <= i < N = q^4 + q^2 + 1, of GF(q^6)*
modulo GF(q^2)* (g primitive); the lines are the translates of the Singer difference
set D = {i : Tr_{q^6/q^2}(g^i) = 0}. The unital is the set of points where the
Hermitian form Tr_{q^3/q}(x^(q^3 + 1)) vanishes: q^3 + 1 points, and every line meets
it in 1 or q + 1 of them; the blocks are the q^2 (q^2 - q + 1) lines meeting it in
q + 1, a 2-(q^3 + 1, q + 1, 1) design.

    python3 unital.py q p e blocks.txt    # q = p^e: 4 2 2, 5 5 1, 3 3 1

writes "points blocks size" and then one block a line, points numbered 0 .. q^3.
(The Singer subgroup of order q^2 - q + 1 acts on it; for q = 3, 4, 5 no resolution
is invariant under it: a resolution would need q - 1 orbits of blocks that each cover
every point once, and there are 0, 1 and 0 of them.)
"""
import itertools
import sys


def powers(p, m):
    """g^0, g^1, ... as integers (coefficients base p) for a primitive polynomial of degree m."""
    size = p ** m
    for code in itertools.count(1):
        poly = [(code // p ** i) % p for i in range(m)]  # x^m = -(poly)
        if poly[0] == 0:
            continue
        a = [1] + [0] * (m - 1)
        exp = []
        for k in range(size - 1):
            v = sum(a[i] * p ** i for i in range(m))
            if k > 0 and v == 1:
                break
            exp.append(v)
            top = a[-1]
            a = [(([0] + a[:-1])[i] - top * poly[i]) % p for i in range(m)]
        else:
            if sum(a[i] * p ** i for i in range(m)) == 1:
                return exp


def main():
    q, p, e, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    m = 6 * e
    exp = powers(p, m)
    order = p ** m - 1

    def add(x, y):
        r, pw = 0, 1
        for _ in range(m):
            r += ((x % p + y % p) % p) * pw
            x, y, pw = x // p, y // p, pw * p
        return r

    def trace(i, steps):  # sum of g^(i * steps[k])
        s = 0
        for f in steps:
            s = add(s, exp[(i * f) % order])
        return s

    n_points = q ** 4 + q ** 2 + 1
    difference_set = [i for i in range(n_points) if trace(i, [1, q ** 2, q ** 4]) == 0]
    assert len(difference_set) == q ** 2 + 1
    h = q ** 3 + 1
    unital = [i for i in range(n_points) if trace(i, [h, h * q, h * q * q]) == 0]
    assert len(unital) == q ** 3 + 1
    on_unital = set(unital)
    blocks = set()
    for t in range(n_points):
        meet = frozenset((d + t) % n_points for d in difference_set) & on_unital
        assert len(meet) in (1, q + 1)
        if len(meet) == q + 1:
            blocks.add(tuple(sorted(meet)))
    number = {u: k for k, u in enumerate(unital)}
    with open(out, "w") as f:
        f.write(f"{len(unital)} {len(blocks)} {q + 1}\n")
        for b in sorted(blocks):
            f.write(" ".join(str(number[x]) for x in b) + "\n")
    print(f"{len(unital)} points, {len(blocks)} blocks of {q + 1}", file=sys.stderr)


if __name__ == "__main__":
    main()
