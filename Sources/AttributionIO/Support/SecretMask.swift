import Synchronization

/// Secrets of this process (values expanded from `${VAR}` in the config, URL
/// passwords): every line shown to a user or written to a file passes through
/// `mask`, so a secret never appears in errors, logs or `attribution.json`.
public enum SecretMask {
    private static let secrets = Mutex<[String]>([])

    public static func register(_ values: [String]) {
        let kept = values.filter { $0.count >= 3 }
        secrets.withLock { $0.append(contentsOf: kept) }
    }

    public static func mask(_ text: String) -> String {
        var out = text
        for secret in secrets.withLock({ $0 }) where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: "***")
        }
        return maskURLPasswords(out)
    }

    /// `scheme://user:password@host` → `scheme://user:***@host`.
    public static func maskURLPasswords(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == " " || $0 == "?" || $0 == "'" || $0 == "\"" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out += authority[..<colon] + ":***" + authority[at...]
                rest = rest[authorityEnd...]
            }
        }
        return out + rest
    }
}
