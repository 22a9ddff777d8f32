#if canImport(Glibc)
import Glibc
#endif

/// Web addresses from feeds: only http and https ever become links, relative ones are resolved against
/// the page they came from, and nothing with a control character, a space or a bidi override passes.
/// For example `WebLink.resolve("/a?b=1", against: "https://example.com/news/x")` is
/// `https://example.com/a?b=1`, and `WebLink.resolve("javascript:alert(1)", against: nil)` is nil.
///
/// Worked on UTF-8 bytes: every item of a feed has a link or two, and this runs for each.
enum WebLink {
    /// The absolute http(s) address `reference` points to, or nil.
    static func resolve(_ reference: String, against base: String?) -> String? {
        let trimmed = trimmedOfWhiteSpace(reference)
        guard !trimmed.isEmpty, isAllowed(trimmed) else { return nil }
        let bytes = Array(trimmed.utf8)
        // Nearly every link in a feed is already a whole address written as it should be: it is kept as is.
        if starts(bytes, with: "https://") || starts(bytes, with: "http://") {
            return hostRange(bytes) != nil ? trimmed : nil
        }
        if let scheme = scheme(bytes) {
            // Only a whole address: `https://host…`, with a host; the scheme in lower case (`HTTPS:` is
            // the same scheme, and what opens links and what shows them expect one spelling).
            guard scheme == .http || scheme == .https, hostRange(bytes) != nil else { return nil }
            let colon = bytes.firstIndex(of: 0x3A)!
            return String(decoding: bytes[..<colon].map { $0 | 0x20 } + bytes[colon...], as: UTF8.self)
        }
        // The base must pass the same checks as any link: a relative link inherits everything in it.
        guard let base, isAllowed(base), let baseScheme = scheme(Array(base.utf8)), baseScheme == .http || baseScheme == .https,
              let baseHost = hostRange(Array(base.utf8)) else { return nil }
        let baseBytes = Array(base.utf8)
        let origin = baseBytes[..<baseHost.authorityEnd]
        if bytes.starts(with: [0x2F, 0x2F]) { return (baseScheme == .http ? "http:" : "https:") + trimmed }
        if bytes.first == 0x2F { return String(decoding: origin + bytes, as: UTF8.self) }
        if bytes.first == 0x3F || bytes.first == 0x23 { // ? or #
            let cut = baseBytes.firstIndex(of: bytes[0]) ?? baseBytes.endIndex
            return String(decoding: baseBytes[..<cut] + bytes, as: UTF8.self)
        }
        let path = baseBytes[baseHost.authorityEnd...].prefix { $0 != 0x3F && $0 != 0x23 }
        let folder = path.lastIndex(of: 0x2F).map { path[...$0] } ?? [0x2F][...]
        return String(decoding: origin + folder + bytes, as: UTF8.self)
    }

    /// The host of an absolute http(s) address, without user or port, in lower case: `example.com`; nil
    /// for an address no link would be made of (a control, shielded or not, a space, a bidi override).
    static func host(of address: String) -> String? {
        guard isAllowed(address) else { return nil }
        let bytes = Array(address.utf8)
        guard let scheme = scheme(bytes), scheme == .http || scheme == .https, let range = hostRange(bytes) else { return nil }
        return String(decoding: bytes[range.host], as: UTF8.self).lowercased()
    }

    enum Scheme { case http, https, other }

    /// The scheme when the address starts with one (`https:`).
    static func scheme(_ bytes: [UInt8]) -> Scheme? {
        guard let colon = bytes.firstIndex(of: 0x3A), colon > 0, isLetter(bytes[0]) else { return nil }
        guard bytes[..<colon].allSatisfy({ isLetter($0) || (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }) else {
            return nil
        }
        let lowered = bytes[..<colon].map { $0 | 0x20 }
        if lowered.elementsEqual("http".utf8) { return .http }
        if lowered.elementsEqual("https".utf8) { return .https }
        return .other
    }

    /// Where the host is in `scheme://user@host:port/…`, and where the authority ends; nil without `//`
    /// or without a host.
    static func hostRange(_ bytes: [UInt8]) -> (host: Range<Int>, authorityEnd: Int)? {
        guard let colon = bytes.firstIndex(of: 0x3A), bytes.count > colon + 2, bytes[colon + 1] == 0x2F, bytes[colon + 2] == 0x2F else {
            return nil
        }
        let start = colon + 3
        let end = bytes[start...].firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? bytes.count
        var hostStart = start
        if let at = bytes[start..<end].lastIndex(of: 0x40) { hostStart = at + 1 }
        var hostEnd = end
        if let portColon = bytes[hostStart..<end].lastIndex(of: 0x3A), bytes[end - 1] != 0x5D { hostEnd = portColon }
        return hostStart < hostEnd ? (hostStart..<hostEnd, end) : nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    /// No control, space or format character anywhere; plain ASCII is checked byte by byte, in place (every
    /// item's link passes here, and walking the string's UTF-8 view cost forty instructions a byte).
    private static func isAllowed(_ address: String) -> Bool {
        var address = address
        let plain: Bool? = address.withUTF8 { bytes in
            var ascii = true
            for byte in bytes {
                if byte <= 0x20 || byte == 0x7F { return false }
                if byte >= 0x80 { ascii = false }
            }
            return ascii ? true : nil
        }
        return plain ?? address.unicodeScalars.allSatisfy(isAllowed)
    }

    private static func starts(_ bytes: [UInt8], with prefix: StaticString) -> Bool {
        bytes.count >= prefix.utf8CodeUnitCount && memcmp(bytes, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value <= 0x20 || scalar.value == 0x7F { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .privateUse, .unassigned, .surrogate:
            return false
        default:
            return true
        }
    }

    static func trimmedOfWhiteSpace(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return text }
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte <= 0x20 || byte >= 0x80 }
}
