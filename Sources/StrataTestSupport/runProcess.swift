#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of a finished process.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// An error starting a process.
public struct ProcessLaunchFailure: Error, CustomStringConvertible {
    public var description: String
}

/// Runs `executable` with `arguments`, feeding `input` to its standard input, and waits for it.
///
/// Built on `posix_spawn` and `waitpid` rather than Foundation's `Process`, whose child reaping
/// can miss a child's exit on Linux when several processes run at once. Pipes are close-on-exec,
/// so concurrently spawned children (and the servers they start) never hold each other's pipes.
public func runProcess(_ executable: String, _ arguments: [String], input: String? = nil) throws -> ProcessResult {
    var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
    guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
        throw ProcessLaunchFailure(description: "pipe failed: errno \(errno)")
    }
    for fd in stdinPipe + stdoutPipe + stderrPipe {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
    guard code == 0 else {
        close(stdinPipe[1]); close(stdoutPipe[0]); close(stderrPipe[0])
        throw ProcessLaunchFailure(description: "cannot run \(executable): errno \(code)")
    }

    var pending = Array((input ?? "").utf8)
    var writeFD: Int32 = stdinPipe[1]
    if pending.isEmpty { close(writeFD); writeFD = -1 } else { _ = fcntl(writeFD, F_SETFL, fcntl(writeFD, F_GETFL) | O_NONBLOCK) }
    var output: [UInt8] = [], errorOutput: [UInt8] = []
    var openFDs: [Int32] = [stdoutPipe[0], stderrPipe[0]]
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while !openFDs.isEmpty || writeFD >= 0 {
        var fds = openFDs.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if writeFD >= 0 { fds.append(pollfd(fd: writeFD, events: Int16(POLLOUT), revents: 0)) }
        if poll(&fds, nfds_t(fds.count), -1) < 0 {
            if errno == EINTR { continue }
            break
        }
        for entry in fds where entry.revents != 0 {
            if entry.fd == writeFD {
                let written = pending.withUnsafeBytes { write(writeFD, $0.baseAddress, $0.count) }
                if written > 0 { pending.removeFirst(written) }
                if written < 0 && errno != EAGAIN && errno != EINTR || pending.isEmpty {
                    close(writeFD)
                    writeFD = -1
                }
                continue
            }
            let count = read(entry.fd, &buffer, buffer.count)
            if count > 0 {
                if entry.fd == stdoutPipe[0] { output += buffer[0..<count] } else { errorOutput += buffer[0..<count] }
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                close(entry.fd)
                openFDs.removeAll { $0 == entry.fd }
            }
        }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exited = status & 0x7f == 0
    return ProcessResult(
        status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
        standardOutput: String(decoding: output, as: UTF8.self),
        standardError: String(decoding: errorOutput, as: UTF8.self)
    )
}

/// Starts `executable` in a new session (through `setsid`), detached: no pipes, not waited for.
public func spawnDetached(_ executable: String, _ arguments: [String]) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = (["/usr/bin/setsid", executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, "/usr/bin/setsid", &actions, nil, argv, environ)
    guard code == 0 else { throw ProcessLaunchFailure(description: "cannot run \(executable): errno \(code)") }
}
