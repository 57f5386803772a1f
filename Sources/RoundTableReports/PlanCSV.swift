import Foundation
import RoundTable

/// A plan as CSV for the organizer's spreadsheet: one row per attendee, in request order.
///
/// Columns: `id`, `name`, one column per session holding the attendee's table id (empty when
/// the attendee does not attend that session or has no seat), then `people met` when the
/// request has several sessions. With a single session the table column is named `table`.
///
/// Fields are quoted as RFC 4180 says (a field holding a comma, a double quote, a line
/// break or leading or trailing spaces is wrapped in double quotes, inner quotes doubled);
/// lines end in CRLF, the last one included. Text is not altered: a value a spreadsheet
/// could read as a formula (`=SUM(...)`) is written as it is.
public enum PlanCSV {
    /// The CSV text of `plan`.
    ///
    /// - Parameter byteOrderMark: start with U+FEFF, which Excel needs to read the file as
    ///   UTF-8 (accents in names); other spreadsheet apps accept it too.
    public static func render(_ plan: SeatingPlan, request: SeatingRequest, byteOrderMark: Bool = false) -> String {
        let chart = SeatingChart(plan, request: request)
        let several = request.sessions.count > 1
        var header = ["id", "name"]
        header += several ? request.sessions : ["table"]
        if several { header.append("people met") }

        var lines = [row(header)]
        for attendee in request.attendees {
            var fields = [attendee.id, attendee.name ?? ""]
            fields += request.sessions.map { chart.table(of: attendee.id, in: $0) ?? "" }
            if several { fields.append(chart.isSeated(attendee.id) ? chart.peopleMet(attendee.id).map(String.init) ?? "" : "") }
            lines.append(row(fields))
        }
        return (byteOrderMark ? "\u{FEFF}" : "") + lines.joined()
    }

    /// One CSV line, CRLF included.
    static func row(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// `field` as a CSV field: quoted only when it must be.
    static func quoted(_ field: String) -> String {
        let needsQuotes =
            field.contains { $0 == "," || $0 == "\"" || $0.isNewline }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
