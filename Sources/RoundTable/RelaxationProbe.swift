import Foundation
import GLPKBackend
import MIP

/// Finds which hard rules take part in an infeasibility: each rule is made soft in
/// turn and the session re-checked with GLPK; a rule whose removal restores
/// feasibility is named.
struct RelaxationProbe {
    let instance: Instance
    let items: [SessionItems]
    let deadline: Date

    func culprits(sessions: [Int]) -> [String] {
        var found: [String] = []
        for s in sessions {
            for rule in instance.rules where rule.isHard {
                guard deadline.timeIntervalSinceNow > 0.05 else { return found }
                var request = instance.request
                request.rules[rule.index].weight = 1
                guard case .success(let relaxed) = request.makeInstance() else { continue }
                let formulation = SeatingFormulation(instance: relaxed, items: [SessionItems(instance: relaxed, session: s)], linked: false)
                let budget = min(2, deadline.timeIntervalSinceNow)
                guard let result = try? GLPKSolver.solve(formulation.program, options: MIPOptions(timeLimit: budget, relativeGap: 1)),
                    result.values != nil
                else { continue }
                found.append("rule \(rule.rule.summary) cannot hold at every table of session \(instance.sessionNames[s].debugDescription) together with the other rules, groups, pins and capacities; making it soft (add a weight) gives a plan")
            }
        }
        return found
    }
}
