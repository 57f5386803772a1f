import RoundTable

/// SplitMix64: a small deterministic generator, so every random case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A random subset keeping order; each element with probability `p`.
    mutating func subset<T>(_ items: [T], _ p: Double = 0.5) -> [T] { items.filter { _ in chance(p) } }
}

/// What kind of tiny request to generate.
struct RequestShape: Sendable {
    var attendees: ClosedRange<Int> = 3...6
    var tables: ClosedRange<Int> = 2...3
    var sessions: ClosedRange<Int> = 1...1
    /// Tables with topics and attendees with topic lists.
    var topics = false
    /// Number of rules.
    var rules: ClosedRange<Int> = 0...2
    /// Probability that a rule is hard (no weight).
    var hardRule = 0.4
    /// Probability of each structural extra: a group, an avoid pair, pins, partial attendance, table sessions.
    var extras = 0.3
    /// Probability that total capacity is forced to cover everyone.
    var enoughSeats = 0.85
    /// Table capacities.
    var capacity: ClosedRange<Int> = 1...4
    /// Probability that the request has the multi-valued `language` attribute.
    var multiValued = 0.4
    /// Probability that a rule (when `language` exists) is on `language`.
    var languageRules = 0.4
    /// How many languages (drawn with repetition) a multi-valued attendee lists.
    var languagesHeld: ClosedRange<Int> = 1...3
    /// Rule forms to draw from: 0 value+min, 1 value+max, 2 maxPerValue, 3 minDistinct.
    var ruleForms = [0, 1, 2, 3]
}

/// Random valid requests (MODEL.md v1) from a seed.
struct RequestGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let weights: [Double] = [0, 0.5, 1, 2, 3]
    static let topicNames = ["rail", "energy", "water"]

    mutating func request(_ shape: RequestShape) -> SeatingRequest {
        let sessionCount = rng.int(shape.sessions)
        let sessions = sessionCount == 1 && rng.chance(0.5) ? ["main"] : (0..<sessionCount).map { "S\($0)" }
        let n = rng.int(shape.attendees)
        let tableCount = rng.int(shape.tables)

        // Tables.
        var capacities = (0..<tableCount).map { _ in rng.int(shape.capacity) }
        let wantsSeats = rng.chance(shape.enoughSeats)
        if wantsSeats {
            while capacities.reduce(0, +) < n, let t = capacities.indices.filter({ capacities[$0] < shape.capacity.upperBound }).randomElement(using: &rng) {
                capacities[t] += 1
            }
        }
        var tables: [Table] = []
        for t in 0..<tableCount {
            let capacity = capacities[t]
            let minSize = rng.chance(0.75) ? 0 : rng.int(1...min(2, capacity))
            let topic = shape.topics && rng.chance(0.7) ? rng.pick(Self.topicNames) : nil
            var available: [String]? = nil
            if sessionCount > 1, rng.chance(shape.extras) {
                let subset = rng.subset(sessions, 0.6)
                available = subset.isEmpty ? [rng.pick(sessions)] : subset
            }
            tables.append(Table(id: "T\(t + 1)", capacity: capacity, minSize: minSize, topic: topic, sessions: available))
        }

        // Attendees.
        let parties = ["A", "B", "C"]
        let countries = ["MX", "US"]
        let languages = ["es", "en", "fr"]
        let multiLanguage = rng.chance(shape.multiValued)
        var attendees: [Attendee] = []
        for i in 0..<n {
            var attributes: [String: AttributeValue] = [:]
            if !rng.chance(0.12) { attributes["party"] = .single(rng.pick(parties)) }
            if !rng.chance(0.12) { attributes["country"] = .single(rng.pick(countries)) }
            if multiLanguage, !rng.chance(0.1) {
                if rng.chance(0.3) {
                    attributes["language"] = .single(rng.pick(languages))
                } else {
                    // Random picks may repeat a value, which is then held once.
                    var held = (0..<rng.int(shape.languagesHeld)).map { _ in rng.pick(languages) }
                    if rng.chance(0.2) { held.append(held[0]) }
                    attributes["language"] = .multiple(held)
                }
            }
            var present: [String]? = nil
            if sessionCount > 1, rng.chance(shape.extras) {
                let subset = rng.subset(sessions, 0.6)
                present = subset.isEmpty ? [rng.pick(sessions)] : subset
            }
            var topics: [String] = []
            if shape.topics, rng.chance(0.7) {
                topics = (0..<rng.int(0...3)).map { _ in rng.pick(Self.topicNames + ["food"]) }
            }
            attendees.append(Attendee(id: "a\(i + 1)", attributes: attributes, sessions: present, topics: topics))
        }

        // Enough seats in every session (tables available only in some sessions may leave one short).
        if wantsSeats {
            for session in sessions {
                let present = attendees.filter { $0.sessions?.contains(session) ?? true }.count
                func seats() -> Int { tables.filter { $0.sessions?.contains(session) ?? true }.reduce(0) { $0 + $1.capacity } }
                for t in tables.indices where seats() < present && tables[t].sessions?.contains(session) == false {
                    tables[t].sessions?.append(session)
                }
            }
        }

        // Groups of two, sometimes three (at most two groups).
        for g in 0..<2 where n >= 2 && rng.chance(shape.extras) {
            var free = (0..<n).filter { i in attendees[i].group == nil }
            let size = free.count >= 3 && rng.chance(0.25) ? 3 : 2
            guard free.count >= size else { break }
            for _ in 0..<size {
                let member = rng.pick(free)
                free.removeAll { $0 == member }
                attendees[member].group = "g\(g + 1)"
            }
        }
        // Avoid pairs between people of different groups.
        for _ in 0..<2 where n >= 2 && rng.chance(shape.extras) {
            let a = rng.int(0...(n - 1))
            let others = (0..<n).filter { $0 != a && (attendees[$0].group == nil || attendees[$0].group != attendees[a].group) }
            guard let b = others.randomElement(using: &rng) else { continue }
            if !attendees[a].avoid.contains(attendees[b].id) { attendees[a].avoid.append(attendees[b].id) }
        }
        // Pins.
        for i in 0..<n where rng.chance(shape.extras * 0.4) {
            let attended = sessions.filter { attendees[i].sessions?.contains($0) ?? true }
            if rng.chance(0.5) {
                // A string pin: that table in every attended session (it may be unavailable in one: infeasible).
                attendees[i].pin = .table(rng.pick(tables).id)
            } else {
                var bySession: [String: String] = [:]
                for session in attended where rng.chance(0.6) {
                    let open = tables.filter { $0.sessions?.contains(session) ?? true }
                    if let table = open.randomElement(using: &rng) { bySession[session] = table.id }
                }
                attendees[i].pin = .perSession(bySession)
            }
        }

        // Objective.
        var balance: [String: Double] = [:]
        let balanced = rng.chance(0.5) ? ["party"] : rng.chance(0.5) ? ["party", "country"] : ["country"]
        for name in balanced { balance[name] = rng.pick(Self.weights) }
        if multiLanguage, rng.chance(0.5) { balance["language"] = rng.pick(Self.weights) }
        if rng.chance(0.1) { balance = [:] }
        let objective = Objective(
            balance: balance,
            size: rng.chance(0.3) ? 1 : rng.pick([0, 0.5, 1, 2]),
            topics: rng.chance(0.3) ? 1 : rng.pick([0, 0.5, 1, 2]),
            repeats: rng.chance(0.3) ? 1 : rng.pick([0, 0.5, 1, 2, 3]))

        // Rules of every form.
        var rules: [Rule] = []
        for _ in 0..<rng.int(shape.rules) {
            let weight: Double? = rng.chance(shape.hardRule) ? nil : rng.pick(Self.weights)
            let useLanguage = multiLanguage && rng.chance(shape.languageRules)
            let attribute = useLanguage ? "language" : rng.pick(["party", "country"])
            let values = useLanguage ? languages : attribute == "party" ? parties : countries
            switch rng.pick(shape.ruleForms) {
            case 0:
                rules.append(Rule(attribute: attribute, value: rng.pick(values), min: rng.int(0...2), weight: weight))
            case 1:
                rules.append(Rule(attribute: attribute, value: rng.pick(values), max: rng.int(0...2), weight: weight))
            case 2:
                let maxPerValue = rng.int(1...2)
                let minDistinct: Int? = rng.chance(0.2) ? rng.int(1...2) : nil
                rules.append(Rule(attribute: attribute, maxPerValue: maxPerValue, minDistinct: minDistinct, weight: weight))
            default:
                // minDistinct, sometimes together with a value and a min/max pair: all forms add up.
                var rule = Rule(attribute: attribute, minDistinct: rng.int(1...3), weight: weight)
                if rng.chance(0.3) {
                    rule.value = rng.pick(values)
                    let low = rng.int(0...1)
                    rule.min = low
                    rule.max = low + rng.int(0...1)
                }
                rules.append(rule)
            }
        }
        return SeatingRequest(sessions: sessions, tables: tables, attendees: attendees, objective: objective, rules: rules)
    }
}
