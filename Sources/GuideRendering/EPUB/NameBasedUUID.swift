import Crypto
import Foundation

/// A name-based UUID, version 5 (RFC 9562 §5.5): the SHA-1 of a namespace UUID and a name, so
/// the same name always gives the same identifier.
public enum NameBasedUUID {
    /// The RFC's namespace for URLs (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
    public static let urlNamespace = UUID(uuid: (0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8))
    /// The RFC's namespace for domain names (`6ba7b810-9dad-11d1-80b4-00c04fd430c8`).
    public static let dnsNamespace = UUID(uuid: (0x6B, 0xA7, 0xB8, 0x10, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8))

    public static func v5(namespace: UUID, name: String) -> UUID {
        var hasher = Insecure.SHA1()
        withUnsafeBytes(of: namespace.uuid) { hasher.update(bufferPointer: $0) }
        hasher.update(data: Array(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// `urn:uuid:…` in lower case, as a package's `dc:identifier`.
    public static func urn(_ uuid: UUID) -> String {
        "urn:uuid:" + uuid.uuidString.lowercased()
    }
}
