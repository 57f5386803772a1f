import ArgumentParser
import Foundation
import RoundTable
import RoundTableJSON
import RoundTableSpreadsheet

/// Reads a request from a MODEL.md JSON file (`.json`) or from an attendee spreadsheet
/// (CSV) with its event config (`--config event.yaml`), with the config's time limit.
///
/// Prints every issue to stderr (one `error:` line each, naming the file, the field or
/// row and column, the cause and the fix) and throws `ExitCode(2)`, as ``readRequest(_:)``.
func loadRequest(path: String, config: String?) throws -> (SeatingRequest, timeLimit: Double?) {
    if URL(fileURLWithPath: path).pathExtension.lowercased() == "json" {
        if let config {
            printError(
                "error: --config \(config): a JSON request already holds the whole event. Fix: leave out --config, or pass the attendee spreadsheet (CSV) instead of \(path)."
            )
            throw ExitCode(ExitStatus.requestError)
        }
        return (try readRequest(path), nil)
    }
    do {
        let text = try SpreadsheetImport.csvText(contentsOf: URL(fileURLWithPath: path), name: path)
        guard let config else {
            printError(
                "error: \(path): a spreadsheet needs an event config (sessions, tables, which column is what). Fix: pass --config event.yaml (see Fixtures/spreadsheets/event.yaml)."
            )
            throw ExitCode(ExitStatus.requestError)
        }
        let event = try EventConfig.read(contentsOf: URL(fileURLWithPath: config), name: config)
        let request = try SpreadsheetImport.request(csvText: text, csvName: path, config: event, configName: config)
        return (request, event.timeLimit)
    } catch let error as RequestError {
        printRequestIssues(error)
        throw ExitCode(ExitStatus.requestError)
    }
}

/// Prints a request error one issue per line, each prefixed with `error:` and its file.
func printRequestIssues(_ error: RequestError) {
    let prefix = error.file.map { "\($0): " } ?? ""
    for issue in error.issues { printError("error: \(prefix)\(issue)") }
}
