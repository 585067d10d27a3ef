import ArgumentParser
import AttributionCore
import AttributionIO

enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case events, paths
}

extension JourneyOptions.Rule: ExpressibleByArgument {}

/// Dialects of a PostgreSQL-protocol source (`--dialect`).
enum PostgresDialectArgument: String, ExpressibleByArgument, CaseIterable {
    case postgres, redshift
}

/// Where the data is and how to read it.
struct InputArguments: ParsableArguments {
    @Argument(help: "Input CSV file ('-' for standard input); or give --sqlite or --postgres instead.")
    var file: String?

    @Option(help: "Read events from this SQLite file (with --table or --query).")
    var sqlite: String?

    @Option(help: "Read events from PostgreSQL/Redshift: postgres://user:pass@host:port/db[?sslmode=require] (with --table or --query).")
    var postgres: String?

    @Option(help: "Table or view holding the events (SQLite or PostgreSQL source).")
    var table: String?

    @Option(help: "SQL query returning the events (SQLite or PostgreSQL source).")
    var query: String?

    @Option(
        help: "SQL dialect of a --postgres source: postgres or redshift (default: the URL's dialect= option, else postgres).",
        transform: Choice.parse("dialect"))
    var dialect: PostgresDialectArgument?

    @Option(
        help:
            "events (default): one touch or conversion per row; paths: ChannelAttribution's path,total_conversions[,total_conversion_value][,total_null].",
        transform: Choice.parse("input format"))
    var input: InputFormat = .events

    @OptionGroup var columns: EventColumnArguments

    @Option(help: "Path column (path-level input).") var pathColumn = "path"
    @Option(help: "Conversions column (path-level input).") var conversionsColumn = "total_conversions"
    @Option(help: "Null-journey count column (path-level input; default total_null when present).") var nullsColumn: String?
    @Option(help: "Channel separator in paths (path-level input); spaces around channels are trimmed.") var separator = ">"

    @Flag(help: "Skip rows with errors (counted, the first few listed) instead of stopping.")
    var skipBadRows = false

    func validate() throws {
        let given = [file != nil, sqlite != nil, postgres != nil].filter { $0 }.count
        guard given == 1 else {
            throw ValidationError(
                given == 0
                    ? "give an input: a CSV file, --sqlite FILE or --postgres URL"
                    : "give only one input: a CSV file, --sqlite FILE or --postgres URL")
        }
        if file != nil {
            if table != nil || query != nil { throw ValidationError("--table and --query need --sqlite or --postgres") }
        } else {
            if (table == nil) == (query == nil) {
                throw ValidationError("give --table NAME or --query SQL with --sqlite/--postgres (one of them)")
            }
            if input == .paths { throw ValidationError("--sqlite and --postgres read event-level rows (--input events)") }
        }
        if dialect != nil && postgres == nil { throw ValidationError("--dialect applies to --postgres sources") }
        if input == .events { try columns.requireConversionRule() }
    }

    var eventOptions: EventInputOptions {
        var o = columns.eventOptions
        o.skipBadRows = skipBadRows
        return o
    }

    var pathOptions: PathInputOptions {
        var o = PathInputOptions()
        o.pathColumn = pathColumn
        o.conversionsColumn = conversionsColumn
        o.valueColumn = columns.valueColumn
        o.nullsColumn = nullsColumn
        o.separator = separator
        o.skipBadRows = skipBadRows
        o.delimiter = columns.delimiter.flatMap(CSVDelimiter.parse)
        return o
    }
}

extension PathTransforms.Kind: ExpressibleByArgument {}

/// How events become journeys, and how their paths are reshaped.
struct JourneyArguments: ParsableArguments {
    @Option(
        help:
            "first-conversion (default): ignore everything after a user's first conversion; every-conversion: a journey ends at each conversion.",
        transform: Choice.parse("journey rule"))
    var journey = JourneyOptions.defaults.rule

    @Option(help: "Only touches within N days before the conversion (or the last touch) count.")
    var lookbackDays: Double?

    @Option(help: "Keep the N most frequent channels; the rest become 'others'.")
    var topChannels: Int?

    @Flag(help: "Merge consecutive touches on the same channel (the same as --path-transform exposure).")
    var collapseRepeats = false

    @Option(
        help:
            "unique: as is; exposure: consecutive repeats collapse to one; first: each channel's first touch only; frequency: each channel once, named with its count, e.g. email(3).",
        transform: Choice.parse("path transform"))
    var pathTransform: PathTransforms.Kind?

    @Option(help: "Keep only the last N steps of each path (applied after every other transform).")
    var maxPathLength: Int?

    @Option(help: "Drop this channel from a path unless the path has nothing else (repeatable).")
    var removeIfNotAll: [String] = []

    @Option(help: "Drop this channel when it ends a path, unless the path has nothing else (repeatable).")
    var removeIfLastAndNotAll: [String] = []

    func validate() throws {
        if let problem = options.problem { throw ValidationError(problem.description) }
        if collapseRepeats, let kind = pathTransform, kind != .exposure {
            throw ValidationError(
                "--collapse-repeats means --path-transform exposure; it cannot be combined with --path-transform \(kind.rawValue)")
        }
    }

    var options: JourneyOptions {
        let kind = pathTransform ?? (collapseRepeats ? .exposure : .unique)
        var transforms = PathTransforms(kind: kind, removeIfNotAll: removeIfNotAll, removeIfLastAndNotAll: removeIfLastAndNotAll)
        // Set after init, whose precondition would trap before `validate` can name the flag.
        transforms.maxPathLength = maxPathLength
        return JourneyOptions(rule: journey, lookbackDays: lookbackDays, topChannels: topChannels, transforms: transforms)
    }
}

/// Which models, and their settings. Defaults and bounds are the options types' own
/// (`ModelOptions`, `NeuralSettings`): the flags only parse text into them.
struct ModelArguments: ParsableArguments {
    private static let defaults = ModelOptions.defaults

    // An array so that repeated flags add up (`--models markov --models shapley`).
    @Option(
        help: "Models to run: a comma list, repeatable, or 'all' (every model that applies to the input; the neural ones are named to run)."
    )
    var models: [String] = ["all"]

    @Flag(help: "Linear: credit each distinct channel once instead of every touch.")
    var linearDistinctChannels = defaults.linearDistinctChannels

    @Option(help: "Position-based weights first/middle/last, in percent or fractions.")
    var positionWeights = Self.percentWeights(defaults)

    @Option(help: "Time-decay half-life in days.")
    var halfLifeDays = defaults.halfLifeDays

    @Option(help: "Markov order: N, a comma list (N,M,...), or auto.")
    var markovOrder = defaults.markovOrder.text

    @Option(help: "Markov auto order: highest order tried.")
    var markovMaxOrder = ModelOptions.markovAutoMaxOrder

    // `--max-position` is the name the Shapley issue and the notebook use.
    @Option(
        name: [.customLong("shapley-max-position"), .customLong("max-position")],
        help: "Ordered Shapley: positions past this are folded into the last.")
    var shapleyMaxPosition = defaults.shapleyMaxPosition

    @Option(help: "Conversion-rate Shapley: exact up to this many distinct channels per set, sampled above.")
    var shapleyExactMax = defaults.shapleyExactMax

    @Option(help: "Conversion-rate Shapley: permutations sampled per set above the exact limit.")
    var shapleySamples = defaults.shapleySamples

    @Option(help: "Neural: days in a window, the conversion day last.")
    var neuralLookbackDays = defaults.neural.lookbackDays

    @Option(help: "Neural: training epochs.")
    var neuralEpochs = defaults.neural.training.epochs

    @Option(help: "Neural: minibatch steps per epoch, or 'full' for one pass over every distinct window.")
    var neuralStepsPerEpoch = StepsPerEpoch.text(defaults.neural.training.stepsPerEpoch)

    @Option(help: "Neural: LSTM units per direction (and dense width).")
    var neuralWidth = defaults.neural.training.width

    @Option(help: "Neural: stacked bidirectional LSTM layers.")
    var neuralLayers = defaults.neural.training.layers

    @Flag(
        inversion: .prefixedNo,
        help:
            "Neural: class-balanced batches (half conversions), as td-mta; the calibration shift restores the data's base rate. --no-neural-balance draws batches by count."
    )
    var neuralBalance = defaults.neural.training.balance

    @Option(help: "Neural: a conversion window's cells are enumerated exactly up to this many, sampled above.")
    var neuralExactLimit = defaults.neural.shapley.exactLimit

    @Option(help: "Neural: most permutations sampled per window above the exact limit.")
    var neuralSamples = defaults.neural.shapley.samples

    @Option(help: "Neural: sampling stops once every channel's share has at most this standard error (0: every permutation).")
    var neuralShareError = defaults.neural.shapley.shareError

    @Option(help: "Seed for every random choice (held-out splits, sampling, the neural model's training).")
    var seed = defaults.seed

    /// `40/20/40` from the default fractions.
    static func percentWeights(_ o: ModelOptions) -> String {
        [o.positionFirst, 1 - o.positionFirst - o.positionLast, o.positionLast]
            .map { String(Int(($0 * 100).rounded())) }.joined(separator: "/")
    }

    func parsedOptions() throws -> ModelOptions {
        var o = ModelOptions()
        let parts = positionWeights.split(whereSeparator: { $0 == "/" || $0 == "," }).map {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        guard parts.count == 3, let f = parts[0], let m = parts[1], let l = parts[2], f >= 0, m >= 0, l >= 0, f + m + l > 0 else {
            throw ValidationError("--position-weights must be three non-negative numbers like 40/20/40, got '\(positionWeights)'")
        }
        let total = f + m + l
        o.positionFirst = f / total
        o.positionLast = l / total
        o.halfLifeDays = halfLifeDays
        o.linearDistinctChannels = linearDistinctChannels
        if markovOrder.lowercased() == "auto" {
            o.markovOrder = .auto(maxOrder: markovMaxOrder)
        } else {
            let orders = markovOrder.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !orders.isEmpty, orders.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw ValidationError("--markov-order must be a positive whole number, a comma list of them, or auto; got '\(markovOrder)'")
            }
            o.markovOrder = .fixed(orders.map { $0! })
        }
        o.shapleyMaxPosition = shapleyMaxPosition
        o.shapleyExactMax = shapleyExactMax
        o.shapleySamples = shapleySamples
        o.seed = seed
        o.neural.lookbackDays = neuralLookbackDays
        o.neural.training.epochs = neuralEpochs
        o.neural.training.width = neuralWidth
        o.neural.training.layers = neuralLayers
        o.neural.training.balance = neuralBalance
        o.neural.training.stepsPerEpoch = try StepsPerEpoch.parse(neuralStepsPerEpoch, flag: "--neural-steps-per-epoch")
        o.neural.training.seed = seed
        o.neural.shapley.exactLimit = neuralExactLimit
        o.neural.shapley.samples = neuralSamples
        o.neural.shapley.shareError = neuralShareError
        o.neural.shapley.seed = seed
        if let problem = o.problem { throw ValidationError(problem.description) }
        return o
    }

    /// Every name of every `--models` flag, in order.
    var modelList: [String] {
        models.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Checked here, not when the models are made, so a typo is a usage error with a suggestion.
    func validate() throws {
        let known = ["all"] + ModelRegistry.names
        for name in modelList where !known.contains(name.lowercased()) {
            throw ValidationError(Suggestion.unknown("model", name, known: known))
        }
        if modelList.isEmpty { throw ValidationError("--models names no model") }
        _ = try parsedOptions()
    }

    /// Whether a named model trains a network for minutes (worth a progress meter).
    var trainsNetwork: Bool {
        modelList.contains { ModelRegistry.entry($0.trimmingCharacters(in: .whitespaces).lowercased())?.family == .neural }
    }
}
