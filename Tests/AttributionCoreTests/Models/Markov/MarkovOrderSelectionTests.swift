import Testing

@testable import AttributionCore

@Suite struct MarkovOrderSelectionTests {
    /// Journeys whose conversion depends on the last two channels: a path
    /// ending in x>y converts mostly when y follows x in the cycle a→b→c→d→a.
    /// The last channel alone says nothing, so order 1 cannot see it.
    static func secondOrderPaths(journeys: Int, seed: UInt64) -> PathTable {
        var rng = SeededGenerator(seed: seed)
        var builder = PathTableBuilder(channels: ChannelIndex(names: ["a", "b", "c", "d"]))
        for _ in 0..<journeys {
            let length = 2 + Int(rng.next() % 4)
            let path = (0..<length).map { _ in Int32(rng.next() % 4) }
            let x = path[length - 2], y = path[length - 1]
            let converts = rng.nextUnit() < ((x + 1) % 4 == y ? 0.8 : 0.1)
            builder.add(path[...], conversions: converts ? 1 : 0, value: converts ? 20 : 0, nulls: converts ? 0 : 1)
        }
        return builder.table
    }

    static func auc(_ r: ModelResult, order: Int) -> Double? {
        let table = r.tables.first { $0.fileName == "markov_order_selection.csv" }!
        guard let row = table.rows.first(where: { $0[0] == .integer(order) }), case .number(let auc) = row[1] else { return nil }
        return auc
    }

    @Test func picksAHigherOrderForSecondOrderData() throws {
        let paths = Self.secondOrderPaths(journeys: 6_000, seed: 17)
        let r = try MarkovAutoOrderModel(maxOrder: 3, seed: 42).attribute(MarkovTestData.input(paths))
        #expect(r.model == "markov")
        guard case .integer(let order)? = r.details.first(where: { $0.key == "order" })?.value else {
            Issue.record("no order detail")
            return
        }
        #expect(order >= 2)
        #expect(r.details.contains { $0.key == "auto_selected" && $0.value == .flag(true) })
        let auc1 = try #require(Self.auc(r, order: 1)), auc2 = try #require(Self.auc(r, order: 2))
        #expect(auc2 > auc1 + 0.1)
        #expect(r.messages.count == 4)
        #expect(r.messages.contains { $0.contains("order \(order)") && $0.hasSuffix("<- selected") })
        #expect(r.tables.map(\.fileName) == ["markov_removal_effects.csv", "markov_transitions.csv", "markov_order_selection.csv"])
        #expect(close(r.totalConversions, paths.totalConversions, 1e-9))
    }

    @Test func staysAtOrderOneForFirstOrderData() throws {
        // Conversion depends on the last channel only: higher orders add states, not signal.
        var rng = SeededGenerator(seed: 5)
        var builder = PathTableBuilder(channels: ChannelIndex(names: ["a", "b", "c", "d", "e"]))
        for _ in 0..<6_000 {
            let path = (0..<(1 + Int(rng.next() % 4))).map { _ in Int32(rng.next() % 5) }
            let converts = rng.nextUnit() < [0.05, 0.2, 0.4, 0.6, 0.8][Int(path.last!)]
            builder.add(path[...], conversions: converts ? 1 : 0, value: 0, nulls: converts ? 0 : 1)
        }
        let r = try MarkovAutoOrderModel(maxOrder: 3, seed: 42).attribute(MarkovTestData.input(builder.table))
        let auc1 = try #require(Self.auc(r, order: 1)), auc3 = try #require(Self.auc(r, order: 3))
        #expect(auc1 >= auc3 - 0.01)
    }

    @Test func selectionIsReproducibleFromTheSeed() throws {
        let input = MarkovTestData.input(Self.secondOrderPaths(journeys: 1_000, seed: 3))
        let a = try MarkovAutoOrderModel(maxOrder: 2, seed: 9).attribute(input)
        let b = try MarkovAutoOrderModel(maxOrder: 2, seed: 9).attribute(input)
        #expect(a.messages == b.messages)
        #expect(a.conversions == b.conversions)
    }
}
