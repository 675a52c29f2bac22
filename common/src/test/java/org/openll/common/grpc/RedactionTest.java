package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.SubmitJobRequest;

class RedactionTest {
  private static final String SECRET = "9f1c2a7be0d54c11a2b3c4d5e6f70819";

  private static Permit permit() {
    return Permit.newBuilder().setStepId("h.1.0").setMachine("m1").setStartdAddress("127.0.0.1:9")
        .setClaimSecret(SECRET).setCpus(2).build();
  }

  @Test
  void permit_claimSecretRedacted_otherFieldsKept() {
    String line = Redaction.toLogString(permit());
    assertFalse(line.contains(SECRET), line);
    assertTrue(line.contains("claim_secret: \"<redacted>\""), line);
    assertTrue(line.contains("step_id: \"h.1.0\""), line);
    assertTrue(line.contains("cpus: 2"), line);
  }

  @Test
  void startStepRequest_nestedPermitSecretRedacted() {
    StartStepRequest request = StartStepRequest.newBuilder().setPermit(permit()).setScheddAddress("127.0.0.1:8").build();
    String line = Redaction.toLogString(request);
    assertFalse(line.contains(SECRET), line);
    assertTrue(line.contains("schedd_address: \"127.0.0.1:8\""), line);
  }

  @Test
  void startStepRequest_logFormattedThroughLog4j_noSecret() {
    StartStepRequest request = StartStepRequest.newBuilder().setPermit(permit()).build();
    String formatted = new org.apache.logging.log4j.message.ParameterizedMessage("start {}",
        Redaction.toLogString(request)).getFormattedMessage();
    assertFalse(formatted.contains(SECRET), formatted);
  }

  @Test
  void messageWithoutSecrets_returnedAsIs() {
    SubmitJobRequest request = SubmitJobRequest.newBuilder().setOwner("alice").build();
    assertSame(request, Redaction.redact(request));
  }

  @Test
  void unsetSecret_staysUnset() {
    Permit noSecret = Permit.newBuilder().setStepId("h.1.0").build();
    assertEquals("step_id: \"h.1.0\"", Redaction.toLogString(noSecret));
  }

  @Test
  void secret_string_redactedOrEmpty() {
    assertEquals("<redacted>", Redaction.secret(SECRET));
    assertEquals("", Redaction.secret(""));
  }
}
