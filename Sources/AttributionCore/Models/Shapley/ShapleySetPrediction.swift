/// P(conversion | path) of the conversion-rate game: the training conversion rate
/// of journeys whose distinct channels are exactly the path's set — v(T) itself,
/// except that a set never seen in training (no journeys) gets the training base
/// rate rather than v = 0, which would be a prediction, not an absence of one.
extension ConversionRateShapley: ConversionPredicting {
    func conversionProbabilities(paths: PathTable, conversions: [Double], nulls: [Double]) throws -> [Double] {
        var training = paths
        training.conversions = conversions
        training.nulls = nulls
        if paths.channels.count <= 64 { return Self.setRates(ShapleyChannelSets<UInt64>(paths: training)) }
        return Self.setRates(ShapleyChannelSets<WideChannelSet>(paths: training))
    }

    private static func setRates<Key: ChannelSetKey>(_ sets: ShapleyChannelSets<Key>) -> [Double] {
        let totalJourneys = sets.conversions.reduce(0, +) + sets.nulls.reduce(0, +)
        let baseRate = totalJourneys > 0 ? sets.conversions.reduce(0, +) / totalJourneys : 0
        return sets.setOfRow.map { s in
            let journeys = sets.conversions[Int(s)] + sets.nulls[Int(s)]
            return journeys > 0 ? sets.conversions[Int(s)] / journeys : baseRate
        }
    }
}
