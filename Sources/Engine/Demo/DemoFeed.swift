import Foundation

/// The demo's messages, gathered from every person and then written in delivery order.
///
/// The JSON of every message is kept in one byte arena (about 500 bytes a message), with a small record a
/// message to sort, so a million messages cost their text and 24 bytes each.
struct DemoFeed {
    private var arena: [UInt8] = []
    private var messages: [(deliveredAt: Int64, offset: Int, length: Int32, alone: Bool)] = []

    /// Adds a message sent at `ts` and delivered `delay` milliseconds later; an `alone` line (a malformed one)
    /// is never packed with others.
    mutating func add(at ts: Int64, delay: Int64 = 0, alone: Bool = false, _ json: String) {
        let offset = arena.count
        arena.append(contentsOf: json.utf8)
        messages.append((ts + delay, offset, Int32(arena.count - offset), alone))
    }

    /// Writes the messages in delivery order (ties in the order added), most alone on a line and some as
    /// `{"batch": [...]}` envelopes or arrays, as the clients and exports produce them.
    /// - Returns: how many messages it wrote.
    func write(to output: FileHandle, seed: UInt64) throws -> Int {
        var order = Array(messages.indices)
        order.sort { (messages[$0].deliveredAt, $0) < (messages[$1].deliveredAt, $1) }
        var random = DemoRandom(seed: seed ^ 0xFEED)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func append(_ index: Int) {
            let message = messages[index]
            buffer.append(contentsOf: arena[message.offset..<(message.offset + Int(message.length))])
        }
        var position = 0
        while position < order.count {
            let shape = Int.random(in: 0..<10, using: &random)
            let size = min(order.count - position, Int.random(in: 2...5, using: &random))
            let packable = !order[position..<(position + size)].contains { messages[$0].alone }
            if (shape == 0 || shape == 1) && size > 1 && packable {
                buffer.append(contentsOf: (shape == 0 ? "{\"batch\": [" : "[").utf8)
                for (offset, index) in order[position..<(position + size)].enumerated() {
                    if offset > 0 { buffer.append(contentsOf: ", ".utf8) }
                    append(index)
                }
                buffer.append(contentsOf: (shape == 0 ? "]}\n" : "]\n").utf8)
                position += size
            } else {
                append(order[position])
                buffer.append(0x0A)
                position += 1
            }
            if buffer.count > (1 << 20) - 8192 {
                try output.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try output.write(contentsOf: buffer)
        return order.count
    }
}
