import Foundation
import RoundTable
import RoundTableJSON
import Testing

/// SplitMix64: a small deterministic generator, so a failing case can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    mutating func some<T>(_ items: [T]) -> [T] { items.filter { _ in chance(0.4) } }

    /// Text with the characters JSON writers get wrong: quotes, backslashes, control
    /// characters, accents, emoji, and look-alikes of numbers and null.
    mutating func text() -> String {
        let pieces = ["a", "T1", "José", "Nuñez", "\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "😀", "null", "1e5", " ", "", "/", "\u{2028}"]
        return (0..<Int.random(in: 1...4, using: &self)).map { _ in pick(pieces) }.joined()
    }

    mutating func weight() -> Double {
        pick([0, 1, 2, 0.1, 1e-9, 1e15, Double.random(in: 0...100, using: &self), Double.random(in: 0...1e-3, using: &self)])
    }
}

@Suite("RequestWriter round trip on random requests")
struct RequestWriterRandomTests {
    static func randomRequest(seed: UInt64) -> SeatingRequest {
        var rng = SeededGenerator(seed: seed)
        let sessions = rng.chance(0.3) ? ["main"] : (0..<Int.random(in: 1...3, using: &rng)).map { "S\($0)" + rng.text() }
        let tables = (0..<Int.random(in: 0...4, using: &rng)).map { n in
            Table(
                id: "T\(n)" + rng.text(), capacity: Int.random(in: 1...1_000_000, using: &rng), minSize: Int.random(in: 0...3, using: &rng),
                topic: rng.chance(0.5) ? rng.text() : nil, sessions: rng.chance(0.3) ? rng.some(sessions) : nil)
        }
        let ids = (0..<Int.random(in: 0...5, using: &rng)).map { "a\($0)" + rng.text() }
        let attendees = ids.map { id in
            var attributes: [String: AttributeValue] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                attributes[rng.text()] =
                    rng.chance(0.5) ? .single(rng.text()) : .multiple((0..<Int.random(in: 0...3, using: &rng)).map { _ in rng.text() })
            }
            var pin: Pin?
            if rng.chance(0.3), let table = tables.first { pin = .table(table.id) }
            if rng.chance(0.3) {
                pin = .perSession(Dictionary(rng.some(sessions).map { ($0, rng.text()) }, uniquingKeysWith: { a, _ in a }))
            }
            return Attendee(
                id: id, name: rng.chance(0.7) ? rng.text() : nil, attributes: attributes, group: rng.chance(0.3) ? rng.text() : nil,
                avoid: rng.some(ids), sessions: rng.chance(0.4) ? rng.some(sessions) : nil, pin: pin,
                topics: rng.chance(0.4) ? (0..<Int.random(in: 1...3, using: &rng)).map { _ in rng.text() } : [])
        }
        var balance: [String: Double] = [:]
        for _ in 0..<Int.random(in: 0...3, using: &rng) { balance[rng.text()] = rng.weight() }
        let objective = Objective(balance: balance, size: rng.weight(), topics: rng.weight(), repeats: rng.weight(), moves: rng.weight())
        let rules = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
            Rule(
                attribute: rng.text(), value: rng.chance(0.5) ? rng.text() : nil,
                min: rng.chance(0.4) ? Int.random(in: 0...9, using: &rng) : nil,
                max: rng.chance(0.4) ? Int.random(in: 0...9, using: &rng) : nil,
                maxPerValue: rng.chance(0.4) ? Int.random(in: 0...9, using: &rng) : nil,
                minDistinct: rng.chance(0.3) ? Int.random(in: 0...9, using: &rng) : nil,
                weight: rng.chance(0.5) ? rng.weight() : nil)
        }
        var previous: PreviousPlan?
        if rng.chance(0.2) {
            previous = PreviousPlan(
                assignments: ids.map { Assignment(attendee: $0, session: rng.chance(0.5) ? rng.pick(sessions) : nil, table: rng.text()) },
                locked: rng.some(ids))
        }
        return SeatingRequest(
            sessions: sessions, tables: tables, attendees: attendees, objective: objective, rules: rules, previous: previous)
    }

    @Test func randomRequestsReadBackEqual() throws {
        for seed in UInt64(1)...300 {
            let request = Self.randomRequest(seed: seed)
            let json = RequestWriter.encode(request)
            let back = try RequestReader.read(json)
            #expect(back == request, "seed \(seed):\n\(String(decoding: json, as: UTF8.self))")
            if back != request { return }
        }
    }
}
