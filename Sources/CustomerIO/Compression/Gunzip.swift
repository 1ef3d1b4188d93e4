/// Decompression of whole gzip bodies in memory, bounded so that a small body cannot expand into
/// an unbounded one (a "zip bomb").
///
/// It drives the same zlib ``Inflater`` as ``ByteSource`` (gzip with several members allowed).
///
///     let json = try Gunzip.inflate(body, limit: 512_000)
enum Gunzip {
    /// Why a body could not be decompressed.
    enum Failure: Error, Equatable {
        /// The output would exceed `limit` bytes.
        case tooLarge(limit: Int)
        /// zlib refused the data (its reason), or it ended mid-stream.
        case corrupt(String)
    }

    /// True when `bytes` start with gzip's magic number.
    static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }

    /// The decompressed bytes of a complete gzip body.
    ///
    /// - Throws: ``Failure/tooLarge(limit:)`` as soon as the output passes `limit` bytes,
    ///   ``Failure/corrupt(_:)`` for data that is not gzip or ends early.
    static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard !input.isEmpty else { throw .corrupt("the body is empty") }
        let inflater = Inflater()
        var output: [UInt8] = []
        output.reserveCapacity(min(limit + 1, max(4096, input.count * 4)))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        var offset = 0
        while true {
            let result = input.withUnsafeMutableBytes { source in
                chunk.withUnsafeMutableBytes { target in
                    inflater.inflate(input: UnsafeMutableRawBufferPointer(rebasing: source[offset...]), output: target)
                }
            }
            switch result {
            case .failure(let reason):
                throw .corrupt(reason)
            case .success(let consumed, let produced):
                offset += consumed
                guard output.count + produced <= limit else { throw .tooLarge(limit: limit) }
                output.append(contentsOf: chunk[0..<produced])
                if offset == input.count && produced < chunk.count {
                    if inflater.midStream { throw .corrupt("the gzip data ends early") }
                    return output
                }
                if consumed == 0 && produced == 0 { throw .corrupt("the gzip data ends early") }
            }
        }
    }
}
