import Foundation
import ZIPFoundation

/// Packs an EPUB bundle into the `.epub` ZIP container (EPUB 3.3 OCF).
///
/// `mimetype` is the first entry and stored uncompressed, so that its name and
/// `application/epub+zip` sit at fixed offsets; every other entry is deflated. Entries keep the
/// bundle's order and all carry the build's timestamp, so the same bundle always gives the same
/// bytes.
public enum EPUBPackager {
    public struct PackError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot pack the ebook: \(reason)" }
    }

    /// The ZIP bytes of `files` (paths relative to the bundle root).
    public static func pack(_ files: [OutputFile], timestamp: BuildTimestamp) throws -> [UInt8] {
        guard let mimetype = files.first(where: { $0.path == "mimetype" }) else {
            throw PackError(reason: "the bundle has no 'mimetype' file")
        }
        let ordered = [mimetype] + files.filter { $0.path != "mimetype" }
        let date = timestamp.date
        do {
            let archive = try Archive(accessMode: .create)
            for file in ordered {
                let bytes = Data(file.bytes)
                try archive.addEntry(
                    with: file.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                    permissions: 0o644, compressionMethod: file.path == "mimetype" ? .none : .deflate,
                    provider: { position, size in
                        let start = Int(position)
                        return bytes.subdata(in: start..<min(start + size, bytes.count))
                    })
            }
            guard let data = archive.data else { throw PackError(reason: "the archive has no data") }
            return [UInt8](data)
        } catch let error as PackError {
            throw error
        } catch {
            throw PackError(reason: "\(error)")
        }
    }
}
