import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// A generated event-level file and what a correct reader must make of it,
/// worked out while generating (not by the code under test).
struct GeneratedEventFile {
    /// One rendered data record and its meaning.
    struct Record {
        var text: [UInt8]
        var userKey: String
        var channel: String?
        let time: Int64
        var conversion: Bool
        var value: Double
    }

    static let header = "user_id,event,timestamp,revenue,note\n"
    static let quotedChannels = ["email", "paid \"search\"", "dis,play", "multi\nline", "crlf\r\nchannel", "tv", "ünïcode"]
    static let plainChannels = ["email", "paid_search", "display", "social", "tv", "ünïcode"]
    static let jan1Seconds: Int64 = 1_704_067_200

    var bytes: [UInt8] = []
    var bodyStart = 0
    var recordStarts: [Int] = []
    var expected: [EventRow] = []
    var channelNames: [String] = []
    var userCount = 0
    /// Where the middle record (a quoted field full of line breaks and would-be rows) starts and ends.
    var middle: Range<Int> = 0..<0

    /// `rows` records split into two halves of exactly equal byte length around a middle record,
    /// so a two-way split aims at the middle of that record. With `quotes`, users, channels,
    /// conversion events and notes are often quoted with commas, doubled quotes and line breaks.
    init(rows: Int, quotes: Bool) {
        let half = rows / 2
        var first = (0..<half).map { Self.record($0, quotes: quotes) }
        var second = ((half + 1)..<rows).map { Self.record($0, quotes: quotes) }
        let lengthA = first.reduce(0) { $0 + $1.text.count }
        let lengthB = second.reduce(0) { $0 + $1.text.count }
        if lengthA > lengthB {
            second[second.count - 1] = Self.record(rows - 1, quotes: quotes, pad: lengthA - lengthB)
        } else if lengthB > lengthA {
            first[first.count - 1] = Self.record(half - 1, quotes: quotes, pad: lengthB - lengthA)
        }
        let middleRecord = quotes ? Self.middleRecord(half) : Self.record(half, quotes: false)
        let all = first + [middleRecord] + second

        bytes = Array(Self.header.utf8)
        bytes.reserveCapacity(lengthA * 2 + 20_000)
        bodyStart = bytes.count
        var users: [String: Int32] = [:]
        var channels: [String: Int] = [:]
        for (k, r) in all.enumerated() {
            if k == half { middle = bytes.count..<(bytes.count + r.text.count) }
            recordStarts.append(bytes.count)
            bytes += r.text
            let u = users[r.userKey] ?? Int32(users.count)
            users[r.userKey] = u
            if let c = r.channel, channels[c] == nil {
                channels[c] = channelNames.count
                channelNames.append(c)
            }
            expected.append(EventRow(u, r.channel, r.time, r.conversion, r.value))
        }
        userCount = users.count
    }

    /// The quoted form of a field (RFC 4180), written out here rather than with `CSVWriter`.
    static func quoted(_ s: String) -> String {
        "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    static func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }

    static func record(_ i: Int, quotes: Bool, pad: Int = 0, badTime: Bool = false) -> Record {
        // About four rows per user; every 13th row goes back to a user from half-way up the file,
        // so users met in the first part come back in the second.
        let k = i % 13 == 0 ? (i / 2) / 4 : i / 4
        let userKey = quotes && k % 3 == 0 ? "u,\(k)" : "user\(k)"
        let userText = userKey.contains(",") ? quoted(userKey) : userKey

        let conversion = i % 9 == 4
        let names = quotes ? quotedChannels : plainChannels
        let channel = conversion ? nil : names[(i * 7 + i / 3) % names.count]
        let eventText: String
        if let channel {
            // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
            eventText = channel.utf8.contains(where: { [44, 34, 10, 13].contains($0) }) ? quoted(channel) : channel
        } else {
            eventText = quotes && i % 2 == 0 ? "\"purchase\"" : "purchase"
        }

        // Times within January 2024 in five notations.
        let s = jan1Seconds + Int64(i) * 7
        let f = Int64(i % 1000)
        let timeText: String
        let time: Int64
        switch i % 5 {
        case 0:
            timeText = "\(s * 1000 + f)"
            time = s * 1000 + f
        case 1:
            timeText = "\(s)"
            time = s * 1000
        case 2:
            let rel = s - jan1Seconds
            let fff = f < 10 ? "00\(f)" : f < 100 ? "0\(f)" : "\(f)"
            timeText = "2024-01-\(two(1 + rel / 86_400))T\(two(rel % 86_400 / 3600)):\(two(rel % 3600 / 60)):\(two(rel % 60)).\(fff)Z"
            time = s * 1000 + f
        case 3:
            let local = s - jan1Seconds + 3600  // written at +01:00
            timeText = "2024-01-\(two(1 + local / 86_400)) \(two(local % 86_400 / 3600)):\(two(local % 3600 / 60)):\(two(local % 60))+01:00"
            time = s * 1000
        default:
            timeText = quotes ? "\"\(s).5\"" : "\(s).5"
            time = s * 1000 + 500
        }
        if badTime {
            return Record(
                text: Array("\(userText),\(eventText),2024-02-30,,x\n".utf8), userKey: userKey, channel: channel, time: 0,
                conversion: false, value: 0)
        }

        let cents = Int64(i * 37 % 100_000)
        let revenueText = conversion ? "\(cents / 100).\(two(cents % 100))" : (i % 7 == 0 ? "n/a" : "")
        let value = conversion ? Double(cents) / 100 : 0

        let padding = String(repeating: "p", count: pad)
        let noteText =
            quotes && i % 5 == 0
            ? quoted("line one, \(i)\nline \"two\"\r\nthree" + padding)
            : "n\(i)" + (quotes ? "" : "-long-note") + padding
        let end = i % 4 == 1 ? "\r\n" : "\n"
        let text = "\(userText),\(eventText),\(timeText),\(revenueText),\(noteText)\(end)"
        return Record(text: Array(text.utf8), userKey: userKey, channel: channel, time: time, conversion: conversion, value: value)
    }

    /// A record whose quoted note is ~8 KB of line breaks, commas, doubled quotes and
    /// lines that look like valid rows: cut at any of its line breaks and the parts parse "fine".
    static func middleRecord(_ i: Int) -> Record {
        var note = ""
        for j in 0..<300 { note += j % 10 == 0 ? "say \"hi\", \(j)\n" : "fake\(j),email,1704067200,,x\n" }
        let text = "middle-user,\"mid,dle\",1704067200,,\(quoted(note))\n"
        return Record(
            text: Array(text.utf8), userKey: "middle-user", channel: "mid,dle", time: jan1Seconds * 1000, conversion: false, value: 0)
    }
}

@Suite struct LargeFileTests {
    static let rows = 190_000

    static var options: EventInputOptions {
        var o = EventInputOptions(conversion: .event("purchase"))
        o.valueColumn = "revenue"
        return o
    }

    /// Starts of the records a scanner finds in `range`.
    static func recordStarts(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws -> [Int] {
        var scanner = CSVScanner(bytes: bytes, start: range.lowerBound, end: range.upperBound)
        var fields: [CSVField] = []
        var starts: [Int] = []
        var misshapen = 0
        while let s = try scanner.next(into: &fields) {
            if fields.count != 5 { misshapen += 1 }
            starts.append(s)
        }
        #expect(misshapen == 0)
        return starts
    }

    func check(quotes: Bool) throws {
        let g = GeneratedEventFile(rows: Self.rows, quotes: quotes)
        try #require(g.bytes.count > 9 << 20, "the file must be large enough to be read in parallel chunks")
        try #require(g.bytes.count < 12 << 20, "and small enough for exactly two parts on any machine with 2+ cores")
        #expect(g.expected.count == Self.rows)
        #expect(g.bytes.contains(UInt8(ascii: "\"")) == quotes)

        try withTempDir { dir in
            let path = try writeFile(dir, "big.csv", g.bytes)
            let file = try MappedFile(path: path)
            let header = try CSVHeader(file: file)
            #expect(header.bodyStart == g.bodyStart)

            // The split the reader uses: on two or more cores, two parts for a 9–12 MiB file,
            // and the cut lands after the middle record, never inside it.
            let parts = chunkCount(forWork: file.bytes.count, minimumPerChunk: 4 << 20)
            if ProcessInfo.processInfo.activeProcessorCount >= 2 {
                #expect(parts == 2)
                let chunks = try file.bytes.recordChunks(from: header.bodyStart, parts: parts)
                if quotes {
                    let target = g.bodyStart + (g.bytes.count - g.bodyStart) / 2
                    #expect(g.middle.contains(target), "the two-way split aims inside the quoted record")
                    #expect(chunks == [g.bodyStart..<g.middle.upperBound, g.middle.upperBound..<g.bytes.count])
                } else {
                    #expect(chunks.count == 2)
                }
            }

            // Any number of parts: contiguous, cut only between records, and together
            // they hold exactly the generated records.
            for n in [1, 2, 3, 5, 8, 16, 64] {
                let chunks = try file.bytes.recordChunks(from: header.bodyStart, parts: n)
                #expect(chunks.count == n, "parts \(n)")
                #expect(chunks.first?.lowerBound == g.bodyStart)
                #expect(chunks.last?.upperBound == g.bytes.count)
                #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                var starts: [Int] = []
                for c in chunks { starts += try Self.recordStarts(file.bytes, c) }
                #expect(starts == g.recordStarts, "parts \(n)")
            }

            let (table, report) = try EventCSVReader.read(path: path, options: Self.options)
            #expect(report.rows == Self.rows)
            #expect(report.skippedRows == 0)
            #expect(table.userCount == g.userCount)
            #expect(table.channels.names == g.channelNames)
            let difference = firstDifference(table.rows, g.expected)
            #expect(difference == nil, "\(difference ?? "")")

            // Users are numbered in file order across parts: ids first appear as 0, 1, 2, …
            var next: Int32 = 0
            for u in table.user where u >= next {
                #expect(u == next)
                next += 1
            }
            #expect(Int(next) == g.userCount)
            // Users from the first half come back in the second with their first-half ids.
            let half = Self.rows / 2
            let firstHalfUsers = Set(table.user[..<half])
            #expect(table.user[(half + 1)...].filter { firstHalfUsers.contains($0) }.count > 1000)
        }
    }

    @Test func quotedLineBreaksAndCommasAroundChunkBoundaries() throws {
        try check(quotes: true)
    }

    @Test func fileWithoutAnyQuote() throws {
        try check(quotes: false)
    }

    @Test func badRowLateInALargeFileReportsItsPhysicalLine() throws {
        var g = GeneratedEventFile(rows: Self.rows, quotes: true)
        // Replace a record three quarters of the way in (well inside the second part).
        let k = Self.rows * 3 / 4
        let start = g.recordStarts[k], end = g.recordStarts[k + 1]
        let bad = GeneratedEventFile.record(k, quotes: true, badTime: true)
        g.bytes.replaceSubrange(start..<end, with: bad.text)
        // Physical line of the bad record: one plus the line breaks before it, quoted ones included.
        let line = 1 + g.bytes[..<start].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        #expect(line > k + 2, "quoted line breaks make the line number larger than the record number")

        try withTempDir { dir in
            let path = try writeFile(dir, "big-bad.csv", g.bytes)
            let e = inputError { _ = try EventCSVReader.read(path: path, options: Self.options) }
            #expect(e?.line == line)
            #expect(e?.column == "timestamp")
            #expect(e?.value == "2024-02-30")
            #expect(e?.description.hasPrefix("\(path):\(line): column 'timestamp', value '2024-02-30':") == true)

            var options = Self.options
            options.skipBadRows = true
            let (table, report) = try EventCSVReader.read(path: path, options: options)
            #expect(report.rows == Self.rows - 1)
            #expect(report.skippedRows == 1)
            #expect(report.firstSkipped.map(\.line) == [line])
            #expect(table.count == Self.rows - 1)
        }
    }

    @Test func unterminatedQuoteLateInALargeFile() throws {
        var g = GeneratedEventFile(rows: Self.rows, quotes: true)
        let k = Self.rows - 10
        let start = g.recordStarts[k]
        // No quote may follow, or it would close the field: the remaining records are plain.
        var tail = Array("\"never closed,email,1704067200,,x\n".utf8)
        for i in (k + 1)..<Self.rows { tail += Array("plain\(i),email,1704067200,,x\n".utf8) }
        g.bytes.replaceSubrange(start..., with: tail)
        let line = 1 + g.bytes[..<start].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        try withTempDir { dir in
            let path = try writeFile(dir, "big-unterminated.csv", g.bytes)
            let e = inputError { _ = try EventCSVReader.read(path: path, options: Self.options) }
            #expect(e?.line == line)
            #expect(e?.column == "user_id")
            #expect(e?.message.contains("unterminated") == true)
        }
    }
}
