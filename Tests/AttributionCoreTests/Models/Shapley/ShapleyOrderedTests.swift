import Testing

@testable import AttributionCore

@Suite struct ShapleyOrderedTests {
    // a>b>a (2 conv): {a,b}, 1 each; a at touches 1 and 3 (½ each), b at 2.
    // b (1 conv): b at 1.
    // c>a>b>c>c (3 conv): {a,b,c}, 1 each; c at 1, 4, 5 (⅓ each), a at 2, b at 3.
    static let rows: [(String, Double, Double, Double)] = [
        ("a>b>a", 2, 10, 1), ("b", 1, 4, 3), ("c>a>b>c>c", 3, 9, 0), ("a>c", 0, 0, 4),
    ]

    static func cells(_ r: ModelResult) -> [String: [Int: (Double, Double)]] {
        var out: [String: [Int: (Double, Double)]] = [:]
        for row in r.tables[0].rows {
            guard case .text(let channel) = row[0], case .integer(let position) = row[1],
                case .number(let credit) = row[2], case .number(let share) = row[3]
            else { continue }
            out[channel, default: [:]][position] = (credit, share)
        }
        return out
    }

    @Test func handWorkedPositions() throws {
        let r = try OrderedShapley().attribute(ShapleySupport.input(Self.rows))
        #expect(r.model == "shapley-ordered")
        let table = r.tables[0]
        #expect(table.fileName == "shapley_ordered.csv")
        #expect(table.header == ["channel", "position", "conversions", "share"])
        #expect(table.rows.count == 3 * 5)  // every channel × positions 1...5 (longest path)
        let cells = Self.cells(r)
        let expected: [String: [Double]] = [
            "a": [0.5, 1, 0.5, 0, 0], "b": [1, 1, 1, 0, 0], "c": [1.0 / 3, 0, 0, 1.0 / 3, 1.0 / 3],
        ]
        for (channel, byPosition) in expected {
            for (k, credit) in byPosition.enumerated() {
                let cell = cells[channel]![k + 1]!
                #expect(close(cell.0, credit), "\(channel) @\(k + 1)")
                #expect(close(cell.1, credit / 6), "\(channel) @\(k + 1) share")
            }
        }
        let credit = Fixtures.credit(r)
        #expect(close(credit["a"]!, 2) && close(credit["b"]!, 3) && close(credit["c"]!, 1))
        // Revenue follows the same weights: a = 10/2 + 9/3, b = 10/2 + 4 + 9/3, c = 9/3.
        let revenue = Fixtures.revenue(r)
        #expect(close(revenue["a"]!, 8) && close(revenue["b"]!, 12) && close(revenue["c"]!, 3))
    }

    @Test func positionsPastTheLimitFoldIntoTheLast() throws {
        let r = try OrderedShapley(maxPosition: 3).attribute(ShapleySupport.input(Self.rows))
        let cells = Self.cells(r)
        #expect(r.tables[0].rows.count == 3 * 3)
        #expect(close(cells["c"]![1]!.0, 1.0 / 3) && close(cells["c"]![3]!.0, 2.0 / 3))
        #expect(close(cells["a"]![3]!.0, 0.5) && close(cells["b"]![3]!.0, 1))
        #expect(close(Fixtures.credit(r)["c"]!, 1))
    }

    @Test func totalsEqualSimplifiedShapley() throws {
        let input = ShapleySupport.input(ShapleySupport.randomRows(channels: 8, paths: 300, maxLength: 15, seed: 11))
        let ordered = try OrderedShapley(maxPosition: 4).attribute(input)
        let simplified = try SimplifiedShapley().attribute(input)
        // Rows by channel name, then position, whatever order the channels were first seen in.
        let keys = ordered.tables[0].rows.map { row -> String in
            guard case .text(let c) = row[0], case .integer(let p) = row[1] else { return "" }
            return "\(c) \(p)"
        }
        #expect(keys == keys.sorted() && input.channels.names != input.channels.names.sorted())
        for i in 0..<input.channels.count {
            #expect(close(ordered.conversions[i], simplified.conversions[i], 1e-9))
            #expect(close(ordered.revenue![i], simplified.revenue![i], 1e-9))
            let fromTable = ordered.tables[0].rows.reduce(0.0) { sum, row in
                guard case .text(let c) = row[0], c == input.channels.names[i], case .number(let x) = row[2] else { return sum }
                return sum + x
            }
            #expect(close(fromTable, simplified.conversions[i], 1e-9))
        }
    }

    @Test func rejectsANonPositiveLimit() {
        #expect(throws: ModelError.self) { try OrderedShapley(maxPosition: 0).attribute(ShapleySupport.input(Self.rows)) }
    }
}
