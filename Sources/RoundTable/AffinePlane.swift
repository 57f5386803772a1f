/// Schedules with no repeated encounter from finite geometry: the affine plane of
/// prime order q seats q² people at q tables of q in q + 1 rounds so that every pair
/// meets exactly once (the lines of one slope partition the plane).
enum AffinePlane {
    /// A seating of every session from the affine plane, when the request has that shape:
    /// q² attendees (q prime) all present in every one of at most q + 1 sessions, no
    /// groups, pins or avoids, and in every session at least q available tables that can
    /// seat exactly q. Hard rules are left to the caller's validity check.
    static func seating(_ instance: Instance) -> [[Int]]? {
        let people = instance.attendeeCount
        let q = Int(Double(people).squareRoot().rounded())
        guard q >= 2, q * q == people, isPrime(q), instance.sessionCount <= q + 1 else { return nil }
        guard instance.groupMembers.allSatisfy({ $0.count <= 1 }), instance.avoid.allSatisfy(\.isEmpty) else { return nil }
        guard (0..<people).allSatisfy({ i in instance.present[i].allSatisfy { $0 } && instance.pin[i].allSatisfy { $0 == nil } }) else {
            return nil
        }
        var seat = [[Int]](repeating: [Int](repeating: -1, count: people), count: instance.sessionCount)
        for s in 0..<instance.sessionCount {
            let tables = instance.tablesIn[s].filter { instance.capacity[$0] >= q && instance.minSize[$0] <= q }
            guard tables.count >= q else { return nil }
            for i in 0..<people {
                let (x, y) = (i / q, i % q)
                // Round s < q: lines y = s·x + c; round q: vertical lines x = c.
                let line = s < q ? ((y - s * x) % q + q) % q : x
                seat[s][i] = tables[line]
            }
        }
        return seat
    }

    private static func isPrime(_ n: Int) -> Bool {
        guard n >= 2 else { return false }
        var d = 2
        while d * d <= n {
            if n % d == 0 { return false }
            d += 1
        }
        return true
    }
}
