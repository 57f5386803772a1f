/// A broken hard constraint (MODEL.md "Hard constraints") or a malformed plan entry.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case unknownName, duplicateSeat, missingSeat, absentAttendee, unavailableTable
        case overCapacity, underMinSize, groupSplit, avoidTogether, pinBroken, hardRule
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// The score of a plan and every hard constraint it breaks.
public struct ScoreReport: Sendable, Equatable {
    public var breakdown: ScoreBreakdown
    public var violations: [Violation]
    /// Per attendee id, how many distinct other people they share a table with over the event.
    public var peopleMet: [String: Int]
    public var isValid: Bool { violations.isEmpty }
}

extension SeatingRequest {
    /// Scores `assignments` against this request exactly as MODEL.md defines, independently
    /// of any solver, and lists every broken hard constraint.
    ///
    /// - Throws: ``RequestError`` when the request itself is invalid.
    public func score(_ assignments: [Assignment]) throws(RequestError) -> ScoreReport {
        let instance = try makeInstance().get()
        var violations: [Violation] = []
        let seat = instance.seating(from: assignments, violations: &violations)
        violations += instance.violations(seat)
        return ScoreReport(
            breakdown: instance.score(seat), violations: violations,
            peopleMet: Dictionary(uniqueKeysWithValues: zip(instance.attendeeIDs, instance.peopleMet(seat))))
    }
}

extension Instance {
    /// Reads assignments into `seat[s][i]` (-1: no seat), reporting malformed entries.
    func seating(from assignments: [Assignment], violations: inout [Violation]) -> [[Int]] {
        let sessionIndex = Dictionary(sessionNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let tableIndex = Dictionary(tableIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let attendeeIndex = Dictionary(attendeeIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var seat = [[Int]](repeating: [Int](repeating: -1, count: attendeeCount), count: sessionCount)
        for entry in assignments {
            let s: Int
            if let name = entry.session {
                guard let index = sessionIndex[name] else {
                    violations.append(Violation(kind: .unknownName, message: "assignment of \(entry.attendee.debugDescription) names unknown session \(name.debugDescription)"))
                    continue
                }
                s = index
            } else if sessionCount == 1 {
                s = 0
            } else {
                violations.append(Violation(kind: .unknownName, message: "assignment of \(entry.attendee.debugDescription) has no session, but the request has \(sessionCount)"))
                continue
            }
            guard let i = attendeeIndex[entry.attendee] else {
                violations.append(Violation(kind: .unknownName, message: "assignment names unknown attendee \(entry.attendee.debugDescription)"))
                continue
            }
            guard let t = tableIndex[entry.table] else {
                violations.append(Violation(kind: .unknownName, message: "assignment of \(entry.attendee.debugDescription) names unknown table \(entry.table.debugDescription)"))
                continue
            }
            guard seat[s][i] == -1 else {
                violations.append(Violation(kind: .duplicateSeat, message: "\(entry.attendee.debugDescription) has two seats in session \(sessionNames[s].debugDescription)"))
                continue
            }
            seat[s][i] = t
        }
        return seat
    }

    /// The assignments of `seat[s][i]`, session-major, then by attendee order.
    func assignments(from seat: [[Int]]) -> [Assignment] {
        var result: [Assignment] = []
        for s in 0..<sessionCount {
            for i in 0..<attendeeCount where seat[s][i] >= 0 {
                result.append(Assignment(attendee: attendeeIDs[i], session: sessionNames[s], table: tableIDs[seat[s][i]]))
            }
        }
        return result
    }

    /// Members of each table in session `s`.
    func tableMembers(_ seat: [[Int]], session s: Int) -> [[Int]] {
        var members = [[Int]](repeating: [], count: tableCount)
        for i in 0..<attendeeCount where seat[s][i] >= 0 { members[seat[s][i]].append(i) }
        return members
    }

    /// Value counts of every attribute at one table: `counts[a][v]`.
    func valueCounts(of members: [Int]) -> [[Int]] {
        var counts = valueNames.map { [Int](repeating: 0, count: $0.count) }
        for i in members { for a in 0..<attributeNames.count { for v in holds[a][i] { counts[a][v] += 1 } } }
        return counts
    }

    /// Units of violation of `rule` at a table of `size` attendees with value counts `counts` (of the rule's attribute).
    func ruleViolation(_ rule: NormalizedRule, size: Int, counts: [Int]) -> Int {
        rule.limits.violation(size: size, counts: counts)
    }

    /// The MODEL.md score of a full seating (hard constraints are not checked here).
    func score(_ seat: [[Int]]) -> ScoreBreakdown {
        var result = ScoreBreakdown()
        for s in 0..<sessionCount {
            let members = tableMembers(seat, session: s)
            let shares = SessionShares(instance: self, session: s)
            for t in tablesIn[s] {
                let counts = valueCounts(of: members[t])
                let n = members[t].count
                result.balance += shares.balance(size: n, counts: counts)
                result.size += weights.size * abs(Double(n) - targetSize(session: s, table: t))
                for rule in rules where !rule.isHard {
                    result.rules += (rule.weight ?? 0) * Double(ruleViolation(rule, size: n, counts: counts[rule.attribute]))
                }
            }
        }
        result.topics = weights.topics * Double(topicCost(seat))
        result.repeats = weights.repeats * Double(repeatCount(seat))
        result.moves = Double(moveCount(seat)) * weights.moves
        return result
    }

    /// Attendee-sessions seated away from the previous plan (extension).
    func moveCount(_ seat: [[Int]]) -> Int {
        var count = 0
        for s in 0..<sessionCount {
            for i in 0..<attendeeCount where previousSeat[s][i] >= 0 && seat[s][i] >= 0 && seat[s][i] != previousSeat[s][i] {
                count += 1
            }
        }
        return count
    }

    /// Balance, size and soft-rule terms of one session (the part a session bound covers).
    func sessionCost(_ seat: [[Int]], session s: Int) -> Double {
        let members = tableMembers(seat, session: s)
        let shares = SessionShares(instance: self, session: s)
        var total = 0.0
        for t in tablesIn[s] {
            let counts = valueCounts(of: members[t])
            let n = members[t].count
            total += shares.balance(size: n, counts: counts)
            total += weights.size * abs(Double(n) - targetSize(session: s, table: t))
            for rule in rules where !rule.isHard {
                total += (rule.weight ?? 0) * Double(ruleViolation(rule, size: n, counts: counts[rule.attribute]))
            }
        }
        return total
    }

    /// The unweighted topics term.
    func topicCost(_ seat: [[Int]]) -> Int {
        var total = 0
        for i in 0..<attendeeCount where topicLength[i] > 0 { total += topicCost(attendee: i, seat: seat) }
        return total
    }

    func topicCost(attendee i: Int, seat: [[Int]]) -> Int {
        // The first session at a topic costs its rank, every further one L.
        var total = 0
        for s in 0..<sessionCount where seat[s][i] >= 0 {
            guard let x = tableTopic[seat[s][i]] else { continue }
            let again = (0..<s).contains { seat[$0][i] >= 0 && tableTopic[seat[$0][i]] == x }
            total += again ? topicLength[i] : topicRank[i][x]
        }
        return total
    }

    /// Sessions in which each pair of attendees shares a table, for pairs that share at least one.
    func meetings(_ seat: [[Int]]) -> [Int: Int] {
        var meetings: [Int: Int] = [:]
        for s in 0..<sessionCount {
            for members in tableMembers(seat, session: s) where members.count > 1 {
                for x in 0..<members.count { for y in (x + 1)..<members.count {
                    meetings[members[x] * attendeeCount + members[y], default: 0] += 1
                } }
            }
        }
        return meetings
    }

    /// The unweighted repeats term.
    func repeatCount(_ seat: [[Int]]) -> Int {
        guard sessionCount > 1 else { return 0 }
        var total = 0
        for (pair, m) in meetings(seat) where m > 1 && !sameGroup(pair / attendeeCount, pair % attendeeCount) {
            total += m - 1
        }
        return total
    }

    /// Distinct other people each attendee shares a table with over all sessions.
    func peopleMet(_ seat: [[Int]]) -> [Int] {
        var met = [Int](repeating: 0, count: attendeeCount)
        for pair in meetings(seat).keys {
            met[pair / attendeeCount] += 1
            met[pair % attendeeCount] += 1
        }
        return met
    }

    /// Every broken hard constraint of a seating.
    func violations(_ seat: [[Int]]) -> [Violation] {
        violations(seat, sessions: Array(0..<sessionCount))
    }

    /// The broken hard constraints of the given sessions only.
    func violations(_ seat: [[Int]], sessions: [Int]) -> [Violation] {
        var found: [Violation] = []
        func add(_ kind: Violation.Kind, _ message: String) { found.append(Violation(kind: kind, message: message)) }
        for s in sessions {
            let session = sessionNames[s].debugDescription
            for i in 0..<attendeeCount {
                let t = seat[s][i]
                if present[i][s] && t < 0 {
                    add(.missingSeat, "\(attendeeIDs[i].debugDescription) attends session \(session) but has no seat")
                } else if !present[i][s] && t >= 0 {
                    add(.absentAttendee, "\(attendeeIDs[i].debugDescription) does not attend session \(session) but is seated at \(tableIDs[t].debugDescription)")
                } else if t >= 0 && !available[t][s] {
                    add(.unavailableTable, "\(attendeeIDs[i].debugDescription) sits at \(tableIDs[t].debugDescription), which is not available in session \(session)")
                }
                if t >= 0, let pinned = pin[i][s], pinned != t {
                    add(.pinBroken, "\(attendeeIDs[i].debugDescription) is pinned to \(tableIDs[pinned].debugDescription) in session \(session) but sits at \(tableIDs[t].debugDescription)")
                }
                if t >= 0 {
                    for j in avoid[i] where j > i && seat[s][j] == t {
                        add(.avoidTogether, "\(attendeeIDs[i].debugDescription) and \(attendeeIDs[j].debugDescription) avoid each other but share \(tableIDs[t].debugDescription) in session \(session)")
                    }
                }
            }
            for (g, members) in groupMembers.enumerated() {
                let tables = Set(members.compactMap { seat[s][$0] >= 0 ? seat[s][$0] : nil })
                if tables.count > 1 {
                    add(.groupSplit, "group \(request.attendees[groupMembers[g][0]].group?.debugDescription ?? "") is split over tables \(tables.sorted().map { tableIDs[$0] }) in session \(session)")
                }
            }
            let members = tableMembers(seat, session: s)
            for t in 0..<tableCount where !members[t].isEmpty {
                let n = members[t].count
                if n > capacity[t] {
                    add(.overCapacity, "table \(tableIDs[t].debugDescription) holds \(n) in session \(session), over its capacity \(capacity[t])")
                }
                if n < minSize[t] {
                    add(.underMinSize, "table \(tableIDs[t].debugDescription) holds \(n) in session \(session), under its minSize \(minSize[t])")
                }
                let counts = valueCounts(of: members[t])
                for rule in rules where rule.isHard {
                    let units = ruleViolation(rule, size: n, counts: counts[rule.attribute])
                    if units > 0 {
                        add(.hardRule, "rule \(rule.rule.summary) is broken at table \(tableIDs[t].debugDescription) in session \(session) by \(units)")
                    }
                }
            }
        }
        return found
    }
}

/// The balance shares p(s,v) of one session.
struct SessionShares {
    /// Per balanced attribute (in `instance.balance` order): its index, weight, and (value, share) pairs present in the session.
    let terms: [(attribute: Int, weight: Double, shares: [(value: Int, share: Double)])]

    init(instance: Instance, session s: Int) {
        let count = Double(instance.presentIn[s].count)
        terms = instance.balance.map { a, weight in
            let totals = instance.valueTotals(attribute: a, session: s)
            let shares = totals.enumerated().compactMap { v, total in total > 0 ? (v, Double(total) / count) : nil }
            return (a, weight, shares)
        }
    }

    /// The balance term of one table.
    func balance(size n: Int, counts: [[Int]]) -> Double {
        var total = 0.0
        for term in terms {
            for (v, p) in term.shares { total += term.weight * abs(Double(counts[term.attribute][v]) - p * Double(n)) }
        }
        return total
    }
}

/// One table in one session of a plan: who sits there and what the table costs.
public struct TableReport: Sendable, Equatable {
    public var session: String
    public var table: String
    public var topic: String?
    public var capacity: Int
    /// Attendee ids, in request order.
    public var attendees: [String]
    /// Balance term of this table (all balanced attributes).
    public var balance: Double
    /// Size term of this table.
    public var size: Double
    /// Soft-rule penalties at this table.
    public var rules: Double
    /// Per balanced attribute: value to count at this table.
    public var mix: [String: [String: Int]]

    public var total: Double { balance + size + rules }
}

extension SeatingRequest {
    /// Per-session, per-table reports of `assignments` (every table available in each
    /// session, empty ones included), in session then table order.
    public func tableReports(_ assignments: [Assignment]) throws(RequestError) -> [TableReport] {
        let instance = try makeInstance().get()
        var ignored: [Violation] = []
        let seat = instance.seating(from: assignments, violations: &ignored)
        var reports: [TableReport] = []
        for s in 0..<instance.sessionCount {
            let members = instance.tableMembers(seat, session: s)
            let shares = SessionShares(instance: instance, session: s)
            for t in instance.tablesIn[s] {
                let counts = instance.valueCounts(of: members[t])
                let n = members[t].count
                var rules = 0.0
                for rule in instance.rules where !rule.isHard {
                    rules += (rule.weight ?? 0) * Double(instance.ruleViolation(rule, size: n, counts: counts[rule.attribute]))
                }
                var mix: [String: [String: Int]] = [:]
                for (a, _) in instance.balance {
                    var values: [String: Int] = [:]
                    for (v, c) in counts[a].enumerated() where c > 0 { values[instance.valueNames[a][v]] = c }
                    mix[instance.attributeNames[a]] = values
                }
                reports.append(TableReport(
                    session: sessions[s], table: tables[t].id, topic: tables[t].topic, capacity: tables[t].capacity,
                    attendees: members[t].map { attendees[$0].id }, balance: shares.balance(size: n, counts: counts),
                    size: instance.weights.size * abs(Double(n) - instance.targetSize(session: s, table: t)),
                    rules: rules, mix: mix))
            }
        }
        return reports
    }
}
