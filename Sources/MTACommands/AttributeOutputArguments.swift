import ArgumentParser

/// Where `attribute` writes and what else it prints: one group in its help.
struct AttributeOutputArguments: ParsableArguments {
    @Option(help: "Output folder for attribution.csv, attribution.json and model tables (replaced whole).")
    var out = "results"

    @Flag(help: "Also write the path table (ChannelAttribution format) as paths.csv in the output folder.")
    var writePaths = false

    @Flag(help: "Print the time each phase took to standard error.")
    var timings = false
}
