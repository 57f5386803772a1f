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

    /// Conflict lines and fixes for the infeasible `sessions`.
    func explain(sessions: [Int]) -> (conflicts: [String], fixes: [Fix]) {
        var conflicts: [String] = []
        var fixes: [Fix] = []
        var firstConflict: (session: Int, families: [Family])?
        for s in sessions where deadline.timeIntervalSinceNow > 0.1 {
            let (kept, certain) = minimalConflict(session: s)
            guard !kept.isEmpty else { continue }
            if firstConflict == nil { firstConflict = (s, kept) }
            let note = certain ? "" : " (not narrowed down further in the time given)"
            conflicts.append("in session \(instance.sessionNames[s].debugDescription) these conflict: " + kept.map(describe).joined(separator: "; ") + note)
        }
        // One change that fixes every infeasible session.
        if let (s, kept) = firstConflict {
            for family in kept where deadline.timeIntervalSinceNow > 0.1 {
                if let fix = fix(family, sessions: sessions, focus: s, in: instance) { fixes.append(fix) }
            }
        }
        if fixes.isEmpty, let combined = combinedFix(sessions: sessions) { fixes.append(combined) }
        return (conflicts, fixes)
    }

    /// Several changes that together make the request feasible: fix one conflict,
    /// look again, until every session has a plan (checked at the end).
    private func combinedFix(sessions: [Int]) -> Fix? {
        var request = instance.request
        var changes: [Fix] = []
        for _ in 0..<40 where deadline.timeIntervalSinceNow > 0.2 {
            guard case .success(let current) = request.makeInstance() else { return nil }
            let analysis = ConflictAnalysis(instance: current, deadline: deadline)
            guard let s = sessions.first(where: { analysis.feasible(request, sessions: [$0]) == false }) else { break }
            guard let family = analysis.minimalConflict(session: s).families.first else { return nil }
            let step = analysis.fix(family, sessions: [s], focus: s, in: current) ?? analysis.proposal(family, focus: s, in: current)
            changes.append(step)
            request = step.apply(to: request)
        }
        guard !changes.isEmpty, feasible(request, sessions: sessions) == true else { return nil }
        let text = changes.map { $0.description.replacingOccurrences(of: " (checked: a plan exists)", with: "") }
        return Fix(change: .all(changes.map(\.change)), description: "together: " + text.joined(separator: "; ") + " (checked: a plan exists)")
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
    /// `certain` is false when some re-solve ran out of time (the set may then be larger).
    private func minimalConflict(session s: Int) -> (families: [Family], certain: Bool) {
        var certain = true
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
            guard deadline.timeIntervalSinceNow > 0.1 else {
                certain = false
                break
            }
            switch feasible(relaxing: relaxed.union([family]), sessions: [s]) {
            case false: relaxed.insert(family)
            case nil: certain = false
            case true: break
            }
        }
        return (all.filter { !relaxed.contains($0) }, certain)
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

    /// The natural change that lifts `family`, with its text (unchecked); for capacity,
    /// `extra` tables of the session's largest size.
    private func proposal(_ family: Family, focus s: Int, in instance: Instance, extra: Int = 1) -> Fix {
        let session = instance.sessionNames[s]
        let ids = instance.attendeeIDs
        switch family {
        case .rule(let r):
            return Fix(change: .makeRuleSoft(index: r, weight: 10), description: "make rule \(instance.request.rules[r].summary) soft (add \"weight\": 10)")
        case .capacity:
            let largest = instance.tablesIn[s].map { instance.capacity[$0] }.max() ?? 10
            return Fix(
                change: .addTables(session: session, count: extra, capacity: largest),
                description: "add \(extra) table\(extra == 1 ? "" : "s") of \(largest) seats in session \(session.debugDescription)")
        case .minSize:
            return Fix(change: .dropMinSizes, description: "lower the tables' minSize to 0")
        case .pin(let i):
            return Fix(change: .unpin(attendee: ids[i]), description: "unpin \(ids[i].debugDescription)")
        case .group(let g):
            let name = instance.request.attendees[instance.groupMembers[g][0]].group ?? ""
            return Fix(change: .splitGroup(group: name), description: "let group \(name.debugDescription) sit at different tables")
        case .avoid(let i, let j):
            return Fix(change: .dropAvoid(ids[i], ids[j]), description: "drop the avoid between \(ids[i].debugDescription) and \(ids[j].debugDescription)")
        }
    }

    /// The proposal for `family` when, applied alone, it gives every one of `sessions` a plan.
    private func fix(_ family: Family, sessions: [Int], focus s: Int, in instance: Instance) -> Fix? {
        let counts: [Int] = family == .capacity ? Array(1...10) : [1]
        for extra in counts where deadline.timeIntervalSinceNow > 0.1 {
            var fix = proposal(family, focus: s, in: instance, extra: extra)
            if feasible(fix.apply(to: instance.request), sessions: sessions) == true {
                fix.description += " (checked: a plan exists)"
                return fix
            }
        }
        return nil
    }

    // MARK: The feasibility oracle

    private func relaxedRequest(_ families: Set<Family>) -> SeatingRequest {
        var request = instance.request
        let ids = instance.attendeeIDs
        for family in families {
            let change: Fix.Change
            switch family {
            case .capacity:
                for t in request.tables.indices { request.tables[t].capacity = max(request.tables[t].capacity, instance.attendeeCount, 1) }
                continue
            case .minSize: change = .dropMinSizes
            case .rule(let r): change = .makeRuleSoft(index: r, weight: 1)
            case .pin(let i): change = .unpin(attendee: ids[i])
            case .group(let g): change = .splitGroup(group: instance.request.attendees[instance.groupMembers[g][0]].group ?? "")
            case .avoid(let i, let j): change = .dropAvoid(ids[i], ids[j])
            }
            request = Fix(change: change, description: "").apply(to: request)
        }
        return request
    }

    private func feasible(relaxing families: Set<Family>, sessions: [Int]) -> Bool? {
        feasible(relaxedRequest(families), sessions: sessions)
    }

    /// Whether every one of `sessions` has a valid seating; `nil` when unknown in time.
    func feasible(_ request: SeatingRequest, sessions: [Int]) -> Bool? {
        guard case .success(let relaxed) = request.makeInstance() else { return nil }
        let allItems = (0..<relaxed.sessionCount).map { SessionItems(instance: relaxed, session: $0) }
        for s in sessions where !allItems[s].conflicts.isEmpty || !Diagnosis.sessionConflicts(relaxed, allItems[s]).isEmpty {
            return false
        }
        // Local search finds plans quickly where GLPK alone may not.
        var search = SeatingSearch(instance: relaxed, items: allItems, seed: 7)
        search.construct()
        if relaxed.violations(search.seat, sessions: sessions).isEmpty { return true }
        let searchEnd = min(deadline, Date().addingTimeInterval(0.5))
        search.improve(until: searchEnd, patience: 0.5, stopWhenValid: true)
        if relaxed.violations(search.seat, sessions: sessions).isEmpty { return true }
        var answer: Bool? = true
        for s in sessions {
            let items = SessionItems(instance: relaxed, session: s)
            if !items.conflicts.isEmpty || !Diagnosis.sessionConflicts(relaxed, items).isEmpty { return false }
            let program = SeatingFormulation(instance: relaxed, items: [items], linked: false).program.feasibilityProgram()
            let budget = min(1, deadline.timeIntervalSinceNow)
            guard budget > 0.01, let result = try? GLPKSolver.solve(program, options: MIPOptions(timeLimit: budget)) else { return nil }
            if result.termination == .infeasible { return false }
            if result.values == nil { answer = nil }
        }
        return answer
    }
}
