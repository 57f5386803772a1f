import Foundation
import RoundTable

/// Reads the canonical JSON request of MODEL.md, applying every default and
/// reporting every malformed field by its path, with its cause and fix.
public enum RequestReader {
    /// Reads a request from a file.
    public static func read(contentsOf url: URL) throws(RequestError) -> SeatingRequest {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RequestError(file: url.path, issues: [RequestIssue(location: "file", cause: "it cannot be read (\(error.localizedDescription))", fix: "check the path and permissions")])
        }
        return try read(data, file: url.path)
    }

    /// Reads a request from JSON bytes; `file` names the source in errors.
    public static func read(_ data: Data, file: String? = nil) throws(RequestError) -> SeatingRequest {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            if let path = error.path {
                throw RequestError(file: file, issues: [RequestIssue(location: path, cause: "the number is out of range (\(error.message))", fix: "use a finite number within the field's range")])
            }
            throw RequestError(file: file, issues: [RequestIssue(location: "file", cause: "it is not valid JSON (\(error.message))", fix: "fix the JSON syntax; a request is one JSON object as in MODEL.md")])
        }
        var reader = FieldReader()
        let request = reader.request(root)
        guard reader.issues.isEmpty, let request else { throw RequestError(file: file, issues: reader.issues) }
        return request
    }
}

/// Walks a JSON tree, collecting issues instead of stopping at the first.
struct FieldReader {
    var issues: [RequestIssue] = []

    mutating func fail(_ location: String, _ cause: String, _ fix: String) {
        issues.append(RequestIssue(location: location, cause: cause, fix: fix))
    }

    mutating func object(_ value: JSONValue?, _ location: String) -> [String: JSONValue]? {
        guard let value else { return nil }
        guard case .object(let fields) = value else {
            fail(location, "expected an object, found \(value.kind)", "write it as {\"key\": value, ...}")
            return nil
        }
        return fields
    }

    mutating func array(_ value: JSONValue?, _ location: String) -> [JSONValue]? {
        guard let value, value != .null else { return nil }
        guard case .array(let elements) = value else {
            fail(location, "expected an array, found \(value.kind)", "write it as [ ... ]")
            return nil
        }
        return elements
    }

    mutating func string(_ value: JSONValue?, _ location: String, required: Bool = false) -> String? {
        guard let value, value != .null else {
            if required { fail(location, "the field is missing", "add it as a string") }
            return nil
        }
        guard case .string(let text) = value else {
            fail(location, "expected a string, found \(value.kind)", "write it in double quotes")
            return nil
        }
        return text
    }

    mutating func strings(_ value: JSONValue?, _ location: String) -> [String]? {
        guard let elements = array(value, location) else { return nil }
        var result: [String] = []
        for (n, element) in elements.enumerated() {
            if let text = string(element, "\(location)[\(n)]", required: true) { result.append(text) }
        }
        return result
    }

    /// A whole number; `nil` (without an issue) when absent or null and not required.
    mutating func integer(_ value: JSONValue?, _ location: String, required: Bool = false) -> Int? {
        guard let value, value != .null else {
            if required { fail(location, "the field is missing", "add it as a whole number") }
            return nil
        }
        if case .outOfRange(let text) = value {
            fail(location, "\(text) is too large", "use a whole number up to \(SeatingRequest.largestCount)")
            return nil
        }
        guard case .number(let number) = value else {
            fail(location, "expected a whole number, found \(value.kind)", "write a number without quotes, e.g. 10")
            return nil
        }
        guard number.isFinite, number == number.rounded() else {
            fail(location, "\(number) is not a whole number", "use a whole number such as 10")
            return nil
        }
        guard abs(number) <= Double(SeatingRequest.largestCount) else {
            fail(location, "\(number) is too large", "use a whole number up to \(SeatingRequest.largestCount)")
            return nil
        }
        return Int(number)
    }

    /// A weight: finite and non-negative; null or absent gives `nil` (the default).
    mutating func weight(_ value: JSONValue?, _ location: String) -> Double? {
        guard let value, value != .null else { return nil }
        if case .outOfRange(let text) = value {
            fail(location, "weight \(text) is out of range", "use a finite non-negative number up to 1e15")
            return nil
        }
        guard case .number(let number) = value else {
            fail(location, "expected a number, found \(value.kind)", "write a non-negative number without quotes")
            return nil
        }
        guard number.isFinite, number >= 0 else {
            fail(location, "weight \(number) is not a finite non-negative number", "use a number of 0 or more")
            return nil
        }
        guard number <= SeatingRequest.largestWeight else {
            fail(location, "weight \(number) is too large", "use a weight up to 1e15 (scale the other weights down instead)")
            return nil
        }
        return number
    }

    mutating func request(_ root: JSONValue) -> SeatingRequest? {
        guard let fields = object(root, "request") else { return nil }
        var sessions = ["main"]
        if let value = fields["sessions"], value != .null {
            sessions = strings(value, "sessions") ?? []
        }
        var tables: [Table] = []
        if let elements = array(fields["tables"], "tables") {
            for (n, element) in elements.enumerated() { if let table = table(element, n) { tables.append(table) } }
        } else if fields["tables"] == nil || fields["tables"] == .null {
            fail("tables", "the field is missing", "add a list of tables, e.g. [{\"id\": \"T1\", \"capacity\": 10}]")
        }
        var attendees: [Attendee] = []
        if let elements = array(fields["attendees"], "attendees") {
            for (n, element) in elements.enumerated() { if let attendee = attendee(element, n) { attendees.append(attendee) } }
        } else if fields["attendees"] == nil || fields["attendees"] == .null {
            fail("attendees", "the field is missing", "add a list of attendees, e.g. [{\"id\": \"a1\"}]")
        }
        let objective = objective(fields["objective"])
        var rules: [Rule] = []
        for (n, element) in (array(fields["rules"], "rules") ?? []).enumerated() {
            if let rule = rule(element, n) { rules.append(rule) }
        }
        var previous: PreviousPlan?
        if let value = fields["previous"], value != .null, let plan = object(value, "previous") {
            var assignments: [Assignment] = []
            for (n, entry) in (array(plan["assignments"], "previous.assignments") ?? []).enumerated() {
                let location = "previous.assignments[\(n)]"
                guard let item = object(entry, location) else { continue }
                let attendee = string(item["attendee"], location + ".attendee", required: true)
                let session = string(item["session"], location + ".session")
                let table = string(item["table"], location + ".table", required: true)
                if let attendee, let table { assignments.append(Assignment(attendee: attendee, session: session, table: table)) }
            }
            previous = PreviousPlan(assignments: assignments, locked: strings(plan["locked"], "previous.locked") ?? [])
        }
        return SeatingRequest(sessions: sessions, tables: tables, attendees: attendees, objective: objective, rules: rules, previous: previous)
    }

    mutating func table(_ value: JSONValue, _ n: Int) -> Table? {
        var location = "tables[\(n)]"
        guard let fields = object(value, location) else { return nil }
        let id = string(fields["id"], location + ".id", required: true)
        if let id { location += " (id \(id.debugDescription))" }
        let capacity = integer(fields["capacity"], location + ".capacity", required: true)
        let minSize = integer(fields["minSize"], location + ".minSize") ?? 0
        let topic = string(fields["topic"], location + ".topic")
        let sessions = strings(fields["sessions"], location + ".sessions")
        guard let id, let capacity else { return nil }
        return Table(id: id, capacity: capacity, minSize: minSize, topic: topic, sessions: sessions)
    }

    mutating func attendee(_ value: JSONValue, _ n: Int) -> Attendee? {
        var location = "attendees[\(n)]"
        guard let fields = object(value, location) else { return nil }
        let id = string(fields["id"], location + ".id", required: true)
        if let id { location += " (id \(id.debugDescription))" }
        let name = string(fields["name"], location + ".name")
        var attributes: [String: AttributeValue] = [:]
        for (key, value) in object(fields["attributes"], location + ".attributes") ?? [:] {
            let path = location + ".attributes.\(key)"
            switch value {
            case .null: continue
            case .string(let text): attributes[key] = .single(text)
            case .array:
                if let values = strings(value, path) { attributes[key] = .multiple(values) }
            default:
                fail(path, "expected a string or an array of strings, found \(value.kind)", "write the value in double quotes, e.g. \"MX\"")
            }
        }
        let group = string(fields["group"], location + ".group")
        let avoid = strings(fields["avoid"], location + ".avoid") ?? []
        let sessions = strings(fields["sessions"], location + ".sessions")
        var pin: Pin?
        if let value = fields["pin"], value != .null {
            switch value {
            case .string(let table): pin = .table(table)
            case .object(let bySession):
                var tables: [String: String] = [:]
                for (session, table) in bySession {
                    if let table = string(table, location + ".pin.\(session)", required: true) { tables[session] = table }
                }
                pin = .perSession(tables)
            default:
                fail(location + ".pin", "expected a table id or an object from session to table id, found \(value.kind)", "write \"T1\" or {\"Thu\": \"T1\"}")
            }
        }
        let topics = strings(fields["topics"], location + ".topics") ?? []
        guard let id else { return nil }
        return Attendee(id: id, name: name, attributes: attributes, group: group, avoid: avoid, sessions: sessions, pin: pin, topics: topics)
    }

    mutating func objective(_ value: JSONValue?) -> Objective {
        var objective = Objective()
        guard let value, value != .null, let fields = object(value, "objective") else { return objective }
        if let balance = fields["balance"], balance != .null, let weights = object(balance, "objective.balance") {
            for (key, weight) in weights {
                if let number = self.weight(weight, "objective.balance.\(key)") { objective.balance[key] = number }
            }
        }
        objective.size = weight(fields["size"], "objective.size") ?? 1
        objective.topics = weight(fields["topics"], "objective.topics") ?? 1
        objective.repeats = weight(fields["repeats"], "objective.repeats") ?? 1
        objective.moves = weight(fields["moves"], "objective.moves") ?? 10
        return objective
    }

    mutating func rule(_ value: JSONValue, _ n: Int) -> Rule? {
        let location = "rules[\(n)]"
        guard let fields = object(value, location) else { return nil }
        let attribute = string(fields["attribute"], location + ".attribute", required: true)
        let where_ = location + (attribute.map { " (\($0))" } ?? "")
        let ruleValue = string(fields["value"], where_ + ".value")
        let min = integer(fields["min"], where_ + ".min")
        let max = integer(fields["max"], where_ + ".max")
        let maxPerValue = integer(fields["maxPerValue"], where_ + ".maxPerValue")
        let minDistinct = integer(fields["minDistinct"], where_ + ".minDistinct")
        let weight = self.weight(fields["weight"], where_ + ".weight")
        guard let attribute else { return nil }
        return Rule(attribute: attribute, value: ruleValue, min: min, max: max, maxPerValue: maxPerValue, minDistinct: minDistinct, weight: weight)
    }
}
