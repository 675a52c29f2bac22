package org.openll.cli.format;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.MessageOrBuilder;
import java.util.List;

/**
 * The {@code --json} documents of commands that combine several messages: protobuf messages in
 * their JSON mapping ({@link StepsJson#print}) placed in a Gson tree, printed as one document. Pure.
 */
public final class JsonDocument {
  private JsonDocument() {}

  /** {@code message} as a JSON tree. */
  public static JsonElement of(MessageOrBuilder message) {
    return JsonParser.parseString(StepsJson.print(message));
  }

  /** {@code messages} as a JSON array. */
  public static JsonArray array(List<? extends MessageOrBuilder> messages) {
    JsonArray array = new JsonArray();
    messages.forEach(m -> array.add(of(m)));
    return array;
  }

  /** {@code element} indented, with a final newline. */
  public static String print(JsonElement element) {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(element) + "\n";
  }
}
