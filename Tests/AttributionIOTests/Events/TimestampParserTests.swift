import Testing

@testable import AttributionIO

/// Expected values are worked out by hand from epoch facts:
/// 2024-01-01T00:00:00Z = 1 704 067 200 s; 2000-01-01T00:00:00Z = 946 684 800 s;
/// January has 31 days, so Feb 29 is day 31 + 28 = 59 after Jan 1 (in a leap year).
@Suite struct TimestampParserTests {
    @Test(
        arguments: [
            // ISO 8601, with T, Z, fractional seconds.
            ("2024-01-01T00:00:00Z", jan1_2024),
            ("2024-01-01T00:00:00z", jan1_2024),
            ("2024-01-01t00:00:00Z", jan1_2024),
            ("2024-01-01T00:00:00.123Z", jan1_2024 + 123),
            ("2024-01-01T00:00:00.5Z", jan1_2024 + 500),
            ("2024-01-01T00:00:00.05Z", jan1_2024 + 50),
            ("2024-01-01T00:00:00.999999Z", jan1_2024 + 999),  // sub-millisecond digits are dropped
            ("2024-01-01T00:00:00,25Z", jan1_2024 + 250),  // ISO also allows a decimal comma
            ("2024-01-01T00:01Z", jan1_2024 + 60_000),  // seconds are optional
            // No zone = UTC.
            ("2024-01-01T00:00:00", jan1_2024),
            ("2024-01-01T12:34:56.789", jan1_2024 + 12 * hourMs + 34 * 60_000 + 56_000 + 789),
            // Offsets: local = UTC + offset.
            ("2024-01-01T02:00:00+02:00", jan1_2024),
            ("2024-01-01T02:00:00+0200", jan1_2024),
            ("2024-01-01T02:00:00+02", jan1_2024),
            ("2024-01-01T05:30:00+05:30", jan1_2024),
            ("2023-12-31T18:30:00-0530", jan1_2024),
            ("2023-12-31T18:30:00-05:30", jan1_2024),
            ("2024-01-01T00:00:00-05:30", jan1_2024 + 5 * hourMs + 30 * 60_000),
            ("2024-01-01T00:00:00.250+01:00", jan1_2024 - hourMs + 250),
            ("2024-01-01 10:00:00 +02:00", jan1_2024 + 8 * hourMs),
            // Space-separated date and time.
            ("2024-01-01 00:00:00", jan1_2024),
            ("2024-01-01 23:59:59", jan1_2024 + dayMs - 1000),
            ("2024-01-01 23:59:59.001", jan1_2024 + dayMs - 999),
            // Date only.
            ("2024-01-01", jan1_2024),
            ("2024-01-02", jan1_2024 + dayMs),
            ("2024-02-29", jan1_2024 + 59 * dayMs),
            ("2024-03-01", jan1_2024 + 60 * dayMs),
            ("2024-12-31", jan1_2024 + 365 * dayMs),  // 2024 has 366 days
            ("2025-01-01", jan1_2024 + 366 * dayMs),
            ("2000-02-29", 946_684_800_000 + 59 * dayMs),  // 2000 is a leap year (divisible by 400)
            ("1970-01-01", 0),
            ("1969-12-31T23:59:59Z", -1000),
            ("1969-12-31", -dayMs),
            // Surrounding spaces are ignored.
            ("  2024-01-01  ", jan1_2024),
            // Epoch seconds (up to 11 digits) and milliseconds (12 or more).
            ("1704067200", jan1_2024),
            ("1704067200.5", jan1_2024 + 500),
            ("1704067200123", jan1_2024 + 123),
            ("0", 0),
            ("86400", dayMs),
            ("-86400", -dayMs),
            ("99999999999", 99_999_999_999_000),  // 11 digits: still seconds
            ("100000000000", 100_000_000_000),  // 12 digits: milliseconds
        ] as [(String, Int64)])
    func parsesToExactMilliseconds(text: String, expected: Int64) {
        #expect(TimestampParser.parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        "2023-02-29",  // 2023 is not a leap year
        "2100-02-29",  // divisible by 100, not by 400
        "2024-13-01",  // month 13
        "2024-00-10",  // month 0
        "2024-04-31",  // April has 30 days
        "2024-01-00",  // day 0
        "2024-01-32",
        "2024-01-01T24:00:00Z",  // hour 24
        "2024-01-01T23:60:00Z",  // minute 60
        "2024-01-01T23:59:61Z",
        "2024-12-31T23:59:60Z",  // a leap second would silently become the next minute
        "1704067200000.5",  // epoch milliseconds with a fraction would lose it
        "2024-01-01T10",  // hour without minutes
        "2024-01-01T10:00:00.Z",  // a dot without digits
        "2024-01-01T10:00:00Q",
        "2024-01-01T10:00:00Zjunk",
        "2024-01-01T10:00:00+2",  // one-digit offset
        "2024-01-01T10:00:00+24:00",
        "2024-01-01T10:00:00+02:60",
        "2024-01-01T10:00:00+02:00x",
        "2024-01-01X10:00:00",
        "2024-1-01",
        "2024/01/01",
        "01/02/2024",
        "",
        "   ",
        "abc",
        "1704067200x",
        "1704067200.",
        "-",
        "12345678901234567",  // too many digits to be an epoch
    ])
    func rejectsInvalidTimestamps(text: String) {
        #expect(TimestampParser.parse(text) == nil, "\(text)")
    }

    @Test func everyDayOfAYearMatchesADayCount() {
        // Walk 2023-01-01 … 2025-12-31 with hand-written month lengths and check
        // each date against a running day count from 2024-01-01.
        let monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var daysFromJan1_2024: Int64 = -365  // 2023 is a common year
        for year in 2023...2025 {
            for month in 1...12 {
                let length = month == 2 && year == 2024 ? 29 : monthDays[month - 1]
                for day in 1...length {
                    let text = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T06:00:00Z"
                    #expect(TimestampParser.parse(text) == jan1_2024 + daysFromJan1_2024 * dayMs + 6 * hourMs, "\(text)")
                    daysFromJan1_2024 += 1
                }
                let past = "\(year)-\(month < 10 ? "0" : "")\(month)-\(length + 1)"
                #expect(TimestampParser.parse(past) == nil, "\(past)")
            }
        }
        #expect(daysFromJan1_2024 == 366 + 365)
    }
}
