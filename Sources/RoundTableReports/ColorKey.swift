import Foundation
import RoundTable

/// How the attendees' dots are keyed by one attribute: a fixed palette color, a shape and a
/// letter per value, so the key reads in color and in black and white alike.
///
/// Values are sorted, so the same request always gets the same colors. An attendee without
/// the attribute gets a hollow gray dot. A multi-valued attribute keys on the combination
/// of values held (`en, es`).
struct ColorKey {
    /// One legend entry.
    struct Mark: Equatable {
        var value: String
        var fill: String
        var ink: String
        var shape: Shape
        var letter: String
        var count: Int
    }

    enum Shape: CaseIterable {
        case circle, square, diamond, hexagon
    }

    /// Okabe and Ito's colorblind-safe palette, then darker companions.
    static let palette = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
        "#999933", "#882255", "#44AA99", "#777777",
    ]

    static let missing = Mark(value: "(none)", fill: "#FFFFFF", ink: "#6B7280", shape: .circle, letter: "", count: 0)

    let attribute: String
    let marks: [Mark]
    private let byValue: [String: Mark]
    private let missingCount: Int

    init(attribute: String, attendees: [Attendee]) {
        self.attribute = attribute
        var counts: [String: Int] = [:]
        var missingCount = 0
        for attendee in attendees {
            if let key = Self.key(of: attendee, attribute) { counts[key, default: 0] += 1 } else { missingCount += 1 }
        }
        marks = counts.keys.sorted().enumerated().map { index, value in
            let fill = Self.palette[index % Self.palette.count]
            let shape = Shape.allCases[(index + index / Self.palette.count) % Shape.allCases.count]
            return Mark(
                value: value, fill: fill, ink: Self.readableInk(on: fill), shape: shape, letter: Self.letter(index),
                count: counts[value] ?? 0)
        }
        byValue = Dictionary(uniqueKeysWithValues: marks.map { ($0.value, $0) })
        self.missingCount = missingCount
    }

    /// The legend entries, the one for attendees without the attribute last when there are any.
    var legend: [Mark] {
        var missing = Self.missing
        missing.count = missingCount
        return missingCount > 0 ? marks + [missing] : marks
    }

    func mark(for attendee: Attendee) -> Mark {
        Self.key(of: attendee, attribute).flatMap { byValue[$0] } ?? Self.missing
    }

    /// The value an attendee is keyed by: their values of `attribute`, sorted and joined.
    static func key(of attendee: Attendee, _ attribute: String) -> String? {
        guard let values = attendee.attributes[attribute]?.values, !values.isEmpty else { return nil }
        return values.sorted().joined(separator: ", ")
    }

    /// The attribute to key by when none is chosen: the balanced attribute with the highest
    /// weight (ties by name), else the first attribute name any attendee has, in sorted order.
    static func defaultAttribute(for request: SeatingRequest) -> String? {
        let balanced = request.objective.balance.filter { $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if let first = balanced.first { return first.key }
        return Set(request.attendees.flatMap(\.attributes.keys)).sorted().first
    }

    /// `A`...`Z`, then `AA`, `AB`...
    static func letter(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < 26 ? String(letters[index]) : String(letters[(index / 26 - 1) % 26]) + String(letters[index % 26])
    }

    /// Black or white, whichever reads better on `hex` (by relative luminance, so the letter
    /// stays readable when printed in gray).
    static func readableInk(on hex: String) -> String {
        let digits = hex.dropFirst()
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return "#000000" }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        return luminance > 0.179 ? "#000000" : "#FFFFFF"
    }
}
