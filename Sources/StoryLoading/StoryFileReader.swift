#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a story file's bytes, refusing files over a size limit so one huge file cannot take all memory.
public enum StoryFileReader {
    /// The largest file read, in bytes. Real exports are a few KB; a folder of them rarely passes 1 MB.
    public static let sizeLimit = 64 * 1024 * 1024

    public static func read(_ file: StoryFile) -> Swift.Result<[UInt8], ReadFailure> {
        let fd: Int32
        if file.isStandardInput {
            fd = 0
        } else {
            fd = cString(file.pathBytes).withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
            guard fd >= 0 else { return .failure(.unreadable(describeErrno(errno))) }
        }
        defer { if !file.isStandardInput { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return .failure(.unreadable("it is a folder")) }
        if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > sizeLimit { return .failure(.tooLarge(limitBytes: sizeLimit)) }
        return readAll(fd, sizeHint: info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0)
    }

    static func readAll(_ fd: Int32, sizeHint: Int) -> Swift.Result<[UInt8], ReadFailure> {
        // A regular file's size is known: one byte more shows whether it grew while being read.
        var buffer = [UInt8](repeating: 0, count: sizeHint > 0 ? min(sizeHint, sizeLimit) + 1 : 64 * 1024)
        var used = 0
        while true {
            if used == buffer.count {
                if used > sizeLimit { return .failure(.tooLarge(limitBytes: sizeLimit)) }
                buffer += [UInt8](repeating: 0, count: min(buffer.count, sizeLimit + 1 - used + 1))
            }
            let n = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + used, raw.count - used)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(describeErrno(errno)))
            }
            if n == 0 { break }
            used += n
            if used > sizeLimit { return .failure(.tooLarge(limitBytes: sizeLimit)) }
        }
        buffer.removeSubrange(used...)
        return .success(buffer)
    }
}
