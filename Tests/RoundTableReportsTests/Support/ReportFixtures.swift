import Foundation
import RoundTable
import RoundTableJSON

/// The package's fixtures, found from this source file's path, and plans made from them once.
enum ReportFixtures {
    /// The package root: this file is `Tests/RoundTableReportsTests/Support/ReportFixtures.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func request(_ name: String) throws -> SeatingRequest {
        let url = packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(name)
        return try RequestReader.read(Data(contentsOf: url), file: name)
    }

    /// `valid_families.json` with markup and accents in names, planned (8 attendees, 3 tables).
    static let families: Result<(SeatingRequest, SeatingPlan), any Error> = Result {
        var request = try Self.request("valid_families.json")
        request.attendees[4].name = "<b>x</b> Ibarra"
        request.attendees[5].name = "Mark \"Q\" Hale, Jr. & Sons"
        return (request, try Planner.plan(request, options: SolveOptions(timeLimit: 5)))
    }

    /// The bundled conference (150 attendees, 3 sessions, 16 tables), planned for 20 seconds
    /// (in 5, once, a debug build on two cores busy with the rest of the suite found no
    /// valid plan).
    static let conference: Result<(SeatingRequest, SeatingPlan), any Error> = Result {
        let request = try Self.request("conference.json")
        return (request, try Planner.plan(request, options: SolveOptions(timeLimit: 20)))
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roundtable-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
