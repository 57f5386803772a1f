import RoundTable

/// The true optimum of a tiny request, by trying every seating.
///
/// Every hard constraint of MODEL.md is per session, so each session's valid seatings
/// are enumerated on their own (every present attendee at every available table) and
/// checked by ``ReferenceModel``. Sessions are then combined exhaustively, adding the
/// terms that couple sessions (topics, repeats); since those are never negative, a
/// combination whose per-session terms alone reach the best total is skipped.
struct ExhaustiveSearch {
    struct Result {
        /// The least total over all valid seatings; `nil` when none is valid.
        var optimum: Double?
        /// A seating reaching it.
        var seat: [[Int?]]?
        /// Valid seatings per session.
        var validPerSession: [Int]
        /// Seatings tried, over all sessions.
        var tried: Int
    }

    private struct Candidate {
        var tableOf: [Int?]
        /// balance + size + soft-rule penalties of the session.
        var cost: Double
        /// Bit `i * n + j` (i < j, not one group): i and j share a table.
        var pairs: UInt64
    }

    let model: ReferenceModel

    init(_ request: SeatingRequest) { model = ReferenceModel(request) }

    /// Steps `digits` (base `base`, least significant first) to the next combination; false
    /// after the last one.
    static func advance(_ digits: inout [Int], base: Int) -> Bool {
        for k in digits.indices {
            digits[k] += 1
            if digits[k] < base { return true }
            digits[k] = 0
        }
        return false
    }

    func solve() -> Result {
        let n = model.attendeeCount
        precondition(n <= 8, "exhaustive search is for tiny requests")
        var perSession: [[Candidate]] = []
        var tried = 0
        for s in 0..<model.sessionCount {
            let present = model.present(in: s)
            let tables = model.tables(in: s)
            var candidates: [Candidate] = []
            if present.isEmpty {
                let empty = [Int?](repeating: nil, count: n)
                let terms = model.sessionTerms(session: s, seat: empty)
                candidates.append(Candidate(tableOf: empty, cost: terms.balance + terms.size + terms.rules, pairs: 0))
            } else if !tables.isEmpty {
                var digits = [Int](repeating: 0, count: present.count)
                while true {
                    tried += 1
                    var tableOf = [Int?](repeating: nil, count: n)
                    for (k, i) in present.enumerated() { tableOf[i] = tables[digits[k]] }
                    if model.violations(session: s, seat: tableOf, firstOnly: true).isEmpty {
                        let terms = model.sessionTerms(session: s, seat: tableOf)
                        var pairs: UInt64 = 0
                        for i in 0..<n {
                            for j in (i + 1)..<max(i + 1, n) where !model.sameGroup[i][j] {
                                if let t = tableOf[i], tableOf[j] == t { pairs |= 1 << UInt64(i * n + j) }
                            }
                        }
                        candidates.append(Candidate(tableOf: tableOf, cost: terms.balance + terms.size + terms.rules, pairs: pairs))
                    }
                    // Next assignment (odometer).
                    if !ExhaustiveSearch.advance(&digits, base: tables.count) { break }
                }
            }
            candidates.sort { $0.cost < $1.cost }
            perSession.append(candidates)
        }
        let counts = perSession.map(\.count)
        if counts.contains(0) { return Result(optimum: nil, seat: nil, validPerSession: counts, tried: tried) }

        // Topic ranks per attendee, indexed by table.
        let lengths = model.topicLists.map(\.count)
        let tableRank: [[Int]] = (0..<n).map { i in
            model.request.tables.map { table in
                guard let topic = table.topic else { return -1 }
                return model.topicLists[i].firstIndex(of: topic) ?? lengths[i]
            }
        }
        var topicNames: [String] = []
        let tableTopic: [Int?] = model.request.tables.map { table in
            guard let topic = table.topic else { return nil }
            if let x = topicNames.firstIndex(of: topic) { return x }
            topicNames.append(topic)
            return topicNames.count - 1
        }
        let topicWeight = model.request.objective.topics
        let repeatWeight = model.request.objective.repeats
        let sessionCount = model.sessionCount
        var restMin = [Double](repeating: 0, count: sessionCount + 1)
        for s in stride(from: sessionCount - 1, through: 0, by: -1) { restMin[s] = restMin[s + 1] + perSession[s][0].cost }

        var best = Double.infinity
        var bestChoice: [Int] = []
        var choice = [Int](repeating: 0, count: sessionCount)

        func coupled() -> Double {
            var total = 0.0
            if repeatWeight > 0, sessionCount > 1 {
                var union: UInt64 = 0
                var sum = 0
                for s in 0..<sessionCount {
                    let pairs = perSession[s][choice[s]].pairs
                    sum += pairs.nonzeroBitCount
                    union |= pairs
                }
                total += repeatWeight * Double(sum - union.nonzeroBitCount)
            }
            if topicWeight > 0 {
                var cost = 0
                for i in 0..<n where lengths[i] > 0 {
                    var visited = [Bool](repeating: false, count: topicNames.count)
                    for s in 0..<sessionCount {
                        guard let t = perSession[s][choice[s]].tableOf[i], let x = tableTopic[t] else { continue }
                        // First visit to a topic costs its rank, every further one L.
                        cost += visited[x] ? lengths[i] : tableRank[i][t]
                        visited[x] = true
                    }
                }
                total += topicWeight * Double(cost)
            }
            return total
        }

        func descend(_ s: Int, _ partial: Double) {
            if s == sessionCount {
                let total = partial + coupled()
                if total < best {
                    best = total
                    bestChoice = choice
                }
                return
            }
            for (k, candidate) in perSession[s].enumerated() {
                if partial + candidate.cost + restMin[s + 1] >= best { break }
                choice[s] = k
                descend(s + 1, partial + candidate.cost)
            }
        }
        descend(0, 0)
        let seat = (0..<sessionCount).map { perSession[$0][bestChoice[$0]].tableOf }
        return Result(optimum: best, seat: seat, validPerSession: counts, tried: tried)
    }
}
