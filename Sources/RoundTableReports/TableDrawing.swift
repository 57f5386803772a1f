import Foundation
import RoundTable

/// One round table drawn as inline SVG: the table as a circle with its id, topic and seat
/// count inside, one keyed dot per attendee on the rim, and each name placed outside.
///
/// Each name sits beside its dot, pointing away from the table. Long names may wrap onto two
/// lines; the circle grows until no label touches another label, a dot or the table (label
/// widths are estimated at 0.62 em per character), so tables of 10 or 12 read cleanly.
/// Every drawing is `minimumWidth` units wide or more, so drawings side by side share a scale.
struct TableDrawing {
    struct Seat {
        var id: String
        var name: String
        var mark: ColorKey.Mark
    }

    var session: String
    var table: Table
    var seats: [Seat]

    static let minimumWidth = 400.0
    static let fontSize = 12.0
    static let lineHeight = 13.5
    static let markerRadius = 7.0
    /// How far a dot's shape reaches from its center (the diamond reaches furthest).
    static let markerReach = markerRadius * 1.3
    /// From the table's center to the dots' centers, beyond the table's radius.
    static let markerOffset = 12.0

    /// A label's box in drawing units, centered on the table.
    struct Box {
        var minX, minY, maxX, maxY: Double

        func overlaps(_ other: Box, padding: Double) -> Bool {
            minX < other.maxX + padding && other.minX < maxX + padding && minY < other.maxY + padding
                && other.minY < maxY + padding
        }
    }

    /// Where one seat's dot and name go.
    struct Placement {
        var marker: (x: Double, y: Double)
        var anchor: String
        var lines: [(x: Double, y: Double, text: String)]
        var box: Box

        var markerBox: Box {
            let r = TableDrawing.markerReach + 1
            return Box(minX: marker.x - r, minY: marker.y - r, maxX: marker.x + r, maxY: marker.y + r)
        }
    }

    /// Which names wrap onto two lines.
    enum Wrapping: CaseIterable {
        /// Every long name: narrow labels, so a small table needs little width.
        case all
        /// Long names beside the table only; those above and below stay on one line.
        case sides
        /// None: short labels, so crowded tables need less height between neighbors.
        case none
    }

    /// A finished layout: the table radius, one placement per seat, and the drawing's extent.
    struct Layout {
        var radius: Double
        var placements: [Placement]
        var width: Double
        var minY: Double
        var maxY: Double
    }

    /// The layout that needs the least width (so the drawing is scaled down least) and, among
    /// those, wraps the fewest names unless wrapping saves more than 15% of the height: for
    /// each way of wrapping names, the smallest table radius at which no label touches another
    /// label, a dot or the table.
    func layout() -> Layout {
        let candidates = [Wrapping.none, .sides, .all].map { smallestLayout($0) }
        let narrowest = candidates.map(\.width).min() ?? Self.minimumWidth
        let narrow = candidates.filter { $0.width <= narrowest + 0.5 }
        let lowest = narrow.map { $0.maxY - $0.minY }.min() ?? 0
        return narrow.first { $0.maxY - $0.minY <= lowest * 1.15 } ?? candidates[candidates.count - 1]
    }

    private func smallestLayout(_ wrapping: Wrapping) -> Layout {
        var radius = 46.0
        while true {
            let placements = seats.indices.map { place($0, radius: radius, wrapping: wrapping) }
            if radius >= 400 || !clashes(placements, radius: radius) {
                return extent(radius: radius, placements: placements)
            }
            radius += 2
        }
    }

    private func clashes(_ placements: [Placement], radius: Double) -> Bool {
        for (i, placement) in placements.enumerated() {
            let box = placement.box
            let nearestX = min(max(0, box.minX), box.maxX)
            let nearestY = min(max(0, box.minY), box.maxY)
            if (nearestX * nearestX + nearestY * nearestY).squareRoot() < radius + 3 { return true }
            for (j, other) in placements.enumerated() where j != i {
                if box.overlaps(other.markerBox, padding: 1) { return true }
                if j > i && box.overlaps(other.box, padding: 3) { return true }
            }
        }
        return false
    }

    private func extent(radius: Double, placements: [Placement]) -> Layout {
        var extentX = radius + Self.markerOffset + Self.markerReach
        var minY = -extentX
        var maxY = extentX
        for placement in placements {
            extentX = max(extentX, abs(placement.box.minX), abs(placement.box.maxX))
            minY = min(minY, placement.box.minY)
            maxY = max(maxY, placement.box.maxY)
        }
        return Layout(radius: radius, placements: placements, width: max(Self.minimumWidth, 2 * extentX + 12), minY: minY, maxY: maxY)
    }

    /// Seat `index`: its dot just outside the rim, its name beside the dot (above or below it
    /// near the top and bottom of the table).
    private func place(_ index: Int, radius: Double, wrapping: Wrapping) -> Placement {
        let n = Double(seats.count)
        let angle = -Double.pi / 2 + (Double(index) + 0.5) * 2 * Double.pi / n
        let (cosine, sine) = (cos(angle), sin(angle))
        let marker = (x: (radius + Self.markerOffset) * cosine, y: (radius + Self.markerOffset) * sine)
        let vertical = abs(cosine) < 0.05
        let wraps: Bool
        switch wrapping {
        case .all: wraps = true
        case .sides: wraps = abs(sine) < 0.75
        case .none: wraps = false
        }
        let lines = wraps ? Self.wrap(seats[index].name) : [seats[index].name]
        let width = lines.map { Self.textWidth($0) }.max() ?? 0
        let height = Double(lines.count - 1) * Self.lineHeight + Self.fontSize
        let gap = Self.markerReach + 4
        let anchor: String
        let minX: Double
        let top: Double
        if vertical {
            anchor = "middle"
            minX = marker.x - width / 2
            top = sine < 0 ? marker.y - gap - height : marker.y + gap
        } else {
            anchor = cosine > 0 ? "start" : "end"
            minX = cosine > 0 ? marker.x + gap : marker.x - gap - width
            top = marker.y - height / 2
        }
        let x = vertical ? marker.x : (cosine > 0 ? minX : minX + width)
        let placed = lines.enumerated().map { line, text in
            (x: x, y: top + Self.fontSize * 0.8 + Double(line) * Self.lineHeight, text: text)
        }
        return Placement(
            marker: marker, anchor: anchor, lines: placed, box: Box(minX: minX, minY: top, maxX: minX + width, maxY: top + height))
    }

    /// The drawing as an `<svg>` element.
    func svg() -> String {
        let layout = layout()
        let (radius, placements) = (layout.radius, layout.placements)
        let viewBox = [-layout.width / 2, layout.minY - 6, layout.width, layout.maxY - layout.minY + 12]
            .map { Self.number($0) }.joined(separator: " ")
        let names = seats.map(\.name).joined(separator: ", ")
        let label = "Table \(table.id), session \(session): \(names)"

        var parts: [String] = []
        parts.append(
            #"<svg class="table-drawing" viewBox="\#(viewBox)" role="img" aria-label="\#(label.htmlEscaped)">"#)
        parts.append(
            #"<circle class="table-circle" data-session="\#(session.htmlEscaped)" data-table="\#(table.id.htmlEscaped)" cx="0" cy="0" r="\#(Self.number(radius))"/>"#
        )
        parts.append(centerText(radius: radius))
        for (seat, placement) in zip(seats, placements) {
            parts.append(Self.marker(seat.mark, at: placement.marker))
            let spans = placement.lines.map { line in
                #"<tspan x="\#(Self.number(line.x))" y="\#(Self.number(line.y))">\#(line.text.htmlEscaped)</tspan>"#
            }.joined()
            parts.append(
                #"<text class="seat-name" data-attendee="\#(seat.id.htmlEscaped)" text-anchor="\#(placement.anchor)">\#(spans)</text>"#)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func centerText(radius: Double) -> String {
        var lines: [(text: String, cls: String, size: Double)] = [(table.id, "table-id", 20)]
        if let topic = table.topic, !topic.isEmpty {
            for line in Self.wrap(topic, limit: max(8, Int(radius / 4.2))) { lines.append((line, "table-topic", 9.5)) }
        }
        lines.append(("\(seats.count) of \(table.capacity) seats", "table-seats", 9))
        let gap = 3.0
        let height = lines.map(\.size).reduce(0, +) + gap * Double(lines.count - 1)
        var y = -height / 2
        var spans: [String] = []
        for line in lines {
            y += line.size
            spans.append(
                #"<text class="\#(line.cls)" x="0" y="\#(Self.number(y - line.size * 0.18))" text-anchor="middle">\#(line.text.htmlEscaped)</text>"#
            )
            y += gap
        }
        return spans.joined(separator: "\n")
    }

    /// A keyed dot: its shape and fill, and its letter inside.
    static func marker(_ mark: ColorKey.Mark, at point: (x: Double, y: Double), radius: Double = markerRadius) -> String {
        let shape = shapeElement(mark, x: point.x, y: point.y, radius: radius)
        guard !mark.letter.isEmpty else { return shape }
        let size = (mark.letter.count > 1 ? 0.95 : 1.2) * radius
        let text =
            #"<text class="mark-letter" x="\#(number(point.x))" y="\#(number(point.y + size * 0.36))" text-anchor="middle" font-size="\#(number(size))" fill="\#(mark.ink)">\#(mark.letter.htmlEscaped)</text>"#
        return shape + text
    }

    private static func shapeElement(_ mark: ColorKey.Mark, x: Double, y: Double, radius r: Double) -> String {
        let paint =
            #"fill="\#(mark.fill)" stroke="\#(mark.letter.isEmpty ? mark.ink : "#1F2937")" stroke-width="\#(mark.letter.isEmpty ? 1.4 : 0.8)""#
        switch mark.shape {
        case .circle:
            return #"<circle class="mark" cx="\#(number(x))" cy="\#(number(y))" r="\#(number(r))" \#(paint)/>"#
        case .square:
            let side = r * 1.72
            return
                #"<rect class="mark" x="\#(number(x - side / 2))" y="\#(number(y - side / 2))" width="\#(number(side))" height="\#(number(side))" rx="1.2" \#(paint)/>"#
        case .diamond:
            let d = r * 1.3
            return polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)], paint)
        case .hexagon:
            let h = r * 1.12
            let points = (0..<6).map { k -> (Double, Double) in
                let a = Double(k) * Double.pi / 3
                return (x + h * cos(a), y + h * sin(a))
            }
            return polygon(points, paint)
        }
    }

    private static func polygon(_ points: [(Double, Double)], _ paint: String) -> String {
        let list = points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
        return #"<polygon class="mark" points="\#(list)" \#(paint)/>"#
    }

    /// `text` on one line, or two lines split at the space nearest the middle when it is
    /// longer than `limit` characters and has a space (or hyphen) to split at.
    static func wrap(_ text: String, limit: Int = 13) -> [String] {
        guard text.count > limit else { return [text] }
        let characters = Array(text)
        let middle = characters.count / 2
        let breaks = characters.indices.filter { characters[$0] == " " || characters[$0] == "-" }
        guard let best = breaks.min(by: { abs($0 - middle) < abs($1 - middle) }) else { return [text] }
        let keepsHyphen = characters[best] == "-"
        let first = String(characters[..<(keepsHyphen ? best + 1 : best)])
        let second = String(characters[(best + 1)...])
        return [first, second].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The estimated width of `text` in drawing units at the name font size.
    static func textWidth(_ text: String) -> Double {
        Double(text.count) * 0.62 * fontSize
    }

    /// A coordinate with at most one decimal.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
