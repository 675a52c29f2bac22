package org.openll.common.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.openll.common.cluster.ClusterHome;

/**
 * Where a command (or an API client) finds the token it presents instead of a client certificate,
 * first match wins: {@code OPENLL_TOKEN} (the token's text), the file {@code OPENLL_TOKEN_FILE}, the
 * file {@code $OPENLL_HOME/tokens/USER.token}. The Python and Node clients of {@code clients/} look
 * in the same places (docs/api.md).
 */
public final class UserTokens {
  public static final String TOKEN_ENV = "OPENLL_TOKEN";
  public static final String TOKEN_FILE_ENV = "OPENLL_TOKEN_FILE";

  private UserTokens() {}

  /** {@code $OPENLL_HOME/tokens/USER.token}. */
  public static Path defaultFile(ClusterHome home, String user) {
    return home.root().resolve("tokens").resolve(user + ".token");
  }

  /**
   * The token {@code user} presents, if any.
   *
   * @throws IOException when {@code OPENLL_TOKEN_FILE} names a file that cannot be read, or a token
   *     file is empty
   */
  public static Optional<String> find(Map<String, String> env, ClusterHome home, String user) throws IOException {
    String text = env.get(TOKEN_ENV);
    if (text != null && !text.isBlank()) {
      return Optional.of(text.strip());
    }
    String file = env.get(TOKEN_FILE_ENV);
    if (file != null && !file.isBlank()) {
      return Optional.of(read(Path.of(file), TOKEN_FILE_ENV + " "));
    }
    Path standard = defaultFile(home, user);
    return Files.exists(standard) ? Optional.of(read(standard, "")) : Optional.empty();
  }

  private static String read(Path file, String source) throws IOException {
    String token;
    try {
      token = Files.readString(file).strip();
    } catch (IOException e) {
      throw new IOException("cannot read the token file " + source + file + ": " + e.getMessage(), e);
    }
    if (token.isEmpty()) {
      throw new IOException("the token file " + source + file + " is empty");
    }
    return token;
  }
}
