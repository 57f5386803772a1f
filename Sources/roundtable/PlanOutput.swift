import ArgumentParser
import Foundation
import RoundTable
import RoundTableJSON
import RoundTableReports

/// The format `plan` writes: canonical JSON (MODEL.md), CSV for a spreadsheet, or a
/// printable HTML page.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case json, csv, html

    /// The format an output path asks for by its extension (`.csv`, `.html` or `.htm`, any
    /// case); JSON for any other extension and for no path (stdout).
    static func infer(fromPath path: String?) -> PlanFormat {
        guard let path else { return .json }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": return .csv
        case "html", "htm": return .html
        default: return .json
        }
    }
}

extension PlanHTML.Paper: ExpressibleByArgument {}

/// The paper named by `--paper` (`a4` or `letter`, any case); A4 when `nil`.
///
/// Throws a `ValidationError` naming the accepted values for any other name.
func planPaper(_ name: String?) throws -> PlanHTML.Paper {
    guard let name else { return .a4 }
    guard let paper = PlanHTML.Paper(rawValue: name.lowercased()) else {
        throw ValidationError("--paper \(name) is not a paper size. Fix: use --paper a4 or --paper letter.")
    }
    return paper
}

/// The bytes of `plan` in `format`.
///
/// CSV is UTF-8 with a byte-order mark (so Excel reads accents) and CRLF line ends; HTML
/// keys its dots by `colorBy` (default: the heaviest balanced attribute) and prints on
/// `paper` (`a4` or `letter`; A4 when `nil` or unknown: check it first with ``planPaper(_:)``).
func renderPlan(_ plan: SeatingPlan, request: SeatingRequest, format: PlanFormat, colorBy: String?, paper: String?) -> Data {
    switch format {
    case .json:
        return PlanJSON.encode(plan)
    case .csv:
        return Data(PlanCSV.render(plan, request: request, byteOrderMark: true).utf8)
    case .html:
        let size = (try? planPaper(paper)) ?? .a4
        return Data(PlanHTML.render(plan, request: request, colorBy: colorBy, paper: size).utf8)
    }
}
