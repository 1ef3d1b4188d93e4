import CZlib
import Foundation

/// zlib's inflate for gzip, handling files made of several gzip members.
final class Inflater {
    private var stream = z_stream()
    private(set) var midStream = false

    enum Result {
        case success(consumed: Int, produced: Int)
        case failure(String)
    }

    init() {
        _ = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    }

    deinit { inflateEnd(&stream) }

    func inflate(input: UnsafeMutableRawBufferPointer, output: UnsafeMutableRawBufferPointer) -> Result {
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        if input.count > 0 { midStream = true }
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.avail_in)
        let produced = output.count - Int(stream.avail_out)
        switch status {
        case Z_OK, Z_BUF_ERROR:
            return .success(consumed: consumed, produced: produced)
        case Z_STREAM_END:
            midStream = false
            inflateReset(&stream)
            return .success(consumed: consumed, produced: produced)
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
            return .failure(message)
        }
    }
}
