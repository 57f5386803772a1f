import Foundation
import RoundTable

/// Writes a request in the canonical JSON of MODEL.md, so a failing random case
/// can be replayed with `roundtable plan` (and reported as a reproducer).
enum RequestJSONWriter {
    static func object(_ request: SeatingRequest) -> [String: Any] {
        var root: [String: Any] = [:]
        root["sessions"] = request.sessions
        root["tables"] = request.tables.map { table -> [String: Any] in
            var fields: [String: Any] = ["id": table.id, "capacity": table.capacity]
            if table.minSize != 0 { fields["minSize"] = table.minSize }
            if let topic = table.topic { fields["topic"] = topic }
            if let sessions = table.sessions { fields["sessions"] = sessions }
            return fields
        }
        root["attendees"] = request.attendees.map { person -> [String: Any] in
            var fields: [String: Any] = ["id": person.id]
            if let name = person.name { fields["name"] = name }
            if !person.attributes.isEmpty {
                fields["attributes"] = person.attributes.mapValues { value -> Any in
                    switch value {
                    case .single(let text): return text
                    case .multiple(let texts): return texts
                    }
                }
            }
            if let group = person.group { fields["group"] = group }
            if !person.avoid.isEmpty { fields["avoid"] = person.avoid }
            if let sessions = person.sessions { fields["sessions"] = sessions }
            switch person.pin {
            case nil: break
            case .table(let id): fields["pin"] = id
            case .perSession(let bySession): fields["pin"] = bySession
            }
            if !person.topics.isEmpty { fields["topics"] = person.topics }
            return fields
        }
        var objective: [String: Any] = [
            "size": request.objective.size, "topics": request.objective.topics, "repeats": request.objective.repeats,
        ]
        if !request.objective.balance.isEmpty { objective["balance"] = request.objective.balance }
        root["objective"] = objective
        if !request.rules.isEmpty {
            root["rules"] = request.rules.map { rule -> [String: Any] in
                var fields: [String: Any] = ["attribute": rule.attribute]
                if let value = rule.value { fields["value"] = value }
                if let min = rule.min { fields["min"] = min }
                if let max = rule.max { fields["max"] = max }
                if let maxPerValue = rule.maxPerValue { fields["maxPerValue"] = maxPerValue }
                if let minDistinct = rule.minDistinct { fields["minDistinct"] = minDistinct }
                if let weight = rule.weight { fields["weight"] = weight }
                return fields
            }
        }
        return root
    }

    static func data(_ request: SeatingRequest) -> Data {
        (try? JSONSerialization.data(withJSONObject: object(request), options: [.sortedKeys])) ?? Data()
    }

    /// One-line JSON, for failure messages.
    static func string(_ request: SeatingRequest) -> String { String(decoding: data(request), as: UTF8.self) }
}
