import Foundation
import RoundTable
import RoundTableJSON
import Testing

@Suite("RequestWriter writes JSON that RequestReader reads back as the same request")
struct RequestWriterTests {
    /// Every valid fixture and the bundled conference.
    static let fixtures: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: SheetFixtures.fixtures.path)) ?? []
        return names.filter { ($0.hasPrefix("valid_") && $0.hasSuffix(".json")) || $0 == "conference.json" }.sorted()
    }()

    @Test func fixturesAreFound() {
        #expect(Self.fixtures.count >= 10)
        #expect(Self.fixtures.contains("conference.json"))
    }

    @Test(arguments: fixtures)
    func fixtureRoundTrips(_ name: String) throws {
        let request = try RequestReader.read(contentsOf: SheetFixtures.fixtures.appendingPathComponent(name))
        let json = RequestWriter.encode(request)
        #expect(try RequestReader.read(json) == request)
        // Writing is canonical: the same request always gives the same bytes.
        #expect(RequestWriter.encode(try RequestReader.read(json)) == json)
    }

    /// A request using every field of MODEL.md in every form.
    static let everything = SeatingRequest(
        sessions: ["Thu", "Fri", "Sat"],
        tables: [
            Table(id: "T1", capacity: 10, minSize: 6, topic: "rail", sessions: ["Thu", "Fri"]),
            Table(id: "T2", capacity: 3),
            Table(id: "T3", capacity: 5, minSize: 0, topic: "energy", sessions: []),
        ],
        attendees: [
            Attendee(
                id: "a1", name: "José Peña \"Pepe\"",
                attributes: [
                    "party": .single("PAN"), "language": .multiple(["es", "en", "es"]), "one": .multiple(["x"]), "none": .multiple([]),
                ],
                group: "family-1", avoid: ["a2"], sessions: ["Thu", "Sat"], pin: .perSession(["Thu": "T1", "Sat": "T2"]),
                topics: ["rail", "energy", "rail"]),
            Attendee(id: "a2", name: "Nuñez\\Back\nslash\ttab\u{1}", pin: .table("T2")),
            Attendee(id: "a3", sessions: [], pin: .perSession([:])),
            Attendee(id: "a4", attributes: ["country": .single("")]),
        ],
        objective: Objective(
            balance: ["party": 3, "country": 0.1, "language": 1e-7], size: 0, topics: 2.5, repeats: 0.30000000000000004, moves: 4),
        rules: [
            Rule(attribute: "organization", maxPerValue: 1),
            Rule(attribute: "role", value: "legislator", min: 1, max: 3),
            Rule(attribute: "language", value: "es", min: 1, weight: 10),
            Rule(attribute: "country", minDistinct: 2, weight: 0),
            Rule(attribute: "party", maxPerValue: 3, weight: 1e12),
        ],
        previous: PreviousPlan(
            assignments: [Assignment(attendee: "a1", session: "Thu", table: "T1"), Assignment(attendee: "a2", session: nil, table: "T2")],
            locked: ["a1"]))

    @Test func everyFieldAndFormRoundTrips() throws {
        let json = RequestWriter.encode(Self.everything)
        #expect(try RequestReader.read(json) == Self.everything)
        #expect(try JSONSerialization.jsonObject(with: json) is [String: Any])
    }

    @Test func defaultsAreLeftOut() throws {
        let request = SeatingRequest(tables: [Table(id: "T1", capacity: 2)], attendees: [Attendee(id: "a1")])
        let text = String(decoding: RequestWriter.encode(request), as: UTF8.self)
        #expect(
            text == """
                {
                  "attendees": [
                    {"id": "a1"}
                  ],
                  "tables": [
                    {"capacity": 2, "id": "T1"}
                  ]
                }

                """)
        #expect(try RequestReader.read(Data(text.utf8)) == request)
    }

    @Test func nonDefaultWeightsAndSessionsAreWritten() throws {
        var request = SeatingRequest(sessions: ["Thu"], tables: [Table(id: "T1", capacity: 2, minSize: 1)], attendees: [])
        request.objective.repeats = 2
        let text = String(decoding: RequestWriter.encode(request), as: UTF8.self)
        #expect(text.contains(#""sessions": ["Thu"]"#))
        #expect(text.contains(#""objective": {"repeats": 2}"#))
        #expect(text.contains(#""minSize": 1"#))
        #expect(!text.contains("size\": 1"))
    }
}
