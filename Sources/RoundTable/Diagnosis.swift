/// Counting arguments that prove a request infeasible, each stated in organizer
/// terms (which session, rule, table, group or pin, and the numbers that clash).
enum Diagnosis {
    /// Every conflict that counting alone proves; empty when none is found
    /// (which does not mean a plan exists).
    static func conflicts(_ instance: Instance, _ items: [SessionItems]) -> [(session: Int, message: String)] {
        var found: [(session: Int, message: String)] = []
        for s in 0..<instance.sessionCount {
            found += (items[s].conflicts + sessionConflicts(instance, items[s])).map { (s, $0) }
        }
        return found
    }

    /// Hard rules whose upper limits (`max`, `maxPerValue`) `people` break by themselves,
    /// at whatever table they share.
    private static func brokenCaps(_ instance: Instance, _ people: [Int]) -> [Instance.NormalizedRule] {
        let counts = instance.valueCounts(of: people)
        return instance.rules.filter { rule in
            guard rule.isHard, rule.rule.max != nil || rule.rule.maxPerValue != nil else { return false }
            let caps = Instance.NormalizedRule(
                index: rule.index,
                rule: Rule(attribute: rule.rule.attribute, value: rule.rule.value, max: rule.rule.max, maxPerValue: rule.rule.maxPerValue),
                attribute: rule.attribute, value: rule.value, weight: nil)
            return instance.ruleViolation(caps, size: people.count, counts: counts[rule.attribute]) > 0
        }
    }

    static func sessionConflicts(_ instance: Instance, _ items: SessionItems) -> [String] {
        let s = items.session
        let session = "session \(instance.sessionNames[s].debugDescription)"
        let present = instance.presentIn[s].count
        guard present > 0 else { return [] }
        let tables = instance.tablesIn[s]
        let capacities = tables.map { instance.capacity[$0] }.sorted(by: >)
        let seats = capacities.reduce(0, +)
        var found: [String] = []
        if seats < present {
            found.append("\(session) has \(present) attendees but its \(tables.count) tables seat only \(seats): add \(present - seats) seats")
            return found
        }
        if let smallest = tables.map({ instance.minSize[$0] }).min(), smallest > present {
            found.append("\(session) has \(present) attendees, fewer than the smallest minSize (\(smallest)) of its tables: lower a minSize")
        }
        // The fewest tables that can seat everyone.
        var needed = 0
        var seated = 0
        while seated < present && needed < capacities.count {
            seated += capacities[needed]
            needed += 1
        }
        let largest = capacities.first ?? 0
        // Pins: more pinned people than seats, pinned avoiders together.
        var pinned = [Int](repeating: 0, count: instance.tableCount)
        for i in instance.presentIn[s] { if let t = instance.pin[i][s] { pinned[t] += 1 } }
        for t in tables where pinned[t] > instance.capacity[t] {
            found.append("\(pinned[t]) attendees are pinned to table \(instance.tableIDs[t].debugDescription) in \(session), which seats \(instance.capacity[t])")
        }
        for i in instance.presentIn[s] {
            guard let t = instance.pin[i][s] else { continue }
            for j in instance.avoid[i] where j > i && instance.pin[j][s] == t {
                found.append("\(instance.attendeeIDs[i].debugDescription) and \(instance.attendeeIDs[j].debugDescription) avoid each other but are both pinned to table \(instance.tableIDs[t].debugDescription) in \(session)")
            }
        }
        // A group alone already breaks a "max" rule wherever it sits.
        for item in items.members where item.count > 1 {
            for rule in brokenCaps(instance, item) {
                found.append("\(SessionItems.describe(item, instance)) must sit together in \(session), but its members alone break rule \(rule.rule.summary)")
            }
        }
        // Pinned people alone already break a "max" rule at their table.
        var pinnedAt = [[Int]](repeating: [], count: instance.tableCount)
        for i in instance.presentIn[s] { if let t = instance.pin[i][s] { pinnedAt[t].append(i) } }
        for t in tables where pinnedAt[t].count > 1 {
            let names = pinnedAt[t].map { instance.attendeeIDs[$0].debugDescription }.joined(separator: ", ")
            for rule in brokenCaps(instance, pinnedAt[t]) {
                found.append("rule \(rule.rule.summary) is broken by the attendees pinned to table \(instance.tableIDs[t].debugDescription) in \(session) alone (\(names))")
            }
        }
        for rule in instance.rules where rule.isHard {
            let a = rule.attribute
            let attribute = instance.attributeNames[a]
            let totals = instance.valueTotals(attribute: a, session: s)
            let name = "rule \(rule.rule.summary)"
            if let value = rule.value {
                let holders = value >= 0 ? totals[value] : 0
                let label = instance.request.rules[rule.index].value ?? ""
                if let low = rule.rule.min, let high = rule.rule.max, low > high {
                    found.append("\(name) asks for at least \(low) and at most \(high) at the same table: no table can satisfy it")
                }
                if let low = rule.rule.min, low > 0 {
                    if low > largest {
                        found.append("\(name) needs \(counted(low, "holder")) of \(attribute)=\(label) at every table, but the largest table in \(session) seats \(largest)")
                    } else if holders < low * needed {
                        found.append("\(name) needs \(counted(low, "holder")) of \(attribute)=\(label) at each of at least \(counted(needed, "table")) (\(present) attendees, tables of up to \(largest)); \(session) has \(holders)")
                    }
                }
                if let high = rule.rule.max {
                    let room = tables.reduce(0) { $0 + min(high, instance.capacity[$1]) }
                    if holders > room {
                        found.append("\(name) allows at most \(counted(high, "holder")) of \(attribute)=\(label) \(perTable(tables.count)) of \(session) (\(room) in all); \(session) has \(holders)")
                    }
                }
            }
            if let cap = rule.rule.maxPerValue {
                for (v, total) in totals.enumerated() where total > cap * tables.count {
                    found.append("\(name) allows at most \(counted(cap, "holder")) of \(attribute)=\(instance.valueNames[a][v]) per table, \(cap * tables.count) over \(theTables(tables.count)) of \(session); \(session) has \(total)")
                }
            }
            if let want = rule.rule.minDistinct, want > 0 {
                let distinct = totals.filter { $0 > 0 }.count
                if distinct < want {
                    found.append("\(name) needs \(want) distinct values of \(attribute) at every table, but \(session) has only \(distinct) (\(instance.valueNames[a].enumerated().filter { totals[$0.offset] > 0 }.map(\.element).joined(separator: ", ")))")
                } else if want > largest && instance.presentIn[s].allSatisfy({ instance.holds[a][$0].count <= 1 }) {
                    found.append("\(name) needs \(want) distinct values of \(attribute) at every table, but the largest table in \(session) seats \(largest)")
                }
            }
        }
        return found
    }
}

/// "1 holder", "3 holders".
private func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

/// "the one table", "the 7 tables".
private func theTables(_ count: Int) -> String { count == 1 ? "the one table" : "the \(count) tables" }

/// "at the one table", "at each of the 7 tables".
private func perTable(_ count: Int) -> String { "at \(count == 1 ? "" : "each of ")\(theTables(count))" }
