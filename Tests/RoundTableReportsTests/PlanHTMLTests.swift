import Foundation
import RoundTable
import Testing

@testable import RoundTableReports

@Suite("PlanHTML: the printable page")
struct PlanHTMLTests {
    static func person(_ id: String, _ name: String?, _ attributes: [String: String] = [:]) -> Attendee {
        Attendee(id: id, name: name, attributes: attributes.mapValues { .single($0) })
    }

    static let request = SeatingRequest(
        sessions: ["Thu", "Fri"],
        tables: [Table(id: "T1", capacity: 3, topic: "rail"), Table(id: "T2", capacity: 3), Table(id: "T3", capacity: 3)],
        attendees: [
            person("a1", "Ana Ruiz", ["party": "PAN", "country": "MX", "role": "legislator", "organization": "Senado"]),
            person("a2", "Bo Lee", ["party": "US-D", "country": "US", "role": "sponsor", "organization": "GM"]),
            person("a3", "Cy Diaz", ["party": "US-R", "country": "US"]),
            person("a4", "Di Moe", ["country": "MX"]),
        ],
        objective: Objective(balance: ["party": 2, "country": 2, "role": 1]))

    static let plan = SeatingPlan(
        status: .feasible, objective: ScoreBreakdown(balance: 1.5, size: 0.25), bound: 1.25,
        assignments: [
            Assignment(attendee: "a1", session: "Thu", table: "T1"), Assignment(attendee: "a2", session: "Thu", table: "T1"),
            Assignment(attendee: "a3", session: "Thu", table: "T2"), Assignment(attendee: "a4", session: "Thu", table: "T2"),
            Assignment(attendee: "a1", session: "Fri", table: "T3"), Assignment(attendee: "a3", session: "Fri", table: "T3"),
            Assignment(attendee: "a2", session: "Fri", table: "T2"), Assignment(attendee: "a4", session: "Fri", table: "T2"),
        ])

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func namesAndEveryOtherTextAreEscaped() {
        var request = Self.request
        request.attendees[0].name = "<script>alert(1)</script>"
        request.attendees[1].name = "\"><img src=x onerror=alert(1)>"
        request.attendees[1].attributes["organization"] = .single("AT&T <Labs>")
        request.attendees[2].attributes["party"] = .single("<i>R</i>")
        request.tables[0].topic = "</text><script>x()</script>"
        let html = PlanHTML.render(Self.plan, request: request, colorBy: "party", title: "<title>Gala</title>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("AT&amp;T &lt;Labs&gt;"))
        #expect(html.contains("<title>&lt;title&gt;Gala&lt;/title&gt;</title>"))
    }

    @Test func escapingCoversQuotesAmpersandsAndDropsControlCharacters() {
        #expect("a&b<c>d\"e'f".htmlEscaped == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect("bell\u{07}nul\u{00}\tok\nZoë".htmlEscaped == "bellnul\tok\nZoë")
    }

    @Test func thePageIsSelfContained() {
        let html = PlanHTML.render(Self.plan, request: Self.request)
        for external in ["<script", "<link", "src=", "href=", "url(", "@import", "http:", "https:"] {
            #expect(!html.contains(external), "the page must not load \(external)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(#"<meta charset="utf-8">"#))
    }

    @Test func paperSetsThePrintedPageSize() {
        #expect(PlanHTML.render(Self.plan, request: Self.request).contains("@page { size: A4;"))
        #expect(PlanHTML.render(Self.plan, request: Self.request, paper: .letter).contains("@page { size: letter;"))
    }

    @Test func oneCirclePerNonEmptyTablePerSessionAndUnusedTablesNamed() {
        let html = PlanHTML.render(Self.plan, request: Self.request)
        #expect(Self.count(#"class="table-circle""#, in: html) == 4)
        #expect(html.contains(#"<circle class="table-circle" data-session="Thu" data-table="T1""#))
        #expect(html.contains(#"<circle class="table-circle" data-session="Fri" data-table="T3""#))
        #expect(!html.contains(#"data-session="Thu" data-table="T3""#))
        #expect(html.contains("Not used in this session: T3"))
        #expect(html.contains("Not used in this session: T1"))
        #expect(Self.count(#"<section class="session""#, in: html) == 2)
    }

    @Test func theDefaultKeyIsTheHeaviestBalancedAttributeTiesByName() {
        #expect(ColorKey.defaultAttribute(for: Self.request) == "country")
        var request = Self.request
        request.objective.balance = [:]
        #expect(ColorKey.defaultAttribute(for: request) == "country", "nothing balanced: the first attribute name")
        request.objective.balance = ["role": 5, "party": 1]
        #expect(ColorKey.defaultAttribute(for: request) == "role")
        #expect(PlanHTML.render(Self.plan, request: request).contains("Dots: role"))
        #expect(PlanHTML.render(Self.plan, request: request, colorBy: "party").contains("Dots: party"))
    }

    @Test func keyColorsAreStableAndValuesSorted() {
        let key = ColorKey(attribute: "party", attendees: Self.request.attendees)
        #expect(key.marks.map(\.value) == ["PAN", "US-D", "US-R"])
        #expect(key.marks.map(\.fill) == Array(ColorKey.palette.prefix(3)))
        #expect(key.marks.map(\.letter) == ["A", "B", "C"])
        #expect(Set(key.marks.map(\.shape)).count == 3, "shapes differ, for black-and-white prints")
        #expect(key.legend.last?.value == "(none)" && key.legend.last?.count == 1)
        #expect(key.mark(for: Self.request.attendees[3]) == ColorKey.missing)
        let reversed = ColorKey(attribute: "party", attendees: Self.request.attendees.reversed())
        #expect(reversed.marks == key.marks)
        #expect(PlanHTML.render(Self.plan, request: Self.request) == PlanHTML.render(Self.plan, request: Self.request))
    }

    @Test func multiValuedAttributesKeyOnTheCombinationHeld() {
        let people = [
            Attendee(id: "a", attributes: ["language": .multiple(["es", "en"])]),
            Attendee(id: "b", attributes: ["language": .multiple(["en", "es", "en"])]),
            Attendee(id: "c", attributes: ["language": .single("es")]),
        ]
        let key = ColorKey(attribute: "language", attendees: people)
        #expect(key.marks.map(\.value) == ["en, es", "es"])
        #expect(key.marks.map(\.count) == [2, 1])
    }

    @Test func letterKeysGoPastZ() {
        #expect(ColorKey.letter(0) == "A" && ColorKey.letter(25) == "Z" && ColorKey.letter(26) == "AA")
        #expect(ColorKey.letter(27) == "AB" && ColorKey.letter(52) == "BA" && ColorKey.letter(26 * 27) == "AA")
    }

    @Test func anUnknownKeyAttributeSaysSo() {
        let html = PlanHTML.render(Self.plan, request: Self.request, colorBy: "shoe size")
        #expect(html.contains("Dots: shoe size"))
        #expect(html.contains("no attendee has this attribute"))
    }

    @Test func eachTableShowsItsMixAndScoreFromTheCore() throws {
        let reports = try Self.request.tableReports(Self.plan.assignments)
        let html = PlanHTML.render(Self.plan, request: Self.request)
        let t1 = try #require(reports.first { $0.session == "Thu" && $0.table == "T1" })
        #expect(html.contains("Table score \(PlanHTML.decimal(t1.total, digits: 2)) = balance"))
        #expect(html.contains("<b>party</b> PAN 1 · US-D 1"))
        #expect(html.contains("<b>country</b> MX 1 · US 1"))
    }

    @Test func theHeaderSummarizesStatusScoreBoundAndGap() {
        let html = PlanHTML.render(Self.plan, request: Self.request)
        #expect(html.contains(#"<span class="status status-feasible">feasible</span>"#))
        #expect(html.contains("<dt>Total score</dt><dd>1.75</dd>"))
        #expect(html.contains("<dt>Balance</dt><dd>1.5</dd>"))
        #expect(html.contains("<dt>Bound</dt><dd>1.25</dd>"))
        #expect(html.contains("<dt>Gap</dt><dd>28.57%</dd>"))
        #expect(html.contains("<h1>Seating plan</h1>"))
    }

    @Test func theRosterListsRoleAndOrganization() {
        let html = PlanHTML.render(Self.plan, request: Self.request)
        #expect(html.contains("<th>Role</th><th>Organization</th>"))
        #expect(html.contains("<td>Ana Ruiz</td><td>legislator</td><td>Senado</td>"))
        var bare = Self.request
        for index in bare.attendees.indices { bare.attendees[index].attributes = [:] }
        #expect(!PlanHTML.render(Self.plan, request: bare).contains("<th>Role</th>"))
    }

    @Test func cardsComeEightToASheetWithTheTableOfEverySession() {
        let many = SeatingRequest(
            tables: [Table(id: "T1", capacity: 20, topic: "energy")],
            attendees: (1...17).map { Attendee(id: "p\($0)", name: "Person \($0)") })
        let plan = SeatingPlan(status: .optimal, assignments: many.attendees.map { Assignment(attendee: $0.id, session: nil, table: "T1") })
        let html = PlanHTML.render(plan, request: many)
        #expect(Self.count(#"<div class="sheet">"#, in: html) == 3)
        #expect(Self.count(#"<div class="card" "#, in: html) == 17)
        #expect(html.contains("<dt>main</dt><dd>T1 <small>energy</small></dd>"))

        let cards = PlanHTML.render(Self.plan, request: Self.request)
        #expect(cards.contains(#"<div class="card-name">Ana Ruiz</div><div class="card-sub">legislator · Senado</div>"#))
        #expect(cards.contains("<dt>Thu</dt><dd>T1 <small>rail</small></dd><dt>Fri</dt><dd>T3</dd>"))

        var partial = Self.request
        partial.attendees[1].sessions = ["Thu"]
        var thursdayOnly = Self.plan
        thursdayOnly.assignments.removeAll { $0.attendee == "a2" && $0.session == "Fri" }
        #expect(PlanHTML.render(thursdayOnly, request: partial).contains("<dt>Fri</dt><dd><small>not attending</small></dd>"))
    }

    @Test(arguments: [SolveStatus.infeasible, .unknown])
    func aPlanWithoutSeatsGivesAPageSayingSoWithItsReasons(status: SolveStatus) {
        let plan = SeatingPlan(status: status, explanation: ["rule role=legislator min 1 needs 2 legislators; there is 1", "<why>"])
        let html = PlanHTML.render(plan, request: Self.request)
        #expect(html.contains("No seating plan"))
        #expect(html.contains("<li>rule role=legislator min 1 needs 2 legislators; there is 1</li>"))
        #expect(html.contains("<li>&lt;why&gt;</li>"))
        #expect(html.contains(#"status-\#(status.rawValue)"#))
        #expect(!html.contains(#"class="table-circle""#))
        #expect(!html.contains(#"class="card""#))
        #expect(html.contains("<dt>Bound</dt><dd>none</dd>"))

        var fixable = plan
        fixable.fixes = [Fix(change: .dropMinSizes, description: "add a table of 3 & more")]
        let fixed = PlanHTML.render(fixable, request: Self.request)
        #expect(fixed.contains("<h3>What would make it feasible</h3>"))
        #expect(fixed.contains("<li>add a table of 3 &amp; more</li>"))
    }

    @Test(arguments: [1, 2, 5, 8, 10, 12, 16])
    func nameLabelsNeverOverlap(seats count: Int) {
        let names = ["Fernanda Valenzuela", "Jo", "Elizabeth Castillo", "Verónica Hernández", "Al Bo", "Ximena Valenzuela"]
        let seats = (0..<count).map { TableDrawing.Seat(id: "p\($0)", name: names[$0 % names.count], mark: ColorKey.missing) }
        let drawing = TableDrawing(session: "main", table: Table(id: "T1", capacity: 16), seats: seats)
        let layout = drawing.layout()
        let (radius, placements) = (layout.radius, layout.placements)
        #expect(placements.count == count)
        for i in placements.indices {
            for j in placements.indices where j != i {
                #expect(!placements[i].box.overlaps(placements[j].box, padding: 0), "labels \(i) and \(j) overlap")
                #expect(!placements[i].box.overlaps(placements[j].markerBox, padding: 0), "label \(i) covers dot \(j)")
            }
            // Labels stay outside the table.
            let box = placements[i].box
            let nearestX = min(max(0, box.minX), box.maxX)
            let nearestY = min(max(0, box.minY), box.maxY)
            #expect((nearestX * nearestX + nearestY * nearestY).squareRoot() > radius)
        }
        #expect(count > 12 || layout.width <= TableDrawing.minimumWidth + 40, "a table of \(count) is \(layout.width) wide")
        #expect(count > 12 || radius <= 90, "a table of \(count) has radius \(radius)")
    }

    @Test func longNamesWrapAtTheSpaceNearestTheMiddle() {
        #expect(TableDrawing.wrap("Fernanda Valenzuela") == ["Fernanda", "Valenzuela"])
        #expect(TableDrawing.wrap("Ana Ruiz") == ["Ana Ruiz"])
        #expect(TableDrawing.wrap("Maria del Carmen Ortiz") == ["Maria del", "Carmen Ortiz"])
        #expect(TableDrawing.wrap("tech-supply-chains", limit: 12) == ["tech-supply-", "chains"])
        #expect(TableDrawing.wrap("Bartholomewsonowski") == ["Bartholomewsonowski"])
    }
}
