import Foundation
import Pinterest
import Store

/// How a person of the suppression export is written.
enum SuppressionRow {

    /// The columns and the encoding of a line, for one format and hashing.
    struct Layout {
        var format: SuppressionExport.Format
        var hashing: SuppressionExport.Hashing

        private var emailKey: String { hashing == .sha256 ? "email_sha256" : "email" }
        private var phoneKey: String { hashing == .sha256 ? "phone_sha256" : "phone" }

        /// The CSV header line.
        var header: String {
            ["user_id", "anonymous_id", emailKey, phoneKey, "segments"].joined(separator: ",") + "\n"
        }

        /// The row's line, newline included.
        func line(_ row: SuppressedPerson) -> String {
            let email = hashing == .sha256 ? row.emailHash : row.email
            let phone = hashing == .sha256
                ? row.phone.flatMap { PinterestHashing.hashed($0, normalizedBy: { Identifiers.normalizedPhone($0) }) }
                : row.phone
            switch format {
            case .csv:
                return [row.userId, row.anonymousId, email, phone, row.segments.joined(separator: ";")]
                    .map { Self.csvField($0 ?? "") }.joined(separator: ",") + "\n"
            case .ndjson:
                let fields: [(String, String?)] = [
                    ("user_id", row.userId), ("anonymous_id", row.anonymousId), (emailKey, email), (phoneKey, phone),
                ]
                let parts = fields.map { "\(Self.jsonString($0.0)):\($0.1.map(Self.jsonString) ?? "null")" }
                let segments = "[" + row.segments.map(Self.jsonString).joined(separator: ",") + "]"
                return "{" + parts.joined(separator: ",") + ",\"segments\":\(segments)}\n"
            }
        }

        /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
        static func csvField(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }

        /// A JSON string literal.
        static func jsonString(_ text: String) -> String {
            var result = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                case let c where c.value < 0x20: result += String(format: "\\u%04x", c.value)
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result + "\""
        }
    }
}
