import Foundation
import StrataSchema

/// One value bound to a statement parameter or read from an aggregate query, tagged with its
/// logical type so that each driver binds it natively (PostgreSQL `uuid`, `timestamptz`, `jsonb`…).
///
/// Filters and column assignments carry their values as `SQLValue`; whole models are written and
/// read column by column through `RowWriter` and `RowReader`, without this box.
public enum SQLValue: Hashable, Sendable {
    /// NULL.
    case null
    /// An integer.
    case int(Int64)
    /// A floating-point number.
    case double(Double)
    /// A boolean.
    case bool(Bool)
    /// Text (strings and enum raw values).
    case text(String)
    /// Bytes.
    case bytes(Data)
    /// A `timestamp` column's value: an instant, stored at millisecond precision.
    case timestamp(Date)
    /// A `date` column's value: the UTC day.
    case day(Date)
    /// A UUID.
    case uuid(UUID)
    /// A JSON document.
    case json(JSONValue)
    /// A decimal number (`decimal` columns).
    case decimal(Decimal)
    /// A time of day (`time` columns).
    case timeOfDay(TimeOfDay)

    /// Writes the value to a statement's parameters.
    public func write<Writer: RowWriter>(to writer: inout Writer) {
        switch self {
        case .null: writer.writeNull()
        case .int(let value): writer.writeInt64(value)
        case .double(let value): writer.writeDouble(value)
        case .bool(let value): writer.writeBool(value)
        case .text(let value): writer.writeString(value)
        case .bytes(let value): writer.writeData(value)
        case .timestamp(let value): writer.writeDate(value)
        case .day(let value): writer.writeDay(value)
        case .uuid(let value): writer.writeUUID(value)
        case .json(let value): writer.writeJSON(value)
        case .decimal(let value): writer.writeDecimal(value)
        case .timeOfDay(let value): writer.writeTimeOfDay(value)
        }
    }
}

/// The values bound to one execution of a statement, written in parameter order.
public protocol SQLArguments: Sendable {
    /// Writes every parameter, in order.
    func write<Writer: RowWriter>(to writer: inout Writer)
}

extension Array: SQLArguments where Element == SQLValue {
    /// Writes every value, in order.
    public func write<Writer: RowWriter>(to writer: inout Writer) {
        for value in self { value.write(to: &writer) }
    }
}

/// A model's columns, in table order, as statement arguments (inserts, upserts).
public struct ModelArguments<Model: PersistableModel>: SQLArguments {
    /// The model whose columns are written.
    public let model: Model
    /// The columns of `model`.
    public init(_ model: Model) { self.model = model }
    /// Writes the model's columns in table order.
    public func write<Writer: RowWriter>(to writer: inout Writer) { model.write(to: &writer) }
}

/// A primary key as statement arguments.
public struct PrimaryKeyArguments<Model: PersistableModel>: SQLArguments {
    /// The key whose columns are written.
    public let key: Model.PrimaryKey
    /// The columns of `key`.
    public init(_ key: Model.PrimaryKey) { self.key = key }
    /// Writes the key's columns in key order.
    public func write<Writer: RowWriter>(to writer: inout Writer) { Model.write(primaryKey: key, to: &writer) }
}

/// Several models' columns, one after another (multi-row inserts).
public struct ModelsArguments<Model: PersistableModel>: SQLArguments {
    /// The models whose columns are written, one after another.
    public let models: [Model]
    /// The columns of every model of `models`.
    public init(_ models: [Model]) { self.models = models }
    /// Writes each model's columns, model after model.
    public func write<Writer: RowWriter>(to writer: inout Writer) {
        for model in models { model.write(to: &writer) }
    }
}
