#!/usr/bin/env bash
# The README's Quick start, run as a stranger would: a new package that depends on this checkout
# by path, `strata init` through the command plugin, the first migration, generation, and an app
# that migrates SQLite at start-up and writes a row. Then the build-tool-plugin route in the same
# package. Each README command it runs is checked to be in the README verbatim, so the two cannot
# drift. It builds a package (a few minutes), so .ci/run runs it once, not `swift test`.
#
#   bash Tests/EndToEnd/quickstart.sh        # prints the time of each phase
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/strata-quickstart-XXXXXX)"
[ -n "${STRATA_QUICKSTART_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
cd "$work"
started=$SECONDS
phase() { echo "quickstart: $1 ($((SECONDS - started)) s)"; }
fail() { echo "quickstart: FAILED: $1" >&2; exit 1; }
# A README command, run as written; it must appear in the README's Quick start verbatim.
readme() {
    grep -qF -- "$1" "$root/README.md" || fail "the README no longer shows: $1"
    eval "$1"
}

mkdir Notes && cd Notes
swift package init --type executable --name Notes >/dev/null
# Step 1 of the README: the dependency only (the models target needs Generated/Swift to exist).
cat > Package.swift <<EOF
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Notes",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "$root")],
    targets: [.executableTarget(name: "Notes")]
)
EOF
readme 'swift package --allow-writing-to-package-directory strata init --module NotesModels'
[ -f schema.yaml ] && [ -f Generated/Swift/Models.swift ] && [ -f Generated/strata-schema.json ] || fail "init wrote no starter"
head -1 schema.yaml | grep -qF '# yaml-language-server: $schema=Generated/strata-schema.json' || fail "no editor line"
phase "init through the command plugin"

# Step 2: the targets init printed (the package identity is this checkout's folder name).
identity="$(basename "$root" | tr "[:upper:]" "[:lower:]")"
cat > Package.swift <<EOF
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Notes",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "$root")],
    targets: [
        .target(name: "NotesModels", dependencies: [.product(name: "StrataRuntime", package: "$identity")], path: "Generated/Swift"),
        .executableTarget(name: "Notes", dependencies: ["NotesModels", .product(name: "StrataSQLite", package: "$identity")]),
        .target(
            name: "Journal", dependencies: [.product(name: "StrataRuntime", package: "$identity")],
            exclude: ["schema.yaml", "Migrations"], plugins: [.plugin(name: "StrataBuildToolPlugin", package: "$identity")]
        ),
        .executableTarget(name: "JournalApp", dependencies: ["Journal", .product(name: "StrataSQLite", package: "$identity")]),
    ]
)
EOF
# The build-tool route's target: its schema, one Swift file of its own.
mkdir -p Sources/Journal Sources/JournalApp
sed 's/module: NotesModels/module: Journal/; s/  notes:/  entries:/' schema.yaml | grep -v yaml-language-server > Sources/Journal/schema.yaml
echo '@_exported import StrataRuntime' > Sources/Journal/Exports.swift
# Its app, written now so that SwiftPM's first build plan has every target's sources.
cat > Sources/JournalApp/main.swift <<'EOF'
import Journal
import StrataSQLite

let db = try SQLiteDatabase(path: "journal.sqlite")
do {
    try await db.migrate(GeneratedSchema.migrations)
} catch let error as StrataError {
    print("migrate: \(error)")
    exit(3)
}
_ = try await db.repository(Entry.self).insert(Entry(title: "Hello from the build-tool route"))
print("entries: \(try await db.repository(Entry.self).count())")
EOF
sed -i '1i import Foundation' Sources/JournalApp/main.swift

readme 'swift package --allow-writing-to-package-directory strata revision --autogenerate -m "create notes"'
readme 'swift package --allow-writing-to-package-directory strata generate'
[ -f Generated/Migrations/0001_create_notes.yaml ] || fail "no migration"
phase "first migration and generation"

rm -f Sources/Notes/*.swift   # the template's @main file
cat > Sources/Notes/main.swift <<'EOF'
import NotesModels
import StrataSQLite

let db = try SQLiteDatabase(path: "notes.sqlite")
try await db.migrate(GeneratedSchema.migrations)
_ = try await db.repository(Note.self).insert(Note(title: "Hello from the quick start"))
print("notes: \(try await db.repository(Note.self).count())")
EOF
# Run an app; on a failed build or run, show what went wrong.
run_app() {
    local log="$work/$1.log"
    if ! swift run "$1" > "$log" 2>&1; then tail -40 "$log" >&2; return 1; fi
    tail -1 "$log"
}
output="$(run_app Notes)" || fail "swift run Notes failed"
[ "$output" = "notes: 1" ] || fail "the app printed: $output"
[ "$(run_app Notes)" = "notes: 2" ] || fail "the second run did not find the first row"
phase "committed-code route: the app migrated and wrote a row"

# Build-tool route: without a migration, migrating an empty database says what to do.
swift run JournalApp > "$work/journal-empty.log" 2>&1 || true
case "$(tail -1 "$work/journal-empty.log")" in
    "migrate: the migration history is empty"*) ;;
    *) tail -40 "$work/journal-empty.log" >&2; fail "an empty history did not say what to do" ;;
esac
readme 'swift package --allow-writing-to-package-directory strata revision --autogenerate -m "create entries" --schema Sources/Journal/schema.yaml'
[ -f Sources/Journal/Migrations/0001_create_entries.yaml ] || fail "the migration is not beside the schema"
output="$(run_app JournalApp)" || fail "swift run JournalApp failed"
[ "$output" = "entries: 1" ] || fail "the build-tool app printed: $output"
phase "build-tool route: the plugin embedded the migration, the app migrated and wrote a row"
echo "quickstart: passed"
