import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

/// `mta init`: a commented example config that runs on the `mta generate` sample.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented example mta.yaml (it runs on the `mta generate` sample)."
    )

    @Option(help: "Where to write the config.")
    var out = "mta.yaml"

    @Flag(help: "Replace an existing file.")
    var force = false

    @Flag(help: "List every config key with the flag it stands for, and write nothing.")
    var keys = false

    func run() throws {
        if keys {
            let rows = ConfigSchema.keys.map {
                [
                    $0.key, $0.kind == .positional ? "(the input file argument)" : $0.flag,
                    $0.commands.sorted().joined(separator: " "),
                ]
            }
            print(Format.table(["key", "flag", "commands"], rows))
            return
        }
        if FileManager.default.fileExists(atPath: out) && !force {
            printError("error: \(out) exists; use --force to replace it")
            throw badInputExitCode
        }
        try reportingErrors { try writeFileAtomically(Data(Self.example.utf8), to: out) }
        print("wrote \(out)")
        print("next: mta generate --out sample.csv && mta run --config \(out)")
    }

    private static let models = ModelOptions.defaults
    private static func number(_ d: Double) -> String { JSONValue.format(d) }

    static let example = """
        # mta configuration. Every key stands for the `mta attribute` / `mta run` flag
        # named in its comment; a flag given on the command line wins over the file.
        # Values may name environment variables as ${NAME} (e.g. passwords): they are
        # never printed, logged or written to attribution.json.

        # job_id: nightly               # --job-id: results go to data/<job_id>/ (mta run).
        #   Unset, every run gets its own folder named by its UTC start time, so `mta runs`
        #   keeps a history. Set it only when each rerun should replace the last one.

        source:
          path: sample.csv              # an event-level CSV (positional argument)
          # format: events              # --input events | paths (ChannelAttribution format)
          # sqlite: mta.db              # --sqlite: a SQLite database (see `mta import`)
          # postgres: postgres://analyst:${PGPASSWORD}@warehouse:5432/marketing?sslmode=require
          # table: touchpoints          # --table: table or view in the database
          # query: SELECT ...           # --query: or any query returning the columns below
          # dialect: postgres           # --dialect postgres | redshift (PostgreSQL-protocol sources)
          # delimiter: ";"              # --delimiter , ; tab | (default: comma, or ; / tab seen in the header)
          # skip_bad_rows: false        # --skip-bad-rows

        columns:
          user: user_id                 # --user-column
          event: event                  # --event-column: the channel, or the conversion event
          time: timestamp               # --time-column
          value: revenue                # --value-column: revenue on conversion rows

        conversion:
          event: purchase               # --conversion-event: rows with this event are conversions
          # column: converted           # --conversion-column: or a 0/1 column on the converting touch

        journeys:
          rule: \(JourneyOptions.defaults.rule.rawValue)        # --journey first-conversion | every-conversion
          # lookback_days: 30           # --lookback-days
          # top_channels: 10            # --top-channels: the rest become 'others'
          # path_transform: exposure    # --path-transform unique | exposure | first | frequency
          # max_path_length: 20         # --max-path-length: keep the last N steps
          # remove_if_not_all: [direct] # --remove-if-not-all
          # remove_if_last_and_not_all: [direct]

        models:
          list: all                     # --models: all, or a list such as [first-touch, markov, shapley]
          markov_order: \(models.markovOrder.text)               # --markov-order: N, a list, or auto
          # markov_max_order: \(ModelOptions.markovAutoMaxOrder)         # --markov-max-order (with auto)
          # position_weights: \(ModelArguments.percentWeights(models))  # --position-weights
          # half_life_days: \(number(models.halfLifeDays))           # --half-life-days (time decay)
          # linear_distinct_channels: \(models.linearDistinctChannels)
          # shapley_max_position: \(models.shapleyMaxPosition)
          # shapley_exact_max: \(models.shapleyExactMax)
          # shapley_samples: \(models.shapleySamples)
          seed: \(models.seed)                      # --seed: every random choice
          # intervals: true             # --intervals: a 95 % bootstrap interval beside every credit
          # bootstrap: \(IntervalOptions.defaults.replicates)              # --bootstrap: replicates for the intervals

        output:
          directory: results            # --out (mta attribute)
          data_dir: data                # --data-dir (mta run)
          # write_paths: false          # --write-paths
          # timings: false              # --timings
          # tables:                     # result tables in a database
          #   enabled: true             # --write-tables: into the source database
          #   url: sqlite:results.db    # --tables-url: or another database
          #   prefix: mta_              # --table-prefix
          #   mode: overwrite           # --write-mode overwrite | append

        # run:
        #   spend: spend.csv            # --spend: channel,spend[,period] for cost per conversion and ROAS
        #   conversion_window: 30d      # --conversion-window: the last 30 complete UTC days
        #   log_format: text            # --log-format text | json

        """
}
