import Foundation
import RoundTable

/// Turns an attendee spreadsheet (CSV) and an event config (YAML) into one seating
/// request of MODEL.md.
///
/// Each row of the sheet is an attendee; the config says which columns hold the
/// id, name, group, avoid, sessions, pin and topics, and every other column (or
/// those the config maps) becomes an attribute. The request returned is valid
/// (MODEL.md's validation has passed).
///
/// Errors are collected, never half-read: a ``RequestError`` lists every issue of
/// one file. The config is read first; when it has issues, those are thrown (with
/// `file` set to the config's name, each issue located by key path and line), since
/// the sheet cannot be interpreted without it. Otherwise every issue of the sheet is
/// thrown together (with `file` set to the sheet's name, each located by row and
/// column as a spreadsheet app shows them, the header being row 1).
public enum SpreadsheetImport {
    /// Reads both files and returns the request.
    ///
    /// - Throws: ``RequestError`` naming the config or the sheet, with every issue.
    public static func request(csv: URL, config: URL) throws(RequestError) -> SeatingRequest {
        try read(csv: csv, config: config).request
    }

    /// Reads both files and returns the request with the config it was built from
    /// (for settings outside the request, such as ``EventConfig/timeLimit``).
    /// `csvName` and `configName` name the files in errors (default: their paths).
    public static func read(
        csv: URL, config: URL, csvName: String? = nil, configName: String? = nil
    ) throws(RequestError) -> (request: SeatingRequest, config: EventConfig) {
        let configName = configName ?? config.path
        let text = try csvText(contentsOf: csv, name: csvName)
        let event = try EventConfig.read(contentsOf: config, name: configName)
        let request = try request(csvText: text, csvName: csvName ?? csv.path, config: event, configName: configName)
        return (request, event)
    }

    /// Builds the request from the texts of both files; the names are used in errors.
    public static func request(csvText: String, csvName: String, configText: String, configName: String) throws(RequestError)
        -> SeatingRequest
    {
        let config = try EventConfig(yaml: configText, file: configName)
        return try request(csvText: csvText, csvName: csvName, config: config, configName: configName)
    }

    /// Builds the request from CSV text and a config already read; `configName` names
    /// the config in hints (e.g. "remove country from columns.required in event.yaml").
    public static func request(
        csvText: String, csvName: String, config: EventConfig, configName: String = "the event config"
    ) throws(RequestError) -> SeatingRequest {
        let sheet: CSVSheet
        let layout: ColumnLayout
        do {
            sheet = try CSVSheet.parse(csvText, delimiter: config.separators.field)
            layout = try ColumnLayout.resolve(header: sheet.header, config: config, configFile: configName)
        } catch {
            throw RequestError(file: csvName, issues: error.issues)
        }
        var rows = AttendeeRows(sheet: sheet, layout: layout, config: config, configFile: configName)
        let attendees = rows.read()
        guard rows.issues.isEmpty else { throw RequestError(file: csvName, issues: rows.issues) }
        let request = SeatingRequest(
            sessions: config.sessions, tables: config.tables, attendees: attendees, objective: config.objective,
            rules: config.rules)
        let remaining = request.validationIssues().map { issue in
            RequestIssue(
                location: sheetLocation(issue.location, request: request, rows: rows.rowNumbers, layout: layout), cause: issue.cause,
                fix: issue.fix)
        }
        guard remaining.isEmpty else { throw RequestError(file: csvName, issues: remaining) }
        return request
    }

    /// The text of a CSV file, decoded (UTF-8 with or without a byte-order mark, or
    /// UTF-16 with one). Workbooks (.xlsx, .xls, .ods, .numbers) are refused with an
    /// issue saying how to export them as CSV.
    public static func csvText(contentsOf url: URL, name: String? = nil) throws(RequestError) -> String {
        let file = name ?? url.path
        do throws(RequestError) {
            if CSVSheet.workbookExtensions.contains(url.pathExtension.lowercased()) {
                return try CSVSheet.text(of: Data(), name: file)
            }
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw RequestError(issues: [
                    RequestIssue(location: "file", cause: "it cannot be read (\(error.localizedDescription))", fix: "check the path")
                ])
            }
            return try CSVSheet.text(of: data, name: file)
        } catch {
            throw RequestError(file: file, issues: error.issues)
        }
    }

    /// Moves a validation location such as `attendees[4] (id "a5").avoid` to the sheet:
    /// `row 6 (id "a5"), column "Avoid"`.
    static func sheetLocation(_ location: String, request: SeatingRequest, rows: [Int], layout: ColumnLayout) -> String {
        for (i, attendee) in request.attendees.enumerated() where i < rows.count {
            let prefix = "attendees[\(i)] (id \(attendee.id.debugDescription))"
            guard location.hasPrefix(prefix) else { continue }
            let rest = location.dropFirst(prefix.count)
            var place = "row \(rows[i])"
            let fieldName = rest.dropFirst().prefix { $0 != "." }
            if let field = ColumnLayout.Field(rawValue: String(fieldName)), let column = layout.fields[field] {
                place += ", \(layout.name(column))"
            } else if !rest.isEmpty {
                place += " (\(rest.dropFirst()))"
            }
            return place
        }
        return location
    }
}
