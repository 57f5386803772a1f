import RoundTable

extension PlanHTML {
    /// Cards per page: two columns of four rows, sized in the style sheet to fill one page.
    static let cardsPerSheet = 8

    /// Table cards to cut out, one per seated attendee in request order: the name, role and
    /// organization, and the table (and its topic) in every session.
    static func cards(chart: SeatingChart) -> String {
        let people = chart.request.attendees.filter { chart.isSeated($0.id) }
        let topics = Dictionary(chart.request.tables.map { ($0.id, $0.topic) }, uniquingKeysWith: { first, _ in first })
        var parts = [#"<section class="cards">"#]
        for start in stride(from: 0, to: people.count, by: cardsPerSheet) {
            let sheet = people[start..<min(start + cardsPerSheet, people.count)]
            parts.append(#"<div class="sheet"><p class="sheet-note">Table cards · cut along the dashed lines</p><div class="sheet-grid">"#)
            for person in sheet {
                let sub = ["role", "organization"].compactMap { person.displayValue(of: $0) }.joined(separator: " · ")
                let seats = chart.request.sessions.map { session -> String in
                    let seat = chart.table(of: person.id, in: session).map { table in
                        let topic = (topics[table] ?? nil).map { " <small>\($0.htmlEscaped)</small>" } ?? ""
                        return table.htmlEscaped + topic
                    }
                    let absent = person.sessions.map { !$0.contains(session) } ?? false
                    return "<dt>\(session.htmlEscaped)</dt><dd>\(seat ?? (absent ? "<small>not attending</small>" : "–"))</dd>"
                }.joined()
                parts.append(
                    #"<div class="card" data-attendee="\#(person.id.htmlEscaped)"><div class="card-name">\#(person.displayName.htmlEscaped)</div><div class="card-sub">\#(sub.htmlEscaped)</div><dl class="card-seats">\#(seats)</dl></div>"#
                )
            }
            parts.append("</div></div>")
        }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }
}
