import Foundation
import Testing

/// A temporary folder for one test's files, removed when the test lets go of it.
final class Scratch {
    let url: URL

    init() throws { url = try CLI.temporaryFolder() }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    func write(_ text: String, to name: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// Writes `object` as JSON and returns its path.
    func writeJSON(_ object: Any, to name: String) throws -> String {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }
}

extension CLI {
    /// Runs any executable (the built `roundtable` or a tool such as `glpsol`) with output
    /// through files, and kills it after `timeout` seconds so a hang fails instead of blocking.
    static func execute(_ executable: URL, _ arguments: [String], timeout: TimeInterval = 60) throws -> CLIRun {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout")
        let err = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        return CLIRun(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Runs the built `roundtable` with `arguments` (see ``execute(_:_:timeout:)``).
    static func roundtable(_ arguments: [String]) throws -> CLIRun {
        let binary = try #require(binary, "no built roundtable next to \(Bundle.main.bundleURL.path)")
        return try execute(binary, arguments)
    }

    /// Runs `roundtable` and returns the run with its wall-clock seconds.
    static func timedRoundtable(_ arguments: [String]) throws -> (CLIRun, seconds: Double) {
        let start = Date()
        let run = try roundtable(arguments)
        return (run, Date().timeIntervalSince(start))
    }

    static func spreadsheet(_ name: String) -> String { fixture("spreadsheets/" + name) }

    /// The executable `name` on PATH, if any.
    static func onPath(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static let glpsol = onPath("glpsol")
}

/// Reading the files the CLI writes.
enum Output {
    /// A JSON object read from `path`.
    static func jsonObject(atPath path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path) is not a JSON object")
    }

    /// Each attendee's table in a one-session plan (a plan file or request-like object with
    /// `assignments`); fails when an attendee has two seats.
    static func tables(ofPlan plan: [String: Any]) throws -> [String: String] {
        let assignments = try #require(plan["assignments"] as? [[String: Any]], "no assignments in \(plan)")
        var tables: [String: String] = [:]
        for entry in assignments {
            let attendee = try #require(entry["attendee"] as? String, "\(entry)")
            let table = try #require(entry["table"] as? String, "\(entry)")
            #expect(tables[attendee] == nil, "\(attendee) is seated twice in \(assignments)")
            tables[attendee] = table
        }
        return tables
    }

    static func tables(ofPlanAt path: String) throws -> [String: String] {
        try tables(ofPlan: try jsonObject(atPath: path))
    }

    /// The `total` of a plan's or score report's `objective`.
    static func total(_ object: [String: Any]) throws -> Double {
        try #require((object["objective"] as? [String: Any])?["total"] as? Double, "no objective.total in \(object)")
    }

    /// The rows of CSV text without its optional byte-order mark and its trailing line end,
    /// split at CRLF or LF (the fixtures' names hold no quoted line breaks).
    static func csvRows(_ text: String) -> [[String]] {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        return body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.isEmpty }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// `text` as HTML text content, as a page would have to write a name.
    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

/// The attendees of a request JSON: ids in order, and names.
struct RequestPeople {
    var ids: [String]
    var names: [String: String]

    init(path: String) throws {
        let request = try Output.jsonObject(atPath: path)
        let attendees = try #require(request["attendees"] as? [[String: Any]], "no attendees in \(path)")
        ids = attendees.compactMap { $0["id"] as? String }
        names = Dictionary(
            uniqueKeysWithValues: attendees.compactMap { entry in
                (entry["id"] as? String).flatMap { id in (entry["name"] as? String).map { (id, $0) } }
            })
    }
}
