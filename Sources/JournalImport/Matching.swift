import JournalModel

/// How names and codes compare: without case, `ё` as `е`, runs of spaces as one.
enum Key {
    static func text(_ text: String) -> String {
        text.lowercased().replacingAll("ё", with: "е").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func person(_ name: PersonName) -> String { text(name.lastName) + "|" + text(name.firstName) }
}

extension PersonName {
    /// The same name: last and first names equal, middle names equal when both have one.
    func agrees(with other: PersonName) -> Bool {
        guard Key.person(self) == Key.person(other) else { return false }
        guard let middleName, let otherMiddle = other.middleName else { return true }
        return Key.text(middleName) == Key.text(otherMiddle)
    }

    /// This name as an update of `existing`: a part that differs only in case or `ё` keeps the
    /// journal's spelling, and a missing middle name keeps the journal's (an import never clears).
    func updating(_ existing: PersonName) -> PersonName {
        func part(_ new: String, _ old: String) -> String { Key.text(new) == Key.text(old) ? old : new }
        let middle = middleName.map { new in existing.middleName.map { part(new, $0) } ?? new }
        return PersonName(
            lastName: part(lastName, existing.lastName), firstName: part(firstName, existing.firstName),
            middleName: middle ?? existing.middleName)
    }
}

/// People already in the journal, found by code or by name.
struct PersonIndex<Value> {
    private let byCode: [String: [Value]]
    private let byName: [String: [Value]]
    private let nameOf: (Value) -> PersonName
    let codeOf: (Value) -> String?

    init(_ values: [Value], name: @escaping (Value) -> PersonName, code: @escaping (Value) -> String?) {
        var byCode: [String: [Value]] = [:]
        var byName: [String: [Value]] = [:]
        for value in values {
            if let code = code(value) { byCode[Key.text(code), default: []].append(value) }
            byName[Key.person(name(value)), default: []].append(value)
        }
        self.byCode = byCode
        self.byName = byName
        nameOf = name
        codeOf = code
    }

    func withCode(_ code: String) -> [Value] { byCode[Key.text(code)] ?? [] }

    func named(_ name: PersonName) -> [Value] {
        (byName[Key.person(name)] ?? []).filter { nameOf($0).agrees(with: name) }
    }

    /// Which existing person a row describes, nil for a new one.
    ///
    /// A row with a code is the person with that code. When nobody has it, it is the one
    /// person of that name who has no code yet and whose details `agree`: the row gives them
    /// the code. Otherwise it is a new person.
    ///
    /// A row without a code is new when nobody has that name. When one person has it, has no
    /// code and their details agree, it is them; anything else is refused, asking for a code.
    func match(
        code: String?, name: PersonName, noun: ImportNoun, agrees: (Value) -> Bool
    ) throws(ImportMessage) -> Value? {
        let namesakes = named(name)
        if let code {
            let owners = withCode(code)
            if let owner = owners.first { return owner }
            let candidates = namesakes.filter { codeOf($0) == nil && agrees($0) }
            return candidates.count == 1 ? candidates[0] : nil
        }
        guard let only = namesakes.first else { return nil }
        guard namesakes.count == 1 else {
            throw .namesakesInJournal(noun, name: name.description, count: namesakes.count)
        }
        if let existingCode = codeOf(only) {
            throw .namesakeHasCode(noun, name: name.description, code: existingCode)
        }
        guard agrees(only) else { throw .namesakeDiffers(noun, name: name.description) }
        return only
    }

    /// The person a cell refers to: by code first, then by full name among those `allowed`.
    func reference(_ text: String, noun: ImportNoun, allowed: (Value) -> Bool = { _ in true }) throws(ImportMessage)
        -> Value
    {
        let owners = withCode(text)
        if owners.count == 1 { return owners[0] }
        guard let name = Parse.fullName(text) else { throw .notFound(noun, text) }
        let found = named(name).filter(allowed)
        guard let first = found.first else { throw .notFound(noun, text) }
        guard found.count == 1 else { throw .ambiguous(noun, name: name.description, count: found.count) }
        return first
    }
}

/// The classes of the current year by canonical name (`5А`).
struct ClassIndex {
    let year: AcademicYear
    private let byName: [String: SchoolClass]
    private let byID: [ClassID: SchoolClass]

    init(_ context: some ImportContext) {
        year = context.year
        var byName: [String: SchoolClass] = [:]
        var byID: [ClassID: SchoolClass] = [:]
        for schoolClass in context.classes() {
            let name = (try? Parse.className(schoolClass.name)) ?? schoolClass.name
            if byName[name] == nil { byName[name] = schoolClass }
            if let id = schoolClass.id { byID[id] = schoolClass }
        }
        self.byName = byName
        self.byID = byID
    }

    func find(_ name: String) -> SchoolClass? { byName[name] }

    subscript(id: ClassID) -> SchoolClass? { byID[id] }

    func resolve(_ name: String) throws(ImportMessage) -> SchoolClass {
        guard let found = byName[name] else { throw .classNotFound(name, year: year.title) }
        return found
    }
}
