import RoundTable

/// Which spreadsheet column holds each attendee field and each attribute, resolved
/// from the header row and the config's `columns`.
///
/// Duplicate headers are reported, not renamed: two columns both named "Country"
/// are an issue whenever that header is used (as a field, or as an attribute), and
/// are left alone when `columns.ignore` lists it or an explicit
/// `columns.attributes` leaves it out.
struct ColumnLayout {
    /// The attendee fields a column can hold, besides attributes.
    enum Field: String, CaseIterable {
        case id, name, group, avoid, sessions, pin, topics
    }

    /// Column index of each field present.
    var fields: [Field: Int] = [:]
    /// Attribute columns: the attribute's name and the column index.
    var attributes: [(name: String, column: Int)] = []
    var header: [String]

    /// `column "Country"`, the way issues name a column.
    func name(_ column: Int) -> String {
        let title = column < header.count ? header[column] : ""
        return title.isEmpty ? "column \(columnLetter(column))" : "column \(title.debugDescription)"
    }

    /// Resolves the layout; `configFile` names the config in issues, which are located
    /// at row 1 (the header) of the spreadsheet.
    static func resolve(header: [String], config: EventConfig, configFile: String) throws(RequestError) -> ColumnLayout {
        var issues: [RequestIssue] = []
        var layout = ColumnLayout(header: header)
        let columns = config.columns
        let ignored = Set(columns.ignore)
        /// Attributes whose column could not be resolved (already reported).
        var unresolved = Set<String>()
        var positions: [String: [Int]] = [:]
        for (index, title) in header.enumerated() where !title.isEmpty { positions[title, default: []].append(index) }
        let named = header.filter { !$0.isEmpty }
        func at(_ path: String) -> String { "\(configFile) \(config.origins.locate(path))" }

        /// The single column with this header, or an issue.
        func column(_ title: String, path: String) -> Int? {
            guard let found = positions[title] else {
                let hint = closestName(to: title, among: named).map { "did you mean \($0.debugDescription)? " } ?? ""
                issues.append(
                    RequestIssue(
                        location: "row 1 (header)",
                        cause: "no column is named \(title.debugDescription), which \(at(path)) names",
                        fix: "\(hint)use a header of the sheet (\(listing(named))) or rename the column"))
                return nil
            }
            if found.count > 1 {
                issues.append(duplicateIssue(title, found))
                return nil
            }
            return found[0]
        }
        func duplicateIssue(_ title: String, _ found: [Int]) -> RequestIssue {
            RequestIssue(
                location: "row 1 (header), columns \(found.map(columnLetter).joined(separator: " and "))",
                cause: "\(found.count) columns are named \(title.debugDescription), so it is unclear which one to read",
                fix:
                    "rename all but one (e.g. \"\(title) (2)\"), or list \(title.debugDescription) under columns.ignore in \(configFile) to leave them all out"
            )
        }

        // The attendee fields: configured headers, else a header named like the field.
        let configured: [Field: String?] = [
            .id: columns.id, .name: columns.name, .group: columns.group, .avoid: columns.avoid,
            .sessions: columns.sessions, .pin: columns.pin, .topics: columns.topics,
        ]
        for field in Field.allCases {
            if let title = configured[field] ?? nil {
                if let index = column(title, path: "columns.\(field.rawValue)") { layout.fields[field] = index }
            } else if let title = named.first(where: { $0.lowercased() == field.rawValue && !ignored.contains($0) }) {
                if let index = column(title, path: "columns.\(field.rawValue)") { layout.fields[field] = index }
            } else if field == .id {
                let hint = closestName(to: "id", among: named).map { "; did you mean \($0.debugDescription)?" } ?? ""
                issues.append(
                    RequestIssue(
                        location: "row 1 (header)",
                        cause:
                            "no column holds the attendee ids (no column is named \"id\" and columns.id in \(configFile) names none)\(hint)",
                        fix:
                            "name the id column under columns.id in \(configFile), e.g. `id: Badge`, or add an \"id\" column with a unique id per attendee"
                    ))
            }
        }

        // Attributes: the configured ones, else every other column.
        if let mapped = columns.attributes {
            for attribute in mapped {
                if let index = column(attribute.header, path: "columns.attributes.\(attribute.name)") {
                    layout.attributes.append((attribute.name, index))
                } else {
                    unresolved.insert(attribute.name)
                }
            }
        } else {
            let used = Set(layout.fields.values)
            var reported = Set<String>()
            for (index, title) in header.enumerated() where !used.contains(index) && !ignored.contains(title) {
                if title.isEmpty { continue }
                if let found = positions[title], found.count > 1 {
                    if reported.insert(title).inserted { issues.append(duplicateIssue(title, found)) }
                    unresolved.insert(title)
                    continue
                }
                layout.attributes.append((title, index))
            }
        }
        for title in columns.ignore where positions[title] == nil {
            issues.append(
                RequestIssue(
                    location: "row 1 (header)", cause: "no column is named \(title.debugDescription), which \(at("columns.ignore")) lists",
                    fix:
                        "\(closestName(to: title, among: named).map { "did you mean \($0.debugDescription)? " } ?? "")remove it from columns.ignore or correct the header"
                ))
        }

        // Every attribute the config names must come from a column.
        let attributeNames = layout.attributes.map(\.name)
        let known = Set(attributeNames)
        var missing = unresolved
        for (attribute, path) in config.attributeReferences where !known.contains(attribute) && missing.insert(attribute).inserted {
            let hint = closestName(to: attribute, among: attributeNames).map { "did you mean \($0.debugDescription)? " } ?? ""
            let source =
                columns.attributes == nil ? "attributes are named by their column headers" : "columns.attributes maps the attribute columns"
            issues.append(
                RequestIssue(
                    location: "row 1 (header)",
                    cause:
                        "no column holds attribute \(attribute.debugDescription), which \(at(path)) names (\(source): \(listing(attributeNames)))",
                    fix: "\(hint)use one of those names in \(configFile), or add the column"))
        }
        guard issues.isEmpty else { throw RequestError(issues: issues) }
        return layout
    }
}
