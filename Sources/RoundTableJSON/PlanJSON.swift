import Foundation
import RoundTable

/// Writes and reads plans in the canonical JSON of MODEL.md ("The plan").
public enum PlanJSON {
    /// The plan as pretty-printed JSON with sorted keys. Fields beyond MODEL.md:
    /// `gap`, `explanation`, `peopleMet`, `seconds`, `method`, `boundProof`.
    public static func encode(_ plan: SeatingPlan) -> Data {
        var root: [String: Any] = [
            "status": plan.status.rawValue,
            "assignments": plan.assignments.map { entry -> [String: Any] in
                var fields: [String: Any] = ["attendee": entry.attendee, "table": entry.table]
                if let session = entry.session { fields["session"] = session }
                return fields
            },
            "seconds": (plan.seconds * 1000).rounded() / 1000,
            "method": plan.method,
        ]
        root["objective"] = plan.objective.map(breakdown) ?? NSNull()
        root["bound"] = plan.bound ?? NSNull()
        root["gap"] = plan.relativeGap ?? NSNull()
        if !plan.explanation.isEmpty { root["explanation"] = plan.explanation }
        if !plan.fixes.isEmpty { root["fixes"] = plan.fixes.map(\.description) }
        if let proof = plan.boundProof { root["boundProof"] = proof }
        if !plan.peopleMet.isEmpty { root["peopleMet"] = plan.peopleMet }
        if !plan.moves.isEmpty {
            root["moves"] = plan.moves.map {
                ["attendee": $0.attendee, "session": $0.session, "from": $0.from, "to": $0.to, "reason": $0.reason]
            }
        }
        return serialize(root)
    }

    /// A score report as JSON: the terms, validity and every violation.
    public static func encode(_ report: ScoreReport) -> Data {
        serialize([
            "objective": breakdown(report.breakdown),
            "valid": report.isValid,
            "violations": report.violations.map { ["kind": $0.kind.rawValue, "message": $0.message] },
        ])
    }

    static func breakdown(_ score: ScoreBreakdown) -> [String: Any] {
        var fields: [String: Any] = [
            "total": score.total, "balance": score.balance, "size": score.size, "topics": score.topics,
            "repeats": score.repeats, "rules": score.rules,
        ]
        if score.moves != 0 { fields["moves"] = score.moves }
        return fields
    }

    static func serialize(_ root: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
    }

    /// Reads the assignments of a plan file (any status); other fields are ignored.
    public static func assignments(_ data: Data, file: String? = nil) throws(RequestError) -> [Assignment] {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw RequestError(file: file, issues: [RequestIssue(location: "file", cause: "it is not valid JSON (\(error.message))", fix: "give a plan written by `roundtable plan`")])
        }
        var reader = FieldReader()
        var result: [Assignment] = []
        if let fields = reader.object(root, "plan") {
            if let entries = reader.array(fields["assignments"], "assignments") {
                for (n, entry) in entries.enumerated() {
                    let location = "assignments[\(n)]"
                    guard let item = reader.object(entry, location) else { continue }
                    let attendee = reader.string(item["attendee"], location + ".attendee", required: true)
                    let session = reader.string(item["session"], location + ".session")
                    let table = reader.string(item["table"], location + ".table", required: true)
                    if let attendee, let table { result.append(Assignment(attendee: attendee, session: session, table: table)) }
                }
            } else if fields["assignments"] == nil {
                reader.fail("assignments", "the field is missing", "add \"assignments\": [{\"attendee\": ..., \"session\": ..., \"table\": ...}]")
            }
        }
        guard reader.issues.isEmpty else { throw RequestError(file: file, issues: reader.issues) }
        return result
    }

    /// Reads a plan file written by `roundtable plan` back into a ``SeatingPlan``: status,
    /// bound, assignments, explanation, method and bound proof. Score terms are not read: rescore
    /// the assignments with `SeatingRequest.score(_:)`.
    public static func decode(_ data: Data, file: String? = nil) throws(RequestError) -> SeatingPlan {
        let assignments = try assignments(data, file: file)
        guard case .object(let fields)? = try? JSONValue.parse(data) else {
            return SeatingPlan(status: .feasible, assignments: assignments)
        }
        var reader = FieldReader()
        let statusText = reader.string(fields["status"], "status") ?? "feasible"
        guard let status = SolveStatus(rawValue: statusText) else {
            throw RequestError(file: file, issues: [RequestIssue(location: "status", cause: "\(statusText.debugDescription) is not a plan status", fix: "use optimal, feasible, infeasible or unknown")])
        }
        var bound: Double?
        if case .number(let value)? = fields["bound"] { bound = value }
        return SeatingPlan(
            status: status, bound: bound, assignments: assignments,
            explanation: reader.strings(fields["explanation"], "explanation") ?? [],
            method: reader.string(fields["method"], "method") ?? "", boundProof: reader.string(fields["boundProof"], "boundProof"))
    }
}
