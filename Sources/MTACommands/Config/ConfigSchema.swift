/// Every config key, the command-line flag it stands for, and its type.
/// A flag given on the command line wins over the same key in the file.
struct ConfigKey: Sendable {
    enum Kind: Sendable, Equatable {
        case text, whole, number, flag
        /// A flag on by default: `false` in the file gives its `--no-` form.
        case switchFlag
        /// One of these words.
        case choice([String])
        /// A YAML list or one value; the flag is repeated per item.
        case repeated
        /// A YAML list or one value; joined with commas into one flag value.
        case commaList
        /// The positional input (a CSV path).
        case positional
    }

    let key: String
    let flag: String
    let kind: Kind
    let commands: Set<String>

    init(_ key: String, _ flag: String, _ kind: Kind, _ commands: Set<String> = ConfigSchema.pipelineCommands) {
        self.key = key
        self.flag = flag
        self.kind = kind
        self.commands = commands
    }

    var takesValue: Bool { kind != .flag && kind != .switchFlag && kind != .positional }

    /// `--no-neural-balance` for `--neural-balance`.
    var negatedFlag: String { "--no-" + flag.dropFirst(2) }
}

enum ConfigSchema {
    static let pipelineCommands: Set<String> = ["attribute", "run", "sql"]
    static let modelCommands: Set<String> = ["attribute", "run"]

    static let keys: [ConfigKey] = [
        ConfigKey("job_id", "--job-id", .text, modelCommands),
        // Where the data is.
        ConfigKey("source.path", "", .positional),
        ConfigKey("source.format", "--input", .choice(["events", "paths"])),
        ConfigKey("source.sqlite", "--sqlite", .text),
        ConfigKey("source.postgres", "--postgres", .text),
        ConfigKey("source.table", "--table", .text),
        ConfigKey("source.query", "--query", .text),
        ConfigKey("source.dialect", "--dialect", .text),
        ConfigKey("source.delimiter", "--delimiter", .text),
        ConfigKey("source.skip_bad_rows", "--skip-bad-rows", .flag, modelCommands),
        // Which column holds what.
        ConfigKey("columns.user", "--user-column", .text),
        ConfigKey("columns.event", "--event-column", .text),
        ConfigKey("columns.time", "--time-column", .text),
        ConfigKey("columns.value", "--value-column", .text),
        ConfigKey("columns.path", "--path-column", .text, modelCommands),
        ConfigKey("columns.conversions", "--conversions-column", .text, modelCommands),
        ConfigKey("columns.nulls", "--nulls-column", .text, modelCommands),
        ConfigKey("columns.separator", "--separator", .text, modelCommands),
        ConfigKey("conversion.event", "--conversion-event", .text),
        ConfigKey("conversion.column", "--conversion-column", .text),
        // How events become journeys and paths.
        ConfigKey("journeys.rule", "--journey", .choice(["first-conversion", "every-conversion"])),
        ConfigKey("journeys.lookback_days", "--lookback-days", .number),
        ConfigKey("journeys.top_channels", "--top-channels", .whole),
        ConfigKey("journeys.collapse_repeats", "--collapse-repeats", .flag),
        ConfigKey("journeys.path_transform", "--path-transform", .choice(["unique", "exposure", "first", "frequency"])),
        ConfigKey("journeys.max_path_length", "--max-path-length", .whole),
        ConfigKey("journeys.remove_if_not_all", "--remove-if-not-all", .repeated),
        ConfigKey("journeys.remove_if_last_and_not_all", "--remove-if-last-and-not-all", .repeated),
        // Models and their settings.
        ConfigKey("models.list", "--models", .commaList, modelCommands),
        ConfigKey("models.linear_distinct_channels", "--linear-distinct-channels", .flag, modelCommands),
        ConfigKey("models.position_weights", "--position-weights", .text, modelCommands),
        ConfigKey("models.half_life_days", "--half-life-days", .number, modelCommands),
        ConfigKey("models.markov_order", "--markov-order", .commaList, modelCommands),
        ConfigKey("models.markov_max_order", "--markov-max-order", .whole, modelCommands),
        ConfigKey("models.shapley_max_position", "--shapley-max-position", .whole, modelCommands),
        ConfigKey("models.shapley_exact_max", "--shapley-exact-max", .whole, modelCommands),
        ConfigKey("models.shapley_samples", "--shapley-samples", .whole, modelCommands),
        ConfigKey("models.neural_lookback_days", "--neural-lookback-days", .whole, modelCommands),
        ConfigKey("models.neural_epochs", "--neural-epochs", .whole, modelCommands),
        ConfigKey("models.neural_steps_per_epoch", "--neural-steps-per-epoch", .text, modelCommands),
        ConfigKey("models.neural_width", "--neural-width", .whole, modelCommands),
        ConfigKey("models.neural_layers", "--neural-layers", .whole, modelCommands),
        ConfigKey("models.neural_balance", "--neural-balance", .switchFlag, modelCommands),
        ConfigKey("models.neural_exact_limit", "--neural-exact-limit", .whole, modelCommands),
        ConfigKey("models.neural_samples", "--neural-samples", .whole, modelCommands),
        ConfigKey("models.neural_share_error", "--neural-share-error", .number, modelCommands),
        ConfigKey("models.seed", "--seed", .whole, modelCommands),
        ConfigKey("models.intervals", "--intervals", .flag, modelCommands),
        ConfigKey("models.bootstrap", "--bootstrap", .whole, modelCommands),
        // Where results go.
        ConfigKey("output.directory", "--out", .text, ["attribute"]),
        ConfigKey("output.data_dir", "--data-dir", .text, ["run", "runs"]),
        ConfigKey("output.write_paths", "--write-paths", .flag, modelCommands),
        ConfigKey("output.timings", "--timings", .flag, modelCommands),
        ConfigKey("output.tables.enabled", "--write-tables", .flag, modelCommands),
        ConfigKey("output.tables.url", "--tables-url", .text, modelCommands.union(["runs"])),
        ConfigKey("output.tables.prefix", "--table-prefix", .text, modelCommands.union(["runs"])),
        ConfigKey("output.tables.mode", "--write-mode", .choice(["overwrite", "append"]), modelCommands),
        // The scheduled job (`mta run`).
        ConfigKey("run.spend", "--spend", .text, ["run"]),
        ConfigKey("run.conversion_window", "--conversion-window", .text, ["run", "sql"]),
        ConfigKey("run.from", "--from", .text, ["run", "sql"]),
        ConfigKey("run.to", "--to", .text, ["run", "sql"]),
        ConfigKey("run.quiet", "--quiet", .flag, ["run"]),
        ConfigKey("run.log_format", "--log-format", .choice(["text", "json"]), ["run"]),
    ]

    static func key(_ name: String) -> ConfigKey? { keys.first { $0.key == name } }
    static func flag(_ flag: String) -> ConfigKey? { keys.first { $0.flag == flag } }
}
