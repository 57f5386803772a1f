import Foundation
import GLPKBackend
import MIP

/// Explains an infeasible request in organizer terms: the smallest set of rules,
/// pins, groups, avoids and capacities that conflict in a session (found by relaxing
/// them one family at a time and re-solving), and fixes that make the request
/// feasible, each checked by re-solving.
struct ConflictAnalysis {
    /// A constraint that can be relaxed as a whole.
    enum Family: Hashable {
        case capacity, minSize
        case rule(Int)
        case pin(Int)
        case group(Int)
        case avoid(Int, Int)
    }

    let instance: Instance
    let deadline: Date

    /// Conflict and fix lines for the infeasible `sessions`.
    func explain(sessions: [Int]) -> (conflicts: [String], fixes: [String]) {
        var conflicts: [String] = []
        var fixes: [String] = []
        for s in sessions where deadline.timeIntervalSinceNow > 0.1 {
            let kept = minimalConflict(session: s)
            guard !kept.isEmpty else { continue }
            conflicts.append("in session \(instance.sessionNames[s].debugDescription) these conflict: " + kept.map(describe).joined(separator: "; "))
            for family in kept {
                guard deadline.timeIntervalSinceNow > 0.1 else { break }
                if let fix = fix(family, sessions: sessions, focus: s) { fixes.append(fix) }
            }
        }
        return (conflicts, fixes)
    }

    // MARK: The conflict

    private func families(session s: Int) -> [Family] {
        var list: [Family] = []
        for i in instance.presentIn[s] where instance.pin[i][s] != nil { list.append(.pin(i)) }
        for i in instance.presentIn[s] {
            for j in instance.avoid[i] where j > i && instance.present[j][s] { list.append(.avoid(i, j)) }
        }
        for (g, members) in instance.groupMembers.enumerated() where members.filter({ instance.present[$0][s] }).count > 1 {
            list.append(.group(g))
        }
        for rule in instance.rules where rule.isHard { list.append(.rule(rule.index)) }
        if instance.tablesIn[s].contains(where: { instance.minSize[$0] > 0 }) { list.append(.minSize) }
        list.append(.capacity)
        return list
    }

    /// A deletion filter: a family is dropped when the session stays infeasible without it.
    private func minimalConflict(session s: Int) -> [Family] {
        var relaxed = Set<Family>()
        let all = families(session: s)
        // Whole kinds first (many pins, avoids or groups are seldom all involved).
        let kinds: [(Family) -> Bool] = [
            { if case .pin = $0 { return true } else { return false } },
            { if case .avoid = $0 { return true } else { return false } },
            { if case .group = $0 { return true } else { return false } },
        ]
        for isKind in kinds {
            let batch = all.filter(isKind)
            guard batch.count > 1 else { continue }
            if feasible(relaxing: relaxed.union(batch), sessions: [s]) == false { relaxed.formUnion(batch) }
        }
        for family in all where !relaxed.contains(family) {
            guard deadline.timeIntervalSinceNow > 0.1 else { break }
            if feasible(relaxing: relaxed.union([family]), sessions: [s]) == false { relaxed.insert(family) }
        }
        return all.filter { !relaxed.contains($0) }
    }

    private func describe(_ family: Family) -> String {
        let ids = instance.attendeeIDs
        switch family {
        case .capacity:
            return "the table capacities (\(instance.tableCount) tables)"
        case .minSize:
            return "the tables' minSize"
        case .rule(let r):
            return "rule \(instance.request.rules[r].summary)"
        case .pin(let i):
            return "the pin of \(ids[i].debugDescription)"
        case .group(let g):
            return "group \(instance.request.attendees[instance.groupMembers[g][0]].group?.debugDescription ?? "") sitting together"
        case .avoid(let i, let j):
            return "\(ids[i].debugDescription) avoiding \(ids[j].debugDescription)"
        }
    }

    // MARK: Fixes, each checked by re-solving every infeasible session

    private func fix(_ family: Family, sessions: [Int], focus s: Int) -> String? {
        let session = instance.sessionNames[s]
        switch family {
        case .rule(let r):
            var request = instance.request
            request.rules[r].weight = 10
            if feasible(request, sessions: sessions) == true {
                return "make rule \(instance.request.rules[r].summary) soft (add \"weight\": 10): checked, a plan exists"
            }
        case .capacity:
            let largest = instance.tablesIn[s].map { instance.capacity[$0] }.max() ?? 10
            for extra in 1...10 where deadline.timeIntervalSinceNow > 0.1 {
                var request = instance.request
                for k in 1...extra {
                    request.tables.append(Table(id: "added-\(k)", capacity: largest, sessions: [session]))
                }
                if feasible(request, sessions: sessions) == true {
                    return "add \(extra) table\(extra == 1 ? "" : "s") of \(largest) seats in session \(session.debugDescription): checked, a plan exists"
                }
            }
        case .minSize:
            var request = instance.request
            for t in request.tables.indices { request.tables[t].minSize = 0 }
            if feasible(request, sessions: sessions) == true {
                return "lower the tables' minSize to 0: checked, a plan exists"
            }
        case .pin(let i):
            var request = instance.request
            request.attendees[i].pin = nil
            if feasible(request, sessions: sessions) == true {
                return "unpin \(instance.attendeeIDs[i].debugDescription): checked, a plan exists"
            }
        case .group(let g):
            var request = instance.request
            for i in instance.groupMembers[g] { request.attendees[i].group = nil }
            if feasible(request, sessions: sessions) == true {
                return "let group \(instance.request.attendees[instance.groupMembers[g][0]].group?.debugDescription ?? "") sit at different tables: checked, a plan exists"
            }
        case .avoid(let i, let j):
            var request = instance.request
            request.attendees[i].avoid.removeAll { $0 == instance.attendeeIDs[j] }
            request.attendees[j].avoid.removeAll { $0 == instance.attendeeIDs[i] }
            if feasible(request, sessions: sessions) == true {
                return "drop the avoid between \(instance.attendeeIDs[i].debugDescription) and \(instance.attendeeIDs[j].debugDescription): checked, a plan exists"
            }
        }
        return nil
    }

    // MARK: The feasibility oracle

    private func relaxedRequest(_ families: Set<Family>) -> SeatingRequest {
        var request = instance.request
        for family in families {
            switch family {
            case .capacity:
                for t in request.tables.indices { request.tables[t].capacity = max(request.tables[t].capacity, instance.attendeeCount, 1) }
            case .minSize:
                for t in request.tables.indices { request.tables[t].minSize = 0 }
            case .rule(let r):
                request.rules[r].weight = 1
            case .pin(let i):
                request.attendees[i].pin = nil
            case .group(let g):
                for i in instance.groupMembers[g] { request.attendees[i].group = nil }
            case .avoid(let i, let j):
                request.attendees[i].avoid.removeAll { $0 == instance.attendeeIDs[j] }
                request.attendees[j].avoid.removeAll { $0 == instance.attendeeIDs[i] }
            }
        }
        return request
    }

    private func feasible(relaxing families: Set<Family>, sessions: [Int]) -> Bool? {
        feasible(relaxedRequest(families), sessions: sessions)
    }

    /// Whether every one of `sessions` has a valid seating; `nil` when unknown in time.
    func feasible(_ request: SeatingRequest, sessions: [Int]) -> Bool? {
        guard case .success(let relaxed) = request.makeInstance() else { return nil }
        var answer: Bool? = true
        for s in sessions {
            let items = SessionItems(instance: relaxed, session: s)
            if !items.conflicts.isEmpty || !Diagnosis.sessionConflicts(relaxed, items).isEmpty { return false }
            let program = SeatingFormulation(instance: relaxed, items: [items], linked: false).program.feasibilityProgram()
            let budget = min(2, deadline.timeIntervalSinceNow)
            guard budget > 0.01, let result = try? GLPKSolver.solve(program, options: MIPOptions(timeLimit: budget)) else { return nil }
            if result.termination == .infeasible { return false }
            if result.values == nil { answer = nil }
        }
        return answer
    }
}
