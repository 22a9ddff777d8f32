#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the story files named on the command line: a file as it is, a folder searched recursively for
/// `*.txt`, or `-` for standard input. Inside folders, hidden entries are skipped silently; symbolic-link
/// loops, dangling links, FIFOs, sockets, devices and unreadable folders are skipped with a warning, and
/// nothing is ever opened for reading here, so a FIFO cannot block the search.
public struct LibraryScanner {
    public private(set) var files: [StoryFile] = []
    /// Warning lines, each `FILE: REASON` with the path made visible.
    public private(set) var warnings: [String] = []
    private var visitedFolders: Set<FolderIdentity> = []

    private struct FolderIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    public init() {}

    public static func scan(_ arguments: [String]) -> LibraryScanner {
        var scanner = LibraryScanner()
        for argument in arguments { scanner.add(argument) }
        return scanner
    }

    public mutating func add(_ argument: String) {
        if argument == "-" {
            files.append(.standardInput())
            return
        }
        let path = Array(argument.utf8)
        var info = stat()
        guard stat(argument, &info) == 0 else {
            warn(path, describeErrno(errno))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            walk(path, info)
        default:
            // A file named explicitly is read whatever its kind: `tidings <(curl …)` passes a pipe.
            files.append(StoryFile(pathBytes: path, modified: timestamp(info)))
        }
    }

    private mutating func walk(_ folder: [UInt8], _ info: stat) {
        let identity = FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        guard visitedFolders.insert(identity).inserted else {
            warn(folder, "skipped: a symbolic link loop (this folder was already searched)")
            return
        }
        guard let directory = cString(folder).withUnsafeBufferPointer({ opendir($0.baseAddress!) }) else {
            warn(folder, describeErrno(errno))
            return
        }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name.first == 0x2E { continue } // hidden, and . and ..
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        for name in names {
            var child = folder
            if child.last != 0x2F { child.append(0x2F) }
            child += name
            visit(child, name: name)
        }
    }

    private mutating func visit(_ path: [UInt8], name: [UInt8]) {
        let cPath = cString(path)
        var link = stat()
        guard cPath.withUnsafeBufferPointer({ lstat($0.baseAddress!, &link) }) == 0 else {
            warn(path, describeErrno(errno))
            return
        }
        let isStoryName = name.count > 4 && name.suffix(4).elementsEqual(".txt".utf8)
        var info = link
        if link.st_mode & S_IFMT == S_IFLNK {
            guard cPath.withUnsafeBufferPointer({ stat($0.baseAddress!, &info) }) == 0 else {
                let reason = errno == ELOOP ? "skipped: a symbolic link loop" : "skipped: a dangling symbolic link"
                if isStoryName || errno == ELOOP { warn(path, reason) }
                return
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            walk(path, info)
        case S_IFREG:
            if isStoryName { files.append(StoryFile(pathBytes: path, modified: timestamp(info))) }
        case S_IFIFO:
            if isStoryName { warn(path, NotAStory.notARegularFile("a FIFO").description) }
        case S_IFSOCK:
            if isStoryName { warn(path, NotAStory.notARegularFile("a socket").description) }
        default:
            if isStoryName { warn(path, NotAStory.notARegularFile("a device").description) }
        }
    }

    private mutating func warn(_ path: [UInt8], _ reason: String) {
        warnings.append("\(VisibleName.of(path)): \(reason)")
    }
}

func cString(_ bytes: [UInt8]) -> [CChar] {
    bytes.map { CChar(bitPattern: $0) } + [0]
}

func timestamp(_ info: stat) -> StoryFile.Timestamp {
    StoryFile.Timestamp(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
}

/// `strerror` in lower case, the way the rest of the warning reads.
func describeErrno(_ code: Int32) -> String {
    guard let message = strerror(code) else { return "error \(code)" }
    let text = String(cString: message)
    return text.prefix(1).lowercased() + text.dropFirst()
}
