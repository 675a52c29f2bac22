package org.openll.common.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.ResourceRequest;
import org.openll.common.config.ConfigException;

class AdminConfigTest {
  private static final List<String> ADMIN = List.of(
      "# a small cluster",                                        // 1
      "default: type = class",                                    // 2
      "  maxjobs = 10",                                           // 3
      "  wall_clock_limit = 4:00:00",                             // 4
      "  exclude_users = mallory",                                // 5
      "short: type = class",                                      // 6
      "  priority = 100",                                         // 7
      "  class_comment = quick jobs",                             // 8
      "  include_users = alice, bob carol",                       // 9
      "  include_groups = physics",                               // 10
      "  exclude_groups = guests",                                // 11
      "  max_jobs_per_user = 2",                                  // 12
      "  max_total_tasks = 64",                                   // 13
      "  max_node = 4",                                           // 14
      "  wall_clock_limit = 30:00, 25:00",                        // 15
      "  default_wall_clock_limit = 10:00",                       // 16
      "  rss_limit = 2gb",                                        // 17
      "  default_resources = ConsumableCpus(1) ConsumableMemory(512 mb) gpu(0)", // 18
      "  nice = 5",                                               // 19
      "long: type = class",                                       // 20
      "  maxjobs = -1",                                           // 21
      "default: type = user",                                     // 22
      "  default_class = short",                                  // 23
      "  maxqueued = 100",                                        // 24
      "alice: type = user",                                       // 25
      "  priority = 5",                                           // 26
      "  default_class = long short",                             // 27
      "  default_group = physics",                                // 28
      "  maxjobs = 3",                                            // 29
      "  maxidle = 4",                                            // 30
      "  max_node = 2",                                           // 31
      "  total_tasks = 16",                                       // 32
      "  fair_shares = 10",                                       // 33
      "  account = a1",                                           // 34
      "physics: type = group",                                    // 35
      "  priority = 20",                                          // 36
      "  include_users = alice bob",                              // 37
      "  exclude_users = eve",                                    // 38
      "  maxjobs = 8",                                            // 39
      "  maxidle = 9",                                            // 40
      "  maxqueued = 50",                                         // 41
      "  max_node = 3",                                           // 42
      "  total_tasks = 32",                                       // 43
      "  fair_shares = 40",                                       // 44
      "default: type = machine",                                  // 45
      "  resources = licence(1)",                                 // 46
      "node1: type = machine",                                    // 47
      "  resources = gpu(2) ConsumableMemory(4gb)",               // 48
      "  central_manager = false",                                // 49
      "switch0: type = adapter",                                  // 50
      "  adapter_name = en0");                                    // 51

  private static AdminConfig read(List<String> lines) {
    return AdminConfig.from(AdminFile.parse(lines, "LoadL_admin"));
  }

  private static String error(String... lines) {
    return assertThrows(ConfigException.class, () -> read(List.of(lines))).getMessage();
  }

  @Test
  void classStanza_everyKeyword_readWithDefaultStanzaUnder() {
    ClassStanza c = read(ADMIN).classNamed("short");

    assertEquals("short", c.name());
    assertEquals(100, c.priority());
    assertEquals("quick jobs", c.comment());
    assertEquals(Set.of("alice", "bob", "carol"), c.includeUsers());
    assertEquals(Set.of("mallory"), c.excludeUsers());
    assertEquals(Set.of("physics"), c.includeGroups());
    assertEquals(Set.of("guests"), c.excludeGroups());
    assertEquals(10, c.maxJobs());
    assertEquals(2, c.maxJobsPerUser());
    assertEquals(64, c.maxTotalTasks());
    assertEquals(4, c.maxNode());
    assertEquals(1800, c.limits().getWallClockLimit().getHard().getAmount());
    assertEquals(1500, c.limits().getWallClockLimit().getSoft().getAmount());
    assertEquals(2L << 30, c.limits().getRssLimit().getHard().getAmount());
    assertEquals(600, c.defaultLimits().getWallClockLimit().getHard().getAmount());
    assertFalse(c.defaultLimits().hasRssLimit());
    assertEquals(List.of(resource("ConsumableCpus", 1), resource("ConsumableMemory", 512), resource("gpu", 0)),
        c.defaultResources());
    assertEquals("5", c.keywords().get("nice"));
    assertEquals("10", c.keywords().get("maxjobs"));
  }

  @Test
  void classStanza_ownValueWins_overDefaultStanza() {
    AdminConfig admin = read(ADMIN);

    assertEquals(Unlimited.VALUE, admin.classNamed("long").maxJobs());
    assertEquals(14400, admin.classNamed("long").limits().getWallClockLimit().getHard().getAmount());
    assertEquals(0, admin.classNamed("long").priority());
  }

  @Test
  void classNamed_withoutStanza_getsDefaultStanzaUnderItsName() {
    AdminConfig admin = read(ADMIN);
    ClassStanza c = admin.classNamed("other");

    assertEquals("other", c.name());
    assertEquals(10, c.maxJobs());
    assertFalse(admin.classDefined("other"));
    assertTrue(admin.classDefined("short"));
    assertTrue(admin.classDefined(AdminConfig.NO_CLASS));
    assertEquals(Set.of("short", "long"), admin.classes().keySet());
    assertEquals(Optional.of("user mallory is in exclude_users of class other"), c.refusal("mallory", "x"));
  }

  @Test
  void userStanza_everyKeyword_read() {
    AdminConfig admin = read(ADMIN);
    UserStanza alice = admin.user("alice");

    assertEquals(5, alice.priority());
    assertEquals(List.of("long", "short"), alice.defaultClass());
    assertEquals("physics", alice.defaultGroup());
    assertEquals(3, alice.maxJobs());
    assertEquals(4, alice.maxIdle());
    assertEquals(100, alice.maxQueued());
    assertEquals(2, alice.maxNode());
    assertEquals(16, alice.totalTasks());
    assertEquals(10, alice.fairShares());
    assertEquals("a1", alice.keywords().get("account"));
  }

  @Test
  void user_withoutStanza_getsDefaultUserStanza() {
    UserStanza bob = read(ADMIN).user("bob");

    assertEquals("bob", bob.name());
    assertEquals(List.of("short"), bob.defaultClass());
    assertEquals(AdminConfig.NO_GROUP, bob.defaultGroup());
    assertEquals(100, bob.maxQueued());
    assertEquals(Unlimited.VALUE, bob.maxJobs());
    assertEquals(0, bob.fairShares());
  }

  @Test
  void groupStanza_everyKeyword_read() {
    GroupStanza g = read(ADMIN).group("physics");

    assertEquals(20, g.priority());
    assertEquals(Set.of("alice", "bob"), g.includeUsers());
    assertEquals(Set.of("eve"), g.excludeUsers());
    assertEquals(8, g.maxJobs());
    assertEquals(9, g.maxIdle());
    assertEquals(50, g.maxQueued());
    assertEquals(3, g.maxNode());
    assertEquals(32, g.totalTasks());
    assertEquals(40, g.fairShares());
    assertEquals(Optional.of("user eve is in exclude_users of group physics"), g.refusal("eve"));
    assertEquals(Optional.empty(), g.refusal("alice"));
  }

  @Test
  void machineStanza_resourcesInMiBAndKeywordsKept() {
    AdminConfig admin = read(ADMIN);
    MachineStanza node1 = admin.machine("node1").orElseThrow();

    assertEquals(Map.of("gpu", 2L, "ConsumableMemory", 4096L), node1.resources());
    assertEquals("false", node1.keywords().get("central_manager"));
    assertEquals(Map.of("licence", 1L), admin.machine("node2").orElseThrow().resources());
    assertEquals("node2", admin.machine("node2").orElseThrow().name());
    assertEquals(Set.of("node1"), admin.machines().keySet());
  }

  @Test
  void machine_noStanzaAndNoDefault_isEmpty() {
    assertEquals(Optional.empty(), read(List.of("a: type = class")).machine("node1"));
  }

  @Test
  void empty_builtInDefaults() {
    AdminConfig admin = AdminConfig.empty();

    assertTrue(admin.classDefined("anything"));
    assertEquals(0, admin.classNamed("x").priority());
    assertEquals(Unlimited.VALUE, admin.classNamed("x").maxJobs());
    assertEquals(AdminConfig.NO_GROUP, admin.user("u").defaultGroup());
    assertEquals(List.of(), admin.user("u").defaultClass());
    assertEquals(Unlimited.VALUE, admin.group("g").maxQueued());
  }

  @Test
  void load_missingFile_isEmpty(@TempDir Path dir) throws IOException {
    assertEquals(AdminConfig.empty(), AdminConfig.load(dir.resolve("LoadL_admin")));
  }

  @Test
  void load_file_namesItInErrors(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("LoadL_admin");
    Files.write(file, List.of("short: type = class", "  maxjobs = x"));

    ConfigException e = assertThrows(ConfigException.class, () -> AdminConfig.load(file));
    assertEquals(file + ":2: class short: maxjobs = x: not a number", e.getMessage());
  }

  @Test
  void badValues_nameFileLineStanzaKeywordAndValue() {
    assertEquals("LoadL_admin:3: class short: maxjobs = x: not a number",
        error("# c", "short: type = class", "  maxjobs = x"));
    assertEquals("LoadL_admin:2: class short: maxjobs = -3: expected -1 (unlimited) or a count from 0",
        error("short: type = class", "  maxjobs = -3"));
    assertEquals("LoadL_admin:2: class short: priority = high: not a number",
        error("short: type = class", "  priority = high"));
    assertEquals("LoadL_admin:2: class short: wall_clock_limit = soon: not a time: soon",
        error("short: type = class", "  wall_clock_limit = soon"));
    assertEquals("LoadL_admin:2: class short: default_rss_limit = lots: not a size: lots",
        error("short: type = class", "  default_rss_limit = lots"));
    assertEquals("LoadL_admin:2: class short: default_resources = gpu(two): gpu(two): not a non-negative integer",
        error("short: type = class", "  default_resources = gpu(two)"));
    assertEquals("LoadL_admin:2: user alice: fair_shares = -1: must not be negative",
        error("alice: type = user", "  fair_shares = -1"));
    assertEquals("LoadL_admin:2: group g: maxidle = 1.5: not a number", error("g: type = group", "  maxidle = 1.5"));
    assertEquals("LoadL_admin:2: machine n: resources = gpu: expected name(count) name(count) ..., cannot read \"gpu\"",
        error("n: type = machine", "  resources = gpu"));
  }

  @Test
  void badValueInDefaultStanza_reportedUnderDefault() {
    assertEquals("LoadL_admin:2: class default: maxjobs = x: not a number",
        error("default: type = class", "  maxjobs = x", "short: type = class"));
  }

  @Test
  void unknownStanzaType_namesFileAndLine() {
    assertEquals("LoadL_admin:2: stanza x: unknown type cluster2 (expected class, user, group, machine or adapter)",
        error("", "x: type = cluster2"));
  }

  @Test
  void stanzaDefinedTwice_namesBothLines() {
    assertEquals("LoadL_admin:3: class a is defined twice (first at line 1)",
        error("a: type = class", "b: type = class", "a: type = class"));
  }

  @Test
  void continuationLine_errorNamesItsFirstLine() {
    assertEquals("LoadL_admin:2: class a: maxjobs = 1 2: not a number",
        error("a: type = class", "  maxjobs = 1\\", "   2"));
  }

  @Test
  void changesFrom_sameFile_nothing() {
    assertEquals(List.of(), read(ADMIN).changesFrom(read(ADMIN)));
  }

  @Test
  void changesFrom_changedAddedRemovedAndDefaultStanzas_listed() {
    AdminConfig before = read(List.of("default: type = class", "short: type = class", "  maxjobs = 1",
        "long: type = class", "alice: type = user", "n1: type = machine"));
    AdminConfig after = read(List.of("default: type = class", "  priority = 1", "short: type = class",
        "  maxjobs = 2", "big: type = class", "alice: type = user", "default: type = machine",
        "n1: type = machine"));

    assertEquals(List.of("class default", "class big", "class long", "class short", "machine default"),
        after.changesFrom(before));
  }

  @Test
  void from_randomLines_onlyConfigException() {
    java.util.Random random = new java.util.Random(7);
    List<String> pieces = List.of("a: type = class", "default: type = user", "n: type = machine", "g: type = group",
        "maxjobs = ", "priority = ", "resources = gpu(", "default_resources = ConsumableMemory(", "rss_limit = ",
        "wall_clock_limit = ", "include_users = ", "x", ":", "=", "\\", "#", ")", "1", "-1", "2gb", "1:00", ",", " ");
    for (int i = 0; i < 5_000; i++) {
      List<String> lines = new java.util.ArrayList<>();
      for (int l = random.nextInt(6); l >= 0; l--) {
        StringBuilder line = new StringBuilder();
        for (int p = random.nextInt(4); p >= 0; p--) {
          line.append(pieces.get(random.nextInt(pieces.size())));
        }
        lines.add(line.toString());
      }
      try {
        read(lines);
      } catch (ConfigException e) {
        assertTrue(e.getMessage().startsWith("LoadL_admin:"), e.getMessage());
      }
    }
  }

  @Test
  void parse_keepsStanzaAndKeywordLines() {
    AdminFile file = AdminFile.parse(ADMIN, "LoadL_admin");
    AdminFile.Stanza alice = file.resolved("user", "alice").orElseThrow();

    assertEquals(25, alice.line());
    assertEquals(29, alice.lineOf("maxjobs"));
    assertEquals(24, alice.lineOf("maxqueued"));
    assertEquals("LoadL_admin", file.source());
  }

  private static ResourceRequest resource(String name, long amount) {
    return ResourceRequest.newBuilder().setName(name).setAmount(amount).build();
  }
}
