import Foundation
import RoundTable
import RoundTableJSON
import RoundTableSpreadsheet
import Testing

@Suite("The bundled spreadsheet and config give the bundled conference request")
struct ConferenceSpreadsheetTests {
    @Test func conferenceSheetAndConfigEqualConferenceJSON() throws {
        let expected = try RequestReader.read(contentsOf: SheetFixtures.fixtures.appendingPathComponent("conference.json"))
        let (request, config) = try SpreadsheetImport.read(
            csv: SheetFixtures.url("conference.csv"), config: SheetFixtures.url("event.yaml"))
        #expect(request.attendees.count == 150)
        #expect(request.sessions == expected.sessions)
        #expect(request.tables == expected.tables)
        #expect(request.objective == expected.objective)
        #expect(request.rules == expected.rules)
        for (got, want) in zip(request.attendees, expected.attendees) where got != want {
            Issue.record("attendee \(want.id) differs:\n got \(got)\nwant \(want)")
        }
        #expect(request == expected)
        #expect(config.timeLimit == 60)
    }

    @Test func conferenceSheetHasByteOrderMarkAndCRLF() throws {
        let data = try Data(contentsOf: SheetFixtures.url("conference.csv"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func convertingTheSheetWritesJSONThatReadsBackAsConferenceJSON() throws {
        let expected = try RequestReader.read(contentsOf: SheetFixtures.fixtures.appendingPathComponent("conference.json"))
        let request = try SpreadsheetImport.request(csv: SheetFixtures.url("conference.csv"), config: SheetFixtures.url("event.yaml"))
        #expect(try RequestReader.read(RequestWriter.encode(request)) == expected)
    }
}
