/// A calendar period a spend row covers: one day (`YYYY-MM-DD`) or one month (`YYYY-MM`),
/// as days since 1970-01-01 (UTC), both ends included.
public struct SpendPeriod: Sendable, Hashable {
    public var firstDay: Int64
    public var lastDay: Int64
    /// As written in the file, for messages.
    public var label: String

    public init(firstDay: Int64, lastDay: Int64, label: String) {
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.label = label
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM`; nil for anything else (or an impossible date).
    public static func parse(_ text: String) -> SpendPeriod? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int64(parts[0]), let month = Int64(parts[1]), (1...12).contains(month)
        else { return nil }
        let monthDays = CivilDate.daysInMonth(year: year, month: month)
        if parts.count == 2 {
            let first = CivilDate.days(year: year, month: month, day: 1)
            return SpendPeriod(firstDay: first, lastDay: first + monthDays - 1, label: text)
        }
        guard let day = Int64(parts[2]), (1...monthDays).contains(day) else { return nil }
        let d = CivilDate.days(year: year, month: month, day: day)
        return SpendPeriod(firstDay: d, lastDay: d, label: text)
    }

    func overlaps(_ window: AnalysisWindow) -> Bool { firstDay <= window.lastDay && lastDay >= window.firstDay }
}

/// The days the analysed journeys span, from the earliest touch to the latest
/// conversion or touch (UTC days, both ends included).
public struct AnalysisWindow: Sendable, Equatable {
    public var firstDay: Int64
    public var lastDay: Int64

    public init(firstDay: Int64, lastDay: Int64) {
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// The window of a journey set; nil when it has no journey.
    public init?(journeys: JourneySet) {
        // Both arrays hold millions of times: take their extremes without joining them.
        let lows = [journeys.touchTime.min(), journeys.endTime.min()].compactMap { $0 }
        let highs = [journeys.touchTime.max(), journeys.endTime.max()].compactMap { $0 }
        guard let lo = lows.min(), let hi = highs.max() else { return nil }
        self.init(firstDay: Self.day(ms: lo), lastDay: Self.day(ms: hi))
    }

    static func day(ms: Int64) -> Int64 {
        let perDay: Int64 = 86_400_000
        return ms >= 0 ? ms / perDay : (ms - perDay + 1) / perDay
    }
}

/// Spend rows as read: channel, optional period, amount.
public struct SpendTable: Sendable {
    public struct Row: Sendable, Equatable {
        public var channel: String
        public var period: SpendPeriod?
        public var amount: Double
        public init(channel: String, period: SpendPeriod?, amount: Double) {
            self.channel = channel
            self.period = period
            self.amount = amount
        }
    }

    /// Where the rows came from (a file name), shown in the report.
    public var source: String
    public var rows: [Row]

    public init(source: String, rows: [Row]) {
        self.source = source
        self.rows = rows
    }

    /// Spend per channel for the analysed window. A row with a period counts when its
    /// period overlaps the window (a month that overlaps counts in full: spend is not
    /// prorated); a row without a period, or any row when there is no window (path-level
    /// input has no dates), always counts. Rows of one channel are summed.
    public func spend(in window: AnalysisWindow?) -> ChannelSpend {
        var totals: [String: Double] = [:]
        var order: [String] = []
        var excluded = 0
        for row in rows {
            if let window, let period = row.period, !period.overlaps(window) {
                excluded += 1
                continue
            }
            if totals[row.channel] == nil { order.append(row.channel) }
            totals[row.channel, default: 0] += row.amount
        }
        return ChannelSpend(
            source: source, window: window, rowsOutsideWindow: excluded,
            spend: order.sorted().map { ($0, totals[$0]!) })
    }
}

/// Spend per channel over the analysed window: what cost per conversion and ROAS divide by.
public struct ChannelSpend: Sendable {
    public var source: String
    public var window: AnalysisWindow?
    /// Rows left out because their period lies outside the window.
    public var rowsOutsideWindow: Int
    /// Channel and total spend, by channel name.
    public var spend: [(channel: String, amount: Double)]

    public init(
        source: String, window: AnalysisWindow?, rowsOutsideWindow: Int = 0,
        spend: [(channel: String, amount: Double)]
    ) {
        self.source = source
        self.window = window
        self.rowsOutsideWindow = rowsOutsideWindow
        self.spend = spend
    }

    public func amount(for channel: String) -> Double? { spend.first { $0.channel == channel }?.amount }
}
