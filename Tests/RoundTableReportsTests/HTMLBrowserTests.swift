import Foundation
import RoundTable
import RoundTableReports
import Testing

/// The plan page as a real browser shows and prints it: headless Chromium prints it to PDF
/// (read back with poppler's pdftotext and pdfinfo), takes a screenshot, and dumps its DOM.
/// Needs Debian's chromium and poppler-utils (scripts/setup-browser.sh); fails without them.
@Suite("The plan page in headless Chromium", .serialized)
struct HTMLBrowserTests {
    /// Names in the PDF, with runs of white space (line breaks in cells) made single spaces.
    static func words(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The tables with someone seated, per session, counted from the plan itself.
    static func usedTables(_ plan: SeatingPlan, _ request: SeatingRequest) -> [String: Set<String>] {
        var used: [String: Set<String>] = [:]
        for seat in plan.assignments { used[seat.session ?? request.sessions[0], default: []].insert(seat.table) }
        return used
    }

    static func write(_ html: String, in folder: URL) throws -> URL {
        let page = folder.appendingPathComponent("plan.html")
        try Data(html.utf8).write(to: page)
        return page
    }

    static func printToPDF(_ html: String, browser: HeadlessBrowser, in folder: URL) throws -> URL {
        let page = try write(html, in: folder)
        let pdf = folder.appendingPathComponent("plan.pdf")
        try browser.chromium(["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", "--print-to-pdf-no-header"], page: page, in: folder)
        return pdf
    }

    @Test(arguments: [(PlanHTML.Paper.a4, 595.0, 842.0), (.letter, 612.0, 792.0)])
    func printedPlanShowsEveryNameTableAndKeyOnTheChosenPaper(paper: PlanHTML.Paper, width: Double, height: Double) throws {
        let browser = try HeadlessBrowser.locate()
        let (request, plan) = try ReportFixtures.families.get()
        try #require(plan.status == .optimal || plan.status == .feasible)
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let pdf = try Self.printToPDF(PlanHTML.render(plan, request: request, paper: paper), browser: browser, in: folder)
        let text = Self.words(try browser.pdfText(pdf, in: folder))
        for attendee in request.attendees {
            #expect(text.contains(try #require(attendee.name)), "\(attendee.id) is missing from the PDF")
        }
        let tokens = Set(text.split(separator: " ").map(String.init))
        for table in Self.usedTables(plan, request).values.flatMap({ $0 }) {
            #expect(tokens.contains(table), "table \(table) is missing from the PDF")
        }
        #expect(text.contains("Dots: country"))
        #expect(text.contains("MX") && text.contains("US"), "the key's values are missing")
        #expect(text.contains("<b>x</b> Ibarra"), "markup in a name must print as text")

        let info = try browser.pdfInfo(pdf, in: folder)
        #expect(abs(info.width - width) < 1 && abs(info.height - height) < 1, "page is \(info.width) x \(info.height) pt")
        // One page for the header and the single session, one sheet of eight cards.
        #expect((2...4).contains(info.pages), "\(info.pages) pages")
    }

    @Test func printedConferencePlanShowsEveryAttendeeAndTable() throws {
        let browser = try HeadlessBrowser.locate()
        let (request, plan) = try ReportFixtures.conference.get()
        try #require(plan.status == .optimal || plan.status == .feasible, "\(plan.status): \(plan.explanation)")
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let pdf = try Self.printToPDF(PlanHTML.render(plan, request: request), browser: browser, in: folder)
        let text = Self.words(try browser.pdfText(pdf, in: folder))
        let missing = request.attendees.compactMap(\.name).filter { !text.contains($0) }
        #expect(missing.isEmpty, "names missing from the PDF: \(missing)")
        let tokens = Set(text.split(separator: " ").map(String.init))
        let tables = Set(Self.usedTables(plan, request).values.flatMap { $0 })
        #expect(tables.subtracting(tokens).isEmpty, "tables missing from the PDF: \(tables.subtracting(tokens).sorted())")
        for session in request.sessions { #expect(text.contains("Session \(session)")) }

        let info = try browser.pdfInfo(pdf, in: folder)
        #expect(abs(info.width - 595) < 1 && abs(info.height - 842) < 1, "page is \(info.width) x \(info.height) pt")
        // At least a page per session and a sheet per eight cards; at most a few pages of
        // drawings and roster per session on top.
        let cardSheets = (request.attendees.count + 7) / 8
        let sessions = request.sessions.count
        #expect((sessions + cardSheets...cardSheets + 8 * sessions + 1).contains(info.pages), "\(info.pages) pages")
    }

    /// Also saves the README's screenshot when `ROUNDTABLE_SAVE_SCREENSHOT=1`.
    @Test func screenshotOfTheConferencePageIsARealImage() throws {
        let browser = try HeadlessBrowser.locate()
        let (request, plan) = try ReportFixtures.conference.get()
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let page = try Self.write(PlanHTML.render(plan, request: request, title: "Make It With Mexico 2024"), in: folder)
        let png = folder.appendingPathComponent("plan.png")
        try browser.chromium(
            ["--screenshot=\(png.path)", "--window-size=1200,1000", "--hide-scrollbars", "--force-device-scale-factor=1"],
            page: page, in: folder)
        let data = try Data(contentsOf: png)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        try #require(data.count > 33 && Array(data.prefix(8)) == signature, "not a PNG")
        func bigEndian(_ offset: Int) -> Int { data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(bigEndian(16) == 1200 && bigEndian(20) == 1000, "screenshot is \(bigEndian(16)) x \(bigEndian(20))")
        // A blank 1200 x 1000 page compresses to a few kilobytes; drawn tables and text do not.
        #expect(data.count > 40_000, "screenshot is only \(data.count) bytes")

        if ProcessInfo.processInfo.environment["ROUNDTABLE_SAVE_SCREENSHOT"] == "1" {
            let target = ReportFixtures.packageRoot.appendingPathComponent("Fixtures/screenshots")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let file = target.appendingPathComponent("conference-plan.png")
            try? FileManager.default.removeItem(at: file)
            try data.write(to: file)
        }
    }

    @Test func domHasOneTableCirclePerNonEmptyTablePerSession() throws {
        let browser = try HeadlessBrowser.locate()
        let (request, plan) = try ReportFixtures.conference.get()
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let page = try Self.write(PlanHTML.render(plan, request: request), in: folder)
        let dom = try browser.chromium(["--dump-dom"], page: page, in: folder)
        let used = Self.usedTables(plan, request)
        var total = 0
        for session in request.sessions {
            let pattern = try NSRegularExpression(
                pattern:
                    #"<circle class="table-circle" data-session="\#(NSRegularExpression.escapedPattern(for: session))" data-table="([^"]+)""#
            )
            let found = pattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).compactMap { match in
                Range(match.range(at: 1), in: dom).map { String(dom[$0]) }
            }
            #expect(found.count == Set(found).count, "session \(session) draws a table twice")
            #expect(Set(found) == used[session, default: []], "session \(session)")
            total += found.count
        }
        #expect(total == dom.components(separatedBy: #"class="table-circle""#).count - 1)
    }

    @Test func anInfeasibleRequestPrintsOnePageSayingWhy() throws {
        let browser = try HeadlessBrowser.locate()
        let request = try ReportFixtures.request("infeasible_rule_min.json")
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 5))
        try #require(plan.status == .infeasible && !plan.explanation.isEmpty)
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let pdf = try Self.printToPDF(PlanHTML.render(plan, request: request), browser: browser, in: folder)
        let text = Self.words(try browser.pdfText(pdf, in: folder))
        #expect(text.contains("No seating plan"))
        #expect(text.contains("INFEASIBLE") || text.contains("infeasible"))
        for line in plan.explanation { #expect(text.contains(Self.words(line)), "explanation line missing: \(line)") }
        #expect(try browser.pdfInfo(pdf, in: folder).pages == 1)
    }

    @Test func aHungToolIsStoppedAtItsTimeLimit() throws {
        let sleep = try #require(HeadlessBrowser.executable(named: ["sleep"]))
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = Date()
        #expect(throws: HeadlessBrowser.Failure.self) { try HeadlessBrowser.run(sleep, ["30"], in: folder, timeout: 1) }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func markupInANameIsShownAsTextInTheDOM() throws {
        let browser = try HeadlessBrowser.locate()
        let (request, plan) = try ReportFixtures.families.get()
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let page = try Self.write(PlanHTML.render(plan, request: request), in: folder)
        let dom = try browser.chromium(["--dump-dom"], page: page, in: folder)
        #expect(dom.contains("&lt;b&gt;x&lt;/b&gt; Ibarra"), "the name must be text in the DOM")
        #expect(!dom.contains("<b>x</b>"), "the name must not become a <b> element")
        #expect(dom.contains("Mark \"Q\" Hale, Jr. &amp; Sons"))
        #expect(!dom.lowercased().contains("<script"))
    }
}
