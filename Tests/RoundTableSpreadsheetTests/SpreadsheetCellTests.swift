import Foundation
import RoundTable
import RoundTableSpreadsheet
import Testing

@Suite("Cells become attendee fields: pins, sessions, avoid, topics, attributes")
struct SpreadsheetCellTests {
    @Test func pinCellsOfBothForms() throws {
        let csv = "id,pin,sessions\na1,T3,\na2,Thu:T1; Sat:T2,\na3, Fri : T4 ,Fri\na4,,\n"
        let request = try #require(expectRequest(csv))
        #expect(request.attendees.map(\.pin) == [.table("T3"), .perSession(["Thu": "T1", "Sat": "T2"]), .perSession(["Fri": "T4"]), nil])
    }

    @Test func pinToAnUnknownTableNamesRowColumnAndSuggestion() throws {
        let error = try #require(expectError("id,pin\na1,T1\na2,T33\n"))
        try #require(error.issues.count == 1)
        #expect(error.issues[0].location == "row 3, column \"pin\"")
        #expect(error.issues[0].cause.contains("table \"T33\" does not exist"))
        #expect(error.issues[0].fix.contains("did you mean \"T3\"?"))
    }

    @Test func pinNamingUnknownSessionOrTableNotSetUpIsAnError() throws {
        let error = try #require(expectError("id,pin\na1,Sun:T1\na2,Thu:T4\na3,Thu:T1; Thu:T2\n"))
        try #require(error.issues.map(\.location) == ["row 2, column \"pin\"", "row 3, column \"pin\"", "row 4, column \"pin\""])
        #expect(error.issues[0].cause.contains("\"Sun\" in \"Sun:T1\" is not a session"))
        #expect(error.issues[1].cause.contains("table \"T4\" is not set up in Thu"))
        #expect(error.issues[2].cause.contains("session \"Thu\" is pinned twice"))
    }

    @Test func sessionsCellsAreListsAndEmptyMeansEverySession() throws {
        let request = try #require(expectRequest("id,sessions\na1,Thu; Fri\na2,\na3,Sat\n"))
        #expect(request.attendees.map(\.sessions) == [["Thu", "Fri"], nil, ["Sat"]])
    }

    @Test func unknownSessionIsReportedWithTheEventsSessions() throws {
        let error = try #require(expectError("id,sessions\na1,Thu; Frii\n"))
        try #require(error.issues.count == 1)
        #expect(error.issues[0].location == "row 2, column \"sessions\"")
        #expect(error.issues[0].cause == "\"Frii\" is not a session of the event (Thu, Fri, Sat)")
        #expect(error.issues[0].fix.contains("did you mean \"Fri\"?"))
    }

    @Test func avoidCellsNameIdsAndUnknownOrOwnIdsAreErrors() throws {
        let request = try #require(expectRequest("id,avoid\na1,a2; a3\na2,\na3,\n"))
        #expect(request.attendees[0].avoid == ["a2", "a3"])
        let error = try #require(expectError("id,avoid\na1,a1\na2,a7; a1\n"))
        try #require(error.issues.map(\.location) == ["row 2, column \"avoid\"", "row 3, column \"avoid\""])
        #expect(error.issues[0].cause == "the attendee avoids themself")
        #expect(error.issues[1].cause == "no attendee has id \"a7\"")
    }

    @Test func emptyCellsMeanAbsentAttributes() throws {
        let request = try #require(expectRequest("id,name,group,party,language\na1,,,,\na2,Bo,f1,PAN,es; en\n", config: languageConfig))
        #expect(request.attendees[0] == Attendee(id: "a1"))
        #expect(
            request.attendees[1]
                == Attendee(id: "a2", name: "Bo", attributes: ["party": .single("PAN"), "language": .multiple(["es", "en"])], group: "f1"))
    }

    @Test func multiValuedColumnsAreAlwaysListsAndOthersAreNeverSplit() throws {
        let request = try #require(expectRequest("id,language,organization\na1,es,\"PG&E; Inc\"\n", config: languageConfig))
        #expect(request.attendees[0].attributes == ["language": .multiple(["es"]), "organization": .single("PG&E; Inc")])
    }

    @Test func topicsMustBeOfferedByATable() throws {
        let request = try #require(expectRequest("id,topics\na1,energy; rail\n"))
        #expect(request.attendees[0].topics == ["energy", "rail"])
        let error = try #require(expectError("id,topics\na1,energy; rial\n"))
        try #require(error.issues.count == 1)
        #expect(error.issues[0].cause.contains("no table has topic \"rial\""))
        #expect(error.issues[0].fix.contains("did you mean \"rail\"?"))
    }

    @Test func emptyAndDuplicateIdsAreReportedWithBothRows() throws {
        let error = try #require(expectError("id,name\na1,Ana\n,Bo\na1,Cy\na3,Di\na1,Ed\n"))
        try #require(error.issues.map(\.location) == ["row 3, column \"id\"", "row 4, column \"id\"", "row 6, column \"id\""])
        #expect(error.issues[1].cause == "id \"a1\" is also on row 2, 6; ids must be unique")
        #expect(error.issues[2].cause == "id \"a1\" is also on row 2, 4; ids must be unique")
    }

    @Test func everyIssueOfTheSheetIsReportedAtOnce() throws {
        let csv = "id,sessions,pin,avoid,country\na1,Sun,T9,a9,\n,,,,\n"
        let config = smallConfig + "\n  required: [country]"
        let error = try #require(expectError(csv, config: config))
        #expect(error.file == "attendees.csv")
        #expect(error.issues.count == 4)
        #expect(
            Set(error.issues.map(\.location)) == [
                "row 2, column \"sessions\"", "row 2, column \"pin\"", "row 2, column \"avoid\"", "row 2, column \"country\"",
            ])
    }

    @Test func requiredAttributeCellMustBeFilledAndSaysWhy() throws {
        let config = "tables: {count: 2, capacity: 3}\nobjective: {balance: {country: 2}}\ncolumns: {required: [country]}"
        let error = try #require(expectError("id,country\na1,MX\na2,\n", config: config))
        #expect(
            error.description
                == "attendees.csv: row 3, column \"country\": empty; every attendee needs a country because event.yaml lists country under columns.required (and balances it). Fix: fill it in, or remove country from columns.required in event.yaml."
        )
    }

    @Test func configuredColumnsAndAttributeMappingPickTheColumns() throws {
        let config = """
            tables: {count: 2, capacity: 3}
            objective: {balance: {country: 1}}
            columns:
              id: Badge
              name: Full name
              group: Family
              attributes: {country: País, role: Role}
            """
        let csv = "Badge,Full name,Family,País,Role,Email\nb1,Ana,fam,MX,guest,ana@example.org\n"
        let request = try #require(expectRequest(csv, config: config))
        #expect(request.sessions == ["main"])
        #expect(
            request.attendees == [
                Attendee(id: "b1", name: "Ana", attributes: ["country": .single("MX"), "role": .single("guest")], group: "fam")
            ])
    }

    @Test func missingIdColumnSuggestsTheClosestHeader() throws {
        let error = try #require(expectError("Ids,name\na1,Ana\n"))
        try #require(error.issues.count == 1)
        #expect(error.issues[0].location == "row 1 (header)")
        #expect(error.issues[0].cause.contains("did you mean \"Ids\"?"))
    }

    @Test func balancedAttributeWithoutAColumnSuggestsTheHeader() throws {
        let config = "tables: {count: 1, capacity: 3}\nobjective: {balance: {Country: 1}}"
        let error = try #require(expectError("id,country\na1,MX\n", config: config))
        try #require(error.issues.count == 1)
        #expect(
            error.issues[0].cause.contains(
                "no column holds attribute \"Country\", which event.yaml objective.balance.Country (line 2) names"))
        #expect(error.issues[0].fix.hasPrefix("did you mean \"country\"?"))
    }

    @Test func groupMembersAvoidingEachOtherAreReportedByRow() throws {
        let error = try #require(expectError("id,group,avoid\na1,f,\na2,f,a1\n"))
        #expect(error.issues.map(\.location) == ["row 3, column \"avoid\""])
    }

    @Test func valueBeyondTheLastHeaderIsReported() throws {
        let error = try #require(expectError("id,name\na1,Peña, José\n"))
        try #require(error.issues.map(\.location) == ["row 2, column C"])
        #expect(error.issues[0].cause.contains("\"José\" is in a column without a header"))
    }
}
