import Foundation
import Pinterest
import Yams

extension ConversionsConfiguration {
    /// The file `segsync conversions` reads when `--config` is not given and it exists.
    public static let defaultFileName = "conversions.yml"

    /// Reads a `conversions.yml`. Every key is optional; a key left out keeps its default.
    ///
    /// ```yaml
    /// events:                    # replaces the whole default map when given
    ///   Add to Cart: add_to_cart
    ///   Product Added: add_to_cart
    ///   Checkout Started: initiate_checkout
    ///   Order Completed: checkout
    ///   Purchase: checkout
    ///   Product Viewed: page_visit
    ///   Lead Captured: lead
    /// event_id_property: pin_event_id   # default: none (order_id for purchases, else the messageId)
    /// max_age: 7d                # s, m, h, d or w; default 7d
    /// cart_window: 30m           # default 30m
    /// default_action_source: web # web, app_android, app_ios or offline; default web
    /// default_calling_code: "1"  # default: none
    /// ```
    ///
    /// - Parameters:
    ///   - yaml: The file's text.
    ///   - file: Its name, for error messages.
    /// - Throws: ``ConversionsConfigurationError`` naming the line and the problem.
    public init(yaml: String, file: String = ConversionsConfiguration.defaultFileName) throws {
        self.init()
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConversionsConfigurationError(file: file, line: Self.line(of: error), problem: "not YAML: \(error)")
        }
        guard let root, !Self.isNull(root) else { return }
        guard let mapping = root.mapping else {
            throw ConversionsConfigurationError(file: file, line: root.mark?.line, problem: "expected a mapping")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let error = { (problem: String) in
                ConversionsConfigurationError(
                    file: file, line: value.mark?.line ?? keyNode.mark?.line, problem: problem
                )
            }
            switch key {
            case "events":
                events = try Self.events(value, file: file)
            case "event_id_property":
                eventIDProperty = Self.isNull(value) ? nil : try Self.text(value, key, error)
            case "max_age":
                maxAge = try Self.duration(value, key, error)
            case "cart_window":
                cartWindow = try Self.duration(value, key, error)
            case "default_action_source":
                let text = try Self.text(value, key, error)
                guard let source = ConversionActionSource(rawValue: text) else {
                    let known = ConversionActionSource.allCases.map(\.rawValue).joined(separator: ", ")
                    throw error("default_action_source '\(text)' is not one of \(known)")
                }
                defaultActionSource = source
            case "default_calling_code":
                let digits = try Self.text(value, key, error).filter { $0 != "+" }
                guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    throw error("default_calling_code must be 1 to 4 digits, as in \"1\" or \"44\"")
                }
                defaultCallingCode = digits
            default:
                throw ConversionsConfigurationError(
                    file: file, line: keyNode.mark?.line,
                    problem: "unknown key '\(key)'; the keys are events, event_id_property, max_age, cart_window, "
                        + "default_action_source, default_calling_code"
                )
            }
        }
    }

    /// Reads the file at `path`.
    ///
    /// - Throws: ``ConversionsConfigurationError`` when it cannot be read or is not a valid configuration.
    public static func load(path: String) throws -> ConversionsConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConversionsConfigurationError(file: path, line: nil, problem: "cannot be read")
        }
        return try ConversionsConfiguration(yaml: text, file: path)
    }

    /// The configuration a command uses: the file `path` names (`--config`), else the one
    /// `SEGSYNC_CONVERSIONS` names, else ``defaultFileName`` in the working directory when it exists, else
    /// the built-in ``standard`` map and limits.
    ///
    /// - Throws: ``ConversionsConfigurationError`` when the file named or found cannot be read or is not valid.
    public static func locate(path: String?, environment: [String: String]) throws -> ConversionsConfiguration {
        if let named = path ?? environment["SEGSYNC_CONVERSIONS"], !named.isEmpty {
            return try load(path: named)
        }
        return FileManager.default.fileExists(atPath: defaultFileName) ? try load(path: defaultFileName) : .standard
    }

    private static func events(_ node: Node, file: String) throws -> [String: ConversionEventName] {
        guard let mapping = node.mapping else {
            throw ConversionsConfigurationError(
                file: file, line: node.mark?.line,
                problem: "events must map Customer.io event names to Pinterest event names"
            )
        }
        var events: [String: ConversionEventName] = [:]
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            let pinterest = value.string ?? ""
            guard let event = ConversionEventName(rawValue: pinterest) else {
                let known = ConversionEventName.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConversionsConfigurationError(
                    file: file, line: value.mark?.line,
                    problem: "'\(pinterest)' (for \(name)) is not a Pinterest event name; use one of \(known)"
                )
            }
            guard !name.isEmpty else {
                throw ConversionsConfigurationError(file: file, line: keyNode.mark?.line, problem: "empty event name")
            }
            events[name] = event
        }
        return events
    }

    private static func text(
        _ node: Node, _ key: String, _ error: (String) -> ConversionsConfigurationError
    ) throws -> String {
        guard node.scalar != nil, !isNull(node), let text = node.string, !text.isEmpty else {
            throw error("\(key) must be a text")
        }
        return text
    }

    /// `30m`, `7d`, `90s`, `12h`, `2w`, or a number of seconds.
    private static func duration(
        _ node: Node, _ key: String, _ error: (String) -> ConversionsConfigurationError
    ) throws -> Duration {
        let text = try self.text(node, key, error).trimmingCharacters(in: .whitespaces)
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var digits = Substring(text)
        var unit: Int64 = 1
        if let last = text.last, let seconds = units[last] {
            digits = text.dropLast()
            unit = seconds
        }
        guard let count = Int64(digits), count > 0, count <= 3650 * 86_400 / unit else {
            throw error("\(key) '\(text)' is not a duration such as 30m, 12h or 7d")
        }
        return .seconds(count * unit)
    }

    private static func isNull(_ node: Node) -> Bool { node.tag.rawValue == Tag.Name.null.rawValue }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}

/// A `conversions.yml` that cannot be used: where and why, in one line.
public struct ConversionsConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line, 1-based, when known.
    public var line: Int?
    /// What is wrong.
    public var problem: String

    /// `conversions.yml:3: 'purchase' (for Order Completed) is not a Pinterest event name; use one of …`.
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)" }
}
