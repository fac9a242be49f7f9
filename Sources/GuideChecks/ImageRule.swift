import GuideModel

/// Images are local files inside the content folder (a remote image would tell a third party who
/// reads the guide) and every image has alt text.
public struct ImageRule: PageRule {
    public init() {}

    public static let allowedExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp"]

    public func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for image in facts.images {
            let (source, at) = (image.source, image.location)
            if image.alt.trimmingSpaces.isEmpty {
                found.append(.error("image-alt", "the image '\(source)' has no alt text; describe it inside the brackets", at: at))
            }
            switch LinkTarget(source) {
            case .external:
                found.append(
                    .error(
                        "remote-image",
                        "images must be files in the content folder, not web addresses: loading '\(source)' would tell another site who reads the guide", at: at
                    ))
            case .unsafeScheme(let scheme):
                found.append(.error("unsafe-link", "images with '\(scheme):' are not allowed; use a file in the content folder", at: at))
            case .anchor, .page:
                found.append(.error("missing-image", "'\(source)' is not an image file", at: at))
            case .file(let path):
                guard let resolved = LinkTarget.contentPath(path, locale: page.contentLocale) else {
                    found.append(.error("path-escape", "the image path '\(path)' leaves the content folder", at: at))
                    continue
                }
                let ext = resolved.split(separator: ".").last.map { $0.lowercased() } ?? ""
                if !Self.allowedExtensions.contains(ext) {
                    found.append(.error("image-format", "'\(path)' is not a PNG, JPEG, GIF or WebP image", at: at))
                } else if !context.assets.contains(resolved) {
                    found.append(.error("missing-image", "the image '\(path)' does not exist (looked for '\(context.contentRoot)/\(resolved)')", at: at))
                }
            }
        }
        return found
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
