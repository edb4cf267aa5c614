import Foundation
import HTTPTypes
import Hummingbird

/// Decodes a submitted HTML form into a `Decodable` struct, so that a page handler names the
/// fields it reads once, in a type, instead of looking strings up.
///
/// A form is flat: each property is a field, read from its first value; an array property
/// takes every value of a repeated field (checkboxes), and is empty when none was sent. An
/// optional property is nil when its field was not sent or was left empty. A type that needs
/// fields whose names are data (`mark-12`) reads them in its own `init(from:)` through the
/// container's `allKeys` (``RowFields``). Hummingbird's `URLEncodedFormDecoder` refuses repeated fields, which the pages post.
struct FormDecoder {
    func decode<T: Decodable>(_ type: T.Type, from form: FormData) throws -> T {
        do {
            return try T(from: FormFieldsDecoder(fields: form.fields, codingPath: []))
        } catch let error as DecodingError {
            throw FormFieldError(error)
        }
    }
}

/// A form's field that was missing or malformed: a 400 whose page names the field in the
/// reader's language (``ErrorPage``); ``description`` says what was wrong, in English.
struct FormFieldError: HTTPResponseError, CustomStringConvertible {
    var field: String
    var missing: Bool
    var description: String

    var status: HTTPResponse.Status { .badRequest }

    /// The string of the localisation table that the error page shows.
    var key: String { missing ? "web.form_missing" : "web.form_invalid" }

    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, _):
            (field, missing) = (key.stringValue, true)
            description = "the form's field '\(field)' is missing"
        case .valueNotFound(_, let context):
            (field, missing) = (context.codingPath.first?.stringValue ?? "", true)
            description = "the form's field '\(field)' is missing"
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            (field, missing) = (context.codingPath.first?.stringValue ?? "", false)
            description = "the form's field '\(field)' is not valid: \(context.debugDescription)"
        @unknown default:
            (field, missing) = ("", false)
            description = "the form could not be read"
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Problem.badRequest(description, field: field).response()
    }
}

extension Request {
    /// Reads this request's form (at most 256 KiB, see ``FormData/read(_:)``) as `type`; a
    /// missing or malformed field is a 400 that names it.
    func decodeForm<T: Decodable>(_ type: T.Type) async throws -> T {
        var request = self
        return try FormDecoder().decode(type, from: try await FormData.read(&request))
    }
}

/// The whole form as a keyed container, or one field's values as a single value or a list.
private struct FormFieldsDecoder: Decoder {
    var fields: [String: [String]] = [:]
    var values: [String] = []
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(FormKeyedContainer<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        FormValuesContainer(values: values, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        FormValueContainer(values: values, codingPath: codingPath)
    }
}

/// Turns a field's text into a value: text as it is, numbers and flags by their description.
private func parse<T: Decodable>(_ text: String?, as type: T.Type, codingPath: [any CodingKey]) throws -> T {
    guard let text else {
        throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "no value"))
    }
    if let string = text as? T { return string }
    if let type = type as? any LosslessStringConvertible.Type {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = type.init(trimmed) as? T { return value }
        throw DecodingError.dataCorrupted(
            .init(codingPath: codingPath, debugDescription: "'\(text)' is not \(expected(type))"))
    }
    return try T(from: FormFieldsDecoder(values: [text], codingPath: codingPath))
}

/// What a field of `type` accepts, in the words of an error message.
private func expected(_ type: Any.Type) -> String {
    switch type {
    case is any FixedWidthInteger.Type: "a whole number"
    case is any BinaryFloatingPoint.Type: "a number"
    case is Bool.Type: "true or false"
    default: "a \(type)"
    }
}

private struct FormKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    var fields: [String: [String]]
    var codingPath: [any CodingKey]

    var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

    /// An empty field is no value, as a browser sends an empty number or date field.
    func decodeNil(forKey key: Key) throws -> Bool { fields[key.stringValue]?.first?.isEmpty ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let values = fields[key.stringValue] ?? []
        if T.self == String.self || T.self is any LosslessStringConvertible.Type {
            return try parse(values.first, as: type, codingPath: codingPath + [key])
        }
        return try T(from: FormFieldsDecoder(values: values, codingPath: codingPath + [key]))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(type, key) }

    private func value<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try parse(fields[key.stringValue]?.first, as: type, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw DecodingError.typeMismatch(
            type, .init(codingPath: codingPath + [key], debugDescription: "a form has no nested fields"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        FormValuesContainer(values: fields[key.stringValue] ?? [], codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder { FormFieldsDecoder(fields: fields, codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        FormFieldsDecoder(values: fields[key.stringValue] ?? [], codingPath: codingPath + [key])
    }
}

/// One field's first value.
private struct FormValueContainer: SingleValueDecodingContainer {
    var values: [String]
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { values.isEmpty }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: Bool.Type) throws -> Bool { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: String.Type) throws -> String { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try parse(values.first, as: type, codingPath: codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try parse(values.first, as: type, codingPath: codingPath) }
}

/// Every value of a repeated field, in the order sent.
private struct FormValuesContainer: UnkeyedDecodingContainer {
    var values: [String]
    var codingPath: [any CodingKey]
    var currentIndex = 0

    init(values: [String], codingPath: [any CodingKey]) {
        self.values = values
        self.codingPath = codingPath
    }

    var count: Int? { values.count }
    var isAtEnd: Bool { currentIndex >= values.count }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        defer { currentIndex += 1 }
        return try parse(isAtEnd ? nil : values[currentIndex], as: type, codingPath: codingPath)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw DecodingError.typeMismatch(
            type, .init(codingPath: codingPath, debugDescription: "a form has no nested fields"))
    }

    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, .init(codingPath: codingPath, debugDescription: "a form has no nested lists"))
    }

    func superDecoder() throws -> any Decoder { FormFieldsDecoder(values: values, codingPath: codingPath) }
}

/// The fields a form repeats for each row of a table, named `<field>-<row>` (`code-12`,
/// `mark-12`): their names are data, so they are read by field and row rather than declared.
struct RowFields: Decodable {
    private var values: [String: String] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldName.self)
        for key in container.allKeys where key.stringValue.contains("-") {
            values[key.stringValue] = try container.decode(String.self, forKey: key)
        }
    }

    /// The value of `field` in `row`, nil when the form did not send it.
    subscript(field: String, row: some CustomStringConvertible) -> String? { values["\(field)-\(row)"] }

    private struct FieldName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension String? {
    /// A text field as a page reads it: trimmed, nil when it was empty or not sent.
    var trimmedText: String? {
        guard let value = self?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
