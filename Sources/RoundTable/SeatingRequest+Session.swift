extension SeatingRequest {
    /// Session `name` as a request of its own: the attendees present in it, the tables open
    /// in it, pins for it, avoids among those present; objective and rules unchanged. Its
    /// plans score that session as the whole request scores it, less what depends on other
    /// sessions (repeats, and topics heard twice).
    public func alone(session name: String) -> SeatingRequest {
        var single = self
        single.sessions = [name]
        single.previous = nil
        let present = attendees.filter { $0.sessions?.contains(name) ?? true }
        let ids = Set(present.map(\.id))
        single.attendees = present.map { person in
            var copy = person
            copy.sessions = nil
            copy.avoid = person.avoid.filter { ids.contains($0) }
            if case .perSession(let map)? = person.pin { copy.pin = map[name].map { .table($0) } }
            return copy
        }
        single.tables = tables.filter { $0.sessions?.contains(name) ?? true }.map { table in
            var copy = table
            copy.sessions = nil
            return copy
        }
        return single
    }
}
