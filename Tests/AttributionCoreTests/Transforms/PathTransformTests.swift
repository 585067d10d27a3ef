import Testing

@testable import AttributionCore

/// Each transform worked by hand, on journeys (touch times kept) and on path tables.
@Suite struct PathTransformTests {
    // a a b a c a, then a purchase: days 1..6, conversion on day 7.
    static let repeats = Fixtures.events([
        ("A", "a", 1, 0), ("A", "a", 2, 0), ("A", "b", 3, 0), ("A", "a", 4, 0), ("A", "c", 5, 0), ("A", "a", 6, 0),
        ("A", nil, 7, 10),
    ])

    static func build(
        _ events: EventTable, _ t: PathTransforms, rule: JourneyOptions.Rule = .firstConversion,
        lookbackDays: Double? = nil, top: Int? = nil
    ) -> JourneySet {
        JourneyBuilder.build(events, options: JourneyOptions(rule: rule, lookbackDays: lookbackDays, topChannels: top, transforms: t))
    }

    static func days(_ j: JourneySet, _ k: Int) -> [Int64] { j.touches(k).map { j.touchTime[$0] / Fixtures.day } }

    @Test func uniqueKeepsThePathAsItHappened() {
        let j = Self.build(Self.repeats, PathTransforms(kind: .unique))
        #expect(Fixtures.names(j, 0) == ["a", "a", "b", "a", "c", "a"])
    }

    @Test func exposureCollapsesRunsKeepingTheMostRecentTouch() {
        let j = Self.build(Self.repeats, PathTransforms(kind: .exposure))
        #expect(Fixtures.names(j, 0) == ["a", "b", "a", "c", "a"])
        #expect(Self.days(j, 0) == [2, 3, 4, 5, 6])
    }

    @Test func firstKeepsEachChannelsFirstTouch() {
        let j = Self.build(Self.repeats, PathTransforms(kind: .first))
        #expect(Fixtures.names(j, 0) == ["a", "b", "c"])
        #expect(Self.days(j, 0) == [1, 3, 5])
    }

    @Test func frequencyNamesEachChannelWithItsCountAtItsFirstTouch() {
        let j = Self.build(Self.repeats, PathTransforms(kind: .frequency))
        #expect(Fixtures.names(j, 0) == ["a(4)", "b(1)", "c(1)"])
        #expect(Self.days(j, 0) == [1, 3, 5])
        // The vocabulary holds only the names that occur.
        #expect(j.channels.names == ["a(4)", "b(1)", "c(1)"])
    }

    @Test func maxPathLengthKeepsTheLastStepsAfterTheKind() {
        #expect(Fixtures.names(Self.build(Self.repeats, PathTransforms(maxPathLength: 2)), 0) == ["c", "a"])
        let first = Self.build(Self.repeats, PathTransforms(kind: .first, maxPathLength: 2))
        #expect(Fixtures.names(first, 0) == ["b", "c"])
        #expect(Self.days(first, 0) == [3, 5])
        // Longer than the path: nothing to trim.
        #expect(Fixtures.names(Self.build(Self.repeats, PathTransforms(maxPathLength: 50)), 0).count == 6)
    }

    static let direct = Fixtures.events([
        ("A", "direct", 1, 0), ("A", "a", 2, 0), ("A", "direct", 3, 0), ("A", "b", 4, 0), ("A", nil, 5, 1),
        ("B", "direct", 1, 0), ("B", "direct", 2, 0), ("B", nil, 3, 1),
        ("C", "a", 1, 0), ("C", "direct", 2, 0), ("C", "b", 3, 0), ("C", "direct", 4, 0), ("C", "direct", 5, 0), ("C", nil, 6, 1),
        ("D", "direct", 1, 0), ("D", "a", 2, 0), ("D", nil, 3, 1),
    ])

    @Test func removeIfNotAllDropsTheChannelUnlessThePathIsAllOfIt() {
        let j = Self.build(Self.direct, PathTransforms(removeIfNotAll: ["direct"]))
        #expect(Fixtures.names(j, 0) == ["a", "b"])
        #expect(Fixtures.names(j, 1) == ["direct", "direct"])
        #expect(Fixtures.names(j, 2) == ["a", "b"])
        #expect(Fixtures.names(j, 3) == ["a"])
        #expect(Self.days(j, 2) == [1, 3])
    }

    @Test func removeIfLastAndNotAllDropsTheTrailingRunUnlessThePathIsAllOfIt() {
        let j = Self.build(Self.direct, PathTransforms(removeIfLastAndNotAll: ["direct"]))
        #expect(Fixtures.names(j, 0) == ["direct", "a", "direct", "b"])
        #expect(Fixtures.names(j, 1) == ["direct", "direct"])
        #expect(Fixtures.names(j, 2) == ["a", "direct", "b"])
        #expect(Fixtures.names(j, 3) == ["direct", "a"])
    }

    @Test func removalRulesTakeSetsOfChannels() {
        // C: a direct b direct direct. Both rules over {direct, b}: a path with `a` loses them.
        let j = Self.build(Self.direct, PathTransforms(removeIfNotAll: ["direct", "b"]))
        #expect(Fixtures.names(j, 2) == ["a"])
        let last = Self.build(Self.direct, PathTransforms(removeIfLastAndNotAll: ["direct", "b"]))
        #expect(Fixtures.names(last, 2) == ["a"])
        #expect(Fixtures.names(last, 0) == ["direct", "a"])
        // A name that is no channel changes nothing.
        #expect(Fixtures.names(Self.build(Self.direct, PathTransforms(removeIfNotAll: ["nope"])), 2).count == 5)
    }

    @Test func removalsComeBeforeTheKindAndTheTrimComesLast() {
        // A: direct a direct b. Removing direct first, then frequency: a(1) b(1), not direct(2)…
        let freq = Self.build(Self.direct, PathTransforms(kind: .frequency, removeIfNotAll: ["direct"]))
        #expect(Fixtures.names(freq, 0) == ["a(1)", "b(1)"])
        // B is all direct: kept, then counted.
        #expect(Fixtures.names(freq, 1) == ["direct(2)"])
        // C: a direct b direct direct → (remove-if-last) a direct b → (exposure) same → (last 2) direct b.
        let combo = Self.build(Self.direct, PathTransforms(kind: .exposure, maxPathLength: 2, removeIfLastAndNotAll: ["direct"]))
        #expect(Fixtures.names(combo, 2) == ["direct", "b"])
        // Removal can make new runs for exposure to collapse: x direct x → x x → x (the later touch).
        let e = Fixtures.events([("A", "x", 1, 0), ("A", "direct", 2, 0), ("A", "x", 3, 0), ("A", nil, 4, 1)])
        let runs = Self.build(e, PathTransforms(kind: .exposure, removeIfNotAll: ["direct"]))
        #expect(Fixtures.names(runs, 0) == ["x"] && Self.days(runs, 0) == [3])
        // Both rules: direct then organic. {direct} goes (there is organic), then organic is all that is left and stays.
        let both = Fixtures.events([("A", "direct", 1, 0), ("A", "organic", 2, 0), ("A", nil, 3, 1)])
        let kept = Self.build(both, PathTransforms(removeIfNotAll: ["direct"], removeIfLastAndNotAll: ["organic"]))
        #expect(Fixtures.names(kept, 0) == ["organic"])
    }

    @Test func lookbackAndTopChannelsComeBeforeTheTransforms() {
        // Touches: a (day 0, outside a 5-day window), b, a, b, conversion on day 10.
        let e = Fixtures.events([
            ("A", "a", 0, 0), ("A", "b", 6, 0), ("A", "a", 7, 0), ("A", "b", 8, 0), ("A", nil, 10, 1),
            ("B", "c", 1, 0),
        ])
        let freq = Self.build(e, PathTransforms(kind: .frequency), lookbackDays: 5)
        #expect(Fixtures.names(freq, 0) == ["b(2)", "a(1)"])
        // Top 1 channel (a and b have 2 touches, a wins by name): b and c become others first,
        // so the rules see `others`: a others a others → a others a → a(2) others(1).
        let top = Self.build(e, PathTransforms(kind: .frequency, removeIfLastAndNotAll: ["others"]), top: 1)
        #expect(Fixtures.names(top, 0) == ["a(2)", "others(1)"])
        #expect(Fixtures.names(top, 1) == ["others(1)"])
    }

    @Test func aConversionWhoseTouchesAllFallOutsideTheLookbackIsUnattributed() {
        let e = Fixtures.events([("A", "a", 0, 0), ("A", nil, 30, 5), ("B", "b", 1, 0), ("B", nil, 2, 1)])
        let paths = PathTable(journeys: Self.build(e, PathTransforms(kind: .first, maxPathLength: 1), lookbackDays: 7))
        #expect(paths.unattributedConversions == 1 && paths.unattributedValue == 5)
        #expect(paths.totalConversions == 1)
    }

    @Test func everyConversionJourneysAreTransformedOneByOne() {
        let e = Fixtures.events([
            ("A", "a", 1, 0), ("A", "a", 2, 0), ("A", nil, 3, 1), ("A", "a", 4, 0), ("A", "b", 5, 0), ("A", "a", 6, 0),
        ])
        let j = Self.build(e, PathTransforms(kind: .frequency), rule: .everyConversion)
        #expect(j.count == 2)
        #expect(Fixtures.names(j, 0) == ["a(2)"])
        #expect(Fixtures.names(j, 1) == ["a(2)", "b(1)"] && !j.converted[1])
    }

    // MARK: path tables

    static let table = Fixtures.paths([
        ("a>a>b>a>c>a", 2, 20, 1), ("direct>a>direct>b", 1, 5, 0), ("direct>direct", 0, 0, 4),
        ("a>b>direct>direct", 3, 9, 2), ("b>a", 1, 1, 1),
    ])

    @Test func pathTablesGetEachKind() {
        let t = Self.table
        let first = pathDictionary(t.reshaped(topChannels: nil, transforms: PathTransforms(kind: .first)))
        // a>a>b>a>c>a → a>b>c; a>b>direct>direct → a>b>direct.
        #expect(first["a > b > c"] == [2, 20, 1])
        #expect(first["a > b > direct"] == [3, 9, 2])
        #expect(first["direct > a > b"] == [1, 5, 0])
        let exposure = pathDictionary(t.reshaped(topChannels: nil, transforms: PathTransforms(kind: .exposure)))
        #expect(exposure["a > b > a > c > a"] == [2, 20, 1])
        #expect(exposure["direct"] == [0, 0, 4])
        let freq = pathDictionary(t.reshaped(topChannels: nil, transforms: PathTransforms(kind: .frequency)))
        #expect(freq["a(4) > b(1) > c(1)"] == [2, 20, 1])
        #expect(freq["direct(2)"] == [0, 0, 4])
        #expect(freq["b(1) > a(1)"] == [1, 1, 1])
    }

    @Test func pathTablesGetRemovalsAndTrimAndMergeRowsThatBecomeEqual() {
        let t = Self.table
        let removed = pathDictionary(t.reshaped(topChannels: nil, transforms: PathTransforms(removeIfNotAll: ["direct"])))
        // direct>a>direct>b and a>b>direct>direct both become a>b: rows summed.
        #expect(removed["a > b"] == [4, 14, 2])
        #expect(removed["direct > direct"] == [0, 0, 4])
        let last = pathDictionary(
            t.reshaped(topChannels: nil, transforms: PathTransforms(maxPathLength: 1, removeIfLastAndNotAll: ["direct"])))
        // a>a>b>a>c>a → a; direct>a>direct>b → b; a>b>direct>direct → b; b>a → a; direct>direct → direct.
        #expect(last["a"] == [3, 21, 2])
        #expect(last["b"] == [4, 14, 2])
        #expect(last["direct"] == [0, 0, 4])
        #expect(last.count == 3)
    }

    @Test func pathTablesGetTopChannelsBeforeTheKind() {
        // Touches weighted by journeys (conversions + nulls): a 4·3 + 1 + 5 + 2 = 20,
        // direct 2·1 + 2·4 + 2·5 = 20, b 3 + 1 + 5 + 2 = 11, c 3: top 2 keeps a and direct.
        let top = Self.table.reshaped(topChannels: 2, transforms: PathTransforms(kind: .frequency))
        let d = pathDictionary(top)
        #expect(d["a(4) > others(2)"] == [2, 20, 1])
        #expect(d["direct(2) > a(1) > others(1)"] == [1, 5, 0])
    }

    @Test func journeysAndTheirPathTableAgreeOnEveryTransform() {
        var config = SyntheticTouchpoints.Config(users: 3_000)
        config.seed = 11
        let events = SyntheticTouchpoints.generate(config)
        let plain = PathTable(journeys: JourneyBuilder.build(events, options: JourneyOptions(rule: .everyConversion)))
        let variants: [PathTransforms] = PathTransforms.Kind.allCases.flatMap { kind in
            [
                PathTransforms(kind: kind), PathTransforms(kind: kind, maxPathLength: 3),
                PathTransforms(kind: kind, maxPathLength: 2, removeIfNotAll: ["display", "video"], removeIfLastAndNotAll: ["direct"]),
            ]
        }
        for t in variants {
            let fromJourneys = PathTable(journeys: Self.build(events, t, rule: .everyConversion))
            let fromPaths = plain.reshaped(topChannels: nil, transforms: t)
            // Revenue is summed in another order on each side, so it may differ in the last bits.
            let a = pathDictionary(fromJourneys), b = pathDictionary(fromPaths)
            #expect(Set(a.keys) == Set(b.keys), "\(t)")
            for (path, row) in a {
                let other = b[path] ?? []
                #expect(
                    other.count == 3 && row[0] == other[0] && row[2] == other[2] && abs(row[1] - other[1]) <= 1e-9 * max(1, abs(row[1])),
                    "\(t) \(path)")
            }
            #expect(fromJourneys.unattributedConversions == fromPaths.unattributedConversions)
        }
    }
}

/// Path string (channels joined by " > ") → [conversions, value, nulls]; "" holds the unattributed.
func pathDictionary(_ t: PathTable) -> [String: [Double]] {
    var d: [String: [Double]] = [:]
    for p in 0..<t.count {
        d[t.path(p).map { t.channels[$0] }.joined(separator: " > ")] = [t.conversions[p], t.value[p], t.nulls[p]]
    }
    if t.unattributedConversions != 0 { d[""] = [t.unattributedConversions, t.unattributedValue, 0] }
    return d
}
