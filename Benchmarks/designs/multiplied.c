// The search that found the base groups of StoredSchedule.multiplied (Sources/RoundTable/
// StoredSchedule.swift): a resolvable 2-(kq, k, 1) design, kq players in groups of k over
// (kq − 1)/(k − 1) rounds, every pair meeting once, for q a prime ≡ 1 (mod k − 1).
//
// Players (x, j), x in Z_q, j < k (number j*q + x), under the maps x -> w*x + t, w in the
// subgroup W of Z_q* of odd order m (m dividing (q − 1)/(k − 1)). Rounds:
//   - the base round R shifted by every t (q rounds): R is the group {(0, j) : j < k} and
//     the images w*B of (q − 1)/m base groups B, whose players lie in distinct orbits of W
//     on the nonzero players (one from each orbit over all B);
//   - for each of (q − 1)/((k − 1)m) transversal groups T (one player per level, (0, 0)
//     first) and each w in W, the round {w*T + t : t in Z_q}.
// Every pair then meets once when the groups make each orbit of pairs under the maps once:
// within level j, by the class of ±(y − x) modulo W ((q − 1)/(2m) classes per level, m odd);
// between levels i < j, by the class of y − x modulo W ((q − 1)/m per pair of levels; the
// difference 0 is the group {(0, j)}'s), (q − 1)/m − (q − 1)/((k − 1)m) of them from the
// base groups and the rest from the transversal groups.
//
// Depth-first: each base group starts at the first orbit not yet placed, at its smallest
// member (a group is defined up to W), and takes k − 1 more players from later orbits in a
// random order; every pair's class is checked as it is placed. Once the base groups are
// complete, the transversal groups are sought among the classes left. An attempt gives up
// after `limit` nodes, and the next one starts again in a new random order.
//
//   cc -O2 -o multiplied multiplied.c
//   ./multiplied k q m limit tries seed
//   ./multiplied 4 43 7 200000 1000 1    # 172 players in 57 rounds
//
// It prints the base groups (B) and the transversal groups (T), players numbered j*q + x.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXQ 400
#define MAXK 12
static int k, q, m, nbase, ntrans, pureCls, mixCls, perPair;
static int W[MAXQ], coset[MAXQ], pmCoset[MAXQ], reps[MAXQ];
static int orbitUsed[MAXK * MAXQ], pureUsed[MAXK * MAXQ], mixUsed[MAXK * MAXK * MAXQ], pairCount[MAXK * MAXK];
static int pairIndex[MAXK][MAXK];
static int blocks[MAXQ][MAXK][2];
static int trans[MAXQ][MAXK];
static long nodes, limit;
static unsigned long long rs = 88172645463325252ULL;
static unsigned long long rnd(void) { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return rs; }
static int mod(int x) { return ((x % q) + q) % q; }

// The class of the pair (x, i), (y, j): pure (within a level) or mixed; -1 for difference 0.
static int pairClass(int x, int i, int y, int j, int *pure) {
    if (i == j) { int d = mod(y - x); if (!d) return -1; *pure = 1; return i * pureCls + pmCoset[d]; }
    if (i > j) { int t = x; x = y; y = t; t = i; i = j; j = t; }
    int d = mod(y - x); if (!d) return -1;
    *pure = 0; return pairIndex[i][j] * mixCls + coset[d];
}

// Transversal group t, level j: (0, 0), then one player per level, its mixed classes unused.
static int transversals(int t, int j) {
    if (t == ntrans) return 1;
    if (j == k) return transversals(t + 1, 1);
    for (int a = 1; a < q; a++) {
        if (j == 1 && reps[coset[a]] != a) continue; // up to W: the first the smallest of its class
        int cls[MAXK], ok = 1;
        trans[t][0] = 0;
        for (int i = 0; i < j && ok; i++) {
            int d = mod(a - trans[t][i]);
            if (!d) { ok = 0; break; }
            cls[i] = pairIndex[i][j] * mixCls + coset[d];
            if (mixUsed[cls[i]]) ok = 0;
        }
        if (!ok) continue;
        for (int i = 0; i < j; i++) mixUsed[cls[i]] = 1;
        trans[t][j] = a;
        int r = transversals(t, j + 1);
        for (int i = 0; i < j; i++) mixUsed[cls[i]] = 0;
        if (r) return 1;
    }
    return 0;
}

static int dfs(int b, int p, int from);
static int place(int b, int p, int x, int level, int orbit) {
    int added[MAXK], pureFlag[MAXK], na = 0, result = 0;
    for (int r = 0; r < p; r++) {
        int pure, c = pairClass(blocks[b][r][0], blocks[b][r][1], x, level, &pure);
        if (c < 0) goto undo;
        if (pure) { if (pureUsed[c]) goto undo; pureUsed[c] = 1; }
        else { if (mixUsed[c] || pairCount[c / mixCls] >= perPair) goto undo; mixUsed[c] = 1; pairCount[c / mixCls]++; }
        added[na] = c; pureFlag[na] = pure; na++;
    }
    blocks[b][p][0] = x; blocks[b][p][1] = level; orbitUsed[orbit] = 1;
    result = dfs(b, p + 1, orbit + 1);
    orbitUsed[orbit] = 0;
undo:
    for (int e = 0; e < na; e++) {
        if (pureFlag[e]) pureUsed[added[e]] = 0;
        else { mixUsed[added[e]] = 0; pairCount[added[e] / mixCls]--; }
    }
    return result;
}
static int dfs(int b, int p, int from) {
    if (++nodes > limit) return -1;
    if (b == nbase) return transversals(0, 1);
    if (p == k) return dfs(b + 1, 0, 0);
    int orbits = k * mixCls;
    if (p == 0) {
        int o = 0; while (o < orbits && orbitUsed[o]) o++;
        return place(b, 0, reps[o % mixCls], o / mixCls, o);
    }
    int cand[MAXK * MAXQ][2], nc = 0; // this frame's own list: deeper frames make theirs
    for (int o = from; o < orbits; o++) if (!orbitUsed[o])
        for (int e = 0; e < m; e++) { cand[nc][0] = o; cand[nc][1] = e; nc++; }
    for (int e = nc - 1; e > 0; e--) {
        int j = rnd() % (e + 1);
        int t0 = cand[e][0], t1 = cand[e][1];
        cand[e][0] = cand[j][0]; cand[e][1] = cand[j][1]; cand[j][0] = t0; cand[j][1] = t1;
    }
    for (int e = 0; e < nc; e++) {
        int o = cand[e][0], x = reps[o % mixCls] * W[cand[e][1]] % q;
        int r = place(b, p, x, o / mixCls, o);
        if (r) return r;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 7) { fprintf(stderr, "usage: multiplied k q m limit tries seed\n"); return 2; }
    k = atoi(argv[1]); q = atoi(argv[2]); m = atoi(argv[3]); limit = atol(argv[4]);
    int tries = atoi(argv[5]);
    for (int s = atoi(argv[6]); s > 0; s--) rnd();
    if (k < 3 || k > MAXK || q >= MAXQ || q % (k - 1) != 1 || m % 2 == 0 || ((q - 1) / (k - 1)) % m) {
        fprintf(stderr, "need 3 <= k <= %d, q ≡ 1 (mod k − 1) prime < %d, m odd dividing (q − 1)/(k − 1)\n", MAXK, MAXQ);
        return 2;
    }
    // W: the subgroup of order m, from a primitive root.
    int w = 0;
    for (int g = 2; g < q && !w; g++) {
        int x = 1, order = 0;
        do { x = x * g % q; order++; } while (x != 1 && order <= q);
        if (order == q - 1) { w = 1; for (int e = 0; e < (q - 1) / m; e++) w = w * g % q; }
    }
    if (!w) { fprintf(stderr, "%d is not prime\n", q); return 2; }
    W[0] = 1; for (int e = 1; e < m; e++) W[e] = W[e - 1] * w % q;
    mixCls = (q - 1) / m; pureCls = mixCls / 2; nbase = mixCls; ntrans = (q - 1) / (k - 1) / m;
    perPair = mixCls - ntrans;
    memset(coset, -1, sizeof coset); memset(pmCoset, -1, sizeof pmCoset);
    for (int x = 1, c = 0; x < q; x++) if (coset[x] < 0) { reps[c] = x; for (int e = 0; e < m; e++) coset[x * W[e] % q] = c; c++; }
    for (int x = 1, c = 0; x < q; x++) if (pmCoset[x] < 0) { for (int e = 0; e < m; e++) { pmCoset[x * W[e] % q] = c; pmCoset[(q - x) * W[e] % q] = c; } c++; }
    for (int i = 0, e = 0; i < k; i++) for (int j = i + 1; j < k; j++) { pairIndex[i][j] = pairIndex[j][i] = e++; }
    int r = -1, attempt = 0;
    long total = 0;
    while (r < 0 && attempt < tries) { nodes = 0; r = dfs(0, 0, 0); total += nodes; attempt++; }
    printf("%d players in groups of %d, w = %d of order %d: %s after %d attempts, %ld nodes\n", k * q, k, w, m,
           r == 1 ? "found" : r < 0 ? "gave up" : "none", attempt, total);
    if (r != 1) return 1;
    for (int b = 0; b < nbase; b++) {
        printf("B");
        for (int p = 0; p < k; p++) printf(" %d", blocks[b][p][1] * q + blocks[b][p][0]);
        printf("\n");
    }
    for (int t = 0; t < ntrans; t++) {
        printf("T");
        for (int j = 0; j < k; j++) printf(" %d", j * q + trans[t][j]);
        printf("\n");
    }
    return 0;
}
