import Testing

@testable import AttributionCore

@Suite struct PathTableTests {
    @Test func journeysAggregateIntoDistinctPathsWithConversionsRevenueAndNulls() {
        let e = Fixtures.events([
            ("A", "a", 1, 0), ("A", "b", 2, 0), ("A", nil, 3, 10),
            ("B", "a", 1, 0), ("B", "b", 2, 0), ("B", nil, 3, 5),
            ("C", "a", 1, 0), ("C", "b", 2, 0),
            ("D", "b", 1, 0),
            ("E", nil, 1, 7),
        ])
        let paths = PathTable(journeys: JourneyBuilder.build(e))
        #expect(paths.count == 2)
        let ab = (0..<2).first { paths.length($0) == 2 }!
        #expect(paths.conversions[ab] == 2 && paths.value[ab] == 15 && paths.nulls[ab] == 1)
        #expect(paths.conversions[1 - ab] == 0 && paths.nulls[1 - ab] == 1)
        #expect(paths.unattributedConversions == 1 && paths.unattributedValue == 7)
    }

    @Test func builderSumsRepeatedPathsAcrossTableGrowth() {
        var builder = PathTableBuilder(channels: ChannelIndex(names: ["a", "b", "c"]))
        // 3000 distinct paths added twice: forces the slot table to grow several times.
        for round in 0..<2 {
            for n in 0..<3000 {
                let path = [Int32(n % 3), Int32(n / 3 % 3), Int32(n / 9 % 3), Int32(n / 27)]
                builder.add(path[...], conversions: 1, value: Double(round), nulls: 0)
            }
        }
        #expect(builder.table.count == 3000)
        #expect(builder.table.conversions.allSatisfy { $0 == 2 })
        #expect(builder.table.totalValue == 3000)
    }

    @Test func reshapingAppliesTopChannelsAndExposureToPathLevelInput() {
        let t = Fixtures.paths([("a>a>b", 1, 2, 0), ("c>a", 0, 0, 3), ("b>b", 2, 0, 0)])
        // Touch frequency weighted by journeys: a 2·1 + 1·3 = 5, b 1·1 + 2·2 = 5, c 3; the tie goes by name.
        let top = t.reshaped(topChannels: 1, transforms: PathTransforms())
        #expect(top.channels.names == ["a", "others"])
        let collapsed = t.reshaped(topChannels: nil, transforms: PathTransforms(kind: .exposure))
        #expect(collapsed.count == 3)
        #expect(collapsed.path(0).map { collapsed.channels[$0] } == ["a", "b"])
        #expect(collapsed.path(2).map { collapsed.channels[$0] } == ["b"])
        #expect(collapsed.totalConversions == 3)
    }
}
