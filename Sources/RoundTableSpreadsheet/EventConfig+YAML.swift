import Foundation
import RoundTable
import Yams

extension EventConfig {
    static let topLevelKeys = ["sessions", "tables", "objective", "rules", "timeLimit", "columns", "separators"]
    static let tableKeys = ["id", "capacity", "minSize", "topic", "sessions"]
    static let groupKeys = ["count", "capacity", "minSize", "prefix", "start", "topic", "topics", "sessions"]
    static let objectiveKeys = ["balance", "size", "topics", "repeats", "moves"]
    static let ruleKeys = ["attribute", "value", "min", "max", "maxPerValue", "minDistinct", "weight"]
    static let columnKeys = [
        "id", "name", "group", "avoid", "sessions", "pin", "topics", "attributes", "multiValued", "required", "ignore",
    ]
    static let separatorKeys = ["field", "list", "pin"]
    /// The most tables one shorthand group may make.
    static let largestGroup = 10_000

    /// Reads an event config file; `name` (default: the URL's path) names it in errors.
    ///
    /// - Throws: ``RequestError`` with every issue found, each naming the key path and line.
    public static func read(contentsOf url: URL, name: String? = nil) throws(RequestError) -> EventConfig {
        let file = name ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RequestError(
                file: file,
                issues: [
                    RequestIssue(
                        location: "file", cause: "it cannot be read (\(error.localizedDescription))",
                        fix: "check the path given to --config")
                ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RequestError(
                file: file, issues: [RequestIssue(location: "file", cause: "it is not UTF-8 text", fix: "save the config as UTF-8")])
        }
        return try EventConfig(yaml: text, file: file)
    }

    /// Parses the YAML text of an event config; `file` names it in errors.
    ///
    /// Every issue is collected before throwing: unknown keys (with a "did you mean"
    /// hint), values of the wrong kind, and everything MODEL.md's validation finds in
    /// the sessions, tables, objective and rules, each located by key path and line.
    public init(yaml text: String, file: String) throws(RequestError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw RequestError(file: file, issues: [Self.syntaxIssue(error)])
        }
        guard let root, !YAMLFieldReader.isNull(root) else {
            throw RequestError(
                file: file,
                issues: [
                    RequestIssue(
                        location: "file", cause: "the config is empty",
                        fix: "give at least the tables, e.g. `tables: {count: 4, capacity: 8}`")
                ])
        }
        var reader = YAMLFieldReader()
        let config = Self.parse(root, &reader)
        var issues = reader.issues
        if issues.isEmpty, let config { issues = config.modelIssues() }
        guard issues.isEmpty, let config else { throw RequestError(file: file, issues: issues) }
        self = config
    }

    /// A YAML syntax error as an issue at its line and column.
    static func syntaxIssue(_ error: Error) -> RequestIssue {
        let fix =
            "correct the YAML there: indent with spaces (not tabs), line up the entries of one list or mapping, and quote values containing `: `, ` #` or starting with `*`, `&`, `!`, `@`, `%`"
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text) on line \($0.mark.line))" } ?? ""
            return RequestIssue(
                location: "line \(mark.line), column \(mark.column)", cause: "it is not valid YAML: \(problem)\(detail)", fix: fix)
        case .reader(let problem, _, _, _):
            return RequestIssue(location: "file", cause: "it cannot be read as YAML text: \(problem)", fix: "save the config as UTF-8 text")
        default:
            return RequestIssue(location: "file", cause: "it is not valid YAML (\(error))", fix: fix)
        }
    }

    static func parse(_ root: Node, _ reader: inout YAMLFieldReader) -> EventConfig? {
        guard let fields = reader.mapping(root, "", keys: topLevelKeys, what: "the event config") else { return nil }
        var config = EventConfig(tables: [])
        if let node = fields["sessions"]?.value {
            config.sessions = reader.strings(node, "sessions", example: "[Thu, Fri, Sat]") ?? []
        }
        if let node = fields["tables"]?.value {
            (config.tables, config.origins.tablePaths) = tables(node, &reader)
        } else {
            reader.missing(
                "tables", nil, "the tables are missing",
                "add `tables`, e.g. `tables: {count: 16, capacity: 10}` or a list of `{id: T1, capacity: 10}`")
        }
        if let node = fields["objective"]?.value { config.objective = objective(node, &reader) }
        if let node = fields["rules"]?.value,
            let elements = reader.sequence(node, "rules", example: "`- {attribute: organization, maxPerValue: 1}`")
        {
            for (n, element) in elements.enumerated() {
                if let rule = rule(element, "rules[\(n)]", &reader) { config.rules.append(rule) }
            }
        }
        if let node = fields["timeLimit"]?.value {
            config.timeLimit = reader.number(node, "timeLimit", largest: 1e9, unit: "a number of seconds")
        }
        if let node = fields["columns"]?.value { config.columns = columns(node, &reader) }
        if let node = fields["separators"]?.value { config.separators = separators(node, &reader) }
        config.origins.lines = reader.lines
        return config
    }

    // MARK: Tables

    /// The tables, with groups expanded, and the path of the entry each came from.
    static func tables(_ node: Node, _ reader: inout YAMLFieldReader) -> ([Table], [String]) {
        var entries: [(node: Node, path: String)] = []
        switch node {
        case .mapping: entries = [(node, "tables")]
        case .sequence(let sequence):
            _ = reader.sequence(node, "tables", example: "")
            entries = sequence.enumerated().map { ($1, "tables[\($0)]") }
        case .scalar:
            reader.fail(
                "tables", node, "expected a list of tables or a group, found \(YAMLFieldReader.kind(node))",
                "write e.g. `tables: {count: 16, capacity: 10}` or a list of `- {id: T1, capacity: 10}`")
        }
        var tables: [Table] = []
        var paths: [String] = []
        var nextNumber: [String: Int] = [:]
        for (node, path) in entries {
            guard case .mapping(let mapping) = node else {
                reader.fail(
                    path, node, "expected a table or a group of tables, found \(YAMLFieldReader.kind(node))",
                    "write `{id: T1, capacity: 10}` or `{count: 4, capacity: 10}`")
                continue
            }
            let hasID = mapping["id"] != nil
            let hasCount = mapping["count"] != nil
            if hasID && hasCount {
                reader.fail(
                    path, node, "the entry has both `id` (one table) and `count` (a group of tables)",
                    "keep `id` for one table, or `count` with `prefix` for a group")
                continue
            }
            if hasCount {
                let made = group(node, path, &nextNumber, &reader)
                tables += made
                paths += Array(repeating: path, count: made.count)
            } else if hasID {
                if let table = table(node, path, &reader) {
                    tables.append(table)
                    paths.append(path)
                }
            } else {
                _ = reader.mapping(node, path, keys: tableKeys + groupKeys.filter { !tableKeys.contains($0) }, what: "a table")
                reader.fail(
                    path, node, "the entry has neither `id` (one table) nor `count` (a group of tables)",
                    "add `id: T1` for one table, or `count: 4` for a group")
            }
        }
        return (tables, paths)
    }

    static func table(_ node: Node, _ path: String, _ reader: inout YAMLFieldReader) -> Table? {
        guard let fields = reader.mapping(node, path, keys: tableKeys, what: "a table") else { return nil }
        let id = reader.string(fields["id"]?.value, path + ".id", example: "T1")
        let capacity = reader.integer(fields["capacity"]?.value, path + ".capacity")
        if fields["capacity"] == nil {
            reader.missing(path + ".capacity", node, "the capacity is missing", "add the number of seats, e.g. `capacity: 10`")
        }
        let minSize = reader.integer(fields["minSize"]?.value, path + ".minSize") ?? 0
        let topic = reader.string(fields["topic"]?.value, path + ".topic", example: "rail")
        let sessions = reader.strings(fields["sessions"]?.value, path + ".sessions", example: "[Fri, Sat]")
        guard let id, let capacity else { return nil }
        return Table(id: id, capacity: capacity, minSize: minSize, topic: topic, sessions: sessions)
    }

    /// A shorthand group: `count` tables named `prefix` + number, numbered on from the
    /// previous group with the same prefix unless `start` is given; `topics` are dealt
    /// out in turn (table k gets topics[k mod n]), `topic` gives all the same one.
    static func group(_ node: Node, _ path: String, _ nextNumber: inout [String: Int], _ reader: inout YAMLFieldReader) -> [Table] {
        guard let fields = reader.mapping(node, path, keys: groupKeys, what: "a group of tables") else { return [] }
        let count = reader.integer(fields["count"]?.value, path + ".count")
        if let count, count < 1 || count > largestGroup {
            reader.fail(
                path + ".count", fields["count"]?.value, "count \(count) is not from 1 to \(largestGroup)",
                "give the number of tables in this group, e.g. `count: 16`")
        }
        let capacity = reader.integer(fields["capacity"]?.value, path + ".capacity")
        if fields["capacity"] == nil {
            reader.missing(path + ".capacity", node, "the capacity is missing", "add the seats per table, e.g. `capacity: 10`")
        }
        let minSize = reader.integer(fields["minSize"]?.value, path + ".minSize") ?? 0
        let prefix = reader.string(fields["prefix"]?.value, path + ".prefix", example: "T") ?? "T"
        let start = reader.integer(fields["start"]?.value, path + ".start")
        if let start, start < 0 {
            reader.fail(
                path + ".start", fields["start"]?.value, "start \(start) is negative", "number tables from 0 or more, or leave `start` out")
        }
        let topic = reader.string(fields["topic"]?.value, path + ".topic", example: "rail")
        let topics = reader.strings(fields["topics"]?.value, path + ".topics", example: "[rail, energy]")
        if topic != nil, topics != nil {
            reader.fail(
                path + ".topics", fields["topics"]?.value, "the group has both `topic` and `topics`",
                "use `topic` to give every table the same topic, or `topics` to deal several out in turn")
        }
        let sessions = reader.strings(fields["sessions"]?.value, path + ".sessions", example: "[Fri, Sat]")
        guard let count, (1...largestGroup).contains(count), let capacity else { return [] }
        let first = max(0, start ?? nextNumber[prefix] ?? 1)
        nextNumber[prefix] = first + count
        return (0..<count).map { k in
            var tableTopic = topic
            if let topics, !topics.isEmpty { tableTopic = topics[k % topics.count] }
            return Table(id: prefix + String(first + k), capacity: capacity, minSize: minSize, topic: tableTopic, sessions: sessions)
        }
    }

    // MARK: Objective and rules

    static func objective(_ node: Node, _ reader: inout YAMLFieldReader) -> Objective {
        var objective = Objective()
        guard let fields = reader.mapping(node, "objective", keys: objectiveKeys, what: "the objective") else { return objective }
        if let balance = fields["balance"]?.value {
            if case .mapping(let mapping) = balance {
                var seen = Set<String>()
                for (keyNode, value) in mapping {
                    guard let name = reader.string(keyNode, "objective.balance", example: "party") else { continue }
                    let path = "objective.balance.\(name)"
                    guard seen.insert(name).inserted else {
                        reader.fail(path, keyNode, "attribute \(name.debugDescription) is weighted twice", "keep one weight")
                        continue
                    }
                    if let line = keyNode.line { reader.lines[path] = line }
                    if YAMLFieldReader.isNull(value) { continue }
                    if let weight = reader.number(value, path, largest: SeatingRequest.largestWeight, unit: "a weight") {
                        objective.balance[name] = weight
                    }
                }
            } else {
                reader.fail(
                    "objective.balance", balance, "expected attribute: weight lines, found \(YAMLFieldReader.kind(balance))",
                    "write e.g. `balance: {party: 3, country: 3}`")
            }
        }
        let largest = SeatingRequest.largestWeight
        if let value = fields["size"]?.value {
            objective.size = reader.number(value, "objective.size", largest: largest, unit: "a weight") ?? objective.size
        }
        if let value = fields["topics"]?.value {
            objective.topics = reader.number(value, "objective.topics", largest: largest, unit: "a weight") ?? objective.topics
        }
        if let value = fields["repeats"]?.value {
            objective.repeats = reader.number(value, "objective.repeats", largest: largest, unit: "a weight") ?? objective.repeats
        }
        if let value = fields["moves"]?.value {
            objective.moves = reader.number(value, "objective.moves", largest: largest, unit: "a weight") ?? objective.moves
        }
        return objective
    }

    static func rule(_ node: Node, _ path: String, _ reader: inout YAMLFieldReader) -> Rule? {
        guard let fields = reader.mapping(node, path, keys: ruleKeys, what: "a rule") else { return nil }
        let attribute = reader.string(fields["attribute"]?.value, path + ".attribute", example: "organization")
        if fields["attribute"] == nil {
            reader.missing(
                path + ".attribute", node, "the rule names no attribute", "add the attribute it counts, e.g. `attribute: organization`")
        }
        let value = reader.string(fields["value"]?.value, path + ".value", example: "legislator")
        let min = reader.integer(fields["min"]?.value, path + ".min")
        let max = reader.integer(fields["max"]?.value, path + ".max")
        let maxPerValue = reader.integer(fields["maxPerValue"]?.value, path + ".maxPerValue")
        let minDistinct = reader.integer(fields["minDistinct"]?.value, path + ".minDistinct")
        let weight = reader.number(fields["weight"]?.value, path + ".weight", largest: SeatingRequest.largestWeight, unit: "a weight")
        guard let attribute else { return nil }
        return Rule(
            attribute: attribute, value: value, min: min, max: max, maxPerValue: maxPerValue, minDistinct: minDistinct, weight: weight)
    }

    // MARK: Columns and separators

    static func columns(_ node: Node, _ reader: inout YAMLFieldReader) -> Columns {
        var columns = Columns()
        guard let fields = reader.mapping(node, "columns", keys: columnKeys, what: "the column mapping") else { return columns }
        func header(_ key: String) -> String? {
            reader.string(fields[key]?.value, "columns.\(key)", example: "Column header")
        }
        columns.id = header("id")
        columns.name = header("name")
        columns.group = header("group")
        columns.avoid = header("avoid")
        columns.sessions = header("sessions")
        columns.pin = header("pin")
        columns.topics = header("topics")
        if let node = fields["attributes"]?.value {
            switch node {
            case .mapping(let mapping):
                var attributes: [AttributeColumn] = []
                for (keyNode, value) in mapping {
                    guard let name = reader.string(keyNode, "columns.attributes", example: "country") else { continue }
                    let path = "columns.attributes.\(name)"
                    if let line = keyNode.line { reader.lines[path] = line }
                    if attributes.contains(where: { $0.name == name }) {
                        reader.fail(path, keyNode, "attribute \(name.debugDescription) is mapped twice", "keep one column for it")
                    } else if let header = reader.string(value, path, example: "Country") {
                        attributes.append(AttributeColumn(name: name, header: header))
                    } else if YAMLFieldReader.isNull(value) {
                        attributes.append(AttributeColumn(name: name, header: name))
                    }
                }
                columns.attributes = attributes
            default:
                let headers = reader.strings(node, "columns.attributes", example: "[Party, Country]") ?? []
                columns.attributes = headers.map { AttributeColumn(name: $0, header: $0) }
            }
        }
        columns.multiValued = reader.strings(fields["multiValued"]?.value, "columns.multiValued", example: "[language]") ?? []
        columns.required = reader.strings(fields["required"]?.value, "columns.required", example: "[country, role]") ?? []
        columns.ignore = reader.strings(fields["ignore"]?.value, "columns.ignore", example: "[Email, Notes]") ?? []
        return columns
    }

    static func separators(_ node: Node, _ reader: inout YAMLFieldReader) -> Separators {
        var separators = Separators()
        guard let fields = reader.mapping(node, "separators", keys: separatorKeys, what: "the separators") else { return separators }
        if let value = fields["field"]?.value, let text = reader.string(value, "separators.field", example: "\",\"") {
            let field = text.lowercased() == "tab" ? "\t" : text
            if field.unicodeScalars.count == 1, let scalar = field.unicodeScalars.first, scalar != "\"", scalar != "\n", scalar != "\r" {
                separators.field = scalar
            } else {
                reader.fail(
                    "separators.field", value, "\(text.debugDescription) is not one character",
                    "use one character such as \",\" or \";\", or `tab`")
            }
        }
        for key in ["list", "pin"] {
            guard let value = fields[key]?.value, let text = reader.string(value, "separators.\(key)", example: "\";\"") else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                reader.fail(
                    "separators.\(key)", value, "the separator is empty",
                    "use a visible separator in quotes, e.g. \"\(key == "list" ? ";" : ":")\"")
            } else if key == "list" {
                separators.list = trimmed
            } else {
                separators.pin = trimmed
            }
        }
        if separators.list == separators.pin {
            reader.fail(
                "separators.pin", fields["pin"]?.value ?? fields["list"]?.value,
                "the pin separator \(separators.pin.debugDescription) is also the list separator",
                "use different ones, e.g. list \";\" and pin \":\"")
        }
        return separators
    }

    // MARK: MODEL.md checks

    /// What MODEL.md's validation finds in the sessions, tables, objective and rules,
    /// located by the config's key paths and lines (an issue repeated by every table
    /// of a group is reported once).
    func modelIssues() -> [RequestIssue] {
        let request = SeatingRequest(sessions: sessions, tables: tables, attendees: [], objective: objective, rules: rules)
        var seen = Set<String>()
        var issues: [RequestIssue] = []
        for issue in request.validationIssues() {
            let moved = RequestIssue(location: origins.locate(configPath(issue.location)), cause: issue.cause, fix: issue.fix)
            if seen.insert(moved.description).inserted { issues.append(moved) }
        }
        return issues
    }

    /// The config key path of a validation location such as `tables[3] (id "T4").minSize`.
    func configPath(_ location: String) -> String {
        for (t, table) in tables.enumerated() where t < origins.tablePaths.count {
            let prefix = "tables[\(t)] (id \(table.id.debugDescription))"
            if location.hasPrefix(prefix) { return origins.tablePaths[t] + location.dropFirst(prefix.count) }
        }
        for (r, rule) in rules.enumerated() {
            let prefix = "rules[\(r)] (\(rule.attribute))"
            if location.hasPrefix(prefix) { return "rules[\(r)]" + location.dropFirst(prefix.count) }
        }
        return location
    }
}
