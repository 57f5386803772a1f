extension SeatingRequest {
    /// The largest capacity, rule bound or count accepted; larger numbers are request errors.
    public static let largestCount = 1_000_000
    /// The largest weight accepted (larger finite weights would overflow the search's penalties).
    public static let largestWeight = 1e15

    /// Checks every precise point of MODEL.md and returns the issues found (empty when valid).
    public func validationIssues() -> [RequestIssue] {
        switch makeInstance() {
        case .success: return []
        case .failure(let error): return error.issues
        }
    }

    /// Throws a ``RequestError`` listing every issue, or returns normally when the request is valid.
    public func validate() throws(RequestError) {
        if case .failure(let error) = makeInstance() { throw error }
    }

    func makeInstance() -> Result<Instance, RequestError> {
        var issues: [RequestIssue] = []
        func issue(_ location: String, _ cause: String, _ fix: String) {
            issues.append(RequestIssue(location: location, cause: cause, fix: fix))
        }
        func attendeeLocation(_ index: Int) -> String {
            "attendees[\(index)] (id \(attendees[index].id.debugDescription))"
        }
        func tableLocation(_ index: Int) -> String { "tables[\(index)] (id \(tables[index].id.debugDescription))" }

        // Sessions.
        if sessions.isEmpty { issue("sessions", "the list is empty", "name at least one session, or leave `sessions` out for one session") }
        var sessionIndex: [String: Int] = [:]
        for (s, name) in sessions.enumerated() {
            if sessionIndex[name] != nil {
                issue("sessions[\(s)]", "session \(name.debugDescription) is listed twice", "give each session a distinct name")
            } else {
                sessionIndex[name] = s
            }
        }
        let sessionCount = sessions.count

        // Tables.
        if tables.isEmpty { issue("tables", "the list is empty", "add at least one table") }
        var tableIndex: [String: Int] = [:]
        var topicIndex: [String: Int] = [:]
        var topicNames: [String] = []
        func topicID(_ name: String) -> Int {
            if let id = topicIndex[name] { return id }
            topicNames.append(name)
            topicIndex[name] = topicNames.count - 1
            return topicNames.count - 1
        }
        var available = [[Bool]](repeating: [Bool](repeating: true, count: sessionCount), count: tables.count)
        var tableTopic: [Int?] = []
        for (t, table) in tables.enumerated() {
            if table.id.isEmpty { issue(tableLocation(t) + ".id", "the id is empty", "give the table a non-empty id") }
            if tableIndex[table.id] != nil {
                issue(tableLocation(t) + ".id", "table id \(table.id.debugDescription) is used twice", "give each table a distinct id")
            } else {
                tableIndex[table.id] = t
            }
            if table.capacity < 1 || table.capacity > Self.largestCount {
                issue(tableLocation(t) + ".capacity", "capacity \(table.capacity) is not a positive integer up to \(Self.largestCount)", "set a capacity of at least 1 seat")
            }
            if table.minSize < 0 || table.minSize > table.capacity {
                issue(tableLocation(t) + ".minSize", "minSize \(table.minSize) is not between 0 and the capacity \(table.capacity)", "set minSize from 0 to \(table.capacity), or leave it out")
            }
            tableTopic.append(table.topic.map(topicID))
            if let names = table.sessions {
                available[t] = [Bool](repeating: false, count: sessionCount)
                for name in names {
                    if let s = sessionIndex[name] { available[t][s] = true } else {
                        issue(tableLocation(t) + ".sessions", "session \(name.debugDescription) is not one of the request's sessions \(sessions)", "use one of the names in `sessions`")
                    }
                }
            }
        }

        // Attendees.
        var attendeeIndex: [String: Int] = [:]
        for (i, attendee) in attendees.enumerated() {
            if attendee.id.isEmpty { issue(attendeeLocation(i) + ".id", "the id is empty", "give the attendee a non-empty id") }
            if attendeeIndex[attendee.id] != nil {
                issue(attendeeLocation(i) + ".id", "attendee id \(attendee.id.debugDescription) is used twice (first at attendees[\(attendeeIndex[attendee.id] ?? 0)])", "give each attendee a distinct id")
            } else {
                attendeeIndex[attendee.id] = i
            }
        }
        var present = [[Bool]](repeating: [Bool](repeating: true, count: sessionCount), count: attendees.count)
        var groupIndex: [String: Int] = [:]
        var groupMembers: [[Int]] = []
        var group: [Int?] = []
        var avoidSets = [Set<Int>](repeating: [], count: attendees.count)
        var pin = [[Int?]](repeating: [Int?](repeating: nil, count: sessionCount), count: attendees.count)
        var rankMaps: [[Int: Int]] = []
        var topicLength: [Int] = []
        for (i, attendee) in attendees.enumerated() {
            if let names = attendee.sessions {
                present[i] = [Bool](repeating: false, count: sessionCount)
                for name in names {
                    if let s = sessionIndex[name] { present[i][s] = true } else {
                        issue(attendeeLocation(i) + ".sessions", "session \(name.debugDescription) is not one of the request's sessions \(sessions)", "use one of the names in `sessions`")
                    }
                }
            }
            if let name = attendee.group {
                if let g = groupIndex[name] {
                    groupMembers[g].append(i)
                    group.append(g)
                } else {
                    groupIndex[name] = groupMembers.count
                    group.append(groupMembers.count)
                    groupMembers.append([i])
                }
            } else {
                group.append(nil)
            }
            for other in attendee.avoid {
                guard let j = attendeeIndex[other] else {
                    issue(attendeeLocation(i) + ".avoid", "attendee \(other.debugDescription) does not exist", "name an attendee id from `attendees`, or remove it")
                    continue
                }
                if j == i {
                    issue(attendeeLocation(i) + ".avoid", "the attendee avoids themself", "remove their own id from `avoid`")
                    continue
                }
                avoidSets[i].insert(j)
                avoidSets[j].insert(i)
            }
            switch attendee.pin {
            case nil: break
            case .table(let tableID):
                if let t = tableIndex[tableID] {
                    for s in 0..<sessionCount where present[i][s] { pin[i][s] = t }
                } else {
                    issue(attendeeLocation(i) + ".pin", "table \(tableID.debugDescription) does not exist", "pin to a table id from `tables`, or remove the pin")
                }
            case .perSession(let bySession):
                for (sessionName, tableID) in bySession.sorted(by: { $0.key < $1.key }) {
                    let location = attendeeLocation(i) + ".pin.\(sessionName)"
                    guard let s = sessionIndex[sessionName] else {
                        issue(location, "session \(sessionName.debugDescription) is not one of the request's sessions \(sessions)", "use one of the names in `sessions`")
                        continue
                    }
                    guard let t = tableIndex[tableID] else {
                        issue(location, "table \(tableID.debugDescription) does not exist", "pin to a table id from `tables`")
                        continue
                    }
                    if !present[i][s] {
                        issue(location, "the attendee does not attend session \(sessionName.debugDescription)", "remove this pin or add the session to the attendee's `sessions`")
                    } else if !available[t][s] {
                        issue(location, "table \(tableID.debugDescription) is not available in session \(sessionName.debugDescription)", "pin to a table available in that session, or add the session to the table's `sessions`")
                    } else {
                        pin[i][s] = t
                    }
                }
            }
            var ranks: [Int: Int] = [:]
            for name in attendee.topics where ranks[topicID(name)] == nil { ranks[topicID(name)] = ranks.count }
            topicLength.append(ranks.count)
            rankMaps.append(ranks)
        }
        // Every topic is known now: a rank per topic, L for those not listed.
        let topicRank: [[Int]] = rankMaps.enumerated().map { i, ranks in
            guard !ranks.isEmpty else { return [] }
            var row = [Int](repeating: topicLength[i], count: topicNames.count)
            for (x, r) in ranks { row[x] = r }
            return row
        }
        for members in groupMembers where members.count > 1 {
            for a in members { for b in members where a < b && avoidSets[a].contains(b) {
                issue(attendeeLocation(a) + ".avoid", "attendee \(attendees[a].id.debugDescription) avoids \(attendees[b].id.debugDescription), but both are in group \(attendees[a].group.map { $0.debugDescription } ?? "")", "remove the avoid or put them in different groups")
            } }
        }

        // Objective.
        func checkWeight(_ value: Double, _ location: String) {
            if !value.isFinite || value < 0 {
                issue(location, "weight \(value) is not a finite non-negative number", "use a number of 0 or more")
            } else if value > Self.largestWeight {
                issue(location, "weight \(value) is too large", "use a weight up to 1e15 (scale the other weights down instead)")
            }
        }
        for (name, weight) in objective.balance.sorted(by: { $0.key < $1.key }) { checkWeight(weight, "objective.balance.\(name)") }
        checkWeight(objective.size, "objective.size")
        checkWeight(objective.topics, "objective.topics")
        checkWeight(objective.repeats, "objective.repeats")
        checkWeight(objective.moves, "objective.moves")

        // Attributes that matter: balanced (positive weight) and ruled.
        var attributeNames: [String] = []
        var attributeIndex: [String: Int] = [:]
        func attributeID(_ name: String) -> Int {
            if let a = attributeIndex[name] { return a }
            attributeNames.append(name)
            attributeIndex[name] = attributeNames.count - 1
            return attributeNames.count - 1
        }
        var balance: [(attribute: Int, weight: Double)] = []
        for (name, weight) in objective.balance.sorted(by: { $0.key < $1.key }) where weight > 0 && weight.isFinite {
            balance.append((attributeID(name), weight))
        }
        for (r, rule) in rules.enumerated() {
            let location = "rules[\(r)] (\(rule.attribute))"
            if rule.attribute.isEmpty { issue(location + ".attribute", "the attribute name is empty", "name an attendee attribute") }
            if rule.min == nil && rule.max == nil && rule.maxPerValue == nil && rule.minDistinct == nil {
                issue(location, "the rule has none of min, max, maxPerValue, minDistinct", "add one of them, e.g. \"maxPerValue\": 1")
            }
            if (rule.min != nil || rule.max != nil) && rule.value == nil {
                issue(location, "min/max need a `value` to count", "add \"value\": the attribute value to count, or use maxPerValue")
            }
            for (field, bound) in [("min", rule.min), ("max", rule.max), ("maxPerValue", rule.maxPerValue), ("minDistinct", rule.minDistinct)] {
                if let bound, bound < 0 || bound > Self.largestCount {
                    issue(location + "." + field, "\(field) \(bound) is not an integer from 0 to \(Self.largestCount)", "use a non-negative whole number")
                }
            }
            if let weight = rule.weight { checkWeight(weight, location + ".weight") }
            _ = attributeID(rule.attribute)
        }

        guard issues.isEmpty else { return .failure(RequestError(issues: issues)) }

        // Attribute values, in first-seen order.
        var valueNames = [[String]](repeating: [], count: attributeNames.count)
        var valueIndex = [[String: Int]](repeating: [:], count: attributeNames.count)
        var holds = [[[Int]]](repeating: [[Int]](repeating: [], count: attendees.count), count: attributeNames.count)
        for (a, name) in attributeNames.enumerated() {
            for (i, attendee) in attendees.enumerated() {
                guard let value = attendee.attributes[name] else { continue }
                holds[a][i] = value.values.map { v in
                    if let id = valueIndex[a][v] { return id }
                    valueNames[a].append(v)
                    valueIndex[a][v] = valueNames[a].count - 1
                    return valueNames[a].count - 1
                }
            }
        }
        let normalized = rules.enumerated().map { r, rule in
            let a = attributeIndex[rule.attribute] ?? 0
            return Instance.NormalizedRule(
                index: r, rule: rule, attribute: a, value: rule.value.map { valueIndex[a][$0] ?? -1 }, weight: rule.weight)
        }
        // Previous plan (extension): seats of attendees, sessions and tables that still exist.
        var previousSeat = [[Int]](repeating: [Int](repeating: -1, count: attendees.count), count: sessionCount)
        if let previous {
            for entry in previous.assignments {
                guard let i = attendeeIndex[entry.attendee], let t = tableIndex[entry.table] else { continue }
                let s = entry.session.flatMap { sessionIndex[$0] } ?? (sessionCount == 1 ? 0 : nil)
                guard let s, present[i][s], available[t][s] else { continue }
                previousSeat[s][i] = t
            }
            for (n, id) in previous.locked.enumerated() {
                guard let i = attendeeIndex[id] else {
                    issues.append(RequestIssue(location: "previous.locked[\(n)]", cause: "attendee \(id.debugDescription) does not exist", fix: "lock attendees of the request only"))
                    continue
                }
                for s in 0..<sessionCount where previousSeat[s][i] >= 0 && pin[i][s] == nil { pin[i][s] = previousSeat[s][i] }
            }
            if !issues.isEmpty { return .failure(RequestError(issues: issues)) }
        }
        let tablesIn = (0..<sessionCount).map { s in tables.indices.filter { available[$0][s] } }
        let presentIn = (0..<sessionCount).map { s in attendees.indices.filter { present[$0][s] } }
        return .success(
            Instance(
                request: self, sessionCount: sessionCount, tableCount: tables.count, attendeeCount: attendees.count,
                capacity: tables.map(\.capacity), minSize: tables.map(\.minSize), tableTopic: tableTopic,
                topicNames: topicNames, available: available, tablesIn: tablesIn, present: present,
                presentIn: presentIn, group: group, groupMembers: groupMembers,
                avoid: avoidSets.map { $0.sorted() }, pin: pin, attributeNames: attributeNames,
                valueNames: valueNames, holds: holds, balance: balance, rules: normalized,
                topicRank: topicRank, topicLength: topicLength, weights: objective, previousSeat: previousSeat,
                attendeeIDs: attendees.map(\.id), tableIDs: tables.map(\.id)))
    }
}
