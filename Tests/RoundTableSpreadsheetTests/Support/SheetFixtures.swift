import Foundation
import RoundTable
import RoundTableSpreadsheet
import Testing

/// The package's fixture folders, found from this source file's path.
enum SheetFixtures {
    /// The package root: this file is `Tests/RoundTableSpreadsheetTests/Support/SheetFixtures.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Fixtures")
    static let spreadsheets = fixtures.appendingPathComponent("spreadsheets")

    static func url(_ relative: String) -> URL { spreadsheets.appendingPathComponent(relative) }

    static func text(_ relative: String) throws -> String { try String(contentsOf: url(relative), encoding: .utf8) }
}

/// A small config for inline sheets: three sessions, four tables (T1 rail, T2 energy,
/// T3 rail, T4 only on Fri), fields from columns named like them. It ends inside
/// `columns:`, so a test can append column settings such as `"\n  multiValued: [language]"`.
let smallConfig = """
    sessions: [Thu, Fri, Sat]
    tables:
      - {count: 3, capacity: 4, topics: [rail, energy]}
      - {id: T4, capacity: 4, sessions: [Fri]}
    columns:
      ignore: []
    """

/// `smallConfig` with `language` multi-valued.
let languageConfig = smallConfig + "\n  multiValued: [language]"

/// Reads an inline sheet with `config`, returning the request or the error.
func importSheet(_ csv: String, config: String = smallConfig) -> Result<SeatingRequest, RequestError> {
    do {
        return .success(try SpreadsheetImport.request(csvText: csv, csvName: "attendees.csv", configText: config, configName: "event.yaml"))
    } catch {
        return .failure(error)
    }
}

/// The request an inline sheet gives; records an issue (and returns nil) when it fails.
func expectRequest(_ csv: String, config: String = smallConfig, sourceLocation: SourceLocation = #_sourceLocation) -> SeatingRequest? {
    switch importSheet(csv, config: config) {
    case .success(let request): return request
    case .failure(let error):
        Issue.record("expected a request, got:\n\(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The error an inline sheet gives; records an issue (and returns nil) when it is read.
func expectError(_ csv: String, config: String = smallConfig, sourceLocation: SourceLocation = #_sourceLocation) -> RequestError? {
    switch importSheet(csv, config: config) {
    case .success:
        Issue.record("expected a RequestError, but the sheet was read", sourceLocation: sourceLocation)
        return nil
    case .failure(let error): return error
    }
}
