/// The limits an import file's values are held to, named once: the parsers check them and the
/// messages quote them.
public enum ImportLimits {
    /// A part of a person's name, in characters.
    public static let namePart = 60
    /// An external code, in characters.
    public static let code = 40
    /// A contact's basis: an application's number, who received it, a certificate.
    public static let contactText = 200
    /// A staff member's position, in characters.
    public static let position = 200
    /// A subject's name and short name, in characters.
    public static let subjectName = 100
    public static let subjectShortName = 20
    /// A group's name and a room, in characters.
    public static let groupName = 60
    public static let room = 20
    /// The grades of a school.
    public static let grades = 1...11
    /// The numbers of a day's lessons: 0 is the early "нулевой урок".
    public static let lessonNumbers = 0...12
    /// The hours a week of one assignment.
    public static let hoursPerWeek = 1...40
}
