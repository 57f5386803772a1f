import Foundation
import RoundTable
import RoundTableSpreadsheet
import Testing

@Suite("Real spreadsheet exports parse: BOM, CRLF, quotes, line breaks, accents, blank rows")
struct CSVParsingTests {
    @Test func exportQuirksReadAsTheCleanSheet() throws {
        let config = SheetFixtures.url("small_event.yaml")
        let clean = try SpreadsheetImport.request(csv: SheetFixtures.url("valid_small.csv"), config: config)
        let messy = try SpreadsheetImport.request(csv: SheetFixtures.url("valid_export_quirks.csv"), config: config)
        #expect(messy.attendees.count == 4)
        #expect(messy.attendees.map(\.id) == clean.attendees.map(\.id))
        #expect(messy.attendees[0].name == "José Peña")
        #expect(messy.attendees[0].attributes["organization"] == .single("Secretaría de Infraestructura, Comunicaciones y Transportes"))
        #expect(messy.attendees[0].pin == clean.attendees[0].pin)
        #expect(messy.attendees[1].name == "Nuñez, Lucía")
        #expect(messy.attendees[1].attributes["organization"] == .single("Line one\nline two"))
        #expect(messy.attendees[1].sessions == ["Thu", "Fri"])
        #expect(messy.attendees[2].name == "Ana \"La Jefa\" Ruiz")
        #expect(messy.attendees[3].attributes["language"] == .multiple(["en"]))
        #expect(messy.attendees[3].avoid == ["a1"])
    }

    @Test func byteOrderMarkIsNotPartOfTheFirstHeader() throws {
        let request = try #require(expectRequest("\u{FEFF}id,country\r\na1,MX\r\n"))
        #expect(request.attendees == [Attendee(id: "a1", attributes: ["country": .single("MX")])])
    }

    @Test func crlfLfAndCrLineEndsAllWork() throws {
        for end in ["\r\n", "\n", "\r"] {
            let request = try #require(expectRequest(["id,name", "a1,Ana", "a2,Bo", ""].joined(separator: end)))
            #expect(request.attendees.map(\.name) == ["Ana", "Bo"], "line end \(end.debugDescription)")
        }
    }

    @Test func quotedCellsKeepCommasQuotesAndLineBreaks() throws {
        let csv = "id,name,organization\r\na1,\"Peña, José\",\"Grupo \"\"Norte\"\"\r\nMonterrey\"\r\na2,Núñez,PG&E\r\n"
        let request = try #require(expectRequest(csv))
        #expect(request.attendees[0].name == "Peña, José")
        #expect(request.attendees[0].attributes["organization"] == .single("Grupo \"Norte\"\nMonterrey"))
        #expect(request.attendees[1].name == "Núñez")
    }

    @Test func rowsAfterACellWithLineBreaksKeepTheirSpreadsheetNumber() throws {
        // Row 2 spans three text lines; a spreadsheet app still shows it as one row, so the
        // row with the empty id is row 3.
        let csv = "id,name,notes\na1,Ana,\"one\ntwo\nthree\"\n,Bo,\n"
        let error = try #require(expectError(csv))
        #expect(error.issues.map(\.location) == ["row 3, column \"id\""])
    }

    @Test func blankTrailingRowsAndCommaOnlyRowsAreSkipped() throws {
        let csv = "id,name,country\r\na1,Ana,MX\r\n\r\n,,\r\n  ,  , \r\n\r\n"
        let request = try #require(expectRequest(csv))
        #expect(request.attendees.map(\.id) == ["a1"])
    }

    @Test func accentedNamesAndIdsAreKept() throws {
        let csv = "id,name,avoid\nJosé,José Peña,Nuñez\nNuñez,Lucía Nuñez,\n"
        let request = try #require(expectRequest(csv))
        #expect(request.attendees.map(\.id) == ["José", "Nuñez"])
        #expect(request.attendees[0].avoid == ["Nuñez"])
    }

    @Test func duplicateHeadersAreReportedWithTheirColumnLetters() throws {
        let error = try #require(expectError("id,Name,country,Name\na1,Ana,MX,Ana B\n"))
        #expect(error.file == "attendees.csv")
        #expect(error.description.contains("row 1 (header), columns B and D: 2 columns are named \"Name\""))
    }

    @Test func duplicateHeadersListedUnderIgnoreAreLeftOut() throws {
        let config = smallConfig.replacingOccurrences(of: "ignore: []", with: "ignore: [Email]")
        let request = try #require(expectRequest("id,Email,country,Email\na1,x@y,MX,z@w\n", config: config))
        #expect(request.attendees[0].attributes == ["country": .single("MX")])
    }

    @Test func unclosedQuoteNamesTheRowItOpensIn() throws {
        let error = try #require(expectError("id,name\na1,Ana\na2,\"Bo\na3,Cy\n"))
        #expect(error.issues.count == 1)
        #expect(error.description.contains("row 3: a quoted cell starting in this row is never closed"))
    }

    @Test func semicolonSeparatedExportsReadWithTheFieldSeparator() throws {
        let config = languageConfig + "\nseparators: {field: \";\", list: \",\"}"
        let request = try #require(expectRequest("id;name;language\na1;Peña, José;\"es, en\"\n", config: config))
        #expect(request.attendees[0].name == "Peña, José")
        #expect(request.attendees[0].attributes["language"] == .multiple(["es", "en"]))
    }

    @Test func utf16WithByteOrderMarkIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roundtable-utf16-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var data = Data([0xFF, 0xFE])
        for unit in "id,name\r\na1,José Peña\r\n".utf16 { data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        try data.write(to: url)
        let text = try SpreadsheetImport.csvText(contentsOf: url, name: "export.csv")
        let request = try SpreadsheetImport.request(csvText: text, csvName: "export.csv", configText: smallConfig, configName: "event.yaml")
        #expect(request.attendees.first?.name == "José Peña")
    }

    @Test func workbooksAreRefusedWithExportSteps() throws {
        for name in ["guests.xlsx", "guests.XLS", "guests.ods"] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString)-\(name)")
            do {
                _ = try SpreadsheetImport.csvText(contentsOf: url, name: name)
                Issue.record("\(name) was read")
            } catch {
                #expect(error.file == name)
                #expect(error.description.contains("export the sheet as CSV UTF-8"), "\(error)")
            }
        }
    }
}
