import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The request log: one JSON line per request, appended to a file that several stand-ins (in one test run, or
/// several processes) may share.
///
/// Each line is `{"method", "path", "template", "operation_id", "query", "body"}`: `path` is the concrete path as
/// received (prefix included), `template` the spec's path template (absent for unknown paths), `body` the JSON
/// body (`null` when there is none) or, when the body is not JSON, `body_text` with it verbatim. Each line is
/// one `write` to a file opened with `O_APPEND`, so concurrent writers never interleave within a line.
struct RequestLogFile: Sendable {
    let path: String

    func append(_ request: RecordedRequest) {
        var line: [String: JSONValue] = [
            "method": .string(request.method),
            "path": .string(request.path),
            "query": .object(request.query.mapValues(JSONValue.string)),
        ]
        if let operation = request.operation {
            line["template"] = .string(operation.template)
            line["operation_id"] = .string(operation.rawValue)
        }
        if request.body.isEmpty {
            line["body"] = .null
        } else if let body = JSONValue.parse(request.body) {
            line["body"] = body
        } else {
            line["body"] = .null
            line["body_text"] = .string(request.bodyText)
        }
        var bytes = JSONValue.object(line).data
        bytes.append(UInt8(ascii: "\n"))
        appendLine(bytes)
    }

    private func appendLine(_ bytes: Data) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
