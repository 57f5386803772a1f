/// The units that move together in one session: a group's present members, or
/// one ungrouped attendee; with the tables each may sit at.
struct SessionItems: Sendable {
    let session: Int
    /// Members of each item.
    let members: [[Int]]
    /// Item of each present attendee (-1 when absent).
    let itemOf: [Int]
    /// Allowed tables per item (pinned: only that table; always capacity >= size).
    let allowed: [[Int]]
    /// Items that have a conflicting pin or no table large enough; the request is infeasible.
    let conflicts: [String]
    /// The tables modelled (all tables available in the session, or a neighborhood).
    let tables: [Int]
    /// Items times tables: the size of the session's assignment, which picks the method.
    var extent: Int { members.count * tables.count }

    init(instance: Instance, session s: Int) {
        var members: [[Int]] = []
        var itemOf = [Int](repeating: -1, count: instance.attendeeCount)
        var groupItem: [Int: Int] = [:]
        for i in instance.presentIn[s] {
            if let g = instance.group[i] {
                if let item = groupItem[g] {
                    members[item].append(i)
                    itemOf[i] = item
                    continue
                }
                groupItem[g] = members.count
            }
            itemOf[i] = members.count
            members.append([i])
        }
        var allowed: [[Int]] = []
        var conflicts: [String] = []
        let sessionName = instance.sessionNames[s].debugDescription
        for item in members {
            let who = Self.describe(item, instance)
            let pins = Set(item.compactMap { instance.pin[$0][s] })
            var tables = instance.tablesIn[s].filter { instance.capacity[$0] >= item.count }
            if pins.count > 1 {
                conflicts.append("\(who) must sit together in session \(sessionName) but are pinned to different tables \(pins.sorted().map { instance.tableIDs[$0] })")
                tables = []
            } else if let pinned = pins.first {
                if !instance.available[pinned][s] {
                    conflicts.append("\(who) is pinned to table \(instance.tableIDs[pinned].debugDescription), which is not available in session \(sessionName)")
                    tables = []
                } else if instance.capacity[pinned] < item.count {
                    conflicts.append("\(who) (\(item.count) people) is pinned to table \(instance.tableIDs[pinned].debugDescription) of capacity \(instance.capacity[pinned]) in session \(sessionName)")
                    tables = []
                } else {
                    tables = [pinned]
                }
            } else if tables.isEmpty {
                let largest = instance.tablesIn[s].map { instance.capacity[$0] }.max() ?? 0
                conflicts.append("\(who) (\(item.count) people) must sit together in session \(sessionName), but its largest table seats \(largest)")
            }
            allowed.append(tables)
        }
        self.session = s
        self.members = members
        self.itemOf = itemOf
        self.allowed = allowed
        self.conflicts = conflicts
        self.tables = instance.tablesIn[s]
    }

    /// The items of `base` seated (in `seat`) at `subset`, free to move among those
    /// tables only: a neighborhood for large-neighborhood search.
    init(restricting base: SessionItems, to subset: [Int], seat: [[Int]], attendeeCount: Int) {
        let chosen = Set(subset)
        var members: [[Int]] = []
        var allowed: [[Int]] = []
        var itemOf = [Int](repeating: -1, count: attendeeCount)
        for (item, group) in base.members.enumerated() where chosen.contains(seat[base.session][group[0]]) {
            for i in group { itemOf[i] = members.count }
            members.append(group)
            allowed.append(base.allowed[item].filter { chosen.contains($0) })
        }
        self.session = base.session
        self.members = members
        self.itemOf = itemOf
        self.allowed = allowed
        self.conflicts = []
        self.tables = subset.sorted()
    }

    static func describe(_ item: [Int], _ instance: Instance) -> String {
        if item.count == 1 { return "attendee \(instance.attendeeIDs[item[0]].debugDescription)" }
        let name = instance.request.attendees[item[0]].group ?? ""
        return "group \(name.debugDescription)"
    }
}
