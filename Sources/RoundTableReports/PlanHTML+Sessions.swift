import Foundation
import RoundTable

extension PlanHTML {
    /// One session: the key, the drawn tables with their mix and score, the unused tables,
    /// and the roster.
    static func sessionSection(_ session: String, chart: SeatingChart, reports: TableReports, key: ColorKey?) -> String {
        let tables = chart.tables(in: session)
        let seated = tables.map { (table: $0, people: chart.occupants(of: $0.id, in: session)) }
        let used = seated.filter { !$0.people.isEmpty }
        let count = used.map(\.people.count).reduce(0, +)
        let name = chart.request.sessions.count == 1 ? "Tables" : "Session \(session)"
        var parts = [
            #"<section class="session" data-session="\#(session.htmlEscaped)">"#,
            #"<h2>\#(name.htmlEscaped) <span class="aside">\#(count) attendees at \#(used.count) of \#(tables.count) tables</span></h2>"#,
        ]
        if let key { parts.append(legend(key)) }
        guard !used.isEmpty else {
            parts.append(#"<p class="unused">No one is seated in this session.</p></section>"#)
            return parts.joined(separator: "\n")
        }
        parts.append(#"<div class="tables">"#)
        for (table, people) in used {
            parts.append(
                figure(
                    table, people: people, session: session, report: reports.report(session: session, table: table.id), reports: reports,
                    key: key))
        }
        parts.append("</div>")
        let empty = seated.filter { $0.people.isEmpty }.map(\.table.id)
        if !empty.isEmpty {
            parts.append(#"<p class="unused">Not used in this session: \#(empty.map(\.htmlEscaped).joined(separator: ", "))</p>"#)
        }
        parts.append(roster(used, request: chart.request))
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    /// The key of the dots: attribute name, then one entry per value with its mark and count.
    static func legend(_ key: ColorKey) -> String {
        var entries = [#"<span class="key-title">Dots: \#(key.attribute.htmlEscaped)</span>"#]
        if key.marks.isEmpty {
            entries.append(#"<span class="entry">no attendee has this attribute</span>"#)
        }
        for mark in key.legend {
            let icon = #"<svg viewBox="-9 -9 18 18" aria-hidden="true">\#(TableDrawing.marker(mark, at: (0, 0)))</svg>"#
            entries.append(
                #"<span class="entry">\#(icon)\#(mark.value.htmlEscaped) <span class="count">\#(mark.count)</span></span>"#)
        }
        return #"<div class="legend">\#(entries.joined())</div>"#
    }

    /// One table: its drawing, then its mix by balanced attribute and its score.
    static func figure(
        _ table: Table, people: [Attendee], session: String, report: TableReport?, reports: TableReports, key: ColorKey?
    ) -> String {
        let seats = people.map { person in
            TableDrawing.Seat(id: person.id, name: person.displayName, mark: key?.mark(for: person) ?? ColorKey.missing)
        }
        let drawing = TableDrawing(session: session, table: table, seats: seats)
        var caption: [String] = []
        if let report {
            for attribute in reports.balanceOrder {
                guard let mix = report.mix[attribute] else { continue }
                let values = mix.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    .map { "\($0.key.htmlEscaped) \($0.value)" }.joined(separator: " · ")
                caption.append(#"<div class="mix"><b>\#(attribute.htmlEscaped)</b> \#(values.isEmpty ? "–" : values)</div>"#)
            }
            let terms = [("balance", report.balance), ("size", report.size), ("soft rules", report.rules)]
                .map { "\($0.0) \(decimal($0.1, digits: 2))" }.joined(separator: " + ")
            caption.append(#"<div class="score">Table score \#(decimal(report.total, digits: 2)) = \#(terms)</div>"#)
        }
        return """
            <figure class="table" data-table="\(table.id.htmlEscaped)">
            \(drawing.svg())
            <figcaption>\(caption.joined())</figcaption>
            </figure>
            """
    }

    /// The session's roster: per table, each person with role and organization when any
    /// attendee has them.
    static func roster(_ used: [(table: Table, people: [Attendee])], request: SeatingRequest) -> String {
        let columns = ["role", "organization"].filter { attribute in request.attendees.contains { $0.attributes[attribute] != nil } }
        let head = (["Table", "Name"] + columns.map { $0.prefix(1).uppercased() + $0.dropFirst() })
            .map { "<th>\($0.htmlEscaped)</th>" }.joined()
        var parts = ["<h3>Roster</h3>", #"<table class="roster">"#, "<thead><tr>\(head)</tr></thead>"]
        for (table, people) in used {
            parts.append("<tbody>")
            for (index, person) in people.enumerated() {
                var cells: [String] = []
                if index == 0 {
                    let topic = table.topic.map { "<small>\($0.htmlEscaped)</small>" } ?? ""
                    cells.append(#"<td class="table-cell" rowspan="\#(people.count)">\#(table.id.htmlEscaped)\#(topic)</td>"#)
                }
                cells.append("<td>\(person.displayName.htmlEscaped)</td>")
                cells += columns.map { "<td>\((person.displayValue(of: $0) ?? "").htmlEscaped)</td>" }
                parts.append("<tr>\(cells.joined())</tr>")
            }
            parts.append("</tbody>")
        }
        parts.append("</table>")
        return parts.joined(separator: "\n")
    }
}
