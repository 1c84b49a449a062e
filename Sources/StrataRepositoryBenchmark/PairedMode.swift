import Foundation
import Workflow

/// One operation's share of the paired mode: the calls of one chunk, made by one side inside one
/// transaction (`InTransactionWorkload`'s methods each open one).
struct PairedOperation {
    let name: String
    /// The calls of chunk `index` for `side` (0 the baseline, 1 Strata; inserts give each side its
    /// own new rows): the chunk's inputs are cut here, before the clock starts, and the closure
    /// returned makes the measured calls on the workload it is given.
    let chunk: (_ index: Int, _ side: Int) -> (any InTransactionWorkload) async throws -> Void
}

/// Wall and process CPU milliseconds of each chunk, per side.
struct PairedTimes {
    var cpu: [[Double]] = [[], []]
    var wall: [[Double]] = [[], []]

    /// Strata's total over the baseline's total.
    func ratio(_ times: [[Double]]) -> Double { times[1].reduce(0, +) / times[0].reduce(0, +) }

    /// The median of the chunk-by-chunk ratios (each chunk of Strata against the baseline's
    /// chunk run next to it).
    func medianPairRatio(_ times: [[Double]]) -> Double {
        let ratios = zip(times[1], times[0]).map { $0 / $1 }.sorted()
        return ratios.isEmpty ? .nan : ratios[ratios.count / 2]
    }
}

/// The chunks of every operation, the baseline's and Strata's alternating on one database (the
/// side that goes first alternates too), so that the machine's changing load falls on both
/// sides alike. Each side's CPU time is the process's (user and system), which on SQLite is all
/// of the work; on PostgreSQL it is the client's share and the wall time is the end-to-end one.
/// `afterChunk` runs after each chunk, outside the measured time.
func runPaired(
    baseline: any InTransactionWorkload, strata: any InTransactionWorkload, operations: [PairedOperation], chunks: Int,
    afterChunk: () async throws -> Void = {}
) async throws -> [String: PairedTimes] {
    if let sampling = PairedSampling.fromEnvironment, !operations.contains(where: { $0.name == sampling.operation }) {
        usageError("STRATA_PERF_PAIRED names no operation of \(operations.map(\.name))")
    }
    var results: [String: PairedTimes] = [:]
    let sides = [baseline, strata]
    for operation in operations {
        var times = PairedTimes()
        for index in 0..<chunks {
            for turn in 0..<2 {
                let side = (turn + index) % 2
                let calls = operation.chunk(index, side)
                let sampled = PairedSampling.fromEnvironment?.covers(operation: operation.name, side: side) ?? false
                if sampled { PairedSampling.fromEnvironment?.control.enable() }
                let cpuStart = processCPUSeconds()
                let wall = try await measure { try await calls(sides[side]) }
                times.cpu[side].append((processCPUSeconds() - cpuStart) * 1000)
                if sampled { PairedSampling.fromEnvironment?.control.disable() }
                times.wall[side].append(wall)
                try await afterChunk()
            }
        }
        results[operation.name] = times
        FileHandle.standardError.write(Data("paired: \(operation.name) done\n".utf8))
    }
    return results
}

/// Which chunks perf samples in the paired mode: with `STRATA_PERF_CONTROL` naming perf's control
/// FIFO (`PerfControl`) and `STRATA_PERF_PAIRED` set to `baseline:<operation>`,
/// `strata:<operation>` or `both:<operation>` (an operation's name as the table prints it), only
/// those chunks of that operation. With `both`, the two sides' samples are told apart by their
/// stacks (the baseline's run inside `SQLiteCBaseline`).
struct PairedSampling {
    /// 0 the baseline, 1 Strata, nil both.
    let side: Int?
    let operation: String
    let control: PerfControl

    /// The choice `STRATA_PERF_PAIRED` makes; nil when it is not set. A malformed value, or one
    /// without perf's FIFO, stops with the usage rather than sampling nothing.
    static let fromEnvironment: PairedSampling? = {
        guard let choice = ProcessInfo.processInfo.environment["STRATA_PERF_PAIRED"] else { return nil }
        let form = "STRATA_PERF_PAIRED must be baseline:<operation>, strata:<operation> or both:<operation>"
        guard let colon = choice.firstIndex(of: ":") else { usageError(form) }
        guard let control = PerfControl.fromEnvironment else { usageError("STRATA_PERF_PAIRED needs STRATA_PERF_CONTROL naming perf's control FIFO") }
        let side: Int?
        switch choice[..<colon] {
        case "baseline": side = 0
        case "strata": side = 1
        case "both": side = nil
        default: usageError(form)
        }
        return PairedSampling(side: side, operation: String(choice[choice.index(after: colon)...]), control: control)
    }()

    func covers(operation name: String, side chunkSide: Int) -> Bool { name == operation && (side == nil || chunkSide == side) }
}

/// The operations of issue 12's workload, cut into `chunks` chunks of calls.
func pairedOperations(keys: [UUID], updates: [Pattern], fresh: [Pattern], lists: Int, chunks: Int) -> [PairedOperation] {
    /// Chunk `index` of `array[range]`.
    func slice<Element>(_ array: [Element], _ index: Int, of range: Range<Int>? = nil) -> [Element] {
        let range = range ?? array.indices
        let size = range.count / chunks
        let start = range.lowerBound + index * size
        return Array(array[start..<(start + size)])
    }
    let listsPerChunk = max(1, lists / chunks)
    return [
        PairedOperation(name: "insert") { index, side in
            // The first half of `fresh` is the baseline's, the second Strata's: no key is inserted twice.
            let half = fresh.count / 2
            let rows = slice(fresh, index, of: (side * half)..<((side + 1) * half))
            return { try await $0.insertEach(rows) }
        },
        PairedOperation(name: "find") { index, _ in
            let ids = slice(keys, index)
            return { workload in
                let found = try await workload.find(ids)
                precondition(found == ids.count, "\(workload.name): found \(found) of \(ids.count)")
            }
        },
        PairedOperation(name: "update(_:set:)") { index, _ in
            let ids = slice(keys, index)
            return { try await $0.updateSet(ids, description: "changed") }
        },
        PairedOperation(name: "update(_:)") { index, _ in
            let rows = slice(updates, index)
            return { try await $0.updateWhole(rows) }
        },
        PairedOperation(name: "list top 100") { _, _ in
            { workload in
                let rows = try await workload.listEach(listsPerChunk)
                precondition(rows == listsPerChunk * 100, "\(workload.name): listed \(rows)")
            }
        },
        PairedOperation(name: "record occurrence") { index, _ in
            let ids = slice(keys, index)
            return { try await $0.recordEach(ids) }
        },
    ]
}

/// Prints the paired mode's table: totals, ratio of totals and median chunk ratio, CPU and wall.
func reportPaired(_ title: String, baseline: String, results: [String: PairedTimes], operations: [String], chunks: Int) {
    print("\n## \(title): \(rowCount) patterns, \(operationCount) calls per operation (\(listCount) lists) in \(chunks) chunks per side, alternating; each chunk one transaction")
    print("| operation | \(baseline) CPU ms | Strata CPU ms | CPU ratio | median chunk CPU ratio | wall ratio | median chunk wall ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in operations {
        guard let times = results[name] else { continue }
        let line = [
            name,
            String(format: "%.1f", times.cpu[0].reduce(0, +)), String(format: "%.1f", times.cpu[1].reduce(0, +)),
            String(format: "%.2fx", times.ratio(times.cpu)), String(format: "%.2fx", times.medianPairRatio(times.cpu)),
            String(format: "%.2fx", times.ratio(times.wall)), String(format: "%.2fx", times.medianPairRatio(times.wall)),
        ]
        print("| " + line.joined(separator: " | ") + " |")
    }
}
