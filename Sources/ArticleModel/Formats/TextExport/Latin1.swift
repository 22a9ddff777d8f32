/// A best-effort reading of exports saved as Latin-1 rather than UTF-8: a file whose non-ASCII bytes never
/// once form a valid UTF-8 sequence is taken as Latin-1 (`caf\u{E9}` reads as "café"). A file with at
/// least one valid UTF-8 sequence stays UTF-8, its invalid bytes becoming U+FFFD.
enum Latin1 {
    static func isLikely(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        var sawHighByte = false
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            sawHighByte = true
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: i += 1; continue
            }
            if i + length <= n, (1..<length).allSatisfy({ bytes[i + $0] & 0xC0 == 0x80 }) {
                return false // a real UTF-8 sequence: the file is UTF-8
            }
            i += 1
        }
        return sawHighByte
    }

    static func toUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
            } else {
                out.append(0xC0 | (b >> 6))
                out.append(0x80 | (b & 0x3F))
            }
        }
        return out
    }
}
