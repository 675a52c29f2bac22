package org.openll.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Looks users up in a {@code passwd}-format file ({@code /etc/passwd} in production). */
final class UserAccounts {
  /** One line of the file: the fields the starter needs. */
  record Account(String name, String home, String shell) {}

  private final Path passwdFile;

  UserAccounts(Path passwdFile) {
    this.passwdFile = passwdFile;
  }

  static UserAccounts system() {
    return new UserAccounts(Path.of("/etc/passwd"));
  }

  /** The account of {@code user}, or empty when the file does not list it or cannot be read. */
  Optional<Account> find(String user) {
    try {
      for (String line : Files.readAllLines(passwdFile)) {
        String[] f = line.split(":", -1);
        if (f.length >= 7 && f[0].equals(user)) {
          return Optional.of(new Account(f[0], f[5], f[6]));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
