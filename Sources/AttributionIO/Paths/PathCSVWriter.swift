import AttributionCore

/// The path table in ChannelAttribution's format (`path,total_conversions,
/// total_conversion_value,total_null`, channels joined by `>`), readable by
/// `mta attribute --input paths` and by the Python peers. Conversions with no
/// touch have no path and are left out.
public enum PathCSVWriter {
    public static let fileName = "paths.csv"

    public static func csv(_ paths: PathTable) -> String {
        var w = CSVWriter(header: ["path", "total_conversions", "total_conversion_value", "total_null"])
        for p in 0..<paths.count {
            let path = paths.path(p).map { paths.channels[$0] }.joined(separator: ">")
            w.appendRow([
                path, CSVWriter.number(paths.conversions[p]), CSVWriter.number(paths.value[p]),
                CSVWriter.number(paths.nulls[p]),
            ])
        }
        return w.text
    }
}
