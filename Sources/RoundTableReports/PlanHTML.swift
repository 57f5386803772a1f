import Foundation
import RoundTable

/// A plan as one self-contained printable HTML page: inline CSS and SVG, no scripts, no
/// external files, so it can be opened, mailed and printed as it is.
///
/// The page has a header with the event summary (status, score and its terms, bound, gap);
/// per session, the round tables drawn with the attendees' names around them, each name's
/// dot keyed by one attribute (color, shape and letter, so it reads in black and white),
/// each table's mix by balanced attribute and its score, and a roster; then table cards,
/// eight to a page, to cut out. A plan without seats (`infeasible`, `unknown`) gives a page
/// saying so, with the plan's explanation and the fixes it found. Every name and value is HTML-escaped.
public enum PlanHTML {
    /// The paper the page prints on (CSS `@page` size).
    public enum Paper: String, Sendable, CaseIterable {
        /// 210 x 297 mm.
        case a4
        /// US Letter, 8.5 x 11 in.
        case letter

        var cssSize: String {
            switch self {
            case .a4: return "A4"
            case .letter: return "letter"
            }
        }

        /// The height of one row of table cards: four rows and a note fit the printable area.
        var cardHeight: String {
            switch self {
            case .a4: return "66mm"
            case .letter: return "61mm"
            }
        }
    }

    /// The page for `plan`.
    ///
    /// - Parameters:
    ///   - colorBy: the attribute that keys the dots; `nil` takes the balanced attribute with
    ///     the highest weight (ties by name), or the first attribute name when nothing is
    ///     balanced. An attribute nobody has keys everyone as "(none)".
    ///   - paper: the print size.
    ///   - title: the page heading and document title; `nil` gives "Seating plan".
    public static func render(
        _ plan: SeatingPlan, request: SeatingRequest, colorBy: String? = nil, paper: Paper = .a4, title: String? = nil
    ) -> String {
        let chart = SeatingChart(plan, request: request)
        let heading = title.flatMap { $0.isEmpty ? nil : $0 } ?? "Seating plan"
        let key = (colorBy ?? ColorKey.defaultAttribute(for: request)).map { ColorKey(attribute: $0, attendees: request.attendees) }

        var body: [String] = [header(plan, request: request, chart: chart, title: heading)]
        if chart.isEmpty {
            body.append(noPlan(plan))
        } else {
            let reports = TableReports(plan: plan, request: request)
            for session in request.sessions {
                body.append(sessionSection(session, chart: chart, reports: reports, key: key))
            }
            body.append(cards(chart: chart))
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(heading.htmlEscaped)</title>
            <style>
            \(styleSheet(paper: paper))
            </style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            </body>
            </html>

            """
    }

    /// The event summary: title, counts, status, score terms, bound, gap, explanation.
    static func header(_ plan: SeatingPlan, request: SeatingRequest, chart: SeatingChart, title: String) -> String {
        let sessions =
            request.sessions.count == 1 ? "1 session" : "\(request.sessions.count) sessions (\(request.sessions.joined(separator: ", ")))"
        var subtitle = "\(request.attendees.count) attendees · \(request.tables.count) tables · \(sessions) · \(statusWords(plan.status))"
        if plan.seconds > 0 || !plan.method.isEmpty {
            let method = plan.method.isEmpty ? "" : " (\(plan.method))"
            subtitle += " · solved in " + String(format: "%.1f s", plan.seconds) + method
        }
        var figures: [(String, String)] = [
            ("Status", #"<span class="status status-\#(plan.status.rawValue)">\#(plan.status.rawValue)</span>"#)
        ]
        if let objective = plan.objective {
            figures.append(("Total score", decimal(objective.total)))
            let terms: [(String, Double)] = [
                ("Balance", objective.balance), ("Size", objective.size), ("Topics", objective.topics),
                ("Repeats", objective.repeats), ("Soft rules", objective.rules),
            ]
            figures += terms.map { ($0.0, decimal($0.1)) }
        }
        figures.append(("Bound", plan.bound.map { decimal($0) } ?? "none"))
        figures.append(("Gap", plan.relativeGap.map { String(format: "%.2f%%", $0 * 100) } ?? "unknown"))
        if request.sessions.count > 1 {
            let met = request.attendees.compactMap { chart.isSeated($0.id) ? chart.peopleMet($0.id) : nil }.sorted()
            if let low = met.first, let high = met.last {
                let mean = Double(met.reduce(0, +)) / Double(met.count)
                figures.append(("People met", "\(String(format: "%.1f", mean)) <small>mean, \(low)–\(high)</small>"))
            }
        }
        let list = figures.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" }.joined()
        var parts = [
            #"<header class="event">"#, "<h1>\(title.htmlEscaped)</h1>",
            #"<p class="subtitle">\#(subtitle.htmlEscaped)</p>"#,
            #"<dl class="figures">\#(list)</dl>"#,
        ]
        if !plan.explanation.isEmpty && !chart.isEmpty {
            parts.append(#"<ul class="why">"# + plan.explanation.map { "<li>\($0.htmlEscaped)</li>" }.joined() + "</ul>")
        }
        parts.append("</header>")
        return parts.joined(separator: "\n")
    }

    static func statusWords(_ status: SolveStatus) -> String {
        switch status {
        case .optimal: return "optimal: proven that no plan scores lower"
        case .feasible: return "feasible: every hard rule holds; not proven the best"
        case .infeasible: return "infeasible: no plan satisfies every hard rule"
        case .unknown: return "unknown: no valid plan was found within the limits"
        }
    }

    /// The page body of a plan without seats.
    static func noPlan(_ plan: SeatingPlan) -> String {
        var parts = [#"<section class="no-plan">"#, "<h2>No seating plan</h2>"]
        switch plan.status {
        case .infeasible:
            parts.append("<p>The request is infeasible: no seating satisfies every hard rule, so there is nothing to print.</p>")
        case .unknown:
            parts.append(
                "<p>No valid seating was found within the time limit, and no proof that none exists. Plan again with a longer time limit.</p>"
            )
        case .optimal, .feasible:
            parts.append("<p>The plan seats nobody.</p>")
        }
        if !plan.explanation.isEmpty {
            parts.append("<h3>Why</h3>")
            parts.append("<ul>" + plan.explanation.map { "<li>\($0.htmlEscaped)</li>" }.joined() + "</ul>")
        }
        if !plan.fixes.isEmpty {
            parts.append("<h3>What would make it feasible</h3>")
            parts.append("<ul>" + plan.fixes.map { "<li>\($0.description.htmlEscaped)</li>" }.joined() + "</ul>")
        } else if plan.status == .infeasible && !plan.explanation.isEmpty {
            parts.append("<p>Change the rules, tables or pins these reasons name, then plan again.</p>")
        }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    /// `value` with up to `digits` decimals, trailing zeros dropped.
    static func decimal(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return String(value) }
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}

/// The per-table reports of a plan from the core (mix and score per table), by session and
/// table; empty when the request cannot be instantiated (the page then omits them).
struct TableReports {
    private let byTable: [String: [String: TableReport]]
    let balanceOrder: [String]

    init(plan: SeatingPlan, request: SeatingRequest) {
        let reports = (try? request.tableReports(plan.assignments)) ?? []
        var byTable: [String: [String: TableReport]] = [:]
        for report in reports { byTable[report.session, default: [:]][report.table] = report }
        self.byTable = byTable
        balanceOrder = request.objective.balance.filter { $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    func report(session: String, table: String) -> TableReport? { byTable[session]?[table] }
}
