import CustomerIO
import Store

/// Decodes messages the way ingest does, for tests that call the store directly.
enum MessageDecoderProbe {
    static func items(_ lines: [String]) -> [IngestItem] {
        let decoder = MessageDecoder(source: "probe")
        return lines.flatMap { decoder.decode($0) }
    }
}
