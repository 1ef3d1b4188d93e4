/// Lowercase hex text of bytes, as SHA-256 digests are written in the store (email hashes, migration checksums).
enum Hex {
    /// The bytes as lowercase hex, written into one buffer (no string per byte).
    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)  // two digits a byte of a SHA-256 digest
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)
}
