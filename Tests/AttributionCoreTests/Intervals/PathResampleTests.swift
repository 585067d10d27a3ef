import Testing

@testable import AttributionCore

@Suite struct PathResampleTests {
    /// Each row's conversions and nulls average their counts over replicates with
    /// variance equal to the count (Poisson), revenue keeps the row's value per
    /// conversion, and rows drawn zero times are left out.
    @Test func rowsAreRedrawnAsPoissonCounts() {
        let paths = Fixtures.paths([("a>b", 50, 500, 200), ("b", 4, 40, 0), ("c", 0, 0, 1)])
        var rng = SeededGenerator(seed: 9)
        let n = 4_000.0
        var sum: [String: (c: Double, c2: Double, nulls: Double)] = [:]
        var missing = 0
        for _ in 0..<Int(n) {
            let r = PathResample.replicate(paths, &rng)
            #expect(r.channels == paths.channels)
            var seen: Set<String> = []
            for p in 0..<r.count {
                let key = r.path(p).map { r.channels[$0] }.joined(separator: ">")
                seen.insert(key)
                #expect(r.conversions[p] + r.nulls[p] + r.value[p] > 0)
                if r.conversions[p] > 0 { #expect(abs(r.value[p] / r.conversions[p] - 10) < 1e-9) }
                let s = sum[key, default: (0, 0, 0)]
                sum[key] = (s.c + r.conversions[p], s.c2 + r.conversions[p] * r.conversions[p], s.nulls + r.nulls[p])
            }
            if !seen.contains("c") { missing += 1 }
        }
        let ab = sum["a>b"]!
        #expect(abs(ab.c / n - 50) < 5 * (50 / n).squareRoot())
        #expect(abs((ab.c2 / n - (ab.c / n) * (ab.c / n)) - 50) < 6)
        #expect(abs(ab.nulls / n - 200) < 5 * (200 / n).squareRoot())
        #expect(abs(sum["b"]!.c / n - 4) < 5 * (4 / n).squareRoot())
        // "c" (one null journey) is absent from a replicate with probability e^-1.
        #expect(abs(Double(missing) / n - 0.3679) < 0.03)
    }

    @Test func unattributedConversionsAreRedrawnToo() {
        var paths = Fixtures.paths([("a", 1, 0, 0)])
        paths.unattributedConversions = 30
        paths.unattributedValue = 300
        var rng = SeededGenerator(seed: 2)
        var total = 0.0
        for _ in 0..<2_000 {
            let r = PathResample.replicate(paths, &rng)
            total += r.unattributedConversions
            #expect(abs(r.unattributedValue - r.unattributedConversions * 10) < 1e-9)
        }
        #expect(abs(total / 2_000 - 30) < 5 * (30.0 / 2_000).squareRoot())
    }
}
