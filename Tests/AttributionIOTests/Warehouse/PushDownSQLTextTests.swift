import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// What goes into the query text: quoting, escaping, refusals, and the features
/// each dialect must or must not use.
@Suite struct PushDownSQLTextTests {
    static func source(_ conversion: EventInputOptions.Conversion = .event("purchase"), table: String = "events") -> EventRelation {
        EventRelation(relation: .table(table), columns: EventInputOptions(conversion: conversion))
    }

    static let everything = JourneyOptions(
        rule: .everyConversion, lookbackDays: 30, topChannels: 5,
        transforms: PathTransforms(
            kind: .frequency, maxPathLength: 4,
            removeIfNotAll: ["direct"], removeIfLastAndNotAll: ["direct"]))

    @Test func identifiersAreQuotedPerDialectAndSchemaQualifiedNamesSplit() throws {
        let pg = try PathPushDown.query(Self.source(table: "analytics.events"), journeys: JourneyOptions(), dialect: .postgres)
        #expect(pg.contains("FROM \"analytics\".\"events\" AS mta_source"))
        #expect(pg.contains("\"user_id\" AS mta_user"))
        let bq = try PathPushDown.query(Self.source(table: "my-project.analytics.events"), journeys: JourneyOptions(), dialect: .bigquery)
        #expect(bq.contains("FROM `my-project`.`analytics`.`events` AS mta_source"))
        #expect(bq.contains("AS `path`"))
    }

    @Test func anIdentifierThatCouldBreakOutIsRefusedNamingItsFlag() {
        let attempts: [(EventRelation, String)] = [
            (Self.source(table: "events\"; DROP TABLE x; --"), "--table"),
            (Self.source(table: "a.b.c.d"), "--table"),
            (Self.source(table: "events`"), "--table"),
            (Self.source(.column("conv'")), "--conversion-column"),
            (Self.source(table: ""), "--table"),
        ]
        for (source, flag) in attempts {
            for dialect in SQLDialect.allCases {
                #expect(throws: SQLTextError.self) { try PathPushDown.query(source, journeys: JourneyOptions(), dialect: dialect) }
                do {
                    _ = try PathPushDown.query(source, journeys: JourneyOptions(), dialect: dialect)
                } catch let e as SQLTextError {
                    #expect(e.setting == flag)
                } catch {}
            }
        }
        var bad = Self.source()
        bad.columns.userColumn = "user\"id"
        #expect(
            throws: SQLTextError(
                setting: "--user-column", value: "user\"id",
                reason: "not a valid identifier (letters, digits, _, $, - and inner spaces only; parts separated by '.')")
        ) {
            try PathPushDown.query(bad, journeys: JourneyOptions(), dialect: .postgres)
        }
    }

    @Test func literalsAreEscapedInEachDialectsWay() throws {
        let name = "it's \\ done"
        let pg = try PathPushDown.query(Self.source(.event(name)), journeys: JourneyOptions(), dialect: .postgres)
        #expect(pg.contains("= 'it''s \\ done'"))
        let bq = try PathPushDown.query(Self.source(.event(name)), journeys: JourneyOptions(), dialect: .bigquery)
        #expect(bq.contains("= 'it\\'s \\\\ done'"))
        let sf = try PathPushDown.query(Self.source(.event(name)), journeys: JourneyOptions(), dialect: .snowflake)
        #expect(sf.contains("= 'it\\'s \\\\ done'"))
        #expect(throws: SQLTextError.self) {
            try PathPushDown.query(Self.source(.event(name)), journeys: JourneyOptions(), dialect: .redshift)
        }
        #expect(throws: SQLTextError.self) {
            try PathPushDown.query(Self.source(.event("a\nb")), journeys: JourneyOptions(), dialect: .postgres)
        }
        var o = JourneyOptions()
        o.transforms.removeIfNotAll = ["o'hara"]
        let removal = try PathPushDown.query(Self.source(), journeys: o, dialect: .trino)
        #expect(removal.contains("IN ('o''hara')"))
    }

    @Test func redshiftUsesListaggAndNothingItLacks() throws {
        for options in pushDownOptionMatrix(removeIfNotAll: ["direct"], removeIfLast: ["direct"]) + [Self.everything] {
            let sql = try PathPushDown.query(Self.source(), journeys: options, dialect: .redshift).uppercased()
            for forbidden in [
                "STRING_AGG", "ARRAY_AGG", "ARRAY[", "ARRAY_JOIN", "GENERATE_SERIES", "IS DISTINCT FROM", "DATEDIFF", "UNNEST",
            ] {
                #expect(!sql.contains(forbidden), "\(forbidden) in \(describe(options))")
            }
            // One LISTAGG, so every LISTAGG in its SELECT shares one ORDER BY.
            #expect(sql.components(separatedBy: "LISTAGG(").count == 2)
            #expect(sql.contains("WITHIN GROUP (ORDER BY MTA_POS)"))
            #expect(sql.contains("\"TRIMMED_PATHS\""))
            #expect(sql.contains("65535"))
        }
    }

    @Test func eachDialectUsesItsOrderedAggregationAndFixedUnitLookback() throws {
        let expected: [SQLDialect: [String]] = [
            .postgres: ["STRING_AGG(mta_channel, ' > ' ORDER BY mta_pos)", "- INTERVAL '2592000 seconds'", "COLLATE \"C\""],
            .redshift: ["LISTAGG(mta_channel, ' > ') WITHIN GROUP (ORDER BY mta_pos)", "- INTERVAL '2592000 seconds'"],
            .snowflake: ["LISTAGG(mta_channel, ' > ') WITHIN GROUP (ORDER BY mta_pos)", "DATEADD(millisecond, -2592000000, b.mta_end)"],
            .bigquery: ["STRING_AGG(mta_channel, ' > ' ORDER BY mta_pos)", "TIMESTAMP_SUB(b.mta_end, INTERVAL 2592000000 MILLISECOND)"],
            .trino: ["array_join(array_agg(mta_channel ORDER BY mta_pos), ' > ')", "date_add('millisecond', -2592000000, b.mta_end)"],
            .duckdb: ["STRING_AGG(mta_channel, ' > ' ORDER BY mta_pos)", "to_milliseconds(2592000000)"],
            .sqlite: ["group_concat(mta_channel, ' > ' ORDER BY mta_pos)", "b.mta_end - 2592000000", "julianday("],
        ]
        for dialect in SQLDialect.allCases {
            let sql = try PathPushDown.query(Self.source(), journeys: Self.everything, dialect: dialect)
            for piece in expected[dialect]! { #expect(sql.contains(piece), "\(dialect): \(piece)") }
            #expect(!sql.uppercased().contains("DATEDIFF"))
            #expect(sql.components(separatedBy: ";").count == 1)
        }
        // A fractional lookback stays exact to the millisecond.
        var o = JourneyOptions()
        o.lookbackDays = 0.5 / 86_400  // half a second
        #expect(try PathPushDown.query(Self.source(), journeys: o, dialect: .postgres).contains("INTERVAL '0.500 seconds'"))
    }

    @Test func aUserQueryIsWrappedAsASubqueryWithoutItsSemicolon() throws {
        let sql = try PathPushDown.query(
            EventRelation(
                relation: .query("  SELECT * FROM raw WHERE x > 1 ;\n"),
                columns: EventInputOptions(conversion: .event("buy"))),
            journeys: JourneyOptions(), dialect: .duckdb)
        #expect(sql.contains("FROM (\nSELECT * FROM raw WHERE x > 1\n) AS mta_source"))
        #expect(throws: SQLTextError.self) {
            try PathPushDown.query(
                EventRelation(relation: .query(" ; "), columns: EventInputOptions(conversion: .event("buy"))),
                journeys: JourneyOptions(), dialect: .duckdb)
        }
    }
}
