/// One problem with a request, found before solving.
public struct RequestIssue: Sendable, Equatable, CustomStringConvertible {
    /// Where: e.g. `attendees[3] (id "a17").pin.Thu`.
    public var location: String
    /// What is wrong.
    public var cause: String
    /// How to fix it.
    public var fix: String

    public init(location: String, cause: String, fix: String) {
        self.location = location
        self.cause = cause
        self.fix = fix
    }

    public var description: String { "\(location): \(cause). Fix: \(fix)." }
}

/// A request that cannot be planned as written; lists every issue found.
public struct RequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the request came from, when known.
    public var file: String?
    public var issues: [RequestIssue]

    public init(file: String? = nil, issues: [RequestIssue]) {
        self.file = file
        self.issues = issues
    }

    public var description: String {
        let prefix = file.map { "\($0): " } ?? ""
        return issues.map { prefix + $0.description }.joined(separator: "\n")
    }
}
