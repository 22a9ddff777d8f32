import ArticleModel
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the story files named on the command line: a file as it is, a folder searched recursively for the
/// names the formats read (`StoryFormats.readsFile(named:)`), or `-` for standard input. Inside folders, hidden entries are skipped silently; symbolic-link
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

    /// False when the order will not use modification times (`--sort path`): plain files in folders are
    /// then listed without a stat each, which is most of the start-up cost of a very large folder.
    private let needsTimes: Bool
    private let formats: StoryFormats

    public init(needsTimes: Bool = true, formats: StoryFormats = .standard) {
        self.needsTimes = needsTimes
        self.formats = formats
    }

    public static func scan(_ arguments: [String], needsTimes: Bool = true, formats: StoryFormats = .standard) -> LibraryScanner {
        var scanner = LibraryScanner(needsTimes: needsTimes, formats: formats)
        for argument in arguments { scanner.add(argument) }
        // Folders are read in the file system's order; warnings come out in path order all the same.
        scanner.warnings.sort()
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
            let found = files.count
            // A folder that opened but held nothing to read is named, so an empty or mistyped folder
            // is not mistaken for a broken reader.
            if walk(path, info), files.count == found { warn(path, "no story files found") }
        default:
            // A file named explicitly is read whatever its kind: `tidings <(curl …)` passes a pipe.
            files.append(StoryFile(pathBytes: path, modified: timestamp(info)))
        }
    }

    /// Searches a folder; false when it could not be opened (a warning says why).
    @discardableResult
    private mutating func walk(_ folder: [UInt8], _ info: stat) -> Bool {
        let identity = FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        guard visitedFolders.insert(identity).inserted else {
            warn(folder, "skipped: a symbolic link loop (this folder was already searched)")
            return false
        }
        guard let directory = cString(folder).withUnsafeBufferPointer({ opendir($0.baseAddress!) }) else {
            warn(folder, describeErrno(errno))
            return false
        }
        defer { closedir(directory) }
        let folderFD = dirfd(directory)
        let prefix = folder.last == 0x2F ? folder : folder + [0x2F]
        // Entries are looked at relative to the open folder (fstatat), and a regular file no format
        // reads is passed over without a stat: with 100,000 files this is most of start-up. Plain story
        // names go into one block, NUL after each, so no name costs an allocation of its own.
        var plainStories = NameBlock()
        while let entry = readdir(directory) {
            let type = entry.pointee.d_type
            let done: Bool = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let name = UnsafeRawBufferPointer(rebasing: raw[..<strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)])
                if name.first == 0x2E { return true } // hidden, and . and ..
                let isStoryName = formats.readsFile(named: name)
                if type == UInt8(DT_REG) {
                    if isStoryName { plainStories.append(name) }
                    return true
                }
                visit(prefix + name, name: Array(name), isStoryName: isStoryName, in: folderFD)
                return true
            }
            _ = done
        }
        addRegularFiles(plainStories, prefix: prefix, in: folderFD)
        return true
    }

    /// Reads the modification times of many plain story files, on every core when there are enough
    /// to be worth it: the stat calls are the floor of start-up for a large folder.
    private mutating func addRegularFiles(_ names: NameBlock, prefix: [UInt8], in folderFD: Int32) {
        let count = names.count
        guard needsTimes else {
            files += (0..<count).map { StoryFile(pathBytes: prefix + names[$0], modified: StoryFile.Timestamp(seconds: 0, nanoseconds: 0)) }
            return
        }
        let cores = count >= 4_096 ? max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))) : 1
        let results = UnsafeMutableBufferPointer<(StoryFile.Timestamp, Int32)>.allocate(capacity: count)
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        let chunk = (count + cores - 1) / max(1, cores)
        names.bytes.withUnsafeBufferPointer { block in
            nonisolated(unsafe) let block = block
            DispatchQueue.concurrentPerform(iterations: cores) { part in
                var info = stat()
                for index in (part * chunk)..<min(count, (part + 1) * chunk) {
                    let name = UnsafeRawPointer(block.baseAddress! + names.starts[index]).assumingMemoryBound(to: CChar.self)
                    let failed = fstatat(folderFD, name, &info, AT_SYMLINK_NOFOLLOW) != 0
                    shared[index] = failed ? (StoryFile.Timestamp(seconds: 0, nanoseconds: 0), errno) : (timestamp(info), 0)
                }
            }
        }
        files.reserveCapacity(files.count + count)
        for index in 0..<count {
            let (modified, failure) = results[index]
            if failure != 0 {
                warn(prefix + names[index], describeErrno(failure))
            } else {
                files.append(StoryFile(pathBytes: prefix + names[index], modified: modified))
            }
        }
    }

    private mutating func visit(_ path: [UInt8], name: [UInt8], isStoryName: Bool, in folderFD: Int32) {
        let cName = cString(name)
        var link = stat()
        guard cName.withUnsafeBufferPointer({ fstatat(folderFD, $0.baseAddress!, &link, AT_SYMLINK_NOFOLLOW) }) == 0 else {
            warn(path, describeErrno(errno))
            return
        }
        var info = link
        if link.st_mode & S_IFMT == S_IFLNK {
            guard cName.withUnsafeBufferPointer({ fstatat(folderFD, $0.baseAddress!, &info, 0) }) == 0 else {
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
            if isStoryName { warn(path, ReadFailure.notARegularFile("a FIFO").description) }
        case S_IFSOCK:
            if isStoryName { warn(path, ReadFailure.notARegularFile("a socket").description) }
        default:
            if isStoryName { warn(path, ReadFailure.notARegularFile("a device").description) }
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
    return SystemReason.phrase(String(cString: message))
}

/// File names one after another in one block, each followed by a NUL so the C library can take it as it is.
struct NameBlock: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int] = []

    var count: Int { starts.count }

    mutating func append(_ name: UnsafeRawBufferPointer) {
        starts.append(bytes.count)
        bytes.append(contentsOf: name)
        bytes.append(0)
    }

    /// The name without its NUL.
    subscript(index: Int) -> ArraySlice<UInt8> {
        let end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count - 1
        return bytes[starts[index]..<end]
    }
}
