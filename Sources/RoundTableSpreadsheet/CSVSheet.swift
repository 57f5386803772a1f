import CSV
import Foundation
import RoundTable

/// A CSV file as a spreadsheet app shows it: a header row, then numbered rows of cells.
///
/// Rows are numbered from 1, the header being row 1, and a cell holding line breaks
/// stays within its row, as in a spreadsheet app. Cells are trimmed of surrounding
/// spaces and line breaks inside them read as `\n`; rows with no value at all (blank lines, `,,,,` rows) are skipped but keep
/// their numbers.
struct CSVSheet {
    struct Row {
        /// The row's number as a spreadsheet app shows it (the header is row 1).
        var number: Int
        var cells: [String]

        subscript(column: Int) -> String { column < cells.count ? cells[column] : "" }
    }

    /// The header cells, trimmed.
    var header: [String]
    /// The data rows with at least one value.
    var rows: [Row]

    /// Splits CSV text into rows; returns the issues instead when the text is not a
    /// readable table (no header, a quoted cell left open, a wrong delimiter).
    static func parse(_ text: String, delimiter: Unicode.Scalar) throws(RequestError) -> CSVSheet {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let quoteIssues = quoteProblems(text, delimiter: delimiter)
        if !quoteIssues.isEmpty { throw RequestError(issues: quoteIssues) }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw RequestError(issues: [
                RequestIssue(location: "file", cause: "it cannot be read as CSV (\(error))", fix: "export the sheet as CSV UTF-8")
            ])
        }
        var records: [[String]] = []
        while let record = reader.next() {
            records.append(
                record.map {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\r\n", with: "\n")
                })
        }
        guard let header = records.first, header.contains(where: { !$0.isEmpty }) else {
            let cause = records.isEmpty ? "the file is empty" : "row 1, the header, is empty"
            throw RequestError(issues: [
                RequestIssue(
                    location: "row 1", cause: cause,
                    fix: "put the column names (id, name, ...) in the first row, with one row per attendee below")
            ])
        }
        if header.count == 1,
            let other = ([";", "\t", ","] as [Unicode.Scalar]).first(where: { $0 != delimiter && header[0].unicodeScalars.contains($0) })
        {
            let shown = other == "\t" ? "tab" : "\"\(other)\""
            throw RequestError(issues: [
                RequestIssue(
                    location: "row 1",
                    cause:
                        "the header is a single column \(header[0].debugDescription); the cells seem to be separated by \(shown), not \"\(delimiter)\"",
                    fix:
                        "set `separators: {field: \(other == "\t" ? "tab" : "\"\(other)\"")}` in the event config, or export the sheet as comma-separated CSV"
                )
            ])
        }
        var rows: [Row] = []
        for (index, cells) in records.enumerated().dropFirst() where cells.contains(where: { !$0.isEmpty }) {
            rows.append(Row(number: index + 1, cells: cells))
        }
        return CSVSheet(header: header, rows: rows)
    }

    /// Quoted cells that never close, or that have text after their closing quote,
    /// found by scanning as the CSV reader does (RFC 4180 quoting).
    static func quoteProblems(_ text: String, delimiter: Unicode.Scalar) -> [RequestIssue] {
        var issues: [RequestIssue] = []
        var row = 1
        var openedOn = 0
        var atFieldStart = true
        var quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return scalars.next()
        }
        while let c = next() {
            if quoted {
                guard c == "\"" else { continue }
                let after = next()
                if after == "\"" { continue }
                quoted = false
                if after == nil { break }
                if after == delimiter {
                    atFieldStart = true
                } else if after == "\r" || after == "\n" {
                    if after == "\r" { let lf = next(); if lf != "\n" { pending = lf } }
                    row += 1
                    atFieldStart = true
                } else if let after {
                    issues.append(
                        RequestIssue(
                            location: "row \(row)", cause: "a quoted cell has text after its closing quote (\"…\"\(String(after))…)",
                            fix: "put the whole cell in quotes and double every quote inside it (\"\" for \")"))
                    atFieldStart = false
                }
                continue
            }
            if c == "\r" || c == "\n" {
                if c == "\r" { let lf = next(); if lf != "\n" { pending = lf } }
                row += 1
                atFieldStart = true
            } else if c == delimiter {
                atFieldStart = true
            } else if c == "\"" && atFieldStart {
                quoted = true
                openedOn = row
            } else {
                atFieldStart = false
            }
        }
        if quoted {
            issues.append(
                RequestIssue(
                    location: "row \(openedOn)",
                    cause: "a quoted cell starting in this row is never closed, so the rest of the file would be read into it",
                    fix: "add the closing quote (\") at the end of the cell, and double every quote inside it (\"\")"))
        }
        return issues
    }

    // MARK: Files

    /// File extensions of spreadsheet workbooks, which must be exported as CSV first.
    static let workbookExtensions: Set<String> = ["xlsx", "xlsm", "xlsb", "xls", "ods", "numbers"]

    /// The text of a CSV file: UTF-8 (with or without a byte-order mark) or UTF-16 with
    /// a byte-order mark. Workbooks (.xlsx, .xls, .ods, .numbers) and other encodings
    /// are issues saying how to export.
    static func text(of data: Data, name: String) throws(RequestError) -> String {
        let exportFix =
            "export the sheet as CSV UTF-8 (Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\"; LibreOffice: Save As > Text CSV, character set Unicode (UTF-8); Google Sheets or Numbers: File > Download/Export > CSV) and pass that file"
        let ext = URL(fileURLWithPath: name).pathExtension.lowercased()
        let bytes = [UInt8](data.prefix(8))
        if workbookExtensions.contains(ext) || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
        {
            let kind = workbookExtensions.contains(ext) ? "a .\(ext) workbook" : "a workbook (zip or legacy Office file), not CSV text"
            throw RequestError(issues: [RequestIssue(location: "file", cause: "it is \(kind); only CSV files are read", fix: exportFix)])
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            if let text = String(data: data, encoding: .utf16) { return text }
        }
        if let text = String(validating: data, as: UTF8.self) { return text }
        var line = 1
        var decoder = UTF8()
        var iterator = data.makeIterator()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: break decoding
            case .error: break decoding
            }
        }
        throw RequestError(issues: [
            RequestIssue(
                location: "line \(line)",
                cause:
                    "the file is not UTF-8 text (a byte on this line is not UTF-8; the file is probably in a legacy encoding such as Windows-1252, which would garble accented names)",
                fix: exportFix)
        ])
    }
}
