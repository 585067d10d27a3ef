/// Shapley value of the conversion-rate game, which uses null journeys too (the Shapley
/// model of DP6's marketing-attribution-models).
///
/// Characteristic function. For a set of channels T, v(T) is the conversion rate
/// conversions / (conversions + nulls) of the journeys whose set of *distinct* channels
/// is exactly T; v(T) = 0 when no journey has exactly T or none of them converted, and
/// v(∅) = 0 (journeys with no touch play no part). v is not cumulative: v({a,b}) is the
/// rate of journeys that touched a and b and nothing else, not of all journeys that
/// touched a or b. This is DP6's definition: its coalition values are looked up in a
/// table of exact channel combinations, missing combinations counting 0.
///
/// Credit. For every set S that converted, the game restricted to S (players: the
/// channels of S; coalitions: the subsets T ⊆ S with value v(T)) has Shapley value
/// φ(S), which sums to v(S). S's conversions (and revenue) are divided in proportion
/// φ_j(S) / v(S); DP6 divides them the same way (it normalises φ·journeys to sum 1).
/// A channel can take negative credit from a set in which it lowers the rate; that is
/// kept, as DP6 keeps it, and the set's credits still sum to its conversions.
///
/// Degenerate sets. v(S) = 0 — so φ(S) sums to 0 and proportions are undefined — only
/// when S carries revenue but no conversion (or no journeys); such a set's revenue is
/// split equally over its channels, as the simplified Shapley value would split it.
///
/// Regimes. Sets of up to `exactMax` channels are solved exactly (`ShapleyExactSplit`);
/// larger ones are estimated from `samples` random orderings each (`ShapleySampledSplit`),
/// seeded from `seed` and the set's channel names, so results depend neither on thread
/// count nor on channel ids.
/// A one-channel set is exact at any limit; sampling takes sets of at most 64 channels
/// (a larger one, possible only with over 64 channels, must be solved exactly, else
/// the model fails with a clear error). Standard errors (0 for exact sets) are
/// combined over sets as independent errors and written to `shapley_rate_errors.csv`.
///
/// Differences from DP6 by design: DP6 keeps only the last 4 channels of each
/// (alphabetically sorted) set by default; here every channel of a set plays.
public struct ConversionRateShapley: AttributionModel {
    public let name = "shapley-rate"
    /// Its detail table: each channel's credit with the standard error of the sampled sets.
    public static let errorsTable = "shapley_rate_errors"
    public let exactMax: Int
    public let samples: Int
    public let seed: UInt64

    public init(
        exactMax: Int = ModelOptions.defaults.shapleyExactMax, samples: Int = ModelOptions.defaults.shapleySamples,
        seed: UInt64 = ModelOptions.defaults.seed
    ) {
        self.exactMax = exactMax
        self.samples = samples
        self.seed = seed
    }

    public var bootstrappable: Bool { true }

    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        guard exactMax >= 0 else {
            throw ModelError(model: name, message: "the exact-enumeration limit must not be negative (got \(exactMax))")
        }
        guard samples >= 2 else {
            throw ModelError(model: name, message: "at least 2 sampled orderings per set are needed for a standard error (got \(samples))")
        }
        // Bit masks in one machine word when they fit; wide sets otherwise.
        if input.channels.count <= 64 { return try attribute(input, keys: UInt64.self) }
        return try attribute(input, keys: WideChannelSet.self)
    }

    private func attribute<Key: ChannelSetKey>(_ input: AttributionInput, keys: Key.Type) throws -> ModelResult {
        let sets = ShapleyChannelSets<Key>(paths: input.paths)
        let rates = ShapleyRateTable(sets: sets)
        let credited = (0..<sets.count).filter { sets.conversions[$0] != 0 || sets.value[$0] != 0 }
        if let s = credited.first(where: { !isExact(setSize: sets.members(of: $0).count) && sets.members(of: $0).count > 64 }) {
            throw ModelError(
                model: name,
                message: "a journey touches \(sets.members(of: s).count) distinct channels; "
                    + "sampling handles at most 64 per journey (raise the exact limit to solve such journeys exactly)")
        }

        // Interleaved chunks balance big and small sets across cores. Their number depends on
        // the work, never on the cores, so the sums are added in the same order on any machine.
        let work = credited.reduce(0) { $0 + cost(setSize: sets.members(of: $1).count, storedSets: rates.count) }
        let chunks = work >= (Parallelism.minimumPerChunk ?? 200_000) ? min(max(1, credited.count), 16) : 1
        let tallies = parallelMap(chunks: chunks) { part -> ShapleyRateTally in
            var tally = ShapleyRateTally(channelCount: sets.channelCount)
            for k in stride(from: part, to: credited.count, by: chunks) {
                tally.add(set: credited[k], of: sets, rates: rates, model: self, names: input.channels.names)
            }
            return tally
        }
        var total = ShapleyRateTally(channelCount: sets.channelCount)
        for tally in tallies { total.merge(tally) }
        return total.result(model: self, input: input)
    }

    /// Rough work per set in hash lookups, only to size the parallel chunks.
    private func cost(setSize n: Int, storedSets: Int) -> Int {
        let findSubsets = n < 26 ? min(1 << n, storedSets / 16) : storedSets / 16
        return isExact(setSize: n) ? findSubsets + n : findSubsets + samples * n
    }

    func isExact(setSize n: Int) -> Bool { n <= max(exactMax, 1) }
}
