/// The candidate that `name` most likely misspells, for "did you mean" hints.
///
/// A candidate qualifies when it equals `name` ignoring case, or is within a small
/// edit distance (insertions, deletions, substitutions and swaps of neighbours, ignoring
/// case): 1 for names up to 4 characters, 2 up to 8, 3 beyond. Ties go to the earlier
/// candidate. Returns `nil` when nothing is close, or when `name` itself is a candidate.
func closestName(to name: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        if candidate == name { return nil }
        let other = Array(candidate.lowercased())
        let longest = max(target.count, other.count)
        let allowed = longest <= 4 ? 1 : longest <= 8 ? 2 : 3
        guard abs(target.count - other.count) <= allowed else { continue }
        let distance = editDistance(target, other)
        if distance <= allowed, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    return best?.name
}

/// " (did you mean "x"?)" when a candidate is close to `name`, otherwise "".
func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String {
    closestName(to: name, among: candidates).map { " (did you mean \($0.debugDescription)?)" } ?? ""
}

/// Optimal string alignment distance: Levenshtein plus swaps of adjacent characters.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previous2[j - 2] + 1)
            }
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}

/// A short, readable list of names: `T1, T2, T3` or `T1, T2, ... (16 in all)`.
func listing(_ names: [String], limit: Int = 8) -> String {
    if names.count <= limit { return names.joined(separator: ", ") }
    return names.prefix(limit).joined(separator: ", ") + ", ... (\(names.count) in all)"
}

/// The spreadsheet letter of a 0-based column index: A, B, ..., Z, AA, AB, ...
func columnLetter(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
        let remainder = (n - 1) % 26
        letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
        n = (n - 1) / 26
    }
    return String(letters)
}
