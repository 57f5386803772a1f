// The search that found the base groups of StoredSchedule.multiplied (Sources/RoundTable/
// StoredSchedule.swift): a resolvable 2-(4q, 4, 1) design, 4q players in groups of 4 over
// (4q − 1)/3 rounds, every pair meeting once, for q a prime ≡ 1 (mod 3).
//
// Players (x, j), x in Z_q, j < 4 (number j*q + x), under the maps x -> w*x + t, w in the
// subgroup W of Z_q* of odd order m (m dividing (q − 1)/3). Rounds:
//   - the base round R shifted by every t (q rounds): R is the group {(0, j) : j < 4} and the
//     images w*B of (q − 1)/m base groups B, whose players lie in distinct orbits of W on
//     the nonzero players (one from each orbit over all B);
//   - for each of (q − 1)/(3m) transversal groups T (one player per level, (0, 0) first)
//     and each w in W, the round {w*T + t : t in Z_q} (q − 1)/3 rounds in all).
// Every pair then meets once when the base groups make each orbit of pairs under the maps
// once: within level j, by the class of ±(y − x) modulo W ((q − 1)/(2m) classes per level);
// between levels i < j, by the class of y − x modulo W ((q − 1)/m per pair of levels; the
// difference 0 is the group {(0, j)}'s), (q − 1)/m − (q − 1)/(3m) of them from the base
// groups and the rest from the transversal groups.
//
// Depth-first: each base group starts at the first orbit not yet placed, at its smallest
// member (a group is defined up to W), and takes three more players from later orbits in a
// random order; every pair's class is checked as it is placed. Once the base groups are
// complete, the transversal groups are sought among the classes left.
//
//   cc -O2 -o multiplied multiplied.c
//   ./multiplied q m limit seed
//   ./multiplied 43 7 50000000 1      # 172 players in 57 rounds (0.1 s on this machine)
//
// It prints the base groups and the transversal groups, players numbered j*q + x.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXQ 400
static int q, m, nbase, ntrans, pureCls, mixCls, perPair;
static int W[MAXQ], coset[MAXQ], pmCoset[MAXQ], reps[MAXQ];
static int orbitUsed[4 * MAXQ], pureUsed[4 * MAXQ], mixUsed[6 * MAXQ], pairCount[6];
static int pairIndex[4][4];
static int blocks[MAXQ][4][2];
static int trans[16][4];
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

// Transversal groups (0, 0), (a1, 1), (a2, 2), (a3, 3) making the mixed classes left, each once.
static int mixOf(const int *a, int *out) {
    int k = 0;
    for (int i = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) {
        int d = mod(a[j] - a[i]); if (!d) return 0;
        int c = pairIndex[i][j] * mixCls + coset[d]; if (mixUsed[c]) return 0;
        for (int e = 0; e < k; e++) if (out[e] == c) return 0;
        out[k++] = c;
    }
    return 1;
}
static int transversals(int t) {
    if (t == ntrans) return 1;
    for (int a1 = 1; a1 < q; a1++) {
        if (reps[coset[a1]] != a1) continue; // up to W: a1 the smallest of its class
        for (int a2 = 1; a2 < q; a2++) for (int a3 = 1; a3 < q; a3++) {
            int a[4] = {0, a1, a2, a3}, cls[6];
            if (!mixOf(a, cls)) continue;
            for (int e = 0; e < 6; e++) mixUsed[cls[e]] = 1;
            memcpy(trans[t], a, sizeof a);
            if (transversals(t + 1)) return 1;
            for (int e = 0; e < 6; e++) mixUsed[cls[e]] = 0;
        }
    }
    return 0;
}

static int dfs(int b, int p, int from);
static int place(int b, int p, int x, int level, int orbit) {
    int added[4], pureFlag[4], na = 0, result = 0;
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
    if (b == nbase) return transversals(0);
    if (p == 4) return dfs(b + 1, 0, 0);
    int orbits = 4 * mixCls;
    if (p == 0) {
        int o = 0; while (o < orbits && orbitUsed[o]) o++;
        return place(b, 0, reps[o % mixCls], o / mixCls, o);
    }
    static int cand[4][4 * MAXQ * 16][2];
    int nc = 0;
    for (int o = from; o < orbits; o++) if (!orbitUsed[o])
        for (int k = 0; k < m; k++) { cand[p][nc][0] = o; cand[p][nc][1] = k; nc++; }
    for (int k = nc - 1; k > 0; k--) {
        int j = rnd() % (k + 1);
        int t0 = cand[p][k][0], t1 = cand[p][k][1];
        cand[p][k][0] = cand[p][j][0]; cand[p][k][1] = cand[p][j][1]; cand[p][j][0] = t0; cand[p][j][1] = t1;
    }
    for (int k = 0; k < nc; k++) {
        int o = cand[p][k][0], x = reps[o % mixCls] * W[cand[p][k][1]] % q;
        int r = place(b, p, x, o / mixCls, o);
        if (r) return r;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: multiplied q m limit seed\n"); return 2; }
    q = atoi(argv[1]); m = atoi(argv[2]); limit = atol(argv[3]);
    for (int s = atoi(argv[4]); s > 0; s--) rnd();
    if (q >= MAXQ || q % 3 != 1 || m % 2 == 0 || ((q - 1) / 3) % m) { fprintf(stderr, "need q ≡ 1 (mod 3) prime < %d, m odd dividing (q − 1)/3\n", MAXQ); return 2; }
    // W: the subgroup of order m, from any element of that order.
    int w = 0;
    for (int g = 2; g < q && !w; g++) {
        int x = 1, order = 0;
        do { x = x * g % q; order++; } while (x != 1 && order <= q);
        if (order == q - 1) { w = 1; for (int e = 0; e < (q - 1) / m; e++) w = w * g % q; }
    }
    if (!w) { fprintf(stderr, "%d is not prime\n", q); return 2; }
    W[0] = 1; for (int k = 1; k < m; k++) W[k] = W[k - 1] * w % q;
    mixCls = (q - 1) / m; pureCls = mixCls / 2; nbase = mixCls; ntrans = (q - 1) / 3 / m;
    perPair = mixCls - ntrans;
    memset(coset, -1, sizeof coset); memset(pmCoset, -1, sizeof pmCoset);
    for (int x = 1, c = 0; x < q; x++) if (coset[x] < 0) { reps[c] = x; for (int k = 0; k < m; k++) coset[x * W[k] % q] = c; c++; }
    for (int x = 1, c = 0; x < q; x++) if (pmCoset[x] < 0) { for (int k = 0; k < m; k++) { pmCoset[x * W[k] % q] = c; pmCoset[(q - x) * W[k] % q] = c; } c++; }
    for (int i = 0, k = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) { pairIndex[i][j] = pairIndex[j][i] = k++; }
    int r = dfs(0, 0, 0);
    printf("%d players, w = %d of order %d: %s after %ld nodes\n", 4 * q, w, m, r == 1 ? "found" : r < 0 ? "gave up" : "none", nodes);
    if (r != 1) return 1;
    for (int b = 0; b < nbase; b++) printf("B %d %d %d %d\n", blocks[b][0][1] * q + blocks[b][0][0], blocks[b][1][1] * q + blocks[b][1][0], blocks[b][2][1] * q + blocks[b][2][0], blocks[b][3][1] * q + blocks[b][3][0]);
    for (int t = 0; t < ntrans; t++) printf("T %d %d %d %d\n", trans[t][0], q + trans[t][1], 2 * q + trans[t][2], 3 * q + trans[t][3]);
    return 0;
}
