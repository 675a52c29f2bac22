package org.openll.cli.format;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import org.openll.api.v1.StepStatus;

/**
 * The {@code --json} output: one JSON document, an array of StepStatus objects (protobuf's JSON
 * mapping with the proto field names, every field printed); {@code []} when there are none.
 */
public final class StepsJson {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence();

  private static final JsonFormat.Printer LINE_PRINTER = PRINTER.omittingInsignificantWhitespace();

  private StepsJson() {}

  public static String format(List<StepStatus> steps) {
    if (steps.isEmpty()) {
      return "[]\n";
    }
    StringBuilder text = new StringBuilder("[\n");
    for (int i = 0; i < steps.size(); i++) {
      text.append(indent(print(steps.get(i))));
      text.append(i < steps.size() - 1 ? ",\n" : "\n");
    }
    return text.append("]\n").toString();
  }

  /** One message as a JSON object. */
  public static String print(MessageOrBuilder message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      // only Any fields with unknown types fail, and openll's messages have none
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** One message as a JSON object on one line, without the newline: a line of JSON Lines. */
  public static String line(MessageOrBuilder message) {
    try {
      return LINE_PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static String indent(String json) {
    return "  " + json.replace("\n", "\n  ");
  }
}
