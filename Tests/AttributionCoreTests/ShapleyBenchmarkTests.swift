import Foundation
import Testing
@testable import AttributionCore

/// Timing of the three Shapley models on synthetic data, off by default. Run in release:
///   MTA_SHAPLEY_BENCH=1000000 swift test -c release -Xswiftc -enable-testing --filter ShapleyBenchmark
/// (the variable is the number of users; 20 channels). Prints wall and process CPU time,
/// the latter being steadier on a shared machine.
@Suite struct ShapleyBenchmarkTests {
    static let users = Int(ProcessInfo.processInfo.environment["MTA_SHAPLEY_BENCH"] ?? "") ?? 0

    @Test(.enabled(if: users > 0)) func timeTheShapleyModels() throws {
        var config = SyntheticTouchpoints.Config(users: Self.users)
        config.channels = 20
        let paths = PathTable(journeys: JourneyBuilder.build(SyntheticTouchpoints.generate(config)))
        let input = AttributionInput(paths: paths, journeys: nil, hasValue: true)
        let sets = ShapleyChannelSets<UInt64>(paths: paths)
        let sizes = (0..<sets.count).filter { sets.conversions[$0] > 0 }.map { sets.members(of: $0).count }
        print("users \(Self.users): \(paths.count) distinct paths, \(sets.count) channel sets, \(sizes.count) converting; "
            + "converting sets by size: \((1...(sizes.max() ?? 1)).map { k in sizes.filter { $0 == k }.count })")
        // The work of the exact splits (default limit 12).
        let rates = ShapleyRateTable(sets: sets)
        var lookups = 0, scanned = 0, visits = 0, visitWork = 0
        for s in 0..<sets.count where sets.conversions[s] > 0 && sets.members(of: s).count <= 12 {
            let n = sets.members(of: s).count
            if (1 << n) * ShapleyRateTable<UInt64>.lookupCostInScans <= rates.count { lookups += 1 << n } else { scanned += rates.count }
            rates.forEachSubset(of: sets.keys[s], members: sets.members(of: s)) { t, _ in visits += 1; visitWork += t.memberCount }
        }
        print("exact work: \(lookups) lookups, \(scanned) sets scanned, \(visits) subsets visited (\(visitWork) member additions)")
        var total = (wall: 0.0, cpu: 0.0)
        for model in [SimplifiedShapley(), OrderedShapley(), ConversionRateShapley()] as [any AttributionModel] {
            let t = try Self.time(model, input)
            total = (total.wall + t.wall, total.cpu + t.cpu)
        }
        print(String(format: "all three: wall %.3f s, cpu %.3f s", total.wall, total.cpu))
        // Where shapley-rate's time goes: every set exact, and sampling at a tenth of the orderings.
        _ = try Self.time(ConversionRateShapley(exactMax: 64), input, label: "shapley-rate all exact")
        _ = try Self.time(ConversionRateShapley(samples: 200), input, label: "shapley-rate 200 orderings")
    }

    static func time(_ model: any AttributionModel, _ input: AttributionInput, label: String? = nil) throws -> (wall: Double, cpu: Double) {
        let wall0 = Date(), cpu0 = cpuSeconds()
        let result = try model.attribute(input)
        let wall = Date().timeIntervalSince(wall0), cpu = cpuSeconds() - cpu0
        let details = result.details.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print(String(format: "%@: wall %.3f s, cpu %.3f s ", label ?? model.name, wall, cpu) + details)
        return (wall, cpu)
    }

    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
