// Release-mode benchmark of the whole generator pipeline (YAML text → every output file).
//
//     swift run -c release StrataGeneratorBenchmark [--sizes 100,1000,10000] [--repetitions 5]
//
// Each synthetic schema has N tables of 10 columns, 2 indexes and 1 foreign key each. Prints the
// median time per size and the growth ratio between consecutive sizes (10x tables: ~10x is linear).
import Foundation
import StrataGenerator

func syntheticSchema(tables count: Int) -> String {
    var yaml = "version: 1\nswift: {module: Synthetic}\nenums:\n  state: [new, active, done]\ntables:\n"
    for index in 0..<count {
        yaml += """
              table_\(index):
                columns:
                  id: {type: uuid, primary_key: true, default: uuid}
                  name: {type: string, max_length: 200, index: true}
                  body: {type: text, nullable: true}
                  amount: {type: int, default: 0, check: "amount >= 0"}
                  ratio: {type: double, nullable: true}
                  flag: {type: bool, default: false}
                  state: {type: state, default: new}
                  data: {type: json, nullable: true}
                  created_at: {type: timestamp, default: now, index: true}
                  parent_id: {type: uuid, nullable: true, references: table_\(max(0, index - 1)).id, on_delete: set_null}

            """
    }
    return yaml
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

var sizes = [100, 1_000, 10_000]
var repetitions = 5
var verbose = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--sizes": sizes = arguments.next()!.split(separator: ",").compactMap { Int($0) }
    case "--repetitions": repetitions = Int(arguments.next()!)!
    case "--verbose": verbose = true
    default: fatalError("unknown argument \(argument)")
    }
}

print("tables  yaml_kb  median_ms  min_ms  output_kb  growth")
var previous: (size: Int, milliseconds: Double)?
for size in sizes {
    let yaml = syntheticSchema(tables: size)
    var times: [Double] = []
    var outputBytes = 0
    for _ in 0..<repetitions {
        let clock = ContinuousClock()
        var files: [OutputFile] = []
        let duration = try clock.measure { files = try GeneratorPipeline.generate(source: yaml).files }
        outputBytes = files.reduce(0) { $0 + $1.contents.utf8.count }
        times.append(Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1e3)
    }
    let milliseconds = median(times)
    let growth = previous.map { String(format: "%.1fx for %dx tables", milliseconds / $0.milliseconds, size / $0.size) } ?? "-"
    print(String(format: "%6d  %7d  %9.1f  %6.1f  %9d  %@", size, yaml.utf8.count / 1024, milliseconds, times.min()!, outputBytes / 1024, growth))
    if verbose { print("        runs (ms): " + times.map { String(format: "%.0f", $0) }.joined(separator: " ")) }
    previous = (size, milliseconds)
}
