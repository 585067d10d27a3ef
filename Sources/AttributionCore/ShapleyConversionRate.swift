/// Shapley value of the conversion-rate game, which uses null journeys too (the Shapley
/// model of DP6's marketing-attribution-models; algorithms.md §4).
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
/// seeded from `seed` and the set itself, so results do not depend on thread count.
/// A one-channel set is exact at any limit. Standard errors (0 for exact sets) are
/// combined over sets as independent errors and written to `shapley_rate_errors.csv`.
///
/// Differences from DP6 by design: DP6 keeps only the last 4 channels of each
/// (alphabetically sorted) set by default; here every channel of a set plays.
public struct ConversionRateShapley: AttributionModel {
    public let name = "shapley-rate"
    public let exactMax: Int
    public let samples: Int
    public let seed: UInt64

    public init(exactMax: Int = 12, samples: Int = 2_000, seed: UInt64 = 42) {
        self.exactMax = exactMax
        self.samples = samples
        self.seed = seed
    }

    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        guard exactMax >= 0 else {
            throw ModelError(model: name, message: "the exact-enumeration limit must not be negative (got \(exactMax))")
        }
        guard samples >= 2 else {
            throw ModelError(model: name, message: "at least 2 sampled orderings per set are needed for a standard error (got \(samples))")
        }
        // Bit masks in one machine word when they fit; wide sets otherwise.
        if input.channels.count <= 64 { return attribute(input, keys: UInt64.self) }
        return attribute(input, keys: WideChannelSet.self)
    }

    private func attribute<Key: ChannelSetKey>(_ input: AttributionInput, keys: Key.Type) -> ModelResult {
        let sets = ShapleyChannelSets<Key>(paths: input.paths)
        let rates = ShapleyRateTable(sets: sets)
        let credited = (0..<sets.count).filter { sets.conversions[$0] != 0 || sets.value[$0] != 0 }

        // Interleaved chunks balance big and small sets across cores.
        let work = credited.reduce(0) { $0 + cost(setSize: sets.members(of: $1).count, storedSets: rates.count) }
        let chunks = min(max(1, credited.count), chunkCount(forWork: work, minimumPerChunk: 200_000))
        let tallies = parallelMap(chunks: chunks) { part -> ShapleyRateTally in
            var tally = ShapleyRateTally(channelCount: sets.channelCount)
            for k in stride(from: part, to: credited.count, by: chunks) {
                tally.add(set: credited[k], of: sets, rates: rates, model: self)
            }
            return tally
        }
        var total = ShapleyRateTally(channelCount: sets.channelCount)
        for tally in tallies { total.merge(tally) }
        return total.result(model: self, input: input)
    }

    /// Rough lookups per set, only to size the parallel chunks.
    private func cost(setSize n: Int, storedSets: Int) -> Int {
        if n > max(exactMax, 1) { return samples * n }
        return (n < 31 ? min(1 << n, storedSets) : storedSets) + n
    }

    func isExact(setSize n: Int) -> Bool { n <= max(exactMax, 1) }
}

/// Credit, variance and regime counts summed over a share of the channel sets.
struct ShapleyRateTally: Sendable {
    var conversions: [Double]
    var revenue: [Double]
    var variance: [Double]
    var exactSets = 0, sampledSets = 0, zeroRateSets = 0
    var exactConversions = 0.0, sampledConversions = 0.0
    private var exact = ShapleyExactSplit()
    private var sampled = ShapleySampledSplit()

    init(channelCount: Int) {
        conversions = [Double](repeating: 0, count: channelCount)
        revenue = conversions
        variance = conversions
    }

    mutating func add<Key>(set s: Int, of sets: ShapleyChannelSets<Key>, rates: ShapleyRateTable<Key>,
                           model: ConversionRateShapley) {
        let members = sets.members(of: s)
        let n = members.count
        let c = sets.conversions[s], v = sets.value[s]
        let phi: [Double], errors: [Double]?
        if model.isExact(setSize: n) {
            exact.split(set: sets.keys[s], members: members, rates: rates)
            phi = exact.phi
            errors = nil
            exactSets += 1
            exactConversions += c
        } else {
            var generator = SeededGenerator(seed: model.seed, stream: sets.keys[s].hash64)
            sampled.split(members: members, rates: rates, samples: model.samples, generator: &generator)
            phi = sampled.mean
            errors = sampled.standardError
            sampledSets += 1
            sampledConversions += c
        }
        let split = phi.reduce(0, +)   // = v(S)
        guard sets.conversionRate(s) > 0 && split > 0 else {
            zeroRateSets += 1
            for channel in members {
                conversions[Int(channel)] += c / Double(n)
                revenue[Int(channel)] += v / Double(n)
            }
            return
        }
        for (i, channel) in members.enumerated() {
            let share = phi[i] / split
            conversions[Int(channel)] += share * c
            revenue[Int(channel)] += share * v
            if let errors {
                let error = errors[i] / split * c
                variance[Int(channel)] += error * error
            }
        }
    }

    mutating func merge(_ other: ShapleyRateTally) {
        for i in conversions.indices {
            conversions[i] += other.conversions[i]
            revenue[i] += other.revenue[i]
            variance[i] += other.variance[i]
        }
        exactSets += other.exactSets
        sampledSets += other.sampledSets
        zeroRateSets += other.zeroRateSets
        exactConversions += other.exactConversions
        sampledConversions += other.sampledConversions
    }

    func result(model: ConversionRateShapley, input: AttributionInput) -> ModelResult {
        let channels = input.channels
        var result = ModelResult(model: model.name, channels: channels, conversions: conversions,
                                 revenue: input.hasValue ? revenue : nil)
        result.details = [
            ("exact_sets", .integer(exactSets)),
            ("exact_conversions", .number(exactConversions)),
            ("sampled_sets", .integer(sampledSets)),
            ("sampled_conversions", .number(sampledConversions)),
            ("zero_rate_sets", .integer(zeroRateSets)),
        ]
        var errors = DetailTable(fileName: "shapley_rate_errors.csv", header: ["channel", "conversions", "standard_error"])
        for i in 0..<channels.count {
            errors.rows.append([.text(channels.names[i]), .number(conversions[i]), .number(variance[i].squareRoot())])
        }
        result.tables = [errors]

        if sampledSets > 0 {
            result.messages.append("shapley-rate: \(sampledSets) channel sets with more than \(max(model.exactMax, 1)) channels "
                + "(\(formatCount(sampledConversions)) conversions) were estimated from \(model.samples) random orderings each; "
                + "standard errors are in shapley_rate_errors.csv")
        }
        if zeroRateSets > 0 {
            result.messages.append("shapley-rate: \(zeroRateSets) channel sets had revenue but no conversion; "
                + "their revenue was split equally over their channels")
        }
        let negative = (0..<channels.count).filter { conversions[$0] < 0 }.map { channels.names[$0] }
        if !negative.isEmpty {
            result.messages.append("shapley-rate: negative credit (these channels lower the conversion rate of the "
                + "sets they join): \(negative.joined(separator: ", "))")
        }
        return result
    }

    private func formatCount(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
