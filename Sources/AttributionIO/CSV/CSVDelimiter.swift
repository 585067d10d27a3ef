/// The byte between fields: a comma unless told otherwise (`--delimiter`) or the
/// header line shows another (European spreadsheet exports use `;`, databases tabs).
public enum CSVDelimiter {
    public static let comma = UInt8(ascii: ",")
    public static let semicolon = UInt8(ascii: ";")
    public static let tab = UInt8(ascii: "\t")
    public static let pipe = UInt8(ascii: "|")

    /// The delimiters the reader accepts, as a user writes them.
    public static let spellings = "',', ';', tab (or \\t) or '|'"

    /// `,` `;` `|`, and a tab as the character, `\t` or `tab`.
    public static func parse(_ text: String) -> UInt8? {
        switch text {
        case ",": comma
        case ";": semicolon
        case "|": pipe
        case "\t", "\\t", "tab", "TAB", "Tab": tab
        default: nil
        }
    }

    /// A readable name for messages.
    public static func name(_ byte: UInt8) -> String {
        byte == tab ? "tab" : "'\(Character(Unicode.Scalar(byte)))'"
    }

    /// Guesses from the header line: a comma if it has one (the default), else `;`
    /// or a tab if it has one of those; a one-column header stays comma-separated.
    static func detect(headerLine: UnsafeBufferPointer<UInt8>) -> UInt8 {
        if headerLine.contains(comma) { return comma }
        if headerLine.contains(semicolon) { return semicolon }
        if headerLine.contains(tab) { return tab }
        return comma
    }
}
