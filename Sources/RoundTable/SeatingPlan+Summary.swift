extension SeatingPlan {
    /// A readable per-session, per-table summary: who sits where, each table's mix
    /// by balanced attribute, the score terms, status, bound and gap.
    public func summary(for request: SeatingRequest) -> String {
        var lines: [String] = []
        let attendees = Dictionary(request.attendees.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let balanced = request.objective.balance.filter { $0.value > 0 }.keys.sorted()
        for session in request.sessions {
            let seats = assignments.filter { ($0.session ?? request.sessions.first) == session }
            guard !seats.isEmpty else { continue }
            lines.append("== Session \(session): \(seats.count) attendees")
            for table in request.tables {
                let here = seats.filter { $0.table == table.id }.compactMap { attendees[$0.attendee] }
                guard !here.isEmpty else { continue }
                let topic = table.topic.map { ", topic \($0)" } ?? ""
                lines.append("  \(table.id) (\(here.count)/\(table.capacity)\(topic))")
                let names = here.map { person -> String in
                    let met = peopleMet[person.id].map { " [met \($0)]" } ?? ""
                    return (person.name ?? person.id) + (request.sessions.count > 1 ? met : "")
                }
                lines.append("    " + names.joined(separator: ", "))
                for attribute in balanced {
                    var counts: [String: Int] = [:]
                    for person in here { for value in person.attributes[attribute]?.values ?? [] { counts[value, default: 0] += 1 } }
                    let mix = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                        .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    lines.append("    \(attribute): \(mix.isEmpty ? "-" : mix)")
                }
            }
        }
        lines.append("Status: \(status.rawValue) (\(method), \(String(format: "%.2f", seconds)) s)")
        if let objective {
            lines.append(
                "Score: total \(fmt(objective.total)) = balance \(fmt(objective.balance)) + size \(fmt(objective.size)) + topics \(fmt(objective.topics)) + repeats \(fmt(objective.repeats)) + rules \(fmt(objective.rules))"
            )
        }
        lines.append("Bound: \(bound.map(fmt) ?? "none")  Gap: \(relativeGap.map { String(format: "%.2f%%", $0 * 100) } ?? "unknown")")
        if let boundProof { lines.append("Proof: \(boundProof)") }
        if !peopleMet.isEmpty, request.sessions.count > 1 {
            let values = peopleMet.values.sorted()
            let mean = Double(values.reduce(0, +)) / Double(max(1, values.count))
            lines.append("People met per attendee: min \(values.first ?? 0), mean \(String(format: "%.1f", mean)), max \(values.last ?? 0)")
        }
        if let objective, objective.moves > 0 || !moves.isEmpty {
            let people = Set(moves.map(\.attendee)).count
            lines.append("Moves: \(moves.count) seat changes (\(people) attendees) from the previous plan, costing \(fmt(objective.moves))")
            for move in moves { lines.append("  \(move.attendee) \(move.session): \(move.from) -> \(move.to): \(move.reason)") }
        }
        for reason in explanation { lines.append("Why: \(reason)") }
        for fix in fixes { lines.append("Fix: \(fix.description)") }
        return lines.joined(separator: "\n")
    }
}

private func fmt(_ value: Double) -> String { String(format: "%.4f", value) }
