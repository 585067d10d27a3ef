/// One bootstrap replicate of a path table, for the models that read only paths.
///
/// Every journey gets a Poisson(1) weight, so a path's `n` conversions become one
/// Poisson(n) draw and its nulls another: the same as resampling journeys, at the
/// cost of the distinct paths. Revenue follows the conversions at the path's mean
/// value per conversion (a path row holds only its total). Paths drawn zero times
/// are left out, so the models pass over a smaller table (about e^−1 of the paths
/// seen once vanish from each replicate).
enum PathResample {
    /// Fills `out` (its arrays' storage reused from the previous replicate, so a
    /// replicate costs no fresh pages) with a replicate of `paths`.
    static func replicate(_ paths: PathTable, into out: inout PathTable, _ rng: inout SeededGenerator) {
        out.channels = paths.channels
        out.steps.removeAll(keepingCapacity: true)
        out.offsets.removeAll(keepingCapacity: true)
        out.offsets.append(0)
        out.conversions.removeAll(keepingCapacity: true)
        out.value.removeAll(keepingCapacity: true)
        out.nulls.removeAll(keepingCapacity: true)
        for p in 0..<paths.count {
            let c = paths.conversions[p], n = paths.nulls[p], v = paths.value[p]
            let drawnC = PoissonDraw.draw(mean: c, &rng)
            let drawnN = PoissonDraw.draw(mean: n, &rng)
            // A row with revenue but no conversion (possible in a path file) keeps its revenue.
            let drawnV = c > 0 ? v * (drawnC / c) : v
            if drawnC == 0 && drawnN == 0 && drawnV == 0 { continue }
            out.appendRow(paths.path(p), conversions: drawnC, value: drawnV, nulls: drawnN)
        }
        let u = paths.unattributedConversions
        out.unattributedConversions = PoissonDraw.draw(mean: u, &rng)
        out.unattributedValue = u > 0 ? paths.unattributedValue * (out.unattributedConversions / u) : 0
        out.unattributedNulls = PoissonDraw.draw(mean: paths.unattributedNulls, &rng)
    }

    static func replicate(_ paths: PathTable, _ rng: inout SeededGenerator) -> PathTable {
        var out = PathTable(channels: paths.channels)
        replicate(paths, into: &out, &rng)
        return out
    }
}
