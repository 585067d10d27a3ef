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

    mutating func add<Key>(
        set s: Int, of sets: ShapleyChannelSets<Key>, rates: ShapleyRateTable<Key>,
        model: ConversionRateShapley, names: [String]
    ) {
        var members = sets.members(of: s)
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
            // Channels in name order and a stream from their names: the same data gives the
            // same estimates whatever ids its channels got (event- or path-level input, file order).
            members = ArraySlice(members.sorted { names[Int($0)] < names[Int($1)] })
            var generator = SeededGenerator(seed: model.seed, stream: Self.stream(members, names))
            sampled.split(set: sets.keys[s], members: members, rates: rates, samples: model.samples, generator: &generator)
            phi = sampled.mean
            errors = sampled.standardError
            sampledSets += 1
            sampledConversions += c
        }
        let split = phi.reduce(0, +)  // = v(S)
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

    /// The random stream of a sampled set, from its channels' names (in the order given).
    static func stream(_ members: ArraySlice<Int32>, _ names: [String]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a over the names, each ended by a 0
        for name in members.map({ names[Int($0)] }) {
            for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
            h = (h ^ 0) &* 0x100_0000_01B3
        }
        return shapleyMix(h)
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
        var result = ModelResult(
            model: model.name, channels: channels, conversions: conversions,
            revenue: input.hasValue ? revenue : nil)
        result.details = [
            ("exact_sets", .integer(exactSets)),
            ("exact_conversions", .number(exactConversions)),
            ("sampled_sets", .integer(sampledSets)),
            ("sampled_conversions", .number(sampledConversions)),
            ("zero_rate_sets", .integer(zeroRateSets)),
        ]
        var errors = DetailTable(kind: ConversionRateShapley.errorsTable, header: ["channel", "conversions", "standard_error"])
        for i in (0..<channels.count).sorted(by: { channels.names[$0] < channels.names[$1] }) {
            errors.rows.append([.text(channels.names[i]), .number(conversions[i]), .number(variance[i].squareRoot())])
        }
        result.tables = [errors]

        if sampledSets > 0 {
            result.messages.append(
                "\(sampledSets) channel sets with more than \(max(model.exactMax, 1)) channels "
                    + "(\(formatCount(sampledConversions)) conversions) were estimated from \(model.samples) random orderings each; "
                    + "standard errors are in shapley_rate_errors.csv")
        }
        if zeroRateSets > 0 {
            result.messages.append(
                "\(zeroRateSets) channel sets had revenue but no conversion; "
                    + "their revenue was split equally over their channels")
        }
        let negative = (0..<channels.count).filter { conversions[$0] < 0 }.map { channels.names[$0] }
        if !negative.isEmpty {
            result.messages.append(
                "negative credit (these channels lower the conversion rate of the "
                    + "sets they join): \(negative.joined(separator: ", "))")
        }
        return result
    }

    private func formatCount(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
