import Foundation

// Usage: MigrationEmbedder OUTPUT.swift FILE.sql...
// Writes `let embeddedMigrations: [(name: String, sql: String)]` with each file's text as a
// raw string literal, in the order given (the plugin sorts them by name).
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: MigrationEmbedder OUTPUT FILE...\n".utf8))
    exit(64)
}
var source = "// Generated from migrations/*.sql by the EmbedMigrations plugin. Do not edit.\n"
source += "let embeddedMigrations: [(name: String, sql: String)] = [\n"
for path in arguments.dropFirst() {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var hashes = "#"
    while text.contains("\"" + hashes) { hashes += "#" }
    source += "    (name: \"\(name)\", sql: \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)),\n"
}
source += "]\n"
try source.write(toFile: output, atomically: true, encoding: .utf8)
