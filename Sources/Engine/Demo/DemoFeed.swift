import Foundation

/// The demo's messages, gathered from every person and then written in delivery order.
///
/// Messages go to one spill file a day of delivery, in a temporary folder, as they are made; writing reads
/// the days back in order and sorts each in memory. So a feed of millions of messages needs the memory of
/// its busiest day, not of the whole feed.
final class DemoFeed {
    private let directory: URL
    private let origin: Int64
    private var buffers: [Int: [UInt8]] = [:]
    private var handles: [Int: FileHandle] = [:]
    private var failure: (any Error)?
    private static let day: Int64 = 86_400_000

    /// A feed whose days are counted from `origin` (ms); earlier messages go to the first day.
    init(origin: Int64) throws {
        self.origin = origin
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("segsync-demo-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        for handle in handles.values { try? handle.close() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Adds a message sent at `ts` and delivered `delay` milliseconds later; an `alone` line (a malformed one)
    /// is never packed with others.
    func add(at ts: Int64, delay: Int64 = 0, alone: Bool = false, _ json: String) {
        let deliveredAt = ts + delay
        let day = Int(max(0, (deliveredAt - origin) / Self.day))
        // Appended in place: a copy of the day's buffer per message would cost its whole size each time.
        withUnsafeBytes(of: deliveredAt.littleEndian) { buffers[day, default: []].append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(json.utf8.count).littleEndian) { buffers[day, default: []].append(contentsOf: $0) }
        buffers[day, default: []].append(alone ? 1 : 0)
        buffers[day, default: []].append(contentsOf: json.utf8)
        if let buffer = buffers[day], buffer.count >= 1 << 18 {
            buffers[day] = nil
            spill(day, buffer)
        }
    }

    private func spill(_ day: Int, _ bytes: [UInt8]) {
        guard failure == nil else { return }
        do {
            if handles[day] == nil {
                let url = directory.appendingPathComponent("day-\(day)")
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
                }
                handles[day] = try FileHandle(forWritingTo: url)
            }
            try handles[day]?.write(contentsOf: bytes)
        } catch {
            failure = error
        }
    }

    /// Writes the messages in delivery order (ties in the order added), most alone on a line and some as
    /// `{"batch": [...]}` envelopes or arrays, as the clients and exports produce them.
    /// - Returns: how many messages it wrote.
    func write(to output: FileHandle, seed: UInt64) throws -> Int {
        for (day, buffer) in buffers where !buffer.isEmpty { spill(day, buffer) }
        buffers = [:]
        for handle in handles.values { try handle.close() }
        if let failure { throw failure }
        var random = DemoRandom(seed: seed ^ 0xFEED)
        var written = 0
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        for day in handles.keys.sorted() {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("day-\(day)")))
            var messages: [(deliveredAt: Int64, offset: Int, length: Int, alone: Bool)] = []
            var position = 0
            while position + 13 <= bytes.count {
                let deliveredAt = bytes[position..<(position + 8)].reversed().reduce(Int64(0)) { $0 << 8 | Int64($1) }
                let length = bytes[(position + 8)..<(position + 12)].reversed().reduce(0) { $0 << 8 | Int($1) }
                messages.append((deliveredAt, position + 13, length, bytes[position + 12] == 1))
                position += 13 + length
            }
            var order = Array(messages.indices)
            order.sort { (messages[$0].deliveredAt, $0) < (messages[$1].deliveredAt, $1) }
            func append(_ index: Int) {
                let message = messages[index]
                out.append(contentsOf: bytes[message.offset..<(message.offset + message.length)])
            }
            var next = 0
            while next < order.count {
                let shape = Int.random(in: 0..<10, using: &random)
                let size = min(order.count - next, Int.random(in: 2...5, using: &random))
                let packable = !order[next..<(next + size)].contains { messages[$0].alone }
                if (shape == 0 || shape == 1) && size > 1 && packable {
                    out.append(contentsOf: (shape == 0 ? "{\"batch\": [" : "[").utf8)
                    for (offset, index) in order[next..<(next + size)].enumerated() {
                        if offset > 0 { out.append(contentsOf: ", ".utf8) }
                        append(index)
                    }
                    out.append(contentsOf: (shape == 0 ? "]}\n" : "]\n").utf8)
                    next += size
                } else {
                    append(order[next])
                    out.append(0x0A)
                    next += 1
                }
                if out.count > (1 << 20) - 8192 {
                    try output.write(contentsOf: out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            written += order.count
        }
        try output.write(contentsOf: out)
        return written
    }
}
