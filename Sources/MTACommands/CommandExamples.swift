/// The EXAMPLES that end a subcommand's `--help`: ArgumentParser puts a command's
/// discussion above its options, where examples would be scrolled past.
enum CommandExamples {
    static let bySubcommand: [String: [(String, String)]] = [
        "attribute": [
            (
                "Every model on an event CSV, results in results/",
                "mta attribute events.csv --conversion-event purchase --value-column revenue"
            ),
            (
                "Two models, with 95 % bootstrap intervals",
                "mta attribute events.csv --conversion-event purchase --models markov,shapley --intervals"
            ),
            (
                "A ChannelAttribution path table (models that need touch times are skipped)",
                "mta attribute paths.csv --input paths --models all"
            ),
            (
                "Events from PostgreSQL, result tables written back",
                "mta attribute --postgres postgres://user@host/db --table events --conversion-event purchase --write-tables"
            ),
        ],
        "run": [
            (
                "The scheduled job from a config file (see `mta init`)",
                "mta run --config mta.yaml"
            ),
            (
                "The last 30 complete days, with spend for ROAS",
                "mta run events.csv --conversion-event purchase --conversion-window 30d --spend spend.csv"
            ),
        ],
        "evaluate": [
            (
                "Rank the models on generated data with a known truth",
                "mta generate --truth truth.csv --out events.csv && mta evaluate events.csv --conversion-event purchase --truth truth.csv"
            )
        ],
    ]

    /// The examples of the subcommand whose help `arguments` asked for, if it has any.
    static func text(forHelp arguments: [String]) -> String? {
        guard let name = arguments.first(where: { bySubcommand[$0] != nil }), let examples = bySubcommand[name] else { return nil }
        let lines = examples.map { "  # \($0.0)\n  \($0.1)" }
        return "EXAMPLES:\n" + lines.joined(separator: "\n\n")
    }
}
