/// The roles of the regulation (R21). What each role may do is defined by the school's
/// rules (`rules/roles.lua`), not here.
public enum Role: String, Codable, Hashable, Sendable, CaseIterable {
    case administrator
    case management
    case teacher
    case student
    case parent
    case secretary
    case medical
    case psychologist
    case hr
}
