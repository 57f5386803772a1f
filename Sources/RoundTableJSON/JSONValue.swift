import Foundation

/// A parsed JSON document, kept as written so that every field can be checked and
/// reported by its path.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// A number too large for a Double (e.g. `1e400`), kept as written.
    case outOfRange(String)

    /// Marks a string that stands for an out-of-range number (see ``parse(_:)``).
    private static let outOfRangeMark = "\u{1}number:"

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try Self.number(container) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = value.hasPrefix(Self.outOfRangeMark) ? .outOfRange(String(value.dropFirst(Self.outOfRangeMark.count))) : .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// A number, `nil` when the value is not one; rethrows numbers out of range so
    /// that the error keeps the field's path.
    private static func number(_ container: SingleValueDecodingContainer) throws -> Double? {
        do {
            return try container.decode(Double.self)
        } catch DecodingError.dataCorrupted(let context) {
            throw DecodingError.dataCorrupted(context)
        } catch {
            return nil
        }
    }

    /// A short name of the kind of value, for error messages.
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number(let value): return "the number \(value)"
        case .string(let value): return "the string \(value.debugDescription)"
        case .array: return "an array"
        case .object: return "an object"
        case .outOfRange(let text): return "the number \(text), which is out of range"
        }
    }

    /// Parses `data`, describing any syntax error with its line and column when known.
    static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: markingOutOfRangeNumbers(data))
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            // Valid JSON with a value Swift cannot hold (e.g. 1e400): name the field.
            throw JSONSyntaxError(message: context.debugDescription, path: render(context.codingPath))
        } catch {
            // A syntax error: JSONSerialization says where.
            do {
                _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            } catch {
                let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
                throw JSONSyntaxError(message: locate(detail, in: data))
            }
            throw JSONSyntaxError(message: "\(error)")
        }
    }

    /// Rewrites numbers that overflow a Double as marked strings, so that the reader
    /// can name their field instead of failing on the whole file.
    private static func markingOutOfRangeNumbers(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var output: [UInt8] = []
        var changed = false
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                output.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    output.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                output.append(byte)
                index += 1
                continue
            }
            if byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                var end = index
                while end < bytes.count, "0123456789+-.eE".utf8.contains(bytes[end]) { end += 1 }
                let token = String(decoding: bytes[index..<end], as: UTF8.self)
                if let value = Double(token), !value.isFinite {
                    output += Array("\"\\u0001number:\(token)\"".utf8)
                    changed = true
                } else {
                    output += bytes[index..<end]
                }
                index = end
                continue
            }
            output.append(byte)
            index += 1
        }
        return changed ? Data(output) : data
    }

    private static func render(_ path: [CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    /// Rewrites "around character N" as a line and column.
    private static func locate(_ detail: String, in data: Data) -> String {
        guard let range = detail.range(of: "character "),
            let offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
        else { return detail }
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "\(detail.replacingOccurrences(of: " around character \(offset).", with: "")) at line \(line), column \(column)"
    }
}

struct JSONSyntaxError: Error {
    var message: String
    /// The field holding a value out of range, when the JSON itself is valid.
    var path: String?
}
