import Foundation
import NIOCore
import NIOHTTP1

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
