import Foundation

/// A TCP client on loopback for requests that misbehave: sent in pieces, stalled, cut short.
///
/// Its reads block, so they run on a thread of their own (``read()``), never on the two threads of
/// Swift's cooperative pool that the server under test needs.
final class RawConnection: @unchecked Sendable {
    // @unchecked: `socket` never changes; each test uses a connection from one task at a time.
    private let socket: Int32

    /// Connects to 127.0.0.1:`port`; reads give up after `readTimeout` seconds so a test cannot hang.
    init(port: Int, readTimeout: Int = 30) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HarnessError(description: "socket() failed") }
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            close(socket)
            throw HarnessError(description: "connect() to port \(port) failed")
        }
    }

    deinit { close(socket) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw HarnessError(description: "send() failed") }
    }

    /// Reads until the server closes the connection (or the read timeout passes); what came.
    func readUntilClosed() -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if count < 0 { return (String(decoding: received, as: UTF8.self), errno == ECONNRESET) }
            received += buffer[0..<count]
        }
    }

    /// ``readUntilClosed()`` on a thread of its own.
    func read() async -> (text: String, closed: Bool) {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.readUntilClosed()) }.start()
        }
    }

    /// Closes the sending side: the server sees the request end early.
    func shutdownWrite() { shutdown(socket, Int32(SHUT_WR)) }
}
