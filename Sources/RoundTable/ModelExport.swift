import GLPKBackend
import MIP

/// Writes the integer program RoundTable builds for a request, for researchers who
/// want to inspect it or hand it to another solver.
public enum ModelExport {
    public enum Format: String, Sendable, CaseIterable {
        /// CPLEX LP format.
        case lp
        /// Free MPS format.
        case mps
    }

    /// Which formulation to write.
    public enum Formulation: String, Sendable, CaseIterable {
        /// Counts of interchangeable attendees per table, sessions independent
        /// (topics charged at rank per session, repeats left out): the relaxation
        /// whose bound the planner reports for large requests.
        case sessions
        /// One binary per attendee, session and table, with repeats and topics across
        /// sessions modelled exactly (grows with the square of attendees).
        case exact
    }

    /// Size of the program that would be written.
    public struct Size: Sendable, Equatable {
        public var columns: Int
        public var integerColumns: Int
        public var rows: Int
        public var nonzeros: Int
    }

    /// Writes the model of `request` to `path`; returns its size.
    ///
    /// - Throws: ``RequestError`` for an invalid request or a file GLPK cannot write.
    @discardableResult
    public static func write(
        _ request: SeatingRequest, to path: String, format: Format = .lp, formulation: Formulation = .sessions
    ) throws(RequestError) -> Size {
        let instance = try request.makeInstance().get()
        let items = (0..<instance.sessionCount).map { SessionItems(instance: instance, session: $0) }
        let model = SeatingFormulation(instance: instance, items: items, linked: formulation == .exact)
        let program = model.program
        do {
            switch format {
            case .lp: try GLPKSolver.writeLP(program, to: path)
            case .mps: try GLPKSolver.writeMPS(program, to: path)
            }
        } catch {
            throw RequestError(file: path, issues: [RequestIssue(location: "model", cause: error.description, fix: "check that the folder exists and is writable")])
        }
        return Size(
            columns: program.columns.count, integerColumns: program.columns.filter(\.isInteger).count,
            rows: program.rows.count, nonzeros: program.rows.reduce(0) { $0 + $1.terms.count })
    }
}
