/// Case-insensitive search, shared by the reducer (finding matches) and the panes (highlighting them).
public enum TextSearch {
    public static func contains(_ text: String, _ loweredQuery: String) -> Bool {
        !loweredQuery.isEmpty && text.lowercased().contains(loweredQuery)
    }

    /// Where `loweredQuery` occurs in `text`, as ranges of Character offsets. When lower-casing changes
    /// the number of Characters (rare: `İ`), no ranges are given rather than wrong ones.
    public static func ranges(in text: String, of loweredQuery: String) -> [Range<Int>] {
        guard !loweredQuery.isEmpty else { return [] }
        let lowered = text.lowercased()
        guard lowered.contains(loweredQuery) else { return [] }
        let characters = Array(lowered)
        guard characters.count == text.count else { return [] }
        let needle = Array(loweredQuery)
        var found: [Range<Int>] = []
        var i = 0
        while i + needle.count <= characters.count {
            if characters[i..<(i + needle.count)].elementsEqual(needle) {
                found.append(i..<(i + needle.count))
                i += needle.count
            } else {
                i += 1
            }
        }
        return found
    }
}
