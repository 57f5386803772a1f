import Foundation
import RoundTable
import RoundTableSpreadsheet
import Testing

/// One row of the "Broken files" table of Fixtures/spreadsheets/README.md.
struct BrokenCase: Sendable, CustomTestStringConvertible {
    var sheet: String
    var config: String
    var expected: String

    var testDescription: String { sheet.hasPrefix("broken/") ? sheet : config }

    /// The file at fault: the broken one of the pair.
    var faulty: String { sheet.hasPrefix("broken/") ? sheet : config }

    static func listed() -> [BrokenCase] {
        guard let text = try? SheetFixtures.text("README.md"),
            let pattern = try? NSRegularExpression(pattern: #"^\| `([^`]+)` \| `([^`]+)` \| `([^`]+)` \|$"#, options: [.anchorsMatchLines])
        else { return [] }
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let sheet = Range(match.range(at: 1), in: text), let config = Range(match.range(at: 2), in: text),
                let expected = Range(match.range(at: 3), in: text)
            else { return nil }
            return BrokenCase(sheet: String(text[sheet]), config: String(text[config]), expected: String(text[expected]))
        }
    }
}

@Suite("Every broken spreadsheet and config fails as Fixtures/spreadsheets/README.md lists")
struct BrokenSpreadsheetTests {
    static let cases = BrokenCase.listed()

    @Test func everyBrokenFileIsListedInTheReadme() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: SheetFixtures.url("broken").path)
        let listed = Set(Self.cases.map(\.faulty))
        #expect(!files.isEmpty)
        for file in files.sorted() { #expect(listed.contains("broken/" + file), "broken/\(file) is not in the README table") }
    }

    @Test(arguments: cases)
    func brokenFileGivesItsListedError(_ broken: BrokenCase) throws {
        do {
            let (request, _) = try SpreadsheetImport.read(
                csv: SheetFixtures.url(broken.sheet), config: SheetFixtures.url(broken.config),
                csvName: broken.sheet, configName: broken.config)
            Issue.record("\(broken.faulty) was read (\(request.attendees.count) attendees); expected: \(broken.expected)")
        } catch {
            let text = error.description
            #expect(text.contains(broken.expected), "got:\n\(text)")
            let namesFile = error.file == broken.faulty || (error.file == broken.sheet && text.contains(broken.config))
            #expect(namesFile, "the error names \(error.file ?? "no file"), not \(broken.faulty)")
            for issue in error.issues {
                #expect(!issue.cause.isEmpty && !issue.fix.isEmpty, "\(issue)")
                let located = ["row ", "line ", "file", "(line "].contains { issue.location.contains($0) }
                #expect(located, "no row, line or file in \(issue.location)")
            }
        }
    }

    @Test func sheetIssuesNameRowAndColumn() throws {
        for broken in Self.cases where broken.expected.hasPrefix("row ") && broken.expected.contains(", column") {
            do {
                _ = try SpreadsheetImport.read(
                    csv: SheetFixtures.url(broken.sheet), config: SheetFixtures.url(broken.config), csvName: broken.sheet,
                    configName: broken.config)
                Issue.record("\(broken.sheet) was read")
            } catch {
                let issue = try #require(error.issues.first)
                #expect(issue.location.hasPrefix("row "), "\(issue.location)")
                #expect(issue.location.contains("column"), "\(issue.location)")
                #expect(error.file == broken.sheet)
            }
        }
    }

    @Test func readmeListsEnoughCases() {
        #expect(Self.cases.count >= 20)
    }
}
