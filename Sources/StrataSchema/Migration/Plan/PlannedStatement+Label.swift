extension PlannedStatement {
    /// The statement's lock and work in words, as `--sql`, `revision` and `lint` print them:
    /// `SHARE UPDATE EXCLUSIVE on captures (reads and writes continue), scans the table,
    /// outside a transaction`.
    public var label: String {
        var text = lock.name
        if let table, lock != .unknown, lock != .databaseWriter { text += " on \(table)" }
        switch lock {
        case .unknown: text += ": check its locks yourself"
        case .databaseWriter: text += " (readers continue)"
        case _ where lock.blocksReads: text += " (reads and writes wait)"
        case _ where lock.blocksWrites: text += " (writes wait)"
        default: text += " (reads and writes continue)"
        }
        if lock != .unknown { text += ", " + work.name }
        switch placement {
        case .inTransaction: break
        case .inNewTransaction: text += ", in a transaction of its own"
        case .outsideTransaction: text += ", outside a transaction"
        }
        return text
    }
}
