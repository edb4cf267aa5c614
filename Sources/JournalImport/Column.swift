/// A column an import kind knows: its English name, the other spellings accepted in a header
/// (Russian first), and whether every file of that kind must have it.
public struct Column: Hashable, Sendable, CustomStringConvertible {
    /// The English name, such as `last_name`.
    public let name: String
    /// Other accepted header spellings, such as `фамилия`.
    public let aliases: [String]
    public let isRequired: Bool

    public init(_ name: String, aliases: [String], isRequired: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.isRequired = isRequired
    }

    /// `last_name (фамилия)`: how messages name the column.
    public var description: String { aliases.first.map { "\(name) (\($0))" } ?? name }

    var required: Column { Column(name, aliases: aliases, isRequired: true) }

    /// Header text compared without case, `ё`, underscores, hyphens, dots, stars or extra spaces.
    static func key(_ header: String) -> String {
        let spaced = header.lowercased().replacingAll("ё", with: "е").map { character -> Character in
            "_-.*".contains(character) ? " " : character
        }
        return String(spaced).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    var keys: [String] { ([name] + aliases).map(Self.key) }
}

extension Column {
    static let lastName = Column("last_name", aliases: ["фамилия", "surname", "family name"])
    static let firstName = Column("first_name", aliases: ["имя", "given name"])
    static let middleName = Column("middle_name", aliases: ["отчество", "patronymic"])
    static let className = Column("class", aliases: ["класс"])
    static let subject = Column("subject", aliases: ["предмет"])
    static let teacher = Column("teacher", aliases: ["учитель", "преподаватель"])
    static let group = Column("group", aliases: ["группа", "подгруппа", "subgroup"])

    static func code(_ aliases: String...) -> Column { Column("code", aliases: ["код"] + aliases) }
}

extension String {
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
