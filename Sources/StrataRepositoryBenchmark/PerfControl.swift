import Foundation

/// perf's control FIFO, named by `STRATA_PERF_CONTROL` (`perf record --delay=-1 --control
/// fifo:<path>`): the benchmark enables sampling around the work to profile only, not its set-up.
struct PerfControl {
    let fifo: FileHandle

    /// The FIFO `STRATA_PERF_CONTROL` names; nil when it names none.
    static let fromEnvironment: PerfControl? = ProcessInfo.processInfo.environment["STRATA_PERF_CONTROL"]
        .flatMap { FileHandle(forWritingAtPath: $0) }.map(PerfControl.init)

    func enable() { fifo.write(Data("enable\n".utf8)) }
    func disable() { fifo.write(Data("disable\n".utf8)) }
}
