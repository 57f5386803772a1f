import Foundation
import RoundTable
import Yams

/// Walks a YAML tree, collecting issues (by key path and line) instead of stopping at
/// the first, and remembering the line of every key it reads.
///
/// Scalars are read from their text as written, never through YAML's implicit types,
/// so `no`, `on` and `01` stay the strings they look like. A plain `null`, `~` or an
/// empty value counts as absent.
struct YAMLFieldReader {
    var issues: [RequestIssue] = []
    var lines: [String: Int] = [:]
    /// Key paths that an unknown key was probably meant to be (`capcity` for `capacity`),
    /// so that the key is not reported missing as well.
    var misspelled = Set<String>()

    /// A value and the line of its key.
    struct Field {
        var value: Node
        var line: Int?
    }

    mutating func fail(_ path: String, _ node: Node?, _ cause: String, _ fix: String) {
        issues.append(RequestIssue(location: Self.locate(path, node?.mark?.line), cause: cause, fix: fix))
    }

    mutating func fail(_ path: String, line: Int?, _ cause: String, _ fix: String) {
        issues.append(RequestIssue(location: Self.locate(path, line), cause: cause, fix: fix))
    }

    /// Reports a required key as missing, unless an unknown key was probably meant for it.
    mutating func missing(_ path: String, _ node: Node?, _ cause: String, _ fix: String) {
        guard !misspelled.contains(path) else { return }
        fail(path, node, cause, fix)
    }

    static func locate(_ path: String, _ line: Int?) -> String {
        let where_ = path.isEmpty ? "top level" : path
        return line.map { "\(where_) (line \($0))" } ?? where_
    }

    static func isNull(_ node: Node?) -> Bool {
        guard let node else { return true }
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "the value \(scalar.string.debugDescription)"
        case .mapping: return "a mapping (key: value lines)"
        case .sequence: return "a list"
        }
    }

    static func path(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : parent + "." + key }

    /// The fields of a mapping, keyed by name. Unknown keys (with a "did you mean"
    /// hint), repeated keys and non-text keys are issues. Null values are left out.
    mutating func mapping(_ node: Node, _ path: String, keys allowed: [String], what: String) -> [String: Field]? {
        guard case .mapping(let mapping) = node else {
            fail(
                path, node, "expected \(what) (key: value lines), found \(Self.kind(node))",
                "write it as `key: value` lines indented under \(path.isEmpty ? "the top level" : "`\(path)`")")
            return nil
        }
        var fields: [String: Field] = [:]
        var seen: [String: Int?] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                fail(path, keyNode, "a key is \(Self.kind(keyNode)), not a name", "use plain names as keys")
                continue
            }
            let key = keyScalar.string
            let line = keyNode.mark?.line
            if let first = seen[key] {
                fail(
                    Self.path(path, key), line: line,
                    "the key \(key.debugDescription) is given twice (first on line \(first.map(String.init) ?? "?"))", "keep one of the two"
                )
                continue
            }
            seen[key] = line
            guard allowed.contains(key) else {
                if let meant = closestName(to: key, among: allowed) { misspelled.insert(Self.path(path, meant)) }
                let known = allowed.joined(separator: ", ")
                let hint = closestName(to: key, among: allowed).map { "did you mean \($0.debugDescription)? Known keys here: \(known)" }
                fail(
                    Self.path(path, key), line: line, "unknown key \(key.debugDescription) in \(what)",
                    hint ?? "use one of the known keys here: \(known)")
                continue
            }
            if let line { lines[Self.path(path, key)] = line }
            if Self.isNull(value) { continue }
            fields[key] = Field(value: value, line: line)
        }
        return fields
    }

    /// The elements of a list; `nil` (with an issue) for anything else.
    mutating func sequence(_ node: Node, _ path: String, example: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            fail(path, node, "expected a list, found \(Self.kind(node))", "write a list, e.g. \(example)")
            return nil
        }
        for (n, element) in sequence.enumerated() { if let line = element.mark?.line { lines["\(path)[\(n)]"] = line } }
        return Array(sequence)
    }

    /// Text: any scalar, as written.
    mutating func string(_ node: Node?, _ path: String, example: String) -> String? {
        guard let node, !Self.isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            fail(
                path, node, "expected one value, found \(Self.kind(node))",
                "write a single value, e.g. `\(path.split(separator: ".").last ?? ""): \(example)`")
            return nil
        }
        return scalar.string
    }

    /// A list of texts; a single scalar counts as a list of one.
    mutating func strings(_ node: Node?, _ path: String, example: String) -> [String]? {
        guard let node, !Self.isNull(node) else { return nil }
        if case .scalar(let scalar) = node { return [scalar.string] }
        guard let elements = sequence(node, path, example: example) else { return nil }
        var result: [String] = []
        for (n, element) in elements.enumerated() {
            if Self.isNull(element) {
                fail("\(path)[\(n)]", element, "the entry is empty", "remove it or write a value")
            } else if let text = string(element, "\(path)[\(n)]", example: example) {
                result.append(text)
            }
        }
        return result
    }

    /// A whole number from -largestCount to largestCount (range checks are left to validation).
    mutating func integer(_ node: Node?, _ path: String) -> Int? {
        guard let node, !Self.isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            fail(path, node, "expected a whole number, found \(Self.kind(node))", "write a number, e.g. 10")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        let limit = SeatingRequest.largestCount
        if let value = Int(text), abs(value) <= limit { return value }
        if let value = Double(text), value.isFinite, value == value.rounded(), abs(value) <= Double(limit) { return Int(value) }
        let cause =
            Double(text) == nil ? "expected a whole number, found \(text.debugDescription)" : "\(text) is not a whole number up to \(limit)"
        fail(path, node, cause, "write a whole number, e.g. 10")
        return nil
    }

    /// A finite non-negative number up to `largest`.
    mutating func number(_ node: Node?, _ path: String, largest: Double, unit: String) -> Double? {
        guard let node, !Self.isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            fail(path, node, "expected a number, found \(Self.kind(node))", "write a number, e.g. 1")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard let value = Double(text) else {
            fail(path, node, "expected a number, found \(text.debugDescription)", "write a number without quotes, e.g. 3 or 0.5")
            return nil
        }
        guard value.isFinite, value >= 0 else {
            fail(path, node, "\(text) is not a finite non-negative number", "use \(unit) of 0 or more")
            return nil
        }
        guard value <= largest else {
            fail(
                path, node, "\(text) is too large",
                "use \(unit) up to \(largest == SeatingRequest.largestWeight ? "1e15 (scale the other weights down instead)" : String(largest))"
            )
            return nil
        }
        return value
    }
}

extension Node {
    /// The 1-based line of this node, when Yams knows it.
    var line: Int? { mark?.line }
}
