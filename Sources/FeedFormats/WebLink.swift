/// Web addresses from feeds: only http and https ever become links, relative ones are resolved against
/// the page they came from, and nothing with a control character, a space or a bidi override passes.
/// For example `WebLink.resolve("/a?b=1", against: "https://example.com/news/x")` is
/// `https://example.com/a?b=1`, and `WebLink.resolve("javascript:alert(1)", against: nil)` is nil.
enum WebLink {
    /// The absolute http(s) address `reference` points to, or nil.
    static func resolve(_ reference: String, against base: String?) -> String? {
        let trimmed = trimmedOfWhiteSpace(reference)
        guard !trimmed.isEmpty, isAllowed(trimmed) else { return nil }
        if let scheme = scheme(of: trimmed) {
            // Only a whole address: `https://host…`, with a host.
            guard scheme == "http" || scheme == "https", host(of: trimmed) != nil else { return nil }
            return trimmed
        }
        guard let base, let baseScheme = scheme(of: base), baseScheme == "http" || baseScheme == "https",
              host(of: base) != nil else { return nil }
        if trimmed.hasPrefix("//") { return baseScheme + ":" + trimmed }
        let origin = self.origin(of: base)
        if trimmed.hasPrefix("/") { return origin + trimmed }
        if trimmed.hasPrefix("?") || trimmed.hasPrefix("#") {
            let cut = base.firstIndex { $0 == (trimmed.first == "?" ? "?" : "#") } ?? base.endIndex
            return String(base[..<cut]) + trimmed
        }
        let path = String(base.dropFirst(origin.count))
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
        return origin + folder + trimmed
    }

    /// `https://host:port` of an absolute address.
    static func origin(of address: String) -> String {
        guard let authority = authorityStart(address) else { return address }
        let rest = address[authority...]
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        return String(address[..<hostEnd])
    }

    /// Where the part after `scheme://` starts.
    private static func authorityStart(_ address: String) -> String.Index? {
        guard let colon = address.firstIndex(of: ":") else { return nil }
        let after = address[address.index(after: colon)...]
        guard after.hasPrefix("//") else { return nil }
        return after.index(after.startIndex, offsetBy: 2)
    }

    /// The host of an absolute http(s) address, without user or port: `example.com`.
    static func host(of address: String) -> String? {
        guard let scheme = scheme(of: address), scheme == "http" || scheme == "https",
              let start = authorityStart(address) else { return nil }
        var host = Substring(origin(of: address)[start...])
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = host[..<colon] }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// The scheme in lower case, when the address starts with one (`https`).
    static func scheme(of address: String) -> String? {
        guard let colon = address.firstIndex(of: ":") else { return nil }
        let scheme = address[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) else { return nil }
        return scheme.lowercased()
    }

    /// No control, space or format character anywhere; plain ASCII is checked byte by byte.
    private static func isAllowed(_ address: String) -> Bool {
        var ascii = true
        for byte in address.utf8 {
            if byte <= 0x20 || byte == 0x7F { return false }
            if byte >= 0x80 { ascii = false }
        }
        return ascii || address.unicodeScalars.allSatisfy(isAllowed)
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
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
