// The search that found the base rounds stored in Sources/RoundTable/StoredSchedule.swift.
//
// A base round on c cycles of h players (player j*h + i) and f fixed players (c*h + q), in
// groups of k; the shift i -> i + 1 turns it into h rounds, so the base round's pairs are
// counted by their orbit under the shift (as in Sources/RoundTable/GolferOrbits.swift).
//   mode 0: every orbit at most once, never two fixed players nor an orbit of fewer than
//           h pairs ((i, j), (i + h/2, j)): rounds without a repeat.
//   mode 1: the same, and the orbits of the coset round of
//           GolferOrbits(groups:size:cosetShift:) taken (it follows the h shifted rounds).
//   mode 2: a covering: every orbit at least once (the short ones too, each then meets
//           twice), and as many orbits twice as the pairs exceed the orbits.
// Depth-first, restarted after `limit` nodes in a new random order: the unplaced player
// with the fewest partners left goes first, and a branch is cut when more orbits than the
// slack allows can no longer be made by two unplaced players.
//
//   cc -O2 -o base-round base-round.c
//   ./base-round h c f k mode limit seconds seed
//   ./base-round 41 2 2 3 0 50000 60 1   # nearly Kirkman, 84 players (m = 41)
//   ./base-round 33 2 3 3 1 50000 60 1   # Kirkman around a coset round, 69 players
//   ./base-round 39 2 0 3 2 50000 60 1   # covering, 78 players in 39 rounds
//
// It prints the groups of the base round, { player player player } ...; StoredSchedule keeps
// them flattened (groups with fixed players first).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int h, c, f, k, n, G, norb, slack, maxDoubles, doubles;
static int *cls, *used, *cnt, *label, *cap;
static long nodes, limit;
static unsigned long long rs;
static unsigned long long rnd(void) { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return rs; }

// The orbit of pair {a, b}: 0 two fixed players; then fixed q with cycle j; then cycles
// ja < jb by difference; then within cycle j by the smaller of d, h - d (0 unused).
static int key(int a, int b) {
    if (a > b) { int t = a; a = b; b = t; }
    int H = c * h;
    if (a >= H) return 0;
    int ja = a / h, ia = a % h;
    if (b >= H) return 1 + (b - H) * c + ja;
    int jb = b / h, ib = b % h, base = 1 + f * c;
    if (ja != jb) {
        int pair = 0;
        for (int x = 0; x < ja; x++) pair += c - 1 - x;
        pair += jb - ja - 1;
        return base + pair * h + ((ib - ia) % h + h) % h;
    }
    base += c * (c - 1) / 2 * h;
    int d = ((ib - ia) % h + h) % h;
    if (d > h - d) d = h - d;
    return base + ja * (h / 2 + 1) + d;
}

static int canUse(int x) { return used[x] < cap[x] && (used[x] == 0 || doubles < maxDoubles); }

static int orbitsOk(void) {
    memset(cnt, 0, sizeof(int) * norb);
    for (int a = 0; a < n; a++)
        if (label[a] < 0)
            for (int b = a + 1; b < n; b++)
                if (label[b] < 0) cnt[cls[a * n + b]]++;
    int miss = 0;
    for (int x = 0; x < norb; x++)
        if (cap[x] > 0 && !used[x] && !cnt[x]) miss++;
    return miss <= slack;
}

static int solve(int g);

static int extend(int *blk, int bs, int *cand, int nc, int g) {
    if (++nodes > limit) return 0;
    if (bs == k) return solve(g + 1);
    for (int i = 0; i < nc; i++) {
        int q = cand[i], cs[16], ok = 1, twice = 0;
        if (label[q] >= 0) continue;
        for (int b = 0; b < bs && ok; b++) {
            int x = cls[blk[b] * n + q];
            if (!canUse(x)) ok = 0;
            for (int e = 0; e < b; e++)
                if (cs[e] == x) ok = 0;
            cs[b] = x;
            if (used[x] == 1) twice++;
        }
        if (!ok || doubles + twice > maxDoubles) continue;
        for (int b = 0; b < bs; b++) used[cs[b]]++;
        doubles += twice;
        label[q] = g;
        blk[bs] = q;
        if (extend(blk, bs + 1, cand + i + 1, nc - i - 1, g)) return 1;
        label[q] = -1;
        for (int b = 0; b < bs; b++) used[cs[b]]--;
        doubles -= twice;
        if (nodes > limit) return 0;
    }
    return 0;
}

static int solve(int g) {
    if (!orbitsOk()) return 0;
    int p = -1, best = 1 << 30;
    for (int i = 0; i < n; i++) {
        if (label[i] >= 0) continue;
        int free = 0;
        for (int j = 0; j < n; j++)
            if (j != i && label[j] < 0 && canUse(cls[i * n + j])) free++;
        if (free < best || (free == best && rnd() % 2)) { best = free; p = i; }
    }
    if (p < 0) return 1;
    if (best < k - 1 || g >= G) return 0;
    label[p] = g;
    int cand[1024], nc = 0;
    for (int j = 0; j < n; j++)
        if (label[j] < 0 && canUse(cls[p * n + j])) cand[nc++] = j;
    for (int i = nc - 1; i > 0; i--) { int j = rnd() % (i + 1), t = cand[i]; cand[i] = cand[j]; cand[j] = t; }
    int blk[16] = {p};
    if (extend(blk, 1, cand, nc, g)) return 1;
    label[p] = -1;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 9) { fprintf(stderr, "usage: %s h c f k mode limit seconds seed\n", argv[0]); return 2; }
    h = atoi(argv[1]); c = atoi(argv[2]); f = atoi(argv[3]); k = atoi(argv[4]);
    int mode = atoi(argv[5]);
    limit = atol(argv[6]);
    double seconds = atof(argv[7]);
    rs = strtoull(argv[8], 0, 10) | 1;
    n = c * h + f; G = n / k;
    if (h < 2 || c < 1 || k < 2 || k > 16 || n % k || n > 1024) { fprintf(stderr, "bad shape\n"); return 2; }
    norb = 1 + f * c + c * (c - 1) / 2 * h + c * (h / 2 + 1);
    cls = malloc(sizeof(int) * n * n); used = calloc(norb, sizeof(int)); cnt = malloc(sizeof(int) * norb);
    label = malloc(sizeof(int) * n); cap = malloc(sizeof(int) * norb);
    for (int a = 0; a < n; a++)
        for (int b = 0; b < n; b++)
            if (a != b) cls[a * n + b] = key(a, b);
    for (int x = 0; x < norb; x++) cap[x] = 1;
    cap[0] = 0;
    for (int j = 0; j < c; j++) {
        int base = 1 + f * c + c * (c - 1) / 2 * h + j * (h / 2 + 1);
        cap[base] = 0;
        if (h % 2 == 0 && mode != 2) cap[base + h / 2] = 0;
        if (mode == 1)
            for (int m = 1; m < k; m++) { int d = m * h / k; cap[base + (d > h - d ? h - d : d)] = 0; }
    }
    int orbits = 0, pairs = G * k * (k - 1) / 2;
    for (int x = 0; x < norb; x++) orbits += cap[x];
    slack = mode == 2 ? 0 : orbits - pairs;
    maxDoubles = mode == 2 ? pairs - orbits : 0;
    if (slack < 0 || maxDoubles < 0) { printf("n=%d: %d orbits for %d pairs: no base round\n", n, orbits, pairs); return 1; }
    if (maxDoubles > 0)
        for (int x = 0; x < norb; x++) cap[x] *= 2;
    clock_t start = clock();
    long tries = 0;
    while ((double)(clock() - start) / CLOCKS_PER_SEC < seconds) {
        tries++;
        memset(used, 0, sizeof(int) * norb);
        doubles = 0; nodes = 0;
        for (int i = 0; i < n; i++) label[i] = -1;
        if (solve(0)) {
            printf("n=%d found after %ld tries, %.2f s\n", n, tries, (double)(clock() - start) / CLOCKS_PER_SEC);
            for (int g = 0; g < G; g++) {
                printf("{");
                for (int i = 0; i < n; i++)
                    if (label[i] == g) printf(" %d", i);
                printf(" }");
            }
            printf("\n");
            return 0;
        }
    }
    printf("n=%d: none in %ld tries\n", n, tries);
    return 1;
}
