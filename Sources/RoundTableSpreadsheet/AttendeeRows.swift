import Foundation
import RoundTable

/// Reads attendees from the rows of a sheet, one per row, collecting every issue
/// (by row and column, with cause and fix) instead of stopping at the first.
struct AttendeeRows {
    let sheet: CSVSheet
    let layout: ColumnLayout
    let config: EventConfig
    let configFile: String
    var issues: [RequestIssue] = []
    /// The sheet row of each attendee read, in order.
    var rowNumbers: [Int] = []

    init(sheet: CSVSheet, layout: ColumnLayout, config: EventConfig, configFile: String) {
        self.sheet = sheet
        self.layout = layout
        self.config = config
        self.configFile = configFile
    }

    mutating func fail(_ row: Int, _ column: Int?, _ cause: String, _ fix: String) {
        let location = column.map { "row \(row), \(layout.name($0))" } ?? "row \(row)"
        issues.append(RequestIssue(location: location, cause: cause, fix: fix))
    }

    /// The values of a list cell ("en; es"), trimmed, empty ones dropped.
    func split(_ cell: String) -> [String] {
        cell.components(separatedBy: config.separators.list)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    var listSeparator: String { config.separators.list.debugDescription }

    mutating func read() -> [Attendee] {
        var attendees: [Attendee] = []
        var firstRow: [String: Int] = [:]
        var rowsOfID: [String: [Int]] = [:]
        let idColumn = layout.fields[.id]
        checkStrayCells()
        for row in sheet.rows {
            var attendee = Attendee(id: "")
            if let column = idColumn {
                let id = row[column]
                if id.isEmpty {
                    fail(
                        row.number, column, "empty; every attendee needs an id",
                        "give this row a unique id, or delete the row if it is not an attendee")
                } else {
                    rowsOfID[id, default: []].append(row.number)
                    if firstRow[id] == nil { firstRow[id] = row.number }
                    if layout.fields[.avoid] != nil, id.contains(config.separators.list) {
                        fail(
                            row.number, column,
                            "the id \(id.debugDescription) contains \(listSeparator), which separates ids in \(layout.name(layout.fields[.avoid] ?? 0))",
                            "remove \(listSeparator) from the id")
                    }
                }
                attendee.id = id
            }
            readFields(row, into: &attendee)
            readAttributes(row, into: &attendee)
            attendees.append(attendee)
            rowNumbers.append(row.number)
        }
        if let column = idColumn {
            for (id, rows) in rowsOfID.sorted(by: { $0.value[0] < $1.value[0] }) where rows.count > 1 {
                for row in rows.dropFirst() {
                    let others = rows.filter { $0 != row }.map(String.init).joined(separator: ", ")
                    fail(
                        row, column, "id \(id.debugDescription) is also on row \(others); ids must be unique",
                        "give one of the rows another id, or delete the duplicate row")
                }
            }
        }
        checkAvoid(attendees, known: firstRow)
        return attendees
    }

    /// Values in columns without a header: usually a row shifted by an unquoted comma.
    mutating func checkStrayCells() {
        for row in sheet.rows {
            for (column, cell) in row.cells.enumerated() where !cell.isEmpty {
                guard column >= layout.header.count || layout.header[column].isEmpty else { continue }
                fail(
                    row.number, column, "the value \(cell.debugDescription) is in a column without a header",
                    "give the column a header, or delete the value; if the row's cells are shifted, quote the cell that contains a \"\(config.separators.field)\" (\"Peña, José\")"
                )
            }
        }
    }

    mutating func readFields(_ row: CSVSheet.Row, into attendee: inout Attendee) {
        let sessions = config.sessions
        if let column = layout.fields[.name], !row[column].isEmpty { attendee.name = row[column] }
        if let column = layout.fields[.group], !row[column].isEmpty { attendee.group = row[column] }
        if let column = layout.fields[.avoid] { attendee.avoid = split(row[column]) }
        if let column = layout.fields[.sessions], !row[column].isEmpty {
            let names = split(row[column])
            for name in names where !sessions.contains(name) {
                fail(
                    row.number, column, "\(name.debugDescription) is not a session of the event (\(sessions.joined(separator: ", ")))",
                    "use session names from `sessions` in \(configFile)\(didYouMean(name, among: sessions)), separated by \(listSeparator); leave the cell empty for every session"
                )
            }
            attendee.sessions = names
        }
        if let column = layout.fields[.pin], !row[column].isEmpty {
            attendee.pin = pin(row[column], row: row.number, column: column, attends: attendee.sessions ?? sessions)
        }
        if let column = layout.fields[.topics], !row[column].isEmpty {
            let topics = split(row[column])
            var offered: [String] = []
            for table in config.tables { if let topic = table.topic, !offered.contains(topic) { offered.append(topic) } }
            for topic in topics where !offered.contains(topic) {
                let cause =
                    offered.isEmpty
                    ? "no table has a topic, so topic \(topic.debugDescription) cannot be offered"
                    : "no table has topic \(topic.debugDescription) (topics: \(listing(offered)))"
                fail(
                    row.number, column, cause,
                    "use a table topic\(didYouMean(topic, among: offered)) or remove it; topics are set per table in \(configFile)")
            }
            attendee.topics = topics
        }
    }

    /// A pin cell: `T3` (that table in every session) or `Thu:T1; Sat:T4` (per session).
    mutating func pin(_ cell: String, row: Int, column: Int, attends: [String]) -> Pin? {
        let separator = config.separators.pin
        let tableIDs = config.tables.map(\.id)
        let example =
            "write \"T3\" for one table in every session, or \"\(config.sessions.first ?? "Thu")\(separator)T1\(config.separators.list) ...\" per session"
        let entries = split(cell)
        func knownTable(_ id: String) -> Table? {
            if let table = config.tables.first(where: { $0.id == id }) { return table }
            fail(
                row, column, "table \(id.debugDescription) does not exist (tables: \(listing(tableIDs)))",
                "pin to a table of \(configFile)\(didYouMean(id, among: tableIDs)), or clear the cell")
            return nil
        }
        let plain = entries.filter { !$0.contains(separator) }
        if entries.count == 1, plain.count == 1 {
            return knownTable(entries[0]).map { .table($0.id) }
        }
        if !plain.isEmpty {
            let cause =
                plain.count == entries.count
                ? "\(cell.debugDescription) names several tables without sessions"
                : "\(cell.debugDescription) mixes a table for every session (\(plain[0].debugDescription)) with per-session pins"
            fail(row, column, cause, example)
            return nil
        }
        var bySession: [String: String] = [:]
        var valid = true
        for entry in entries {
            let parts = entry.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                fail(row, column, "\(entry.debugDescription) is not `session\(separator)table`", example)
                valid = false
                continue
            }
            let (session, tableID) = (parts[0], parts[1])
            guard config.sessions.contains(session) else {
                fail(
                    row, column,
                    "\(session.debugDescription) in \(entry.debugDescription) is not a session of the event (\(config.sessions.joined(separator: ", ")))",
                    "use a session name from `sessions` in \(configFile)\(didYouMean(session, among: config.sessions))")
                valid = false
                continue
            }
            guard bySession[session] == nil else {
                fail(row, column, "session \(session.debugDescription) is pinned twice", "keep one table per session")
                valid = false
                continue
            }
            guard let table = knownTable(tableID) else {
                valid = false
                continue
            }
            if !attends.contains(session) {
                fail(
                    row, column,
                    "the attendee is pinned in \(session) but does not attend it (sessions: \(attends.joined(separator: ", ")))",
                    "remove this pin, or add \(session) to the attendee's sessions")
                valid = false
            } else if let available = table.sessions, !available.contains(session) {
                fail(
                    row, column,
                    "table \(tableID.debugDescription) is not set up in \(session) (only \(available.joined(separator: ", ")))",
                    "pin to a table available in \(session), or add \(session) to the table's sessions in \(configFile)")
                valid = false
            }
            bySession[session] = tableID
        }
        return valid ? .perSession(bySession) : nil
    }

    mutating func readAttributes(_ row: CSVSheet.Row, into attendee: inout Attendee) {
        let multiValued = Set(config.columns.multiValued)
        let required = Set(config.columns.required)
        for (name, column) in layout.attributes {
            let cell = row[column]
            if multiValued.contains(name) {
                let values = split(cell)
                if !values.isEmpty { attendee.attributes[name] = .multiple(values) }
            } else if !cell.isEmpty {
                attendee.attributes[name] = .single(cell)
            }
            if attendee.attributes[name] == nil, required.contains(name) {
                let balanced = (config.objective.balance[name] ?? 0) > 0 ? " (and balances it)" : ""
                fail(
                    row.number, column,
                    "empty; every attendee needs a \(name) because \(configFile) lists \(name) under columns.required\(balanced)",
                    "fill it in, or remove \(name) from columns.required in \(configFile)")
            }
        }
    }

    /// Avoid cells must name ids of the sheet, other than the row's own.
    mutating func checkAvoid(_ attendees: [Attendee], known firstRow: [String: Int]) {
        guard let column = layout.fields[.avoid] else { return }
        let ids = attendees.map(\.id).filter { !$0.isEmpty }
        let idHeader = layout.fields[.id].map { layout.name($0) } ?? "the id column"
        var groupOf: [String: String] = [:]
        for attendee in attendees { if let group = attendee.group, groupOf[attendee.id] == nil { groupOf[attendee.id] = group } }
        let groupHeader = layout.fields[.group].map { layout.name($0) } ?? "the group column"
        for (attendee, row) in zip(attendees, rowNumbers) {
            for other in attendee.avoid {
                if firstRow[other] == nil {
                    fail(
                        row, column, "no attendee has id \(other.debugDescription)",
                        "use an id from \(idHeader)\(didYouMean(other, among: ids)), separated by \(listSeparator), or remove it")
                } else if other == attendee.id {
                    fail(row, column, "the attendee avoids themself", "remove \(other.debugDescription) from this cell")
                } else if let group = attendee.group, groupOf[other] == group {
                    fail(
                        row, column,
                        "\(other.debugDescription) is in the same group \(group.debugDescription) (\(groupHeader)), and a group sits together, so they cannot avoid each other",
                        "remove \(other.debugDescription) from this cell, or put the two in different groups")
                }
            }
        }
    }
}
