import Foundation
import StrataSQLite
import Testing

/// The text forms the SQLite driver binds and reads without Foundation's formatters: UUIDs as 36
/// lowercase characters, read back in either case.
@Suite struct StoredTextFormTests {
    /// Every nibble value in every position: the bytes 0x00…0xFF spread over sixteen UUIDs.
    static let uuids: [UUID] = (0..<16).map { start in
        var raw = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 { raw[index] = UInt8((start * 16 + index) & 0xFF) }
        return UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
    } + [UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]

    @Test func uuidTextIsFoundationsTextInLowercase() {
        for uuid in Self.uuids {
            let text = UUIDText.withText(uuid) { String(decoding: $0, as: UTF8.self) }
            #expect(text == uuid.uuidString.lowercased())
        }
    }

    @Test func uuidTextReadsBackInEitherCase() {
        for uuid in Self.uuids {
            for text in [uuid.uuidString, uuid.uuidString.lowercased()] {
                var bytes = Array(text.utf8)
                #expect(bytes.withUnsafeMutableBufferPointer { UUIDText.uuid(from: UnsafeBufferPointer($0)) } == uuid)
            }
        }
        var notHex = Array("0000000g-0000-0000-0000-000000000000".utf8)
        #expect(notHex.withUnsafeMutableBufferPointer { UUIDText.uuid(from: UnsafeBufferPointer($0)) } == nil)
    }
}
