import Foundation
import GuideBuild
import GuideModel
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// `guidegen serve`: builds the site, serves it on 127.0.0.1, rebuilds when a file under the
/// content or theme folder changes, and reloads open pages. A failed build is shown in the
/// terminal and over the page, and the last good build keeps being served.
public struct PreviewAction: Sendable {
    public var build: BuildAction
    public var port: UInt16
    /// Seconds between looks at the source folders.
    public var pollInterval: Double = 0.5
    /// Told about every build and request problem, for the terminal.
    public var log: @Sendable (String) -> Void

    public init(build: BuildAction, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.build = build
        self.port = port
        self.log = log
    }

    public func run() throws -> Never {
        // A parent that started us from a worker thread may have blocked these; Ctrl-C and
        // `kill` must stop the preview.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        let state = NIOLockedValueBox(PreviewState())
        let cache = MemoCache()
        let reloadScript = (try? Data(contentsOf: URL(fileURLWithPath: build.themeDirectory + "/preview/reload.js"))).map { [UInt8]($0) } ?? []
        rebuild(state, cache: cache)
        let root = build.output
        let respond: @Sendable (String) -> PreviewResponse = { uri in
            let path = String(uri.prefix { $0 != "?" && $0 != "#" })
            switch path {
            case "/__guidegen/state":
                let snapshot = state.withLockedValue { $0 }
                let body =
                    (try? JSONSerialization.data(withJSONObject: ["build": snapshot.build, "errors": snapshot.errors], options: [.sortedKeys])) ?? Data()
                return PreviewResponse(status: .ok, contentType: "application/json", body: [UInt8](body))
            case "/__guidegen/reload.js":
                return PreviewResponse(status: .ok, contentType: "text/javascript; charset=utf-8", body: reloadScript)
            default:
                return PreviewFiles.response(for: path, root: root)
            }
        }
        // IPv4 loopback: 127.0.0.1 is what the terminal prints and what browsers resolve first.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 64)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(PreviewRequestHandler(respond: respond))
                }
            }
        _ = try bootstrap.bind(host: "127.0.0.1", port: Int(port)).wait()
        log("Serving \(root)/ at http://127.0.0.1:\(port)/ — edit files under \(build.contentRoot)/ or \(build.themeDirectory)/; Ctrl-C stops.")
        var watcher = SourceWatcher(folders: [build.contentRoot, build.themeDirectory])
        while true {
            Thread.sleep(forTimeInterval: pollInterval)
            let changed = watcher.changes()
            guard !changed.isEmpty else { continue }
            log("changed: \(changed.prefix(3).joined(separator: ", "))\(changed.count > 3 ? " and \(changed.count - 3) more" : "")")
            rebuild(state, cache: cache)
        }
    }

    /// Builds again, reusing what the last build computed from inputs that did not change.
    private func rebuild(_ state: NIOLockedValueBox<PreviewState>, cache: MemoCache) {
        var build = self.build
        build.cache = cache
        cache.beginBuild()
        do {
            let report = try build.run()
            log(report.summary + (cache.hits > 0 ? " (\(cache.hits) of \(cache.hits + cache.misses) results reused)" : ""))
            state.withLockedValue { $0.record(succeeded: true, errors: []) }
        } catch BuildError.contentErrors(let diagnostics) {
            let lines = diagnostics.filter { $0.severity == .error }.map(\.description)
            for line in lines { log(line) }
            log("error: the build failed; still serving the last good one")
            state.withLockedValue { $0.record(succeeded: false, errors: lines) }
        } catch {
            log("error: \(error)")
            state.withLockedValue { $0.record(succeeded: false, errors: ["\(error)"]) }
        }
    }
}

/// The build number and the errors of the last build, shared with the request handler.
struct PreviewState: Sendable {
    var build = 0
    var errors: [String] = []

    mutating func record(succeeded: Bool, errors: [String]) {
        if succeeded { build += 1 }
        self.errors = errors
    }
}

/// What the preview answers to one request.
struct PreviewResponse: Sendable {
    var status: HTTPResponseStatus
    var contentType: String?
    var body: [UInt8] = []
}

/// Answers each GET or HEAD request of a connection with `respond(uri)`; the connection stays
/// open when the client asks for it.
final class PreviewRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let respond: @Sendable (String) -> PreviewResponse
    private var head: HTTPRequestHead?

    init(respond: @escaping @Sendable (String) -> PreviewResponse) {
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            let response =
                head.method == .GET || head.method == .HEAD ? respond(head.uri) : PreviewResponse(status: .methodNotAllowed, contentType: nil)
            var headers = HTTPHeaders()
            if let type = response.contentType { headers.add(name: "Content-Type", value: type) }
            headers.add(name: "Cache-Control", value: "no-store")
            headers.add(name: "Content-Length", value: "\(response.body.count)")
            if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: response.status, headers: headers))), promise: nil)
            if head.method != .HEAD, !response.body.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
            }
            let written = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
            if !head.isKeepAlive {
                let channel = context.channel
                written.futureResult.whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}

/// Files of the built site, with the reload script added to every page.
enum PreviewFiles {
    static func response(for requestPath: String, root: String) -> PreviewResponse {
        var path = requestPath.removingPercentEncoding ?? requestPath
        if path.hasSuffix("/") { path += "index.html" }
        let parts = path.split(separator: "/")
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else {
            return PreviewResponse(status: .forbidden, contentType: nil)
        }
        let file = root + "/" + parts.joined(separator: "/")
        guard var data = FileManager.default.contents(atPath: file) else {
            return PreviewResponse(status: .notFound, contentType: "text/plain; charset=utf-8", body: Array("Not found: \(path)\n".utf8))
        }
        let type = contentType(file)
        if type.hasPrefix("text/html") {
            var html = String(decoding: data, as: UTF8.self)
            // The preview may ask its own server for the build state; a build never does.
            html = html.replacingOccurrences(of: "default-src 'none';", with: "default-src 'none'; connect-src 'self';")
            html = html.replacingOccurrences(of: "</body>", with: "<script src=\"/__guidegen/reload.js\" defer></script>\n</body>")
            data = Data(html.utf8)
        }
        return PreviewResponse(status: .ok, contentType: type, body: [UInt8](data))
    }

    static func contentType(_ file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "epub": return "application/epub+zip"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "xhtml": return "application/xhtml+xml"
        default: return "application/octet-stream"
        }
    }
}
