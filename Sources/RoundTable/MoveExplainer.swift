/// Lists who sits elsewhere than in the previous plan, and why, in organizer terms.
struct MoveExplainer {
    let instance: Instance
    let items: [SessionItems]

    func moves(_ seat: [[Int]]) -> [Move] {
        guard let previous = instance.request.previous else { return [] }
        var result: [Move] = []
        let base = instance.score(seat)
        let attendeeIndex = Dictionary(instance.attendeeIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let tableIndex = Dictionary(instance.tableIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sessionIndex = Dictionary(instance.sessionNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        // Seats whose table is gone or closed in that session.
        for entry in previous.assignments {
            guard let i = attendeeIndex[entry.attendee] else { continue }
            let s = entry.session.flatMap { sessionIndex[$0] } ?? (instance.sessionCount == 1 ? 0 : nil)
            guard let s, instance.present[i][s], seat[s][i] >= 0, instance.previousSeat[s][i] < 0 else { continue }
            let gone = tableIndex[entry.table].map { !instance.available[$0][s] } ?? true
            guard gone, entry.table != instance.tableIDs[seat[s][i]] else { continue }
            result.append(Move(
                attendee: entry.attendee, session: instance.sessionNames[s], from: entry.table, to: instance.tableIDs[seat[s][i]],
                reason: "table \(entry.table.debugDescription) is no longer available in session \(instance.sessionNames[s].debugDescription)"))
        }
        // Seats that still exist: what moving the item back would break or cost.
        for s in 0..<instance.sessionCount {
            for group in items[s].members {
                let moved = group.filter { instance.previousSeat[s][$0] >= 0 && instance.previousSeat[s][$0] != seat[s][$0] }
                guard let first = moved.first else { continue }
                let back = instance.previousSeat[s][first]
                var trial = seat
                for i in group { trial[s][i] = back }
                let broken = instance.violations(trial)
                let reason: String
                if let violation = broken.first {
                    reason = "back at \(instance.tableIDs[back].debugDescription): \(violation.message)"
                } else {
                    let other = instance.score(trial)
                    let parts = [("balance", other.balance - base.balance), ("size", other.size - base.size),
                                 ("topics", other.topics - base.topics), ("repeats", other.repeats - base.repeats),
                                 ("rules", other.rules - base.rules)]
                        .filter { abs($0.1) > 1e-9 }
                        .map { "\($0.0) \($0.1 > 0 ? "+" : "")\(String(format: "%.2f", $0.1))" }
                    reason = "back at \(instance.tableIDs[back].debugDescription) the plan would score \(String(format: "%.2f", other.total - base.total)) more (\(parts.joined(separator: ", ")), moves -\(formatNumber(instance.weights.moves * Double(moved.count))))"
                }
                for i in moved {
                    result.append(Move(
                        attendee: instance.attendeeIDs[i], session: instance.sessionNames[s],
                        from: instance.tableIDs[instance.previousSeat[s][i]], to: instance.tableIDs[seat[s][i]], reason: reason))
                }
            }
        }
        return result
    }
}
