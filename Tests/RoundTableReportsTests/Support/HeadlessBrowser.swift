import Foundation

/// Runs Debian's headless Chromium and poppler-utils on a page, each run under a time limit.
struct HeadlessBrowser {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let setupHint = "run scripts/setup-browser.sh (installs Debian's chromium and poppler-utils)"

    let chromium: URL
    let pdftotext: URL
    let pdfinfo: URL

    /// The tools on PATH; throws a failure naming the setup script when one is missing.
    static func locate() throws -> HeadlessBrowser {
        guard let chromium = executable(named: ["chromium", "chromium-browser"]) else {
            throw Failure(description: "neither chromium nor chromium-browser is on PATH; \(setupHint)")
        }
        guard let pdftotext = executable(named: ["pdftotext"]), let pdfinfo = executable(named: ["pdfinfo"]) else {
            throw Failure(description: "pdftotext or pdfinfo is not on PATH; \(setupHint)")
        }
        return HeadlessBrowser(chromium: chromium, pdftotext: pdftotext, pdfinfo: pdfinfo)
    }

    static func executable(named names: [String]) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }

    /// Runs headless Chromium on `page` with `arguments` (e.g. `--print-to-pdf=...`), in a
    /// throwaway profile; returns what it printed on stdout.
    @discardableResult
    func chromium(_ arguments: [String], page: URL, in folder: URL) throws -> String {
        let profile = folder.appendingPathComponent("profile-\(UUID().uuidString)")
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--user-data-dir=\(profile.path)",
        ]
        return try Self.run(chromium, common + arguments + [page.absoluteString], in: folder)
    }

    func pdfText(_ pdf: URL, in folder: URL) throws -> String {
        try Self.run(pdftotext, ["-enc", "UTF-8", pdf.path, "-"], in: folder)
    }

    /// `pdfinfo`'s page count and first page size in points.
    func pdfInfo(_ pdf: URL, in folder: URL) throws -> (pages: Int, width: Double, height: Double) {
        let text = try Self.run(pdfinfo, [pdf.path], in: folder)
        var pages = 0
        var size = (0.0, 0.0)
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Pages:"), fields.count >= 2 { pages = Int(fields[1]) ?? 0 }
            if line.hasPrefix("Page size:"), fields.count >= 5 { size = (Double(fields[2]) ?? 0, Double(fields[4]) ?? 0) }
        }
        return (pages, size.0, size.1)
    }

    /// Runs `executable`, stdout to a file (so no pipe fills and blocks), stderr discarded;
    /// kills it after `timeout` seconds. Throws when it times out or exits non-zero.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL, timeout: Double = 60) throws -> String {
        let output = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
            throw Failure(description: "cannot create \(output.path)")
        }
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = done.wait(timeout: .now() + 5)
            }
            throw Failure(
                description: "\(executable.lastPathComponent) did not finish within \(Int(timeout)) s: \(arguments.joined(separator: " "))")
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "\(executable.lastPathComponent) exited \(process.terminationStatus): \(arguments.joined(separator: " "))")
        }
        return text
    }
}
