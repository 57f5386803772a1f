import Foundation
import RoundTable
import RoundTableJSON
import Testing

/// One malformed request and the field its error must name.
struct MalformedRequest: Sendable, CustomTestStringConvertible {
    var name: String
    var json: String
    /// A substring the location of at least one issue must contain.
    var field: String

    var testDescription: String { name }
}

/// A small valid request, in pieces, so each case can replace one piece.
enum RequestText {
    static let sessions = #"["Thu", "Fri"]"#
    static let tables = #"[{"id": "T1", "capacity": 3, "minSize": 1, "topic": "rail"}, {"id": "T2", "capacity": 3}]"#
    static let attendees = #"""
        [{"id": "a1", "attributes": {"party": "A", "language": ["es", "en"]}, "topics": ["rail"]},
         {"id": "a2", "attributes": {"party": "B"}, "group": "g1"},
         {"id": "a3", "group": "g1", "sessions": ["Fri"]},
         {"id": "a4"}]
        """#
    static let objective = #"{"balance": {"party": 1}, "size": 1, "topics": 1, "repeats": 1}"#
    static let rules = #"[{"attribute": "party", "maxPerValue": 2}]"#

    /// The request with some pieces replaced; `nil` leaves a field out.
    static func with(
        sessions: String? = sessions, tables: String? = tables, attendees: String? = attendees,
        objective: String? = objective, rules: String? = rules
    ) -> String {
        let fields: [(String, String?)] = [
            ("sessions", sessions), ("tables", tables), ("attendees", attendees), ("objective", objective), ("rules", rules),
        ]
        return "{" + fields.compactMap { key, value in value.map { "\"\(key)\": \($0)" } }.joined(separator: ", ") + "}"
    }

    /// The attendees with the first one's fields replaced by `first` (a JSON object body).
    static func firstAttendee(_ first: String) -> String {
        #"[{"id": "a1", "#+first+#"}, {"id": "a2"}, {"id": "a3"}, {"id": "a4"}]"#
    }

    /// The tables with the first one replaced by `first` (a JSON object).
    static func firstTable(_ first: String) -> String { "[\(first), {\"id\": \"T2\", \"capacity\": 3}]" }
}

@Suite("Reading requests: every malformed field is a RequestError naming it")
struct RequestReaderTests {
    static let malformed: [MalformedRequest] = {
        typealias R = RequestText
        func c(_ name: String, _ json: String, _ field: String) -> MalformedRequest {
            MalformedRequest(name: name, json: json, field: field)
        }
        return [
            // Missing fields.
            c("no tables", R.with(tables: nil), "tables"),
            c("no attendees", R.with(attendees: nil), "attendees"),
            c("null attendees", R.with(attendees: "null"), "attendees"),
            c("table without id", R.with(tables: R.firstTable(#"{"capacity": 3}"#)), "tables[0].id"),
            c("table without capacity", R.with(tables: R.firstTable(#"{"id": "T1"}"#)), "capacity"),
            c("attendee without id", R.with(attendees: #"[{"attributes": {}}, {"id": "a2"}]"#), "attendees[0].id"),
            c("rule without attribute", R.with(rules: #"[{"maxPerValue": 1}]"#), "rules[0].attribute"),
            // Wrong types.
            c("root is an array", "[]", "request"),
            c("root is a string", #""request""#, "request"),
            c("sessions is a string", R.with(sessions: #""Thu""#), "sessions"),
            c("session name is a number", R.with(sessions: #"["Thu", 2]"#), "sessions[1]"),
            c("tables is an object", R.with(tables: "{}"), "tables"),
            c("table is a string", R.with(tables: #"["T1"]"#), "tables[0]"),
            c("capacity is a string", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": "ten"}"#)), "capacity"),
            c("capacity is a boolean", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": true}"#)), "capacity"),
            c("minSize is a string", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 3, "minSize": "1"}"#)), "minSize"),
            c("topic is a number", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 3, "topic": 5}"#)), "topic"),
            c("table sessions is a string", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 3, "sessions": "Thu"}"#)), "sessions"),
            c("attendees is an object", R.with(attendees: #"{"a1": {}}"#), "attendees"),
            c("attendee is a number", R.with(attendees: "[1]"), "attendees[0]"),
            c("id is a number", R.with(attendees: #"[{"id": 1}]"#), "attendees[0].id"),
            c("name is a number", R.with(attendees: R.firstAttendee(#""name": 5"#)), "name"),
            c("attributes is an array", R.with(attendees: R.firstAttendee(#""attributes": ["A"]"#)), "attributes"),
            c("attribute is a number", R.with(attendees: R.firstAttendee(#""attributes": {"party": 5}"#)), "attributes.party"),
            c("attribute is an object", R.with(attendees: R.firstAttendee(#""attributes": {"party": {"x": "y"}}"#)), "attributes.party"),
            c("attribute value is a number", R.with(attendees: R.firstAttendee(#""attributes": {"language": ["es", 1]}"#)), "attributes.language"),
            c("attribute is a boolean", R.with(attendees: R.firstAttendee(#""attributes": {"party": true}"#)), "attributes.party"),
            c("group is a number", R.with(attendees: R.firstAttendee(#""group": 5"#)), "group"),
            c("avoid is a string", R.with(attendees: R.firstAttendee(#""avoid": "a2""#)), "avoid"),
            c("attendee sessions is a number", R.with(attendees: R.firstAttendee(#""sessions": 1"#)), "sessions"),
            c("pin is a number", R.with(attendees: R.firstAttendee(#""pin": 5"#)), "pin"),
            c("pin is an array", R.with(attendees: R.firstAttendee(#""pin": ["T1"]"#)), "pin"),
            c("pin table is a number", R.with(attendees: R.firstAttendee(#""pin": {"Thu": 1}"#)), "pin.Thu"),
            c("topics is a string", R.with(attendees: R.firstAttendee(#""topics": "rail""#)), "topics"),
            c("objective is an array", R.with(objective: "[]"), "objective"),
            c("balance is an array", R.with(objective: #"{"balance": ["party"]}"#), "objective.balance"),
            c("balance weight is a string", R.with(objective: #"{"balance": {"party": "1"}}"#), "objective.balance.party"),
            c("size is a string", R.with(objective: #"{"size": "1"}"#), "objective.size"),
            c("repeats is a boolean", R.with(objective: #"{"repeats": true}"#), "objective.repeats"),
            c("rules is an object", R.with(rules: "{}"), "rules"),
            c("rule is a string", R.with(rules: #"["party"]"#), "rules[0]"),
            c("rule value is a number", R.with(rules: #"[{"attribute": "party", "value": 1, "min": 1}]"#), "value"),
            c("rule min is a string", R.with(rules: #"[{"attribute": "party", "value": "A", "min": "1"}]"#), "min"),
            c("rule weight is a string", R.with(rules: #"[{"attribute": "party", "maxPerValue": 1, "weight": "2"}]"#), "weight"),
            // Unknown names.
            c("avoid names nobody", R.with(attendees: R.firstAttendee(#""avoid": ["a99"]"#)), "avoid"),
            c("avoid self", R.with(attendees: R.firstAttendee(#""avoid": ["a1"]"#)), "avoid"),
            c("pin to an unknown table", R.with(attendees: R.firstAttendee(#""pin": "T9""#)), "pin"),
            c("pin object to an unknown table", R.with(attendees: R.firstAttendee(#""pin": {"Thu": "T9"}"#)), "pin.Thu"),
            c("pin object for an unknown session", R.with(attendees: R.firstAttendee(#""pin": {"Sun": "T1"}"#)), "pin.Sun"),
            c("pin for an unattended session", R.with(attendees: R.firstAttendee(#""sessions": ["Fri"], "pin": {"Thu": "T1"}"#)), "pin.Thu"),
            c("pin to a table closed that session",
              R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 3, "sessions": ["Fri"]}"#), attendees: R.firstAttendee(#""pin": {"Thu": "T1"}"#)),
              "pin.Thu"),
            c("attendee in an unknown session", R.with(attendees: R.firstAttendee(#""sessions": ["Sun"]"#)), "sessions"),
            c("table in an unknown session", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 3, "sessions": ["Sun"]}"#)), "tables[0]"),
            c("group members avoid each other",
              R.with(attendees: #"[{"id": "a1", "group": "g", "avoid": ["a2"]}, {"id": "a2", "group": "g"}]"#), "avoid"),
            // Duplicates and empties.
            c("duplicate attendee id", R.with(attendees: #"[{"id": "a1"}, {"id": "a1"}]"#), "attendees[1]"),
            c("duplicate table id", R.with(tables: #"[{"id": "T1", "capacity": 3}, {"id": "T1", "capacity": 2}]"#), "tables[1]"),
            c("duplicate session", R.with(sessions: #"["Thu", "Thu"]"#, attendees: #"[{"id": "a1"}]"#), "sessions[1]"),
            c("empty attendee id", R.with(attendees: #"[{"id": ""}]"#), "attendees[0]"),
            c("empty tables", R.with(tables: "[]"), "tables"),
            c("empty sessions", R.with(sessions: "[]", attendees: #"[{"id": "a1"}]"#), "sessions"),
            // Numbers: NaN-like, huge, negative, fractional.
            c("capacity NaN string", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": "NaN"}"#)), "capacity"),
            c("size NaN string", R.with(objective: #"{"size": "NaN"}"#), "objective.size"),
            c("capacity 1e400", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 1e400}"#)), "capacity"),
            c("size 1e400", R.with(objective: #"{"size": 1e400}"#), "objective.size"),
            c("capacity -0", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": -0}"#)), "capacity"),
            c("capacity 1e300", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 1e300}"#)), "capacity"),
            c("capacity beyond Int64", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 9223372036854775808}"#)), "capacity"),
            c("capacity negative", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": -3}"#)), "capacity"),
            c("capacity fractional", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 2.5}"#)), "capacity"),
            c("minSize negative", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 3, "minSize": -1}"#)), "minSize"),
            c("minSize above capacity", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 3, "minSize": 4}"#)), "minSize"),
            c("minSize fractional", R.with(tables: R.firstTable(#"{"id": "T1", "capacity": 3, "minSize": 0.5}"#)), "minSize"),
            c("rule min negative", R.with(rules: #"[{"attribute": "party", "value": "A", "min": -1}]"#), "min"),
            c("rule maxPerValue fractional", R.with(rules: #"[{"attribute": "party", "maxPerValue": 1.5}]"#), "maxPerValue"),
            c("rule minDistinct huge", R.with(rules: #"[{"attribute": "party", "minDistinct": 1e300}]"#), "minDistinct"),
            c("balance weight negative", R.with(objective: #"{"balance": {"party": -1}}"#), "objective.balance.party"),
            c("size negative", R.with(objective: #"{"size": -0.5}"#), "objective.size"),
            c("topics negative", R.with(objective: #"{"topics": -1}"#), "objective.topics"),
            c("repeats negative", R.with(objective: #"{"repeats": -2}"#), "objective.repeats"),
            c("rule weight negative", R.with(rules: #"[{"attribute": "party", "maxPerValue": 1, "weight": -1}]"#), "weight"),
            c("rule weight 1e400", R.with(rules: #"[{"attribute": "party", "maxPerValue": 1, "weight": 1e400}]"#), "weight"),
            // Rule shapes.
            c("rule without bounds", R.with(rules: #"[{"attribute": "party"}]"#), "rules[0]"),
            c("rule min without value", R.with(rules: #"[{"attribute": "party", "min": 1}]"#), "rules[0]"),
            c("rule max without value", R.with(rules: #"[{"attribute": "party", "max": 1, "weight": 2}]"#), "rules[0]"),
            // Not JSON.
            c("truncated", String(R.with().dropLast(3)), "file"),
            c("empty file", "", "file"),
            c("trailing garbage", R.with() + " x", "file"),
        ]
    }()

    @Test(arguments: malformed)
    func malformedRequestIsARequestErrorNamingTheField(_ example: MalformedRequest) {
        let error: RequestError
        do throws(RequestError) {
            let request = try RequestReader.read(Data(example.json.utf8), file: "case.json")
            try request.validate()
            Issue.record("accepted: \(example.json)")
            return
        } catch let caught {
            error = caught
        }
        #expect(!error.issues.isEmpty)
        #expect(
            error.issues.contains { $0.location.contains(example.field) },
            "no issue names \(example.field): \(error.issues.map(\.location)) for \(example.json)")
        for issue in error.issues {
            #expect(!issue.location.isEmpty && !issue.cause.isEmpty && !issue.fix.isEmpty, "\(issue)")
        }
    }

    @Test func readErrorsNameTheFile() {
        do throws(RequestError) {
            _ = try RequestReader.read(Data("{".utf8), file: "event.json")
            Issue.record("accepted a truncated file")
        } catch {
            #expect(error.file == "event.json")
            #expect(error.description.contains("event.json"), "\(error.description)")
        }
    }

    @Test func validBaseRequestReadsAsWritten() throws {
        let request = try RequestReader.read(Data(RequestText.with().utf8))
        try request.validate()
        #expect(request.sessions == ["Thu", "Fri"])
        #expect(request.tables == [Table(id: "T1", capacity: 3, minSize: 1, topic: "rail"), Table(id: "T2", capacity: 3)])
        #expect(request.attendees.count == 4)
        #expect(request.attendees[0].attributes["language"] == .multiple(["es", "en"]))
        #expect(request.attendees[2].sessions == ["Fri"])
        #expect(request.attendees[1].group == "g1")
        #expect(request.objective == Objective(balance: ["party": 1], size: 1, topics: 1, repeats: 1))
        #expect(request.rules == [Rule(attribute: "party", maxPerValue: 2)])
    }

    @Test func absentFieldsTakeTheirDefaults() throws {
        let json = #"{"tables": [{"id": "T1", "capacity": 2}], "attendees": [{"id": "a1"}]}"#
        let request = try RequestReader.read(Data(json.utf8))
        #expect(request.sessions == ["main"])
        #expect(request.tables[0].minSize == 0 && request.tables[0].sessions == nil && request.tables[0].topic == nil)
        #expect(request.attendees[0].sessions == nil && request.attendees[0].pin == nil && request.attendees[0].avoid.isEmpty)
        #expect(request.objective.balance.isEmpty)
        #expect(request.objective.size == 1 && request.objective.topics == 1 && request.objective.repeats == 1)
        #expect(request.rules.isEmpty)
    }

    @Test func nullFieldsTakeTheirDefaults() throws {
        let json = #"""
            {"sessions": null,
             "tables": [{"id": "T1", "capacity": 2, "minSize": null, "topic": null, "sessions": null}],
             "attendees": [{"id": "a1", "name": null, "group": null, "avoid": null, "sessions": null, "pin": null, "topics": null}],
             "objective": {"balance": {"party": null, "country": 2}, "size": null, "topics": null, "repeats": null},
             "rules": [{"attribute": "party", "maxPerValue": 1, "weight": null}]}
            """#
        let request = try RequestReader.read(Data(json.utf8))
        try request.validate()
        #expect(request.sessions == ["main"])
        #expect(request.tables == [Table(id: "T1", capacity: 2)])
        #expect(request.attendees == [Attendee(id: "a1")])
        // A null balance weight takes its default: the attribute is not balanced.
        #expect(request.objective == Objective(balance: ["country": 2], size: 1, topics: 1, repeats: 1))
        // A null rule weight keeps the rule hard.
        #expect(request.rules == [Rule(attribute: "party", maxPerValue: 1)])
        #expect(request.rules[0].isHard)

        let nullObjective = try RequestReader.read(Data(#"{"tables": [{"id": "T1", "capacity": 2}], "attendees": [], "objective": null, "rules": null}"#.utf8))
        #expect(nullObjective.objective == Objective())
        #expect(nullObjective.rules.isEmpty)
    }

    @Test func nullAttributeIsAbsent() throws {
        let json = #"""
            {"tables": [{"id": "T1", "capacity": 2}],
             "attendees": [{"id": "a1", "attributes": {"party": null, "role": "x"}}, {"id": "a2", "attributes": {"party": "A"}}],
             "objective": {"balance": {"party": 1}, "size": 0},
             "rules": [{"attribute": "party", "minDistinct": 2, "weight": 1}]}
            """#
        let request = try RequestReader.read(Data(json.utf8))
        #expect(request.attendees[0].attributes == ["role": .single("x")])
        // a1 holds no party: one distinct value at the table (one unit short), and p(A) = 1/2.
        let report = try request.score([Assignment(attendee: "a1", session: nil, table: "T1"), Assignment(attendee: "a2", session: nil, table: "T1")])
        #expect(report.isValid)
        #expect(agrees(report.breakdown.rules, 1))
        #expect(agrees(report.breakdown.balance, 0))
        let split = ReferenceScorer.score(request, [Assignment(attendee: "a1", session: "main", table: "T1"), Assignment(attendee: "a2", session: "main", table: "T1")])
        #expect(agrees(split.total, report.breakdown.total))
    }

    @Test func repeatedMultiValueIsHeldOnce() throws {
        let json = #"""
            {"tables": [{"id": "T1", "capacity": 2}, {"id": "T2", "capacity": 2}],
             "attendees": [{"id": "a1", "attributes": {"language": ["es", "es", "en"]}}, {"id": "a2", "attributes": {"language": "en"}}],
             "objective": {"balance": {"language": 1}},
             "rules": [{"attribute": "language", "value": "es", "max": 1}, {"attribute": "language", "maxPerValue": 2, "weight": 3}]}
            """#
        let request = try RequestReader.read(Data(json.utf8))
        let held = try #require(request.attendees[0].attributes["language"])
        #expect(held.values == ["es", "en"])
        let together = [Assignment(attendee: "a1", session: nil, table: "T1"), Assignment(attendee: "a2", session: nil, table: "T1")]
        let report = try request.score(together)
        // Counted twice, es would break the hard rule `es max 1`.
        #expect(report.isValid, "\(report.violations)")
        #expect(agrees(report.breakdown.rules, 0))
        let reference = ReferenceScorer.score(request, together)
        #expect(reference.isValid)
        #expect(agrees(report.breakdown.total, reference.total), "library \(report.breakdown), reference \(reference)")
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 5))
        #expect(plan.status == .optimal)
    }

    @Test func pinReadsAsStringOrObject() throws {
        let json = #"""
            {"sessions": ["Thu", "Fri"], "tables": [{"id": "T1", "capacity": 2}, {"id": "T2", "capacity": 2}],
             "attendees": [{"id": "a1", "pin": "T2"}, {"id": "a2", "pin": {"Fri": "T1"}}, {"id": "a3", "pin": {}}]}
            """#
        let request = try RequestReader.read(Data(json.utf8))
        try request.validate()
        #expect(request.attendees.map(\.pin) == [.table("T2"), .perSession(["Fri": "T1"]), .perSession([:])])
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 5))
        #expect(plan.status == .optimal)
        #expect(plan.assignments.filter { $0.attendee == "a1" }.allSatisfy { $0.table == "T2" })
        #expect(plan.assignments.contains(Assignment(attendee: "a2", session: "Fri", table: "T1")))
    }

    @Test func negativeZeroIsZero() throws {
        let json = #"""
            {"tables": [{"id": "T1", "capacity": 2, "minSize": -0}],
             "attendees": [{"id": "a1"}],
             "objective": {"balance": {"party": -0}, "size": -0, "topics": -0.0, "repeats": 0},
             "rules": [{"attribute": "party", "maxPerValue": -0, "weight": -0}]}
            """#
        let request = try RequestReader.read(Data(json.utf8))
        try request.validate()
        #expect(request.tables[0].minSize == 0)
        #expect(request.objective.size == 0 && request.objective.topics == 0)
        #expect(request.rules[0].maxPerValue == 0 && request.rules[0].weight == 0)
    }

    /// MODEL.md: weights are finite and non-negative; nothing more is asked of them.
    @Test func hugeFiniteWeightsAreAccepted() throws {
        let json = #"""
            {"tables": [{"id": "T1", "capacity": 2}], "attendees": [{"id": "a1"}],
             "objective": {"size": 1e12, "balance": {"party": 1e15}},
             "rules": [{"attribute": "party", "maxPerValue": 1, "weight": 1e10}]}
            """#
        let request = try RequestReader.read(Data(json.utf8))
        try request.validate()
        #expect(request.objective.size == 1e12)
        // The same request built in code is valid too: reader and validate() must agree.
        let built = SeatingRequest(
            tables: [Table(id: "T1", capacity: 2)], attendees: [Attendee(id: "a1")],
            objective: Objective(balance: ["party": 1e15], size: 1e12),
            rules: [Rule(attribute: "party", maxPerValue: 1, weight: 1e10)])
        #expect(built.validationIssues().isEmpty)
    }

    /// Random requests written as canonical JSON read back unchanged.
    @Test func generatedRequestsRoundTripThroughJSON() throws {
        for seed in UInt64(8000)..<8100 {
            var generator = RequestGenerator(seed: seed)
            let request = generator.request(
                RequestShape(attendees: 1...8, tables: 1...4, sessions: 1...3, topics: seed % 2 == 0, rules: 0...3, extras: 0.5))
            let json = RequestJSONWriter.data(request)
            let read = try RequestReader.read(json, file: "seed-\(seed).json")
            #expect(read == request, "seed \(seed): \(String(decoding: json, as: UTF8.self))")
        }
    }

    /// Every field of a valid request replaced by every kind of JSON value, or removed, or
    /// the text cut short: reading and validating never crash, and every failure is a
    /// RequestError with located, explained issues.
    @Test func mutatedRequestsNeverCrashTheReader() throws {
        let base = try #require(try JSONSerialization.jsonObject(with: Data(RequestText.with().utf8)) as? [String: Any])
        let replacements = ["null", "true", "-1", "0", "-0", "2.5", "1e400", "1e300", "\"x\"", "\"\"", "[]", "{}", "[1]", "{\"x\": 1}", "\"NaN\""]
        var paths: [[PathStep]] = []
        collectPaths(base, [], into: &paths)
        #expect(paths.count > 40)
        var accepted = 0
        var rejected = 0
        func check(_ text: String) {
            do throws(RequestError) {
                let request = try RequestReader.read(Data(text.utf8), file: "fuzz.json")
                accepted += 1
                let issues = request.validationIssues()
                for issue in issues { #expect(!issue.location.isEmpty && !issue.cause.isEmpty && !issue.fix.isEmpty) }
                if issues.isEmpty {
                    _ = try request.score([])
                } else {
                    #expect(throws: RequestError.self) { try request.score([]) }
                }
            } catch {
                rejected += 1
                #expect(!error.issues.isEmpty, "\(text)")
                for issue in error.issues {
                    #expect(!issue.location.isEmpty && !issue.cause.isEmpty && !issue.fix.isEmpty, "\(issue) for \(text)")
                }
            }
        }
        for path in paths {
            for replacement in replacements { check(render(base, replacing: path, with: replacement)) }
            check(render(base, replacing: path, with: nil))
        }
        let text = RequestText.with()
        for cut in stride(from: 0, to: text.count, by: 7) { check(String(text.prefix(cut))) }
        #expect(accepted > 0 && rejected > 0)
    }
}

/// One step into a JSON tree.
enum PathStep: Equatable {
    case key(String)
    case index(Int)
}

private func collectPaths(_ value: Any, _ path: [PathStep], into paths: inout [[PathStep]]) {
    if !path.isEmpty { paths.append(path) }
    if let object = value as? [String: Any] {
        for key in object.keys.sorted() { collectPaths(object[key] as Any, path + [.key(key)], into: &paths) }
    } else if let array = value as? [Any] {
        for (n, element) in array.enumerated() { collectPaths(element, path + [.index(n)], into: &paths) }
    }
}

/// `value` as JSON text with the value at `path` replaced by raw JSON `replacement`, or removed when `nil`.
private func render(_ value: Any, replacing path: [PathStep], with replacement: String?) -> String {
    func text(_ value: Any, _ rest: [PathStep]?) -> String {
        if let rest, rest.isEmpty { return replacement ?? "null" }
        if let object = value as? [String: Any] {
            let parts = object.keys.sorted().compactMap { key -> String? in
                var next: [PathStep]? = nil
                if let rest, rest.first == .key(key) {
                    if rest.count == 1 && replacement == nil { return nil }
                    next = Array(rest.dropFirst())
                }
                return "\(quoted(key)): \(text(object[key] as Any, next))"
            }
            return "{" + parts.joined(separator: ", ") + "}"
        }
        if let array = value as? [Any] {
            let parts = array.enumerated().compactMap { n, element -> String? in
                var next: [PathStep]? = nil
                if let rest, rest.first == .index(n) {
                    if rest.count == 1 && replacement == nil { return nil }
                    next = Array(rest.dropFirst())
                }
                return text(element, next)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        if let string = value as? String { return quoted(string) }
        if let number = value as? NSNumber { return number.stringValue }  // the base request has no booleans
        return "null"
    }
    return text(value, path)
}

private func quoted(_ string: String) -> String {
    String(decoding: (try? JSONSerialization.data(withJSONObject: string, options: [.fragmentsAllowed])) ?? Data(), as: UTF8.self)
}
