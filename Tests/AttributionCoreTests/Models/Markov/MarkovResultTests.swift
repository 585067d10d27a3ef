import Testing

@testable import AttributionCore

/// What the Markov models report beside the credit: names, tables, details.
@Suite struct MarkovResultTests {
    static let rows: [(String, Double, Double, Double)] = [("a>b", 2, 30, 1), ("b>a>a", 1, 5, 2), ("c", 0, 0, 3)]

    @Test func registryBuildsOneModelPerOrder() throws {
        var options = ModelOptions()
        #expect(try ModelRegistry.models(["markov"], options: options).map(\.name) == ["markov"])
        options.markovOrder = .fixed([1, 2, 3])
        #expect(try ModelRegistry.models(["markov"], options: options).map(\.name) == ["markov-1", "markov-2", "markov-3"])
        options.markovOrder = .fixed([2, 2])
        let single = try ModelRegistry.models(["markov"], options: options)
        #expect(single.map(\.name) == ["markov"] && (single[0] as? MarkovModel)?.order == 2)
        options.markovOrder = .auto(maxOrder: 4)
        let auto = try ModelRegistry.models(["markov"], options: options)
        #expect(auto.map(\.name) == ["markov"] && (auto[0] as? MarkovAutoOrderModel)?.maxOrder == 4)
    }

    @Test func severalOrdersNameTheirFiles() throws {
        var options = ModelOptions()
        options.markovOrder = .fixed([1, 2])
        let input = AttributionInput(paths: Fixtures.paths(Self.rows), journeys: nil, hasValue: true)
        let results = try MarkovModel.models(for: options).map { try $0.attribute(input) }
        #expect(results[1].model == "markov-2")
        #expect(results[1].tables.map(\.fileName) == ["markov-2_removal_effects.csv", "markov-2_transitions.csv"])
        #expect(results[1].details.contains { $0.key == "order" && $0.value == .integer(2) })
    }

    @Test func removalEffectTableAndDetails() throws {
        let input = AttributionInput(paths: Fixtures.paths(Self.rows), journeys: nil, hasValue: true)
        let r = try MarkovModel(order: 1).attribute(input)
        #expect(r.details.map(\.key) == ["p_conversion", "order", "solver", "states"])
        #expect(r.details.contains { $0.key == "states" && $0.value == .integer(3) })
        let effects = r.tables[0]
        #expect(effects.fileName == "markov_removal_effects.csv")
        #expect(effects.header == ["channel", "removal_effect", "conversions", "share", "revenue"])
        #expect(effects.rows.map { $0[0] } == [.text("a"), .text("b"), .text("c")])
        // Rows by name whatever the channel ids.
        let reversed = try MarkovModel(order: 1).attribute(
            AttributionInput(
                paths: Fixtures.paths([("c", 1, 0, 1), ("b>a", 1, 0, 0)]), journeys: nil, hasValue: false))
        #expect(reversed.tables[0].rows.map { $0[0] } == [.text("a"), .text("b"), .text("c")])
        #expect(effects.rows[0][2] == .number(r.conversions[0]))
        #expect(effects.rows[0][4] == .number(r.revenue![0]))
        #expect(close(r.revenue!.reduce(0, +), 35, 1e-9))

        let noValue = try MarkovModel(order: 1).attribute(AttributionInput(paths: input.paths, journeys: nil, hasValue: false))
        #expect(noValue.revenue == nil)
        #expect(noValue.tables[0].rows.allSatisfy { $0[4] == .text("") })
    }

    @Test func transitionTableRowsSumToOne() throws {
        let input = AttributionInput(paths: Fixtures.paths(Self.rows), journeys: nil, hasValue: false)
        let r = try MarkovModel(order: 2).attribute(input)
        let table = r.tables[1]
        #expect(table.fileName == "markov_transitions.csv")
        #expect(table.header == ["from", "to", "probability"])
        var sums: [String: Double] = [:]
        for row in table.rows {
            guard case .text(let from) = row[0], case .number(let p) = row[2] else { continue }
            sums[from, default: 0] += p
        }
        #expect(Set(sums.keys) == ["(start)", "a", "b", "c", "a>b", "b>a", "a>a"])
        for (_, total) in sums { #expect(close(total, 1)) }
        #expect(table.rows.contains([.text("a>a"), .text("(conversion)"), .number(1.0 / 3)]))
    }
}
