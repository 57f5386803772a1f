import Foundation

/// The package's `Fixtures/` folder, found from this source file's path.
enum FixtureFiles {
    /// The package root: this file is `Tests/RoundTableTests/Support/FixtureFiles.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let folder = packageRoot.appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// Names of the fixtures starting with `prefix` and ending in `.json`, sorted.
    static func named(_ prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }

    /// The optimum totals Fixtures/README.md lists for the valid fixtures
    /// ("Optimum 13.083333333." or "the optimum is 0"), by file name.
    static func listedOptima() throws -> [String: Double] {
        let text = try String(contentsOf: url("README.md"), encoding: .utf8)
        let pattern = try NSRegularExpression(
            pattern: #"^- `(valid_[A-Za-z0-9_]+\.json)`.*?[Oo]ptimum (?:is )?(-?[0-9]+(?:\.[0-9]+)?)"#,
            options: [.anchorsMatchLines])
        var optima: [String: Double] = [:]
        let range = NSRange(text.startIndex..., in: text)
        for match in pattern.matches(in: text, range: range) {
            guard let name = Range(match.range(at: 1), in: text), let value = Range(match.range(at: 2), in: text),
                let number = Double(text[value])
            else { continue }
            optima[String(text[name])] = number
        }
        return optima
    }
}
