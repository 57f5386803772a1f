import ArgumentParser
import Foundation
import RoundTable
import RoundTableJSON

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the request JSON (MODEL.md) of an attendee spreadsheet and its event config.",
        discussion: """
            The JSON is what `plan` reads from the same spreadsheet and config, so a plan made
            from a spreadsheet can be reproduced from the JSON. A JSON request is checked and
            rewritten in the same canonical form (sorted keys, defaults left out).
            The config's timeLimit is not part of a request: pass it to `plan --time-limit`.
            """)

    @Argument(help: "The attendee spreadsheet (.csv), or a request (.json).")
    var input: String

    @Option(name: .long, help: "The event config (YAML) for a spreadsheet: sessions, tables, columns, objective, rules.")
    var config: String?

    @Option(name: [.short, .long], help: "Write the request JSON here instead of stdout.")
    var output: String?

    func run() throws {
        let (request, timeLimit) = try loadRequest(path: input, config: config)
        do {
            try request.validate()
        } catch {
            var error = error
            if error.file == nil { error.file = input }
            printRequestIssues(error)
            throw ExitCode(ExitStatus.requestError)
        }
        let json = RequestWriter.encode(request)
        // `emit` adds a newline on stdout; the JSON already ends with one.
        try emit(output == nil ? json.dropLast() : json, to: output)
        if let timeLimit {
            let seconds = timeLimit == timeLimit.rounded() ? String(Int(timeLimit)) : String(timeLimit)
            printError(
                "note: the config's timeLimit (\(seconds) s) is not part of the request; pass --time-limit \(seconds) when planning the JSON."
            )
        }
    }
}
