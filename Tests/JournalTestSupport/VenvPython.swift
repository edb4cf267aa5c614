public import Foundation

/// The Python of the tests' virtualenv, `.build/venv` (made by scripts/python-venv.sh, which
/// `make test` runs before `swift test`): tools independent of the code under test, such as
/// openpyxl reading back the XLSX files the journal writes.
public enum VenvPython {
    public static let path = TestSchool.repository.appendingPathComponent(".build/venv/bin/python3").path

    /// Whether the virtualenv exists and has openpyxl.
    public static let hasOpenPyXL: Bool = {
        guard FileManager.default.isExecutableFile(atPath: path) else { return false }
        return (try? run(["-c", "import openpyxl"]).status) == 0
    }()

    /// Runs the interpreter with `arguments`, warnings off; standard output and error together.
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-W", "ignore"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
