import Foundation
import RoundTable
import Testing

@testable import RoundTableReports

/// A plain RFC 4180 reader, to read back what PlanCSV writes.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let c = characters.popFirst() {
        if quoted {
            if c == "\"" {
                if characters.first == "\"" {
                    field.unicodeScalars.append(c)
                    characters.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\r", characters.first == "\n" {
            characters.removeFirst()
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
    return rows
}

@Suite("PlanCSV: a plan as a spreadsheet")
struct PlanCSVTests {
    static let threeSessions = SeatingRequest(
        sessions: ["Thu", "Fri", "Sat"],
        tables: [Table(id: "T1", capacity: 4), Table(id: "T2", capacity: 4)],
        attendees: [
            Attendee(id: "a1", name: "Ana Ruiz"),
            Attendee(id: "a2", name: "Ortiz, José \"Pepe\""),
            Attendee(id: "a3", name: "Line\nbreak", sessions: ["Thu", "Sat"]),
            Attendee(id: "a4"),
        ])

    static let threeSessionPlan = SeatingPlan(
        status: .feasible,
        assignments: [
            Assignment(attendee: "a1", session: "Thu", table: "T1"), Assignment(attendee: "a2", session: "Thu", table: "T1"),
            Assignment(attendee: "a3", session: "Thu", table: "T2"), Assignment(attendee: "a4", session: "Thu", table: "T2"),
            Assignment(attendee: "a1", session: "Fri", table: "T1"), Assignment(attendee: "a2", session: "Fri", table: "T2"),
            Assignment(attendee: "a4", session: "Fri", table: "T1"),
            Assignment(attendee: "a1", session: "Sat", table: "T2"), Assignment(attendee: "a3", session: "Sat", table: "T2"),
            Assignment(attendee: "a2", session: "Sat", table: "T1"), Assignment(attendee: "a4", session: "Sat", table: "T1"),
        ])

    @Test func oneRowPerAttendeeInRequestOrderWithATableColumnPerSession() {
        let rows = parseCSV(PlanCSV.render(Self.threeSessionPlan, request: Self.threeSessions))
        #expect(rows.first == ["id", "name", "Thu", "Fri", "Sat", "people met"])
        #expect(rows.dropFirst().map(\.first) == ["a1", "a2", "a3", "a4"])
        #expect(rows[1] == ["a1", "Ana Ruiz", "T1", "T1", "T2", "3"])
        #expect(rows[3] == ["a3", "Line\nbreak", "T2", "", "T2", "2"], "an absent session is an empty cell")
        #expect(rows[4] == ["a4", "", "T2", "T1", "T1", "3"], "no name: an empty name cell")
    }

    @Test func peopleMetComesFromThePlanWhenItHasIt() {
        var plan = Self.threeSessionPlan
        plan.peopleMet = ["a1": 7]
        let rows = parseCSV(PlanCSV.render(plan, request: Self.threeSessions))
        #expect(rows[1].last == "7")
        #expect(rows[2].last == "2", "counted from the seats when the plan has no figure")
    }

    @Test func aSingleSessionHasOneTableColumnAndNoPeopleMet() {
        let request = SeatingRequest(tables: [Table(id: "T1", capacity: 2)], attendees: [Attendee(id: "a"), Attendee(id: "b")])
        let plan = SeatingPlan(status: .optimal, assignments: [Assignment(attendee: "a", session: nil, table: "T1")])
        let text = PlanCSV.render(plan, request: request)
        #expect(text == "id,name,table\r\na,,T1\r\nb,,\r\n")
    }

    @Test(arguments: [
        ("plain", "plain"), ("Sofía Lozano", "Sofía Lozano"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("cr\r\nlf", "\"cr\r\nlf\""), (" padded", "\" padded\""), ("", ""),
        ("PG&E", "PG&E"), ("=SUM(A1)", "=SUM(A1)"),
    ])
    func fieldsAreQuotedOnlyWhenTheyMustBe(field: String, expected: String) {
        #expect(PlanCSV.quoted(field) == expected)
    }

    @Test func everyLineEndsInCRLFOutsideQuotedFields() {
        let text = PlanCSV.render(Self.threeSessionPlan, request: Self.threeSessions)
        #expect(text.hasSuffix("\r\n"))
        // The only bare line feed is the one inside the quoted name "Line\nbreak".
        let bare = text.replacingOccurrences(of: "\r\n", with: "").filter { $0 == "\n" }
        #expect(bare.count == 1)
        #expect(text.split(separator: "\r\n", omittingEmptySubsequences: false).count == 6)
    }

    @Test func byteOrderMarkOnlyWhenAsked() {
        let plain = PlanCSV.render(Self.threeSessionPlan, request: Self.threeSessions)
        let marked = PlanCSV.render(Self.threeSessionPlan, request: Self.threeSessions, byteOrderMark: true)
        #expect(!plain.unicodeScalars.contains("\u{FEFF}"))
        #expect(Array(marked.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(marked.unicodeScalars.dropFirst()) == plain)
    }

    @Test func hostileTextRoundTripsThroughACSVReader() {
        let names = ["Ortiz, José \"Pepe\"", "\"quoted\"", "a\r\nb", ",,,", " x ", "Ñandú ü 你好 🎉", "tab\there", "\"", ""]
        let request = SeatingRequest(
            sessions: ["Día 1", "Día, 2"], tables: [Table(id: "Mesa \"A\"", capacity: 20)],
            attendees: names.enumerated().map { Attendee(id: "id,\($0.offset)", name: $0.element) })
        let plan = SeatingPlan(
            status: .feasible,
            assignments: request.attendees.map { Assignment(attendee: $0.id, session: "Día, 2", table: "Mesa \"A\"") })
        let rows = parseCSV(PlanCSV.render(plan, request: request))
        #expect(rows[0] == ["id", "name", "Día 1", "Día, 2", "people met"])
        #expect(rows.count == names.count + 1)
        for (index, name) in names.enumerated() {
            #expect(rows[index + 1] == ["id,\(index)", name, "", "Mesa \"A\"", "\(names.count - 1)"])
        }
    }

    @Test func aPlanWithoutSeatsListsEveryAttendeeWithEmptyCells() {
        let plan = SeatingPlan(status: .infeasible, explanation: ["too few seats"])
        let rows = parseCSV(PlanCSV.render(plan, request: Self.threeSessions))
        #expect(rows.count == 5)
        #expect(rows[1] == ["a1", "Ana Ruiz", "", "", "", ""])
    }
}
