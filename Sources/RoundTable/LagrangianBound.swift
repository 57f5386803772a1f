import Foundation

/// A lower bound on one session's balance, size and rule terms that covers every
/// choice of table sizes: the value totals of each balanced attribute are relaxed
/// with Lagrange multipliers, each table then picks its best size and value mix on
/// its own, and a dynamic program over tables makes the sizes add up to the
/// session's attendance. Every multiplier vector gives a valid bound; subgradient
/// steps raise it.
///
/// Relaxed (so the bound stays valid): groups, avoid, pins, topics, repeats, soft
/// rules, and the coupling between attributes.
struct LagrangianBound {
    private let components: [BalanceComponent]
    private let sizes: [[Int]]
    private let sizeCost: [[Double]]
    private let attendance: Int

    init(instance: Instance, session s: Int) {
        let present = instance.presentIn[s]
        attendance = present.count
        let components = BalanceComponent.components(instance, session: s)
        self.components = components
        var sizes: [[Int]] = []
        var sizeCost: [[Double]] = []
        for t in instance.tablesIn[s] {
            let options = instance.sizeChoices(session: s, table: t)
            sizes.append(options)
            sizeCost.append(instance.sizeCosts(session: s, table: t, sizes: options))
        }
        self.sizes = sizes
        self.sizeCost = sizeCost
    }

    /// The cost of one component at a table of `n` with multipliers `lambda`, and the counts chosen.
    private func componentCost(_ c: BalanceComponent, n: Int, lambda: [Double]) -> (cost: Double, counts: [Int])? {
        var counts = [Int](repeating: 0, count: c.totals.count)
        guard n > 0 else { return (0, counts) }
        func unitCost(_ v: Int, _ k: Int) -> Double {
            let target = c.shares[v] * Double(n)
            let isNone = c.isComposition && v == c.totals.count - 1
            return (isNone ? 0 : c.weight * abs(Double(k) - target)) - lambda[v] * Double(k)
        }
        var cost = 0.0
        if c.isComposition {
            var remaining = n
            for v in counts.indices {
                counts[v] = c.lower[v]
                remaining -= c.lower[v]
                if c.lower[v] > c.upper[v] { return nil }
            }
            guard remaining >= 0 else { return nil }
            while remaining > 0 {
                var best = -1
                var bestDelta = Double.infinity
                for v in counts.indices where counts[v] < c.upper[v] {
                    let delta = unitCost(v, counts[v] + 1) - unitCost(v, counts[v])
                    if delta < bestDelta {
                        bestDelta = delta
                        best = v
                    }
                }
                guard best >= 0 else { return nil }
                counts[best] += 1
                remaining -= 1
            }
            for v in counts.indices { cost += unitCost(v, counts[v]) }
        } else {
            for v in counts.indices {
                let most = min(n, c.totals[v])
                let target = c.shares[v] * Double(n)
                var bestK = 0
                var bestCost = unitCost(v, 0)
                for k in [Int(target.rounded(.down)), Int(target.rounded(.up)), most] where k > 0 && k <= most {
                    let value = unitCost(v, k)
                    if value < bestCost {
                        bestCost = value
                        bestK = k
                    }
                }
                counts[v] = bestK
                cost += bestCost
            }
        }
        return (cost, counts)
    }

    /// The dual value for `lambda` and the per-component value usage of its minimizer;
    /// `nil` when no choice of sizes seats everyone.
    private func evaluate(_ lambda: [[Double]]) -> (value: Double, usage: [[Int]])? {
        // g[t][k]: best cost of table t at its k-th size option.
        var options: [[(cost: Double, counts: [[Int]])?]] = []
        for (t, choices) in sizes.enumerated() {
            var row: [(cost: Double, counts: [[Int]])?] = []
            var cache: [Int: (Double, [[Int]])?] = [:]
            for (k, n) in choices.enumerated() {
                if let known = cache[n] {
                    row.append(known.map { ($0.0 + sizeCost[t][k], $0.1) })
                    continue
                }
                var total = 0.0
                var all: [[Int]] = []
                var feasible = true
                for (index, component) in components.enumerated() {
                    guard let result = componentCost(component, n: n, lambda: lambda[index]) else {
                        feasible = false
                        break
                    }
                    total += result.cost
                    all.append(result.counts)
                }
                cache[n] = feasible ? (total, all) : nil
                row.append(feasible ? (total + sizeCost[t][k], all) : nil)
            }
            options.append(row)
        }
        // DP over tables: best[m] = least cost seating m people so far.
        let N = attendance
        var best = [Double](repeating: .infinity, count: N + 1)
        best[0] = 0
        var choice = [[Int16]](repeating: [], count: sizes.count)
        for t in sizes.indices {
            var next = [Double](repeating: .infinity, count: N + 1)
            var pick = [Int16](repeating: -1, count: N + 1)
            for m in 0...N where best[m].isFinite {
                for (k, n) in sizes[t].enumerated() where m + n <= N {
                    guard let option = options[t][k] else { continue }
                    let value = best[m] + option.cost
                    if value < next[m + n] {
                        next[m + n] = value
                        pick[m + n] = Int16(k)
                    }
                }
            }
            best = next
            choice[t] = pick
        }
        guard best[N].isFinite else { return nil }
        var usage = components.map { [Int](repeating: 0, count: $0.totals.count) }
        var m = N
        for t in sizes.indices.reversed() {
            let k = Int(choice[t][m])
            guard k >= 0, let option = options[t][k] else { return nil }
            for index in components.indices { for v in usage[index].indices { usage[index][v] += option.counts[index][v] } }
            m -= sizes[t][k]
        }
        var value = best[N]
        for (index, component) in components.enumerated() {
            for v in component.totals.indices { value += lambda[index][v] * Double(component.totals[v]) }
        }
        return (value, usage)
    }

    /// The best bound found within `iterations` subgradient steps or by `deadline`;
    /// `target` (a known session cost) guides the step size. `-infinity` means the
    /// relaxation itself is infeasible.
    func bound(target: Double?, iterations: Int = 300, deadline: Date, stop: (() -> Bool)? = nil) -> Double {
        guard attendance > 0 else { return sizeCost.reduce(0) { $0 + ($1.first ?? 0) } }
        var lambda = components.map { [Double](repeating: 0, count: $0.totals.count) }
        guard let first = evaluate(lambda) else { return -.infinity }
        var bestValue = first.value
        var current = first
        var theta = 1.0
        var sinceGain = 0
        for _ in 0..<iterations {
            if Date() >= deadline || stop?() == true { break }
            var norm = 0.0
            var gradient = lambda
            for (index, component) in components.enumerated() {
                for v in component.totals.indices {
                    let g = Double(component.totals[v] - current.usage[index][v])
                    gradient[index][v] = g
                    norm += g * g
                }
            }
            guard norm > 0 else { break }  // the relaxed totals hold: the bound is exact for the relaxation
            let goal = target.map { max($0, bestValue + 1e-6) } ?? (bestValue * 1.05 + 1)
            let step = theta * (goal - current.value) / norm
            for index in lambda.indices { for v in lambda[index].indices { lambda[index][v] += step * gradient[index][v] } }
            guard let next = evaluate(lambda) else { break }
            current = next
            if next.value > bestValue + 1e-9 {
                bestValue = next.value
                sinceGain = 0
            } else {
                sinceGain += 1
                if sinceGain >= 8 {
                    theta /= 2
                    sinceGain = 0
                    if theta < 1e-4 { break }
                }
            }
        }
        return bestValue
    }
}
