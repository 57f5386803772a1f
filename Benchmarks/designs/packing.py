#!/usr/bin/env python3
"""A packing of PG(3, q) under the Singer subgroup of order q + 1, for StoredSchedule.packings.

Points of PG(3, q) are w^i, 0 <= i < N = (q + 1)(q^2 + 1), of GF(q^4)* modulo GF(q)*
(w primitive); a line is the q + 1 points of a 2-dimensional GF(q)-subspace. The shift
i -> i + (q^2 + 1) (multiplying by w^(q^2 + 1)) has order q + 1; it fixes the lines of the
regular spread {i + (q^2 + 1) k} and moves every other line in an orbit of q + 1. A packing
invariant under it: round 0 the regular spread, then q base spreads, each one line from
q^2 + 1 of the q (q^2 + 1) orbits (every orbit in one base), each shifted q + 1 times. The
choice is an exact cover, handed to CaDiCaL (Debian's `cadical`):

    python3 packing.py q [seed] [seconds]      # q = 4: about a second; 2 and 3 are unsatisfiable

prints the field's modulus and the bases, one line each, in the format of the Swift table,
after checking that the expanded rounds seat every pair once.
"""
import itertools
import random
import subprocess
import sys


def factors(n):
    found, k = set(), 2
    while k * k <= n:
        while n % k == 0:
            found.add(k)
            n //= k
        k += 1
    if n > 1:
        found.add(n)
    return found


def main():
    q = int(sys.argv[1])
    seed = sys.argv[2] if len(sys.argv) > 2 else "1"
    seconds = sys.argv[3] if len(sys.argv) > 3 else "600"
    p = next(d for d in range(2, q + 1) if q % d == 0)
    e, rest = 0, q
    while rest > 1:
        rest //= p
        e += 1
    assert p ** e == q, "q must be a prime power"
    d = 4 * e
    size = p ** d

    def mulmod(a, b, mod):
        r = [0] * (2 * d)
        for i, x in enumerate(a):
            if x:
                for j, y in enumerate(b):
                    r[i + j] = (r[i + j] + x * y) % p
        for k in range(2 * d - 1, d - 1, -1):
            c = r[k]
            if c:
                for j in range(d + 1):
                    r[k - d + j] = (r[k - d + j] - c * mod[j]) % p
        return r[:d]

    def power(a, n, mod):
        r, b = [1] + [0] * (d - 1), a
        while n:
            if n & 1:
                r = mulmod(r, b, mod)
            b = mulmod(b, b, mod)
            n >>= 1
        return r

    one, x = [1] + [0] * (d - 1), [0, 1] + [0] * (d - 2)
    rng = random.Random(1)
    while True:  # a primitive polynomial of degree d over GF(p), coefficients low first
        mod = [rng.randrange(p) for _ in range(d)] + [1]
        if mod[0] and power(x, size - 1, mod) == one and all(power(x, (size - 1) // f, mod) != one for f in factors(size - 1)):
            break
    print("modulus (low first):", mod)

    def encode(a):
        return sum(c * p ** i for i, c in enumerate(a))

    def decode(n):
        return [(n // p ** i) % p for i in range(d)]

    exp, log, cur = [0] * (size - 1), [0] * size, one
    for i in range(size - 1):
        exp[i] = encode(cur)
        log[exp[i]] = i
        cur = mulmod(cur, x, mod)

    def add(a, b):
        return encode([(s + t) % p for s, t in zip(decode(a), decode(b))])

    def mul(a, b):
        return 0 if a == 0 or b == 0 else exp[(log[a] + log[b]) % (size - 1)]

    n, step = (size - 1) // (q - 1), q * q + 1
    field = [0] + [exp[k * n] for k in range(q - 1)]
    lines = sorted({tuple(sorted({log[add(mul(exp[i], s), mul(exp[j], t))] % n for s in field for t in field if s or t}))
                    for i in range(n) for j in range(i + 1, n)})
    assert len(lines) == (q * q + 1) * (q * q + q + 1) and all(len(line) == q + 1 for line in lines)

    def shift(line, k):
        return tuple(sorted((i + k) % n for i in line))

    orbits, seen = [], set()
    for line in lines:
        if line not in seen:
            orbit, m = [], line
            while m not in seen:
                seen.add(m)
                orbit.append(m)
                m = shift(m, step)
            orbits.append(orbit)
    regular = sorted(tuple(sorted((i + k * step) % n for k in range(q + 1))) for i in range(step))
    assert sorted(o[0] for o in orbits if len(o) == 1) == regular
    moving = [o for o in orbits if len(o) == q + 1]
    assert len(moving) == q * step

    count, clauses = 0, []

    def new():
        nonlocal count
        count += 1
        return count

    def exactly_one(lits):
        clauses.append(list(lits))
        if len(lits) <= 8:
            clauses.extend([-a, -b] for a, b in itertools.combinations(lits, 2))
            return
        prev = None
        for i, v in enumerate(lits):  # sequential at-most-one
            if i < len(lits) - 1:
                s = new()
                clauses.append([-v, s])
                if prev:
                    clauses.extend([[-prev, s], [-prev, -v]])
                prev = s
            else:
                clauses.append([-prev, -v])

    # y[o, r, b]: line r of orbit o is in base spread b.
    y = {(o, r, b): new() for o in range(len(moving)) for r in range(q + 1) for b in range(q)}
    for o in range(len(moving)):
        exactly_one([y[o, r, b] for r in range(q + 1) for b in range(q)])
    cover = {}
    for o, orbit in enumerate(moving):
        for r, line in enumerate(orbit):
            for i in line:
                cover.setdefault(i, []).append((o, r))
    for b in range(q):
        for i in range(n):
            exactly_one([y[o, r, b] for o, r in cover[i]])
    clauses.append([y[0, 0, 0]])  # the bases are interchangeable and each can be shifted
    name = f"packing-{q}.cnf"
    with open(name, "w") as f:
        f.write(f"p cnf {count} {len(clauses)}\n")
        f.writelines(" ".join(map(str, c)) + " 0\n" for c in clauses)
    out = subprocess.run(["cadical", "-q", f"--seed={seed}", "-t", seconds, name], capture_output=True, text=True).stdout
    if "s SATISFIABLE" not in out:
        print("no packing:", [line for line in out.splitlines() if line.startswith("s ")] or "time out")
        sys.exit(1)
    true = {int(t) for line in out.splitlines() if line.startswith("v ") for t in line.split()[1:] if int(t) > 0}
    bases = [[moving[o][r] for o in range(len(moving)) for r in range(q + 1) if y[o, r, b] in true] for b in range(q)]
    rounds = [regular] + [[shift(line, step * t) for line in base] for base in bases for t in range(q + 1)]
    met = set()
    for groups in rounds:
        assert sorted(i for line in groups for i in line) == list(range(n))
        for line in groups:
            for a, b in itertools.combinations(line, 2):
                assert (a, b) not in met
                met.add((a, b))
    assert len(met) == n * (n - 1) // 2
    print(f"{n} players in groups of {q + 1} over {len(rounds)} rounds, every pair once; bases:")
    for base in bases:
        print("[" + ", ".join(",".join(map(str, line)) for line in base) + "],")


main()
