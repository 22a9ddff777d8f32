/// A C library error message as the rest of a warning line reads: `Permission denied` becomes
/// `permission denied`, so every module words a failed system call alike.
public enum SystemReason {
    public static func phrase(_ message: String) -> String {
        message.prefix(1).lowercased() + message.dropFirst()
    }
}
