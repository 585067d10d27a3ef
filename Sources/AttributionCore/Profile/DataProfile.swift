/// What the analysed data looks like before any model: volumes, journey shapes,
/// the most common paths and how far each channel reaches. Shown at the top of
/// the report so a reader can judge the attribution against the data behind it.
public struct DataProfile: Sendable {
    /// Rows read (touches and conversions); nil when the caller did not count them.
    public var events: Int?
    /// Distinct users; nil for path-level input.
    public var users: Int?
    public var journeys: Double
    public var conversions: Double
    /// Conversions over journeys (0 without journeys).
    public var conversionRate: Double
    /// Revenue of all conversions; nil without a value column.
    public var revenue: Double?
    /// Converting journeys with no touch: counted in `conversions`, in no length bucket.
    public var conversionsWithoutTouch: Double
    /// Touches per converting journey.
    public var convertingLength: ProfileHistogram
    /// Touches per null (non-converting) journey.
    public var nullLength: ProfileHistogram
    /// First touch to conversion; nil for path-level input (no times).
    public var timeToConversion: ProfileHistogram?
    /// The most converting paths, most conversions first.
    public var topPaths: [TopPath]
    /// Every channel, most journeys reached first.
    public var reach: [ChannelReach]

    public static let defaultTopPaths = 10

    /// - Parameters:
    ///   - paths: the path table the models ran on.
    ///   - journeys: the journeys behind it, for event-level input (gives users and times).
    ///   - hasValue: whether revenue was read.
    ///   - events: rows read, if known.
    ///   - users: distinct users, if known; defaults to the journeys' user count.
    public init(
        paths: PathTable, journeys: JourneySet?, hasValue: Bool, events: Int? = nil, users: Int? = nil,
        topPathCount: Int = DataProfile.defaultTopPaths
    ) {
        self.events = events
        self.users = users ?? journeys?.userCount
        conversions = paths.totalConversions + paths.unattributedConversions
        // Journeys with touches are the path table's rows; touchless conversions are journeys too.
        self.journeys = journeys.map { Double($0.count) } ?? (conversions + paths.totalNulls)
        conversionRate = self.journeys > 0 ? conversions / self.journeys : 0
        revenue = hasValue ? paths.totalValue + paths.unattributedValue : nil
        conversionsWithoutTouch = paths.unattributedConversions

        var converting = ProfileHistogram(labels: JourneyLengthBuckets.labels)
        var null = ProfileHistogram(labels: JourneyLengthBuckets.labels)
        for p in 0..<paths.count {
            let k = JourneyLengthBuckets.bucket(touches: paths.length(p))
            converting.add(paths.conversions[p], toBucket: k)
            null.add(paths.nulls[p], toBucket: k)
        }
        convertingLength = converting
        nullLength = null
        timeToConversion = journeys.map(Self.timeToConversion)
        topPaths = TopPath.top(paths, count: topPathCount)
        reach = ChannelReach.reach(paths)
    }

    static func timeToConversion(_ journeys: JourneySet) -> ProfileHistogram {
        var h = ProfileHistogram(labels: TimeToConversionBuckets.labels)
        for j in 0..<journeys.count where journeys.converted[j] {
            let touches = journeys.touches(j)
            guard let first = touches.first else { continue }
            let elapsed = journeys.endTime[j] - journeys.touchTime[first]
            h.add(1, toBucket: TimeToConversionBuckets.bucket(milliseconds: max(elapsed, 0)))
        }
        return h
    }
}
