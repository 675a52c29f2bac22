package org.openll.schedd.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one connection, kept for as long as it is the one asked about:
 * SQLite compiles a statement each time it is prepared, and the writer prepared the same few for
 * every transaction (~3 % of the schedd's CPU). A statement comes back without parameters or
 * batch; the connection's close finalizes them. Not thread-safe: the writer thread's.
 */
final class CachedStatements {
  private Connection connection;
  private final Map<String, PreparedStatement> bySql = new HashMap<>();

  /** {@code sql} prepared on {@code c}; a new connection starts a new cache. */
  PreparedStatement of(Connection c, String sql) throws SQLException {
    if (c != connection) {
      bySql.clear();
      connection = c;
    }
    PreparedStatement ps = bySql.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = c.prepareStatement(sql);
      bySql.put(sql, ps);
    } else {
      ps.clearBatch(); // what a write that failed half-way left
      ps.clearParameters();
    }
    return ps;
  }
}
