import Foundation
import RoundTable
import RoundTableSpreadsheet
import Testing

/// Parses a config, recording an issue (and returning nil) when it fails.
func expectConfig(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> EventConfig? {
    do {
        return try EventConfig(yaml: yaml, file: "event.yaml")
    } catch {
        Issue.record("expected a config, got:\n\(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The error a config gives, recording an issue (and returning nil) when it parses.
func expectConfigError(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> RequestError? {
    do {
        _ = try EventConfig(yaml: yaml, file: "event.yaml")
        Issue.record("expected a RequestError, but the config was read", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite("The event config: shorthand tables, defaults, and errors by key path and line")
struct EventConfigTests {
    @Test func shorthandMappingExpandsToNumberedTablesWithTopicsInTurn() throws {
        let config = try #require(expectConfig(#"tables: {count: 16, capacity: 10, minSize: 6, prefix: "T", topics: [rail, energy]}"#))
        #expect(config.tables.count == 16)
        #expect(config.tables.map(\.id) == (1...16).map { "T\($0)" })
        #expect(config.tables.allSatisfy { $0.capacity == 10 && $0.minSize == 6 && $0.sessions == nil })
        #expect(config.tables.prefix(4).map(\.topic) == ["rail", "energy", "rail", "energy"])
        #expect(config.tables[15].topic == "energy")
    }

    @Test func severalGroupsNumberOnPerPrefixAndMixWithSingleTables() throws {
        let yaml = """
            sessions: [Thu, Fri]
            tables:
              - {count: 2, capacity: 8}
              - {count: 2, capacity: 6, prefix: VIP-, topic: trade}
              - {count: 3, capacity: 10, minSize: 4, sessions: [Fri]}
              - {id: Stage, capacity: 12}
              - {count: 1, capacity: 4, start: 20}
            """
        let config = try #require(expectConfig(yaml))
        #expect(
            config.tables == [
                Table(id: "T1", capacity: 8), Table(id: "T2", capacity: 8),
                Table(id: "VIP-1", capacity: 6, topic: "trade"), Table(id: "VIP-2", capacity: 6, topic: "trade"),
                Table(id: "T3", capacity: 10, minSize: 4, sessions: ["Fri"]), Table(id: "T4", capacity: 10, minSize: 4, sessions: ["Fri"]),
                Table(id: "T5", capacity: 10, minSize: 4, sessions: ["Fri"]),
                Table(id: "Stage", capacity: 12), Table(id: "T20", capacity: 4),
            ])
    }

    @Test func absentKeysTakeTheirDefaults() throws {
        let config = try #require(expectConfig("tables: [{id: A, capacity: 2}]"))
        #expect(config.sessions == ["main"])
        #expect(config.objective == Objective())
        #expect(config.rules.isEmpty)
        #expect(config.timeLimit == nil)
        #expect(config.columns == EventConfig.Columns())
        #expect(config.separators == EventConfig.Separators())
    }

    @Test func everyKeyIsRead() throws {
        let yaml = """
            sessions: [Thu, Fri]
            tables: {count: 2, capacity: 5}
            objective: {balance: {party: 3, country: 0.5}, size: 0, topics: 2, repeats: 4, moves: 7}
            rules:
              - {attribute: organization, maxPerValue: 1}
              - {attribute: role, value: legislator, min: 1, max: 2, weight: 2.5}
              - {attribute: country, minDistinct: 2}
            timeLimit: 30.5
            columns:
              id: Badge
              name: Name
              group: Family
              avoid: Keep apart
              sessions: Days
              pin: Seat
              topics: Interests
              attributes: [Party, Country]
              multiValued: [Languages]
              required: [Country]
              ignore: [Email]
            separators: {field: tab, list: "/", pin: "@"}
            """
        let config = try #require(expectConfig(yaml))
        #expect(config.objective == Objective(balance: ["party": 3, "country": 0.5], size: 0, topics: 2, repeats: 4, moves: 7))
        #expect(
            config.rules == [
                Rule(attribute: "organization", maxPerValue: 1),
                Rule(attribute: "role", value: "legislator", min: 1, max: 2, weight: 2.5),
                Rule(attribute: "country", minDistinct: 2),
            ])
        #expect(config.timeLimit == 30.5)
        #expect(
            config.columns
                == EventConfig.Columns(
                    id: "Badge", name: "Name", group: "Family", avoid: "Keep apart", sessions: "Days", pin: "Seat", topics: "Interests",
                    attributes: [.init(name: "Party", header: "Party"), .init(name: "Country", header: "Country")],
                    multiValued: ["Languages"], required: ["Country"], ignore: ["Email"]))
        #expect(config.separators == EventConfig.Separators(field: "\t", list: "/", pin: "@"))
    }

    @Test func scalarsAreReadAsWrittenNotAsYAMLBooleansOrNumbers() throws {
        let config = try #require(expectConfig("sessions: [no, on, 01]\ntables: [{id: 007, capacity: 2, topic: yes}]"))
        #expect(config.sessions == ["no", "on", "01"])
        #expect(config.tables == [Table(id: "007", capacity: 2, topic: "yes")])
    }

    @Test func misspelledTableKeySuggestsTheRightOneWithPathAndLine() throws {
        let yaml = """
            tables:
              - {count: 4, capacity: 8}
              - id: T9
                capcity: 10
            """
        let error = try #require(expectConfigError(yaml))
        #expect(error.file == "event.yaml")
        try #require(error.issues.count == 1)
        #expect(error.issues[0].location == "tables[1].capcity (line 4)")
        #expect(error.issues[0].cause == "unknown key \"capcity\" in a table")
        #expect(error.issues[0].fix.hasPrefix("did you mean \"capacity\"?"))
    }

    @Test(arguments: [
        ("tabels: {count: 2, capacity: 3}", "tables"),
        ("tables: {count: 2, capacity: 3, minsize: 1}", "minSize"),
        ("tables: {cont: 2, capacity: 3}", "count"),
        ("tables: {count: 2, capacity: 3}\nobjective: {repeat: 2}", "repeats"),
        ("tables: {count: 2, capacity: 3}\nrules: [{attribute: a, maxPerVal: 1}]", "maxPerValue"),
        ("tables: {count: 2, capacity: 3}\ncolumns: {multivalued: [language]}", "multiValued"),
        ("tables: {count: 2, capacity: 3}\nseperators: {list: \";\"}", "separators"),
        ("tables: {count: 2, capacity: 3}\ntimelimit: 5", "timeLimit"),
    ])
    func unknownKeySuggestsTheClosestKnownKey(_ yaml: String, _ meant: String) throws {
        let error = try #require(expectConfigError(yaml))
        let issue = try #require(error.issues.first { $0.cause.hasPrefix("unknown key") })
        #expect(issue.fix.hasPrefix("did you mean \"\(meant)\"?"), "\(issue)")
        #expect(issue.location.contains("(line "), "\(issue)")
    }

    @Test func unknownKeyFarFromAnyListsTheKnownKeys() throws {
        let error = try #require(expectConfigError("tables: {count: 2, capacity: 3}\nvenue: Hall B"))
        try #require(error.issues.count == 1)
        #expect(error.issues[0].location == "venue (line 2)")
        #expect(error.issues[0].fix.contains("sessions, tables, objective, rules, timeLimit, columns, separators"))
    }

    @Test func yamlSyntaxErrorNamesTheLine() throws {
        let error = try #require(expectConfigError("sessions: [Thu, Fri\ntables:\n  - {id: T1, capacity: 3}\n"))
        try #require(error.issues.count == 1)
        #expect(error.issues[0].location.hasPrefix("line "))
        #expect(error.issues[0].cause.hasPrefix("it is not valid YAML"))
    }

    @Test func modelErrorsInTablesAndRulesPointAtTheirEntryOnce() throws {
        let yaml = """
            sessions: [Thu]
            tables:
              - {count: 3, capacity: 4, minSize: 5}
              - {id: T2, capacity: 4, sessions: [Sun]}
            rules:
              - {attribute: role, min: 1}
            """
        let error = try #require(expectConfigError(yaml))
        #expect(
            error.issues.map(\.location) == [
                "tables[0].minSize (line 3)", "tables[1].id (line 4)", "tables[1].sessions (line 4)", "rules[0] (line 6)",
            ])
        #expect(error.issues[1].cause == "table id \"T2\" is used twice")
    }

    @Test func wrongValueKindsAreReportedTogether() throws {
        let yaml = """
            tables: {count: 2, capacity: ten}
            objective: {balance: {party: -1}, size: lots}
            timeLimit: -3
            separators: {field: ";;", list: ":", pin: ":"}
            """
        let error = try #require(expectConfigError(yaml))
        #expect(
            error.issues.map(\.location) == [
                "tables.capacity (line 1)", "objective.balance.party (line 2)", "objective.size (line 2)", "timeLimit (line 3)",
                "separators.field (line 4)", "separators.pin (line 4)",
            ])
    }

    @Test func repeatedKeyIsAnErrorNamingBothLines() throws {
        let error = try #require(expectConfigError("tables:\n  count: 2\n  capacity: 3\n  capacity: 4\n"))
        try #require(error.issues.count == 1)
        #expect(error.issues[0].location == "tables.capacity (line 4)")
        #expect(error.issues[0].cause == "the key \"capacity\" is given twice (first on line 3)")
    }

    @Test func emptyConfigSaysWhatToWrite() throws {
        let error = try #require(expectConfigError("# nothing yet\n"))
        #expect(error.issues.map(\.cause) == ["the config is empty"])
    }

    @Test func bundledEventConfigDocumentsEveryKey() throws {
        let text = try SheetFixtures.text("event.yaml")
        let keys = [
            "sessions", "tables", "id", "capacity", "minSize", "topic", "count", "prefix", "start", "topics",
            "objective", "balance", "size", "repeats", "moves", "rules", "attribute", "value", "min", "max",
            "maxPerValue", "minDistinct", "weight", "timeLimit", "columns", "name", "group", "avoid", "pin",
            "attributes", "multiValued", "required", "ignore", "separators", "field", "list",
        ]
        for key in keys {
            // A comment line naming the key, or the key's own line with a comment.
            let documented = text.split(separator: "\n").contains { line in
                let trimmed = line.drop { $0 == " " }
                return (trimmed.hasPrefix("#") && trimmed.contains(key)) || (trimmed.hasPrefix(key + ":") && trimmed.contains(" # "))
            }
            #expect(documented, "event.yaml has no comment on \(key)")
        }
    }
}
