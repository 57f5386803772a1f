import RoundTable

/// An independent scorer written from shared/MODEL.md alone. It uses only the
/// public request and assignment types of `RoundTable`, never the library's own
/// validation or scoring, so that the two can be compared.
///
/// It assumes the request is valid (MODEL.md "Precise points"); malformed plan
/// entries are reported as violations and ignored for the score.
struct ReferenceScore: Equatable, CustomStringConvertible {
    var balance = 0.0
    var size = 0.0
    var topics = 0.0
    var repeats = 0.0
    var rules = 0.0
    /// Every broken hard constraint or malformed plan entry, in words.
    var violations: [String] = []

    var total: Double { balance + size + topics + repeats + rules }
    var isValid: Bool { violations.isEmpty }

    var description: String {
        "total \(total) = balance \(balance) + size \(size) + topics \(topics) + repeats \(repeats) + rules \(rules); violations \(violations)"
    }
}

/// A request with names resolved to indices (sessions `s`, tables `t`, attendees `i`), in request order.
struct ReferenceModel {
    let request: SeatingRequest
    let sessionNames: [String]
    let tableIDs: [String]
    let attendeeIDs: [String]
    /// `attends[i][s]`.
    let attends: [[Bool]]
    /// `available[t][s]`.
    let available: [[Bool]]
    /// `pinned[i][s]`: the table attendee `i` must take in session `s`.
    let pinned: [[Int?]]
    /// `avoids[i][j]`, symmetric.
    let avoids: [[Bool]]
    /// `sameGroup[i][j]`: both have a group and it is the same one.
    let sameGroup: [[Bool]]
    /// Distinct values each attendee holds, per attribute name (absent: empty set).
    let holds: [String: [Set<String>]]
    /// Per attendee: distinct topics in listed order (first position wins).
    let topicLists: [[String]]

    init(_ request: SeatingRequest) {
        self.request = request
        sessionNames = request.sessions
        tableIDs = request.tables.map(\.id)
        attendeeIDs = request.attendees.map(\.id)
        let sessions = request.sessions
        attends = request.attendees.map { person in
            sessions.map { person.sessions?.contains($0) ?? true }
        }
        available = request.tables.map { table in
            sessions.map { table.sessions?.contains($0) ?? true }
        }
        let tableIndex = Dictionary(request.tables.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        pinned = request.attendees.map { person in
            sessions.map { session -> Int? in
                guard person.sessions?.contains(session) ?? true else { return nil }
                switch person.pin {
                case nil: return nil
                case .table(let id): return tableIndex[id]
                case .perSession(let bySession): return bySession[session].flatMap { tableIndex[$0] }
                }
            }
        }
        avoids = request.attendees.map { a in
            request.attendees.map { b in a.avoid.contains(b.id) || b.avoid.contains(a.id) }
        }
        sameGroup = request.attendees.map { a in
            request.attendees.map { b in a.group != nil && a.group == b.group }
        }
        var attributeNames = Set(request.objective.balance.keys)
        for rule in request.rules { attributeNames.insert(rule.attribute) }
        var holds: [String: [Set<String>]] = [:]
        for name in attributeNames {
            holds[name] = request.attendees.map { person in
                switch person.attributes[name] {
                case nil: return []
                case .single(let value): return [value]
                case .multiple(let values): return Set(values)
                }
            }
        }
        self.holds = holds
        topicLists = request.attendees.map { person in
            var seen: [String] = []
            for topic in person.topics where !seen.contains(topic) { seen.append(topic) }
            return seen
        }
    }

    var sessionCount: Int { sessionNames.count }
    var tableCount: Int { tableIDs.count }
    var attendeeCount: Int { attendeeIDs.count }

    func present(in s: Int) -> [Int] { (0..<attendeeCount).filter { attends[$0][s] } }
    func tables(in s: Int) -> [Int] { (0..<tableCount).filter { available[$0][s] } }

    // MARK: Reading a plan

    /// `seat[s][i]`: the table of attendee `i` in session `s`, from named assignments.
    func seating(_ assignments: [Assignment], violations: inout [String]) -> [[Int?]] {
        var seat = [[Int?]](repeating: [Int?](repeating: nil, count: attendeeCount), count: sessionCount)
        for entry in assignments {
            let s: Int
            if let name = entry.session {
                guard let index = sessionNames.firstIndex(of: name) else {
                    violations.append("unknown session \(name)")
                    continue
                }
                s = index
            } else {
                guard sessionCount == 1 else {
                    violations.append("\(entry.attendee): no session in a multi-session request")
                    continue
                }
                s = 0
            }
            guard let i = attendeeIDs.firstIndex(of: entry.attendee) else {
                violations.append("unknown attendee \(entry.attendee)")
                continue
            }
            guard let t = tableIDs.firstIndex(of: entry.table) else {
                violations.append("unknown table \(entry.table)")
                continue
            }
            guard seat[s][i] == nil else {
                violations.append("\(entry.attendee) has two entries in \(sessionNames[s])")
                continue
            }
            seat[s][i] = t
        }
        return seat
    }

    // MARK: Hard constraints (MODEL.md 1-6)

    /// Broken hard constraints of one session; stops at the first when `firstOnly`.
    func violations(session s: Int, seat tableOf: [Int?], firstOnly: Bool = false) -> [String] {
        var found: [String] = []
        func add(_ text: @autoclosure () -> String) -> Bool {
            found.append(text())
            return firstOnly
        }
        let session = sessionNames[s]
        for i in 0..<attendeeCount {
            let who = attendeeIDs[i]
            switch (attends[i][s], tableOf[i]) {
            case (true, nil):
                if add("\(who) attends \(session) but has no seat") { return found }
            case (false, .some(let t)):
                if add("\(who) does not attend \(session) but sits at \(tableIDs[t])") { return found }
            default: break
            }
            if let t = tableOf[i], !available[t][s] {
                if add("\(who) sits at \(tableIDs[t]), unavailable in \(session)") { return found }
            }
            if let t = tableOf[i], let pin = pinned[i][s], pin != t {
                if add("\(who) is pinned to \(tableIDs[pin]) in \(session) but sits at \(tableIDs[t])") { return found }
            }
        }
        for i in 0..<attendeeCount {
            for j in (i + 1)..<max(i + 1, attendeeCount) {
                guard let ti = tableOf[i], let tj = tableOf[j] else { continue }
                if sameGroup[i][j], attends[i][s], attends[j][s], ti != tj {
                    if add("group of \(attendeeIDs[i]) and \(attendeeIDs[j]) split in \(session)") { return found }
                }
                if avoids[i][j], ti == tj {
                    if add("\(attendeeIDs[i]) and \(attendeeIDs[j]) avoid each other but share \(tableIDs[ti]) in \(session)") {
                        return found
                    }
                }
            }
        }
        for t in 0..<tableCount {
            let members = (0..<attendeeCount).filter { tableOf[$0] == t }
            guard !members.isEmpty else { continue }
            let table = request.tables[t]
            if members.count > table.capacity {
                if add("\(table.id) holds \(members.count) > capacity \(table.capacity) in \(session)") { return found }
            }
            if members.count < table.minSize {
                if add("\(table.id) holds \(members.count) < minSize \(table.minSize) in \(session)") { return found }
            }
            for (r, rule) in request.rules.enumerated() where rule.weight == nil {
                let units = violationUnits(rule, members: members)
                if units > 0, add("hard rule \(r) broken by \(units) at \(table.id) in \(session)") { return found }
            }
        }
        return found
    }

    /// Units of violation of `rule` at a non-empty table (MODEL.md "Rules").
    func violationUnits(_ rule: Rule, members: [Int]) -> Int {
        guard !members.isEmpty else { return 0 }
        var counts: [String: Int] = [:]
        let held = holds[rule.attribute] ?? []
        for i in members { for value in held[i] { counts[value, default: 0] += 1 } }
        var units = 0
        if let value = rule.value {
            let count = counts[value] ?? 0
            if let low = rule.min, count < low { units += low - count }
            if let high = rule.max, count > high { units += count - high }
        }
        if let cap = rule.maxPerValue {
            for count in counts.values where count > cap { units += count - cap }
        }
        if let want = rule.minDistinct, counts.count < want { units += want - counts.count }
        return units
    }

    // MARK: Score terms

    /// balance, size and soft-rule penalties of one session (the terms that do not couple sessions).
    func sessionTerms(session s: Int, seat tableOf: [Int?]) -> (balance: Double, size: Double, rules: Double) {
        let present = present(in: s)
        let tables = tables(in: s)
        var balance = 0.0
        var size = 0.0
        var rules = 0.0
        let totalCapacity = tables.reduce(0) { $0 + request.tables[$1].capacity }
        for t in tables {
            let members = (0..<attendeeCount).filter { tableOf[$0] == t }
            let n = Double(members.count)
            for (attribute, weight) in request.objective.balance {
                let held = holds[attribute] ?? []
                var sessionValues = Set<String>()
                for i in present { sessionValues.formUnion(held[i]) }
                for value in sessionValues {
                    let share = Double(present.filter { held[$0].contains(value) }.count) / Double(present.count)
                    let here = Double(members.filter { held[$0].contains(value) }.count)
                    balance += weight * abs(here - share * n)
                }
            }
            let target = totalCapacity > 0
                ? Double(present.count) * Double(request.tables[t].capacity) / Double(totalCapacity) : 0
            size += request.objective.size * abs(n - target)
            for rule in request.rules {
                guard let weight = rule.weight else { continue }
                rules += weight * Double(violationUnits(rule, members: members))
            }
        }
        return (balance, size, rules)
    }

    /// The unweighted topics term of one attendee over all sessions.
    func topicCost(attendee i: Int, seat: [[Int?]]) -> Int {
        let list = topicLists[i]
        guard !list.isEmpty else { return 0 }
        var visits: [String: Int] = [:]
        for s in 0..<sessionCount {
            if let t = seat[s][i], let topic = request.tables[t].topic { visits[topic, default: 0] += 1 }
        }
        var cost = 0
        for (topic, count) in visits {
            cost += (list.firstIndex(of: topic) ?? list.count) + list.count * (count - 1)
        }
        return cost
    }

    /// The unweighted repeats term: over pairs not in one group, max(0, m - 1).
    func repeatCount(seat: [[Int?]]) -> Int {
        var total = 0
        for i in 0..<attendeeCount {
            for j in (i + 1)..<max(i + 1, attendeeCount) where !sameGroup[i][j] {
                var m = 0
                for s in 0..<sessionCount where attends[i][s] && attends[j][s] {
                    if let t = seat[s][i], seat[s][j] == t { m += 1 }
                }
                total += max(0, m - 1)
            }
        }
        return total
    }

    /// The full MODEL.md score and hard-constraint check of a seating.
    func score(seat: [[Int?]]) -> ReferenceScore {
        var result = ReferenceScore()
        for s in 0..<sessionCount {
            let terms = sessionTerms(session: s, seat: seat[s])
            result.balance += terms.balance
            result.size += terms.size
            result.rules += terms.rules
            result.violations += violations(session: s, seat: seat[s])
        }
        result.topics = request.objective.topics * Double((0..<attendeeCount).reduce(0) { $0 + topicCost(attendee: $1, seat: seat) })
        result.repeats = request.objective.repeats * Double(repeatCount(seat: seat))
        return result
    }

    /// Distinct other people each attendee shares a table with over all sessions.
    func peopleMet(seat: [[Int?]]) -> [String: Int] {
        var met: [String: Int] = [:]
        for i in 0..<attendeeCount {
            var others = Set<Int>()
            for s in 0..<sessionCount {
                guard let t = seat[s][i] else { continue }
                for j in 0..<attendeeCount where j != i && seat[s][j] == t { others.insert(j) }
            }
            met[attendeeIDs[i]] = others.count
        }
        return met
    }

    /// Named assignments of a seating, session-major.
    func assignments(seat: [[Int?]]) -> [Assignment] {
        var result: [Assignment] = []
        for s in 0..<sessionCount {
            for i in 0..<attendeeCount {
                if let t = seat[s][i] {
                    result.append(Assignment(attendee: attendeeIDs[i], session: sessionNames[s], table: tableIDs[t]))
                }
            }
        }
        return result
    }
}

enum ReferenceScorer {
    /// Scores `assignments` against `request` as MODEL.md defines, and lists broken hard constraints.
    static func score(_ request: SeatingRequest, _ assignments: [Assignment]) -> ReferenceScore {
        let model = ReferenceModel(request)
        var malformed: [String] = []
        let seat = model.seating(assignments, violations: &malformed)
        var result = model.score(seat: seat)
        result.violations = malformed + result.violations
        return result
    }
}

/// Scores agree when |a - b| <= 1e-6 * max(1, |b|) (MODEL.md "Tolerances").
func agrees(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }

func tolerance(_ b: Double) -> Double { 1e-6 * max(1, abs(b)) }
