package org.openll.cli.format;

import com.google.gson.JsonObject;

/**
 * The document a command given {@code --json} prints on standard output when it fails:
 * {@code {"error": {"code": CODE, "message": MESSAGE}}}, CODE a gRPC status code's name
 * ({@code UNAVAILABLE}, {@code NOT_FOUND}, ...), {@code INVALID_ARGUMENT} for bad flags,
 * {@code FAILED} for other failures of the command and {@code INTERNAL} for a bug. On one line,
 * so it is also a valid last line of {@code llq -W --json}'s JSON Lines. Pure.
 */
public final class JsonError {
  private JsonError() {}

  public static String format(String code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("code", code);
    error.addProperty("message", message);
    JsonObject document = new JsonObject();
    document.add("error", error);
    return new com.google.gson.GsonBuilder().disableHtmlEscaping().create().toJson(document) + "\n";
  }
}
