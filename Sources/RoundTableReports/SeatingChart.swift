import Foundation
import RoundTable

/// A plan's seats indexed for rendering: the table of every attendee in every session.
///
/// An assignment without a session counts for the request's only session; one naming a
/// session or attendee the request does not have is ignored (the scorer reports those).
struct SeatingChart {
    let request: SeatingRequest
    /// Attendee id to session to table id.
    private let seats: [String: [String: String]]
    private let attendeesByID: [String: Attendee]
    private let peopleMetInPlan: [String: Int]

    init(_ plan: SeatingPlan, request: SeatingRequest) {
        self.request = request
        let sessions = Set(request.sessions)
        let onlySession = request.sessions.count == 1 ? request.sessions.first : nil
        var seats: [String: [String: String]] = [:]
        for entry in plan.assignments {
            guard let session = entry.session ?? onlySession, sessions.contains(session) else { continue }
            if seats[entry.attendee]?[session] == nil { seats[entry.attendee, default: [:]][session] = entry.table }
        }
        self.seats = seats
        attendeesByID = Dictionary(request.attendees.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        peopleMetInPlan = plan.peopleMet
    }

    var isEmpty: Bool { seats.isEmpty }

    /// The table of `attendee` in `session`, if seated.
    func table(of attendee: String, in session: String) -> String? { seats[attendee]?[session] }

    /// Whether `attendee` has a seat in any session.
    func isSeated(_ attendee: String) -> Bool { !(seats[attendee]?.isEmpty ?? true) }

    /// The attendees at `table` in `session`, in request order.
    func occupants(of table: String, in session: String) -> [Attendee] {
        request.attendees.filter { seats[$0.id]?[session] == table }
    }

    func attendee(_ id: String) -> Attendee? { attendeesByID[id] }

    /// The tables available in `session`, in request order.
    func tables(in session: String) -> [Table] {
        request.tables.filter { $0.sessions?.contains(session) ?? true }
    }

    /// The number of distinct other people `attendee` shares a table with over all sessions:
    /// the plan's own figure when it has one, otherwise counted from the seats.
    func peopleMet(_ attendee: String) -> Int? {
        if let met = peopleMetInPlan[attendee] { return met }
        guard let mine = seats[attendee], !mine.isEmpty else { return nil }
        var met = Set<String>()
        for (other, theirs) in seats where other != attendee {
            if mine.contains(where: { theirs[$0.key] == $0.value }) { met.insert(other) }
        }
        return met.count
    }
}

extension Attendee {
    /// The name to print: the attendee's name, or the id when there is none.
    var displayName: String {
        guard let name, !name.trimmingCharacters(in: .whitespaces).isEmpty else { return id }
        return name
    }

    /// The values of `attribute` joined for display (`"en, es"`), or `nil` when absent.
    func displayValue(of attribute: String) -> String? {
        guard let values = attributes[attribute]?.values, !values.isEmpty else { return nil }
        return values.joined(separator: ", ")
    }
}
