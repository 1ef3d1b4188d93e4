import Foundation

/// Everything a stand-in holds: lists, audiences, events, the fault queue and the request record.
///
/// An actor, because the server's connections and the test driving it share it. Every handler runs without
/// suspending, so each request is applied atomically, in arrival order.
actor StandInState {
    let configuration: StandInConfiguration
    private let requestLog: RequestLogFile?
    private var nextID: Int64 = 549_755_885_100
    var lists: [String: StandInCustomerList] = [:]
    var audiences: [String: StandInAudience] = [:]
    var events: [ReceivedConversionEvent] = []
    private var faults: [PendingFault] = []
    private(set) var requests: [RecordedRequest] = []

    init(configuration: StandInConfiguration) {
        self.configuration = configuration
        self.requestLog = configuration.requestLogPath.map(RequestLogFile.init(path:))
    }

    /// A fresh id: digits, increasing, so that id order is creation order.
    func makeID() -> String {
        nextID += 1
        return String(nextID)
    }

    /// The stand-in's time, Unix seconds.
    var nowSeconds: Int64 { Int64(configuration.now().timeIntervalSince1970) }

    // MARK: Requests and faults

    /// Records a request (and appends it to the request log), then takes the first queued fault that matches it.
    func receive(
        method: String, path: String, operation: StandInOperation?, query: [String: String],
        headers: [String: String], body: Data
    ) -> StandInFault? {
        let request = RecordedRequest(
            sequence: requests.count, method: method, path: path, operation: operation, query: query,
            headers: headers.filter { $0.key != "authorization" }, body: body, receivedAt: .now
        )
        requests.append(request)
        requestLog?.append(request)
        guard let index = faults.firstIndex(where: { $0.operation == nil || $0.operation == operation }) else {
            return nil
        }
        return faults.remove(at: index).fault
    }

    func enqueue(_ fault: StandInFault, on operation: StandInOperation?, times: Int) {
        for _ in 0..<max(0, times) { faults.append(PendingFault(fault: fault, operation: operation)) }
    }

    var pendingFaultCount: Int { faults.count }

    func clearFaults() { faults.removeAll() }

    func clearRequests() { requests.removeAll() }

    // MARK: Dispatch

    /// Applies one authorised-or-not request and returns the answer.
    func handle(
        _ operation: StandInOperation, parameters: [String: String], query: [String: String], body: Data,
        authorization: String?
    ) -> StandInReply {
        guard let authorization, authorization.hasPrefix("Bearer "),
            configuration.accessTokens.contains(String(authorization.dropFirst("Bearer ".count)))
        else { return .unauthenticated }
        let account = parameters["ad_account_id"] ?? ""
        guard !account.isEmpty, account.count <= 18, account.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .error(400, code: 400, "Invalid ad account id")
        }
        guard configuration.adAccountIDs.isEmpty || configuration.adAccountIDs.contains(account) else {
            return .forbidden
        }
        do {
            switch operation {
            case .listCustomerLists: return try listCustomerLists(account: account, query: query)
            case .getCustomerList: return try getCustomerList(account: account, id: parameters["customer_list_id"])
            case .createCustomerList: return try createCustomerList(account: account, body: body)
            case .updateCustomerList:
                return try updateCustomerList(account: account, id: parameters["customer_list_id"], body: body)
            case .listAudiences: return try listAudiences(account: account, query: query)
            case .getAudience: return try getAudience(account: account, id: parameters["audience_id"])
            case .createAudience: return try createAudience(account: account, body: body)
            case .sendEvents: return try sendEvents(account: account, query: query, body: body)
            }
        } catch let error as StandInReplyError {
            return error.reply
        } catch {
            return .error(500, code: 500, "Internal server error.")
        }
    }
}

/// A reply carried as an error, so that validation helpers can end a handler early.
struct StandInReplyError: Error {
    var reply: StandInReply
    init(_ reply: StandInReply) { self.reply = reply }
}

/// What the stand-in answers: a status, a JSON body, and extra headers.
struct StandInReply: Sendable {
    var status: Int
    var body: JSONValue
    var headers: [String: String] = [:]

    /// A success with `body`.
    static func ok(_ body: JSONValue) -> StandInReply {
        StandInReply(status: 200, body: body)
    }

    /// Pinterest's error shape, `{code, message}`.
    static func error(_ status: Int, code: Int, _ message: String, retryAfter: String? = nil) -> StandInReply {
        var reply = StandInReply(
            status: status, body: .object(["code": .integer(Int64(code)), "message": .string(message)])
        )
        if let retryAfter { reply.headers["Retry-After"] = retryAfter }
        return reply
    }

    /// 400 with Pinterest's code 1 and `Invalid request: …`.
    static func invalid(_ detail: String) -> StandInReply {
        .error(400, code: 1, "Invalid request: \(detail)")
    }

    /// 401 with Pinterest's code 2.
    static let unauthenticated = StandInReply.error(401, code: 2, "Authentication failed.")

    /// 403 with Pinterest's code 29.
    static let forbidden = StandInReply.error(403, code: 29, "You are not permitted to access that resource.")

    /// 404 with `message`.
    static func notFound(_ message: String) -> StandInReply {
        .error(404, code: 404, message)
    }
}
