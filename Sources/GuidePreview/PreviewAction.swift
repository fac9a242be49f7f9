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
        // The port first: a busy one is reported before any build. Pages asked for before the
        // first build ends are the last preview's, then reload.
        do {
            _ = try bootstrap.bind(host: "127.0.0.1", port: Int(port)).wait()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw BuildError.io("127.0.0.1:\(port)", "the port is in use (another preview?); choose another with --port")
        } catch {
            throw BuildError.io("127.0.0.1:\(port)", "cannot serve there: \(error)")
        }
        rebuild(state, cache: cache)
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
