import Hummingbird
import Logging
import ScanPipeline

/// Turns refusals into German error pages with the right status: a role that may not (403), a
/// forged form (403), a document that moved meanwhile (409), an unknown id (404), a bad field (400).
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let pages: PageRenderer

    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ScanServerError {
            return pages.errorPage(error, context: context)
        } catch let error as ScanPipelineError {
            context.logger.info("refused: \(error)")
            return pages.errorPage(ScanServerError(error), context: context)
        } catch let error as HTTPError where error.status == .notFound {
            return pages.errorPage(ScanServerError(.notFound, "Diese Seite gibt es nicht."), context: context)
        }
    }
}
