import Hummingbird

/// Times every request for the metrics, and renders any error the router throws (an unknown
/// route, say) as the JSON error the clients understand.
struct AnswerMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: IngestMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as IngestHTTPError {
            response = error.response()
        } catch let error as any HTTPResponseError {
            let message =
                error.status == .notFound
                ? "no endpoint \(request.method) \(request.uri.path.prefix(100))"
                : error.status.reasonPhrase
            response = IngestHTTPError.http(status: error.status.code, message: message).response()
        } catch {
            response = IngestHTTPError.http(status: 500, message: "internal error").response()
        }
        let route = context.endpointPath ?? "other"
        let seconds = IngestWriter.seconds(since: started)
        metrics.record(route: route, status: response.status.code, seconds: seconds)
        context.logger.debug(
            "http.request",
            metadata: [
                "http.route": "\(route)", "http.status": "\(response.status.code)",
                "http.duration_ms": "\(Int(seconds * 1000))",
            ])
        return response
    }
}
