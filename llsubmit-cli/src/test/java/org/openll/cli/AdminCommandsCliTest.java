package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.ModifyStepsRequest;
import org.openll.api.v1.ModifyStepsResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.control.AdminActions;
import org.openll.common.control.DaemonControlService;
import org.openll.common.authz.TestCallers;
import org.openll.common.errors.ErrorMappingInterceptor;

/** llctl drain|resume|flush|purge|status and llmodify against in-process DaemonControl and Schedd services. */
class AdminCommandsCliTest {
  @TempDir Path home;
  private final List<Server> servers = new ArrayList<>();
  private final Map<String, String> serverByAddress = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private final List<ModifyStepsRequest> modifies = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private int nextPort = 7101;

  @BeforeEach
  void start() throws Exception {
    serve("schedd", new ScheddGrpc.ScheddImplBase() {
      @Override
      public void modifySteps(ModifyStepsRequest request, StreamObserver<ModifyStepsResponse> response) {
        modifies.add(request);
        response.onNext(ModifyStepsResponse.newBuilder().addAllStepIds(request.getIdsList()).build());
        response.onCompleted();
      }
    }, control("schedd", new Recording("schedd") {
      @Override
      public List<String> purge(List<String> machines, String reason) {
        calls.add("schedd purge " + machines + " " + reason);
        return List.of("h.1.0");
      }
    }));
    serve("startd-h-1", control("startd h-1", new Recording("h-1")));
    serve("startd-h-2", control("startd h-2", new Recording("h-2")));
  }

  @AfterEach
  void stop() {
    servers.forEach(Server::shutdownNow);
  }

  @Test
  void drain_noDaemonWord_drainsTheScheddAndEveryStartd() {
    assertEquals(0, run("llctl", "drain"), err());
    assertEquals(List.of("schedd drain []", "h-1 drain []", "h-2 drain []"), calls);
    assertTrue(out().startsWith("schedd                   drained\n"), out());
  }

  @Test
  void drain_hostAndClasses_drainsThoseClassesOfThatStartdOnly() {
    assertEquals(0, run("llctl", "-h", "h-2", "drain", "startd", "small,large"), err());
    assertEquals(List.of("h-2 drain [small, large]"), calls);
  }

  @Test
  void resume_schedd_resumesOnlyIt() {
    assertEquals(0, run("llctl", "resume", "schedd"), err());
    assertEquals(List.of("schedd resume []"), calls);
    assertEquals("schedd                   resumed\n", out());
  }

  @Test
  void drain_unknownHost_oneLineNamingIt() {
    assertEquals(1, run("llctl", "-h", "nosuch", "drain"));
    assertTrue(err().startsWith("llctl: -h nosuch: no startd of that machine"), err());
    assertTrue(calls.isEmpty());
  }

  @Test
  void flush_oneStartd_drainsItThenTheScheddPurgesItsMachine() {
    assertEquals(0, run("llctl", "-h", "h-1", "flush"), err());
    assertEquals(List.of("h-1 flush", "schedd purge [h-1] llctl flush of h-1 by jdoe"), calls);
    assertEquals("startd-h-1               flushed: vacated h.1.0\n", out());
  }

  @Test
  void purge_machines_askedOfTheSchedd() {
    assertEquals(0, run("llctl", "purge", "h-9"), err());
    assertEquals(List.of("schedd purge [h-9] purged by jdoe"), calls);
  }

  @Test
  void drain_notAnAdministrator_refusedNamingTheUser() {
    assertEquals(1, runAs("mallory", "llctl", "drain", "schedd"));
    assertTrue(out().contains("mallory may not drain the schedd"), out());
  }

  @Test
  void status_json_oneDocumentWithEachDaemon() {
    run("llctl", "status", "--json");
    JsonObject doc = JsonParser.parseString(out()).getAsJsonObject();
    assertEquals(false, doc.getAsJsonObject("master").get("running").getAsBoolean());
    var daemons = doc.getAsJsonArray("daemons");
    assertEquals(4, daemons.size(), out());
    assertEquals("negotiator", daemons.get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("down", daemons.get(0).getAsJsonObject().get("state").getAsString());
  }

  @Test
  void llmodify_keywordsAndPriority_oneRequest() {
    assertEquals(0, run("llmodify", "-k", "class=short", "-k", "wall_clock_limit=1:00,30", "-k", "account_no=p7",
        "-p", "70", "h.1.0"), err());
    ModifyStepsRequest r = modifies.get(0);
    assertEquals("short", r.getJobClass());
    assertEquals(60, r.getWallClockLimit().getHard().getAmount());
    assertEquals(30, r.getWallClockLimit().getSoft().getAmount());
    assertEquals("p7", r.getAccountNo());
    assertEquals(70, r.getUserPriority());
    assertEquals("jdoe", r.getRequester());
    assertEquals("llmodify: modified h.1.0\n", out());
  }

  @Test
  void llmodify_unknownKeywordOrBadLimit_usageErrorNamingIt() {
    assertEquals(1, run("llmodify", "-k", "node=3", "h.1.0"));
    assertTrue(err().startsWith("llmodify: -k node: llmodify changes class"), err());
    err.reset();
    assertEquals(1, run("llmodify", "-k", "wall_clock_limit=soon", "h.1.0"));
    assertTrue(err().startsWith("llmodify: -k wall_clock_limit=soon: "), err());
    assertTrue(modifies.isEmpty());
  }

  @Test
  void llmodify_nothingToChange_usageError() {
    assertEquals(1, run("llmodify", "h.1.0"));
    assertTrue(err().startsWith("llmodify: nothing to modify"), err());
  }

  private class Recording implements AdminActions {
    private final String name;

    Recording(String name) {
      this.name = name;
    }

    @Override
    public String drain(List<String> classes) {
      calls.add(name + " drain " + classes);
      return "drained";
    }

    @Override
    public String resume(List<String> classes) {
      calls.add(name + " resume " + classes);
      return "";
    }

    @Override
    public Flushed flush() {
      calls.add(name + " flush");
      return new Flushed(name, List.of("h.1.0"));
    }
  }

  private DaemonControlService control(String daemon, AdminActions actions) {
    return new DaemonControlService(daemon, List::of, actions, "jdoe"::equals);
  }

  private void serve(String daemonName, BindableService... services) throws Exception {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    for (BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, new ErrorMappingInterceptor(), TestCallers.server()));
    }
    servers.add(builder.build().start());
    String address = "127.0.0.1:" + nextPort++;
    serverByAddress.put(address, name);
    new ClusterHome(home).publishAddress(daemonName, address);
  }

  private int run(String command, String... args) {
    return runAs("jdoe", command, args);
  }

  private int runAs(String user, String command, String... args) {
    CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
        Map.of(ClusterHome.ENV, home.toString()), home, user, "/home/" + user,
        Clock.fixed(Instant.parse("2026-11-25T20:00:00Z"), ZoneId.of("UTC")),
        address -> InProcessChannelBuilder.forName(serverByAddress.getOrDefault(address.toString(), "none-" + address))
            .directExecutor().intercept(TestCallers.as(TestCallers.user(user))).build(),
        Duration.ofSeconds(5));
    return LlMain.run(command, args, context);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
