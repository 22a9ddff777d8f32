/// Shows a file name, which may hold any byte but NUL and `/`, as printable text: control, format and
/// private-use characters and invalid UTF-8 appear as escapes, so a hostile name cannot drive the
/// terminal that a warning is printed on. For example the bytes of `a<ESC>[2J.txt` show as `a\x1b[2J.txt`.
public enum VisibleName {
    public static func of(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let (scalar, length) = decodeScalar(bytes, at: i)
            guard let scalar else {
                out += "\\x" + hex(UInt32(bytes[i]), digits: 2)
                i += 1
                continue
            }
            i += length
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x5C: out += "\\\\"
            case 0..<0x20, 0x7F: out += "\\x" + hex(scalar.value, digits: 2)
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .privateUse, .unassigned, .surrogate, .lineSeparator, .paragraphSeparator:
                    out += "\\u{" + hex(scalar.value, digits: 4) + "}"
                default:
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    public static func of(_ text: String) -> String { of(Array(text.utf8)) }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// One strict UTF-8 scalar at `i`, or nil when the bytes there are not valid UTF-8.
    private static func decodeScalar(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar?, Int) {
        let lead = bytes[i]
        let length: Int
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (nil, 1)
        }
        guard i + length <= bytes.count else { return (nil, 1) }
        var iterator = bytes[i..<(i + length)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, length) }
        return (nil, 1)
    }
}
