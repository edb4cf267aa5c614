/// The limits the journal holds its input to, named once: the checks use them and the messages
/// that explain a refusal quote them.
public enum Limits {
    /// A lesson's topic, homework and notes, and a student's individual homework, in characters.
    public static let lessonText = 2000
    /// A mark's comment and a substitution's reason, in characters.
    public static let comment = 500
    /// A work's title, in characters.
    public static let title = 200
    /// A work's weight is above zero and at most this.
    public static let weight = 100.0
    /// A new password's length, in characters.
    public static let passwordLength = 8...128
    /// How many different characters a new password has at least.
    public static let passwordDistinctCharacters = 4
    /// A rights extension's Lua condition, in bytes of UTF-8.
    public static let conditionBytes = 16 * 1024
    /// A web form's body, in bytes.
    public static let formBytes = 256 * 1024
    /// How many students a demo school has.
    public static let demoStudents = 30...5000
    /// A login and a password offered at sign-in, in characters; longer ones are refused
    /// without being checked.
    public static let signInLogin = 100
    public static let signInPassword = 200
    /// A session token, in characters.
    public static let token = 200
    /// The reason for a change of the timetable that families read, in characters.
    public static let changeReason = 200
    /// A room's name, in characters.
    public static let room = 20
    /// The numbers of a day's lessons: 0 is the early "нулевой урок".
    public static let lessonNumbers = 0...12
    /// How many days ahead a closed period may be reopened for.
    public static let reopeningDays = 31
    /// How many accounts a list of users shows at once.
    public static let usersListed = 200
}
