import Foundation
import GLPKBackend
import MIP

/// Turns the composition bound's columns into a seating: a price-and-dive picks a
/// composition for each table (GLPK's master LP over what is left, fixing what it uses
/// whole), then units of each class are dealt to the tables,
/// pinned units first, keeping organizations apart where it can. What the compositions
/// relax (avoid, rules on unbalanced attributes, topics) is left for local search.
struct CompositionRounding {
    let bound: CompositionBound

    /// A seating of the bound's session built from `columns`, with every other session as
    /// in `seat`; `nil` when GLPK finds no whole choice within `deadline`.
    func seat(
        columns: [CompositionBound.Composition], from seat: [[Int]], deadline: Date, seed: UInt64, stop: (() -> Bool)? = nil
    ) -> [[Int]]? {
        let instance = bound.instance
        let s = bound.session
        let items = bound.items
        let C = bound.classSize.count
        let G = bound.tableClasses.count
        guard C > 0, G > 0, !columns.isEmpty else { return nil }

        // Price-and-dive: solve the master LP of what is left (column generation, slack for
        // units it cannot seat), fix every composition it uses a whole number of times
        // (or the one it uses most), and repeat on the rest.
        var units = bound.classSize
        var tables = bound.tableClasses.map(\.count)
        var candidates = columns
        var fixed: [CompositionBound.Composition] = []
        let slack = 100 * (instance.balance.reduce(0) { $0 + $1.weight } + instance.weights.size + 1)
        func fits(_ composition: CompositionBound.Composition) -> Bool {
            tables[composition.tableClass] > 0 && zip(composition.counts, units).allSatisfy { $0 <= $1 }
        }
        func take(_ composition: CompositionBound.Composition) {
            fixed.append(composition)
            tables[composition.tableClass] -= 1
            for c in 0..<C { units[c] -= composition.counts[c] }
        }
        while tables.contains(where: { $0 > 0 }) && Date() < deadline && stop?() != true {
            let run = bound.generate(units: units, tables: tables, columns: candidates, slack: slack, deadline: deadline, maxIterations: 8, stop: stop)
            candidates = run.columns
            var progress = false
            for (composition, weight) in run.weights.sorted(by: { $0.1 > $1.1 }) {
                var copies = Int((weight + 1e-6).rounded(.down))
                while copies > 0 && fits(composition) {
                    take(composition)
                    copies -= 1
                    progress = true
                }
            }
            if !progress {
                guard let most = run.weights.filter({ fits($0.0) }).max(by: { $0.1 < $1.1 }) else { break }
                take(most.0)
            }
        }
        // Tables per class, pinned tables first so that they get compositions holding their pins.
        var pinnedUnits = [Int: [Int]]()  // table -> units pinned there
        for (item, members) in items.members.enumerated() {
            if let t = members.lazy.compactMap({ instance.pin[$0][s] }).first { pinnedUnits[t, default: []].append(item) }
        }
        var rng = SplitMix64(seed: seed)
        var tableComposition = [Int: CompositionBound.Composition]()
        for g in 0..<G {
            var chosen = fixed.filter { $0.tableClass == g }
            var order = bound.tableClasses[g]
            for k in order.indices.reversed() where k > 0 { order.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
            order.sort { (pinnedUnits[$0] != nil ? 0 : 1) < (pinnedUnits[$1] != nil ? 0 : 1) }
            for t in order {
                guard !chosen.isEmpty else { break }
                // The composition that holds most of the table's pinned units.
                let pins = pinnedUnits[t] ?? []
                var best = 0
                var bestScore = -1
                for (index, composition) in chosen.enumerated() {
                    var need = [Int: Int]()
                    for unit in pins { need[bound.classOf[unit], default: 0] += 1 }
                    let held = need.reduce(0) { $0 + min($1.value, composition.counts[$1.key]) }
                    if held > bestScore {
                        bestScore = held
                        best = index
                    }
                    if held == pins.count { break }
                }
                tableComposition[t] = chosen.remove(at: best)
            }
        }

        // Deal units: pinned units to their tables, the rest from shuffled pools.
        var pool = [[Int]](repeating: [], count: C)
        for item in items.members.indices where bound.classOf[item] >= 0 {
            if let t = items.members[item].lazy.compactMap({ instance.pin[$0][s] }).first, tableComposition[t] != nil { continue }
            pool[bound.classOf[item]].append(item)
        }
        for c in 0..<C { for k in pool[c].indices.reversed() where k > 0 { pool[c].swapAt(k, Int(rng.next() % UInt64(k + 1))) } }
        var seating = seat
        for i in instance.presentIn[s] { seating[s][i] = -1 }
        var need = [Int: [Int]]()
        for (t, composition) in tableComposition { need[t] = composition.counts }
        for (t, units) in pinnedUnits where tableComposition[t] != nil {
            for unit in units {
                for i in items.members[unit] { seating[s][i] = t }
                let c = bound.classOf[unit]
                if var counts = need[t], counts[c] > 0 {
                    counts[c] -= 1
                    need[t] = counts
                }
            }
        }
        // Organizations already at each table, to keep them apart when a pool allows.
        let organization = instance.rules.first { $0.isHard && $0.rule.maxPerValue == 1 }?.attribute
        var present = [Int: Set<Int>]()
        for t in need.keys.sorted() {
            guard let counts = need[t] else { continue }
            for c in 0..<C where counts[c] > 0 {
                for _ in 0..<counts[c] {
                    guard !pool[c].isEmpty else { break }
                    var pick = pool[c].count - 1
                    if let a = organization {
                        let taken = present[t] ?? []
                        if let k = pool[c].lastIndex(where: { unit in items.members[unit].allSatisfy { instance.holds[a][$0].allSatisfy { !taken.contains($0) } } }) {
                            pick = k
                        }
                    }
                    let unit = pool[c].remove(at: pick)
                    for i in items.members[unit] {
                        seating[s][i] = t
                        if let a = organization { for v in instance.holds[a][i] { present[t, default: []].insert(v) } }
                    }
                }
            }
        }
        // Units left over (only when pins and compositions disagree): local search seats them.
        return seating
    }
}
