package org.openll.common.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Protobuf messages as one log line with their secrets blanked: every string or bytes field whose
 * name contains {@code secret}, {@code token}, {@code password} or {@code credential} (a permit's
 * {@code claim_secret}, any future token), at any depth, reads {@value #REDACTED}. Use it whenever
 * a message goes into a log line or an exception message; never log a message through its own
 * {@code toString}.
 */
public final class Redaction {
  /** What a secret's value is replaced with. */
  public static final String REDACTED = "<redacted>";

  private static final List<String> SECRET_WORDS = List.of("secret", "token", "password", "credential");

  private Redaction() {}

  /** {@code message} in protobuf's one-line text format with its secrets replaced by {@value #REDACTED}. */
  public static String toLogString(Message message) {
    return message == null ? "null" : TextFormat.shortDebugString(redact(message));
  }

  /** A copy of {@code message} with every secret field that is set replaced by {@value #REDACTED}. */
  public static Message redact(Message message) {
    Message.Builder out = null;
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      FieldDescriptor fd = field.getKey();
      Object value = field.getValue();
      Object redacted = redactField(fd, value);
      if (redacted != value) {
        if (out == null) {
          out = message.toBuilder();
        }
        out.setField(fd, redacted);
      }
    }
    return out == null ? message : out.build();
  }

  private static Object redactField(FieldDescriptor fd, Object value) {
    if (fd.isRepeated() && !fd.isMapField() && fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      List<?> items = (List<?>) value;
      List<Object> out = items.stream().map(i -> (Object) redact((Message) i)).toList();
      return sameItems(items, out) ? value : out;
    }
    if (fd.isMapField()) {
      List<?> entries = (List<?>) value;
      List<Object> out = entries.stream().map(i -> (Object) redact((Message) i)).toList();
      return sameItems(entries, out) ? value : out;
    }
    switch (fd.getJavaType()) {
      case MESSAGE:
        return redact((Message) value);
      case STRING:
        if (isSecret(fd)) {
          return fd.isRepeated() ? ((List<?>) value).stream().map(v -> REDACTED).toList() : REDACTED;
        }
        return value;
      case BYTE_STRING:
        if (isSecret(fd)) {
          com.google.protobuf.ByteString blank = com.google.protobuf.ByteString.copyFromUtf8(REDACTED);
          return fd.isRepeated() ? ((List<?>) value).stream().map(v -> blank).toList() : blank;
        }
        return value;
      default:
        return value;
    }
  }

  private static boolean sameItems(List<?> a, List<?> b) {
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** True for a field whose name says it holds a secret. */
  static boolean isSecret(FieldDescriptor fd) {
    String name = fd.getName().toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(name::contains);
  }

  /** {@code secret} as a log shows it: {@value #REDACTED}, or empty when there is none. */
  public static String secret(String secret) {
    return secret == null || secret.isEmpty() ? "" : REDACTED;
  }
}
