package org.openll.cli.format;

import com.google.gson.JsonObject;

/**
 * The document a command given {@code --json} prints on standard output when it fails:
 * {@code {"error": {"code": CODE, "message": MESSAGE}}}, CODE a gRPC status code's name
 * ({@code UNAVAILABLE}, {@code NOT_FOUND}, ...), {@code INVALID_ARGUMENT} for bad flags,
 * {@code FAILED} for other failures of the command and {@code INTERNAL} for a bug. Pure.
 */
public final class JsonError {
  private JsonError() {}

  public static String format(String code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("code", code);
    error.addProperty("message", message);
    JsonObject document = new JsonObject();
    document.add("error", error);
    return JsonDocument.print(document);
  }
}
