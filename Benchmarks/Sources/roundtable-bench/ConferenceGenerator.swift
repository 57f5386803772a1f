import RoundTable

/// Deterministic generator of benchmark requests.
struct Generator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func pick<T>(_ weighted: [(T, Int)]) -> T {
        let total = weighted.reduce(0) { $0 + $1.1 }
        var r = int(total)
        for (value, weight) in weighted {
            if r < weight { return value }
            r -= weight
        }
        return weighted[weighted.count - 1].0
    }

    static let parties: [(String, String, Int)] = [
        ("US-D", "US", 30), ("US-R", "US", 28), ("MX-Morena", "MX", 18), ("MX-PAN", "MX", 12), ("MX-PRI", "MX", 8),
        ("MX-MC", "MX", 4),
    ]
    static let industries: [(String, Int)] = [
        ("Government", 30), ("Automotive", 12), ("Energy", 10), ("Insurance", 8), ("Finance", 10), ("Retail", 8),
        ("Logistics", 10), ("Health", 6), ("Technology", 6),
    ]

    /// A social golfer instance: `groups` tables of exactly `size`, `rounds` sessions, repeats only.
    static func golfer(groups: Int, size: Int, rounds: Int) -> SeatingRequest {
        SeatingRequest(
            sessions: (1...rounds).map { "round\($0)" },
            tables: (1...groups).map { Table(id: "G\($0)", capacity: size, minSize: size) },
            attendees: (1...(groups * size)).map { Attendee(id: "p\($0)") },
            objective: Objective(size: 0, topics: 0, repeats: 1))
    }

    /// One session, balance only: party (6), country (2), industry (9); tables of 10.
    mutating func balanceOnly(attendees: Int, tables: Int) -> SeatingRequest {
        var people: [Attendee] = []
        for i in 0..<attendees {
            let (party, country, _) = pick(Self.parties.map { (($0.0, $0.1, 0), $0.2) })
            let industry = pick(Self.industries)
            people.append(Attendee(id: "a\(i)", attributes: ["party": .single(party), "country": .single(country), "industry": .single(industry)]))
        }
        return SeatingRequest(
            tables: (0..<tables).map { Table(id: "T\($0 + 1)", capacity: 10) }, attendees: people,
            objective: Objective(balance: ["party": 3, "country": 3, "industry": 1]))
    }

    /// A realistic conference: roles, organizations (one per table), bilingual
    /// speakers, families, avoids, pins, partial attendance, topics; rules as the
    /// bundled fixture has them.
    mutating func conference(attendees: Int, sessions sessionCount: Int) -> SeatingRequest {
        let sessions = sessionCount == 1 ? ["main"] : ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue"].prefix(sessionCount).map { $0 }
        let topics = ["rail", "nearshoring", "border", "energy", "health"]
        var people: [Attendee] = []
        var organizations: [String] = []
        for o in 0..<max(4, attendees / 12) { organizations.append("org\(o)") }
        var i = 0
        var family = 0
        while people.count < attendees {
            let role = pick([("legislator", 30), ("official", 8), ("sponsor", 22), ("expert", 12), ("staff", 8), ("host", 4)])
            let (party, country, _) = pick(Self.parties.map { (($0.0, $0.1, 0), $0.2) })
            let language: [String] = country == "MX" ? (chance(0.5) ? ["es", "en"] : ["es"]) : (chance(0.25) ? ["en", "es"] : ["en"])
            var attributes: [String: AttributeValue] = [
                "country": .single(country), "role": .single(role), "language": .multiple(language),
                "industry": .single(role == "legislator" || role == "official" ? "Government" : pick(Self.industries)),
                "organization": .single(role == "legislator" ? "\(country)-legislature-\(int(attendees / 8 + 1))" : organizations[int(organizations.count)]),
            ]
            if role == "legislator" || role == "official" { attributes["party"] = .single(party) }
            var person = Attendee(id: "p\(i)", name: "Person \(i)", attributes: attributes)
            if chance(0.2) { person.topics = Array(topics.shuffledPrefix(2, &self)) }
            if sessionCount > 1 && chance(0.2) {
                person.sessions = sessions.filter { _ in chance(0.7) }
                if person.sessions?.isEmpty == true { person.sessions = [sessions[0]] }
            }
            i += 1
            // A family joins a fifth of legislators and sponsors.
            if (role == "legislator" || role == "sponsor") && chance(0.2) && people.count + 3 < attendees {
                let name = "family\(family)"
                family += 1
                person.group = name
                let size = 1 + int(2)
                people.append(person)
                for _ in 0..<size {
                    people.append(Attendee(
                        id: "p\(i)", name: "Person \(i)",
                        attributes: ["country": .single(country), "role": .single("family"), "language": .multiple(language)],
                        group: name, sessions: person.sessions))
                    i += 1
                }
                continue
            }
            people.append(person)
        }
        // A few avoids between professionals, a few pins.
        let professionals = people.indices.filter { people[$0].group == nil }
        for _ in 0..<max(1, attendees / 100) {
            let a = professionals[int(professionals.count)]
            let b = professionals[int(professionals.count)]
            if a != b && !people[b].avoid.contains(people[a].id) { people[a].avoid.append(people[b].id) }
        }
        let seats = 10
        let tableCount = (attendees + 7) / 8
        for k in 0..<max(1, attendees / 150) {
            let a = professionals[int(professionals.count)]
            if people[a].sessions == nil && people[a].avoid.isEmpty { people[a].pin = .table("T\(k + 1)") }
        }
        let tables = (0..<tableCount).map { t in
            Table(id: "T\(t + 1)", capacity: seats, minSize: 5, topic: t < topics.count * 2 ? topics[t % topics.count] : nil)
        }
        return SeatingRequest(
            sessions: sessions, tables: tables, attendees: people,
            objective: Objective(balance: ["party": 3, "country": 3, "industry": 1, "role": 1], size: 1, topics: 1, repeats: 2),
            rules: [
                Rule(attribute: "organization", maxPerValue: 1),
                Rule(attribute: "language", value: "es", min: 1),
                Rule(attribute: "language", value: "en", min: 1),
                Rule(attribute: "party", maxPerValue: 3, weight: 5),
            ])
    }
}

extension Array {
    func shuffledPrefix(_ count: Int, _ generator: inout Generator) -> ArraySlice<Element> {
        var copy = self
        for i in copy.indices.reversed() where i > 0 { copy.swapAt(i, generator.int(i + 1)) }
        return copy.prefix(count)
    }
}
