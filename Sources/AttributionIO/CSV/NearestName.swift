/// The known name closest to a mistyped one, for "did you mean …?" hints on
/// column names and config keys.
public enum NearestName {
    /// The candidate with the fewest single-character edits (case ignored) from `name`,
    /// if it is close enough to be a plausible typo: at most a third of the longer name.
    public static func to(_ name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)? = nil
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased()))
            if d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        guard let best, best.distance <= max(1, max(target.count, best.name.count) / 3) else { return nil }
        return best.name
    }

    /// Edits between two words: insertions, deletions, substitutions and swaps of
    /// neighbours (the commonest typo, "shapely" for "shapley", is one swap).
    public static func distance(_ x: [Character], _ y: [Character]) -> Int {
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
