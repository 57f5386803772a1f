import Foundation
import RoundTable

/// Writes a request in the canonical JSON of MODEL.md, so that a request built from a
/// spreadsheet (or in code) can be kept, diffed and replayed.
///
/// Keys are sorted; the top level has one key per line and lists of tables,
/// attendees and rules one entry per line. A field is left out when it holds what
/// MODEL.md says its absence means (`sessions: ["main"]`, `minSize: 0`, no pin,
/// weights of 1, ...), so `RequestReader.read(RequestWriter.encode(r)) == r` for
/// every request `r`.
public enum RequestWriter {
    /// The request as UTF-8 JSON text, ending with a newline.
    public static func encode(_ request: SeatingRequest) -> Data {
        var root: [String: JSONValue] = [:]
        if request.sessions != ["main"] { root["sessions"] = strings(request.sessions) }
        root["tables"] = .array(request.tables.map(table))
        root["attendees"] = .array(request.attendees.map(attendee))
        let objective = objective(request.objective)
        if !objective.isEmpty { root["objective"] = .object(objective) }
        if !request.rules.isEmpty { root["rules"] = .array(request.rules.map(rule)) }
        if let previous = request.previous {
            var fields: [String: JSONValue] = ["assignments": .array(previous.assignments.map(assignment))]
            if !previous.locked.isEmpty { fields["locked"] = strings(previous.locked) }
            root["previous"] = .object(fields)
        }
        var text = "{\n"
        let keys = root.keys.sorted()
        for (n, key) in keys.enumerated() {
            text += "  " + quoted(key) + ": "
            if case .array(let elements) = root[key], elements.contains(where: \.isObject) {
                text += elements.isEmpty ? "[]" : "[\n" + elements.map { "    " + inline($0) }.joined(separator: ",\n") + "\n  ]"
            } else if let value = root[key] {
                text += inline(value)
            }
            text += n == keys.count - 1 ? "\n" : ",\n"
        }
        text += "}\n"
        return Data(text.utf8)
    }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    static func table(_ table: Table) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(table.id), "capacity": .number(Double(table.capacity))]
        if table.minSize != 0 { fields["minSize"] = .number(Double(table.minSize)) }
        if let topic = table.topic { fields["topic"] = .string(topic) }
        if let sessions = table.sessions { fields["sessions"] = strings(sessions) }
        return .object(fields)
    }

    static func attendee(_ attendee: Attendee) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(attendee.id)]
        if let name = attendee.name { fields["name"] = .string(name) }
        if !attendee.attributes.isEmpty {
            fields["attributes"] = .object(
                attendee.attributes.mapValues { value in
                    switch value {
                    case .single(let text): return .string(text)
                    case .multiple(let texts): return strings(texts)
                    }
                })
        }
        if let group = attendee.group { fields["group"] = .string(group) }
        if !attendee.avoid.isEmpty { fields["avoid"] = strings(attendee.avoid) }
        if let sessions = attendee.sessions { fields["sessions"] = strings(sessions) }
        switch attendee.pin {
        case nil: break
        case .table(let id): fields["pin"] = .string(id)
        case .perSession(let bySession): fields["pin"] = .object(bySession.mapValues(JSONValue.string))
        }
        if !attendee.topics.isEmpty { fields["topics"] = strings(attendee.topics) }
        return .object(fields)
    }

    static func objective(_ objective: Objective) -> [String: JSONValue] {
        let defaults = Objective()
        var fields: [String: JSONValue] = [:]
        if !objective.balance.isEmpty { fields["balance"] = .object(objective.balance.mapValues(JSONValue.number)) }
        if objective.size != defaults.size { fields["size"] = .number(objective.size) }
        if objective.topics != defaults.topics { fields["topics"] = .number(objective.topics) }
        if objective.repeats != defaults.repeats { fields["repeats"] = .number(objective.repeats) }
        if objective.moves != defaults.moves { fields["moves"] = .number(objective.moves) }
        return fields
    }

    static func rule(_ rule: Rule) -> JSONValue {
        var fields: [String: JSONValue] = ["attribute": .string(rule.attribute)]
        if let value = rule.value { fields["value"] = .string(value) }
        if let min = rule.min { fields["min"] = .number(Double(min)) }
        if let max = rule.max { fields["max"] = .number(Double(max)) }
        if let maxPerValue = rule.maxPerValue { fields["maxPerValue"] = .number(Double(maxPerValue)) }
        if let minDistinct = rule.minDistinct { fields["minDistinct"] = .number(Double(minDistinct)) }
        if let weight = rule.weight { fields["weight"] = .number(weight) }
        return .object(fields)
    }

    static func assignment(_ entry: Assignment) -> JSONValue {
        var fields: [String: JSONValue] = ["attendee": .string(entry.attendee), "table": .string(entry.table)]
        if let session = entry.session { fields["session"] = .string(session) }
        return .object(fields)
    }

    /// A value on one line: `{"a": 1, "b": ["x", "y"]}`, keys sorted.
    static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return format(number)
        case .string(let text): return quoted(text)
        case .outOfRange(let text): return text
        case .array(let elements): return "[" + elements.map(inline).joined(separator: ", ") + "]"
        case .object(let fields):
            return "{" + fields.keys.sorted().map { quoted($0) + ": " + inline(fields[$0] ?? .null) }.joined(separator: ", ") + "}"
        }
    }

    /// Whole numbers without a fraction (`10`), others in the shortest form that reads
    /// back as the same Double (`0.1`, `1e-07`).
    static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return "\(number)"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension JSONValue {
    fileprivate var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
